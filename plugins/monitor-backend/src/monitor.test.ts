/*
 * The monitor plugin with real services started by the test — OpenLDAP slapd, an HTTP service,
 * the tickets plugin, the roster plugin with a generated month — behind the permission backend
 * and yinxin's role policy, on each database engine. Probe rounds are run at injected times (the
 * roster's clock moves with them): stopping slapd makes the LDAP probe fail, the alert fires after
 * its for-duration, a ticket appears through the tickets API, the engineer on duty is paged (a
 * roster dispatch answering the ticket, arrival within 2 hours), an engineer acknowledges it, and
 * when slapd returns the alert resolves and so does the ticket.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import ticketsPlugin from '@yinxin/plugin-tickets-backend';
import platformPlugin from '@yinxin/plugin-platform-backend';
import { createRosterPlugin } from '@yinxin/plugin-roster-backend';
import { TestSlapd, as, engineDatabaseFactory, engineDatabases, policyTestFeatures, startSlapd, walkRouteMatrix } from '@yinxin/backend-testing';
import { verifyAuditLog } from '@yinxin/ops-node';
import { monitorPlugin, lastMonitor } from './plugin';

jest.setTimeout(300_000);
const databases = engineDatabases();
const T0 = Date.parse('2026-11-29T01:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000);
/** The on-call pool and the rest of the contract's team (sign-in names are role-named test users). */
const TEAM = [
  { name: '王经理', login: 'roster-manager', roles: ['project-manager'] },
  { name: '李运维', login: 'ops-engineer', roles: ['maintenance', 'technical-support'] },
  { name: '张驻场', login: 'ops-engineer-2', roles: ['resident'] },
  { name: '赵驻场', login: 'ops-engineer-3', roles: ['resident', 'maintenance'] },
  { name: '陈录入', login: null, roles: ['enrolment'] },
  { name: '周客服', login: 'support-agent', roles: ['customer-service'] },
];

describe.each(databases.eachSupportedId())('monitor on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  let slapd: TestSlapd;
  let web: http.Server;
  let rosterNow = at(0);
  /** One probe round at `s` seconds, with the roster's clock at the same instant. */
  const round = (s: number) => {
    rosterNow = at(s);
    return lastMonitor!.service.runOnce(at(s));
  };

  beforeAll(async () => {
    slapd = await startSlapd();
    web = http.createServer((_req, res) => res.end('portal healthy'));
    await new Promise<void>(r => web.listen(0, '127.0.0.1', () => r()));
    const webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/health`;
    const backend = await startTestBackend({
      features: [
        monitorPlugin,
        createRosterPlugin({ clock: () => rosterNow }),
        ticketsPlugin,
        platformPlugin,
        ...policyTestFeatures({
          monitor: {
            intervalSeconds: 3600,
            initialDelaySeconds: 3600,
            builtin: { enabled: false },
            catalog: { enabled: false },
            targets: [
              { id: 'ldap', name: 'LDAP 目录', kind: 'ldap', criticality: 'critical', options: { url: slapd.url, baseDn: '', bindDn: slapd.rootDn, password: slapd.rootPassword, scope: 'base', timeoutMs: 2000 } },
              { id: 'portal', name: '门户', kind: 'http', options: { url: webUrl, bodyContains: 'healthy' } },
            ],
          },
        }),
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'monitor') knex = k;
        }),
      ] as any[],
    });
    server = backend.server;
    stop = () => backend.stop();
    // the project manager sets up the team and generates the month
    for (const p of TEAM) {
      const res = await request(server)
        .post('/api/roster/people')
        .set('Authorization', as('roster-manager'))
        .send({ person: { name: p.name, userRef: p.login ? `user:default/${p.login}` : null, roles: p.roles, yearsOfExperience: 5, contact: { phone: '13800000000' } }, reason: '项目组建，人员名单已书面报送甲方', noticeDate: '2026-10-20', effectiveDate: '2026-11-01' });
      expect(res.status).toBe(201);
    }
    expect((await request(server).post('/api/roster/rosters/2026-11/generate').set('Authorization', as('roster-manager')).send({})).status).toBe(200);
  });
  afterAll(async () => {
    await stop?.();
    await slapd?.dispose();
    web?.close();
  });

  const get = (who: string, path: string) => request(server).get(path).set('Authorization', as(who));

  it('probes report healthy; stopping slapd fires the LDAP alert after its for-duration, opens a ticket and pages the engineer on duty; its return resolves both', async () => {
    await round(0);
    const targets = await get('ops-engineer', '/api/monitor/targets');
    expect(targets.status).toBe(200);
    expect(targets.body.map((t: any) => [t.id, t.status])).toEqual([
      ['ldap', 'up'],
      ['portal', 'up'],
    ]);
    await slapd.stop();
    const pending = await round(60);
    expect(pending.map(e => [e.type, e.ruleId, e.targetId])).toEqual([['pending', 'down', 'ldap']]);
    expect((await round(120)).filter(e => e.type === 'firing')).toEqual([]); // 60 s of the 120 s
    const firing = await round(180);
    expect(firing.map(e => [e.type, e.ruleId, e.targetId, e.silenced])).toEqual([['firing', 'down', 'ldap', false]]);
    const alerts = await get('ops-engineer', '/api/monitor/alerts');
    const alert = alerts.body.find((a: any) => a.ruleId === 'down' && a.targetId === 'ldap');
    expect(alert).toMatchObject({ state: 'firing', severity: 'critical', ticketNumber: expect.any(String) });
    const ticket = await get('support-agent', `/api/tickets/tickets/${alert.ticketId}`);
    expect(ticket.body.ticket).toMatchObject({ channel: 'alert', category: 'fault', priority: 'urgent', state: 'new' });
    // the engineer on call this Sunday morning was paged: a roster dispatch answering the ticket,
    // arrival within 2 hours (a major incident), named on the alert and in a ticket comment
    const duty = (await get('roster-manager', '/api/roster/duty/now')).body;
    const onDuty = [...duty.onsite, ...duty.oncall].map((d: any) => d.person.name);
    expect(onDuty).toContain(alert.pagedTo);
    expect(Date.parse(alert.arrivalDeadline)).toBe(at(180).getTime() + 2 * 3600_000);
    const dispatches = (await get('roster-manager', '/api/roster/dispatches')).body;
    const dispatch = (dispatches.items ?? dispatches).find((d: any) => d.id === alert.dispatchId);
    expect(dispatch).toMatchObject({ severity: 'major', state: 'dispatched', personName: alert.pagedTo, source: { kind: 'ticket', ticketId: alert.ticketId } });
    expect(JSON.stringify(ticket.body)).toMatch(/已派值班工程师/);
    // a later round does not open a second ticket, nor page again
    await round(240);
    expect((await get('ops-engineer', '/api/monitor/alerts')).body.find((a: any) => a.ruleId === 'down')).toMatchObject({ ticketId: alert.ticketId, dispatchId: alert.dispatchId });
    expect(((await get('roster-manager', '/api/roster/dispatches')).body.items ?? []).length).toBe(1);
    // an engineer takes it; support staff may read but not acknowledge
    expect((await request(server).post('/api/monitor/alerts/down/ldap/ack').set('Authorization', as('support-agent'))).status).toBe(403);
    const ack = await request(server).post('/api/monitor/alerts/down/ldap/ack').set('Authorization', as('ops-engineer'));
    expect(ack.body).toMatchObject({ acknowledgedBy: 'user:default/ops-engineer' });
    // slapd returns
    await slapd.resume();
    const resolved = await round(300);
    expect(resolved.map(e => [e.type, e.ruleId, e.targetId])).toEqual([['resolved', 'down', 'ldap']]);
    expect((await get('support-agent', `/api/tickets/tickets/${alert.ticketId}`)).body.ticket.state).toBe('resolved');
    expect((await get('ops-engineer', '/api/monitor/alerts')).body).toEqual([]);
    // history, series and the audit chain
    const events = await get('ops-engineer', '/api/monitor/alerts/events?targetId=ldap');
    expect(events.body.map((e: any) => e.type).reverse()).toEqual(['pending', 'firing', 'resolved']);
    const up = await get('ops-engineer', `/api/monitor/series?name=probe_up&target=ldap&from=${T0}&to=${T0 + 3600_000}&step=60000`);
    expect(up.body.map((p: any) => p.max)).toEqual([1, 0, 0, 0, 0, 1]);
    const actions = (await knex('audit_log').select('action')).map((r: any) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['monitor.alert.firing', 'monitor.alert.acknowledge', 'monitor.alert.resolved']));
    expect((await verifyAuditLog(knex)).ok).toBe(true);
  });

  it('answers every route × caller as the policy says', async () => {
    const { problems, tally } = await walkRouteMatrix({
      server,
      base: '/api/monitor',
      routes: lastMonitor!.api.routes(),
      knex,
      fillPath: p => p.replace(':ruleId', 'down').replace(':targetId', 'portal'),
    });
    expect(problems).toEqual([]);
    expect(tally.granted).toBeGreaterThan(5);
    expect(tally.refused).toBeGreaterThan(50);
  });
});
