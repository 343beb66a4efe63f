/*
 * The portal's own services as monitor targets, with the real CA (OCSP responders, CRLs over
 * HTTP and in a real slapd, both TSAs, the KMC pool), the real seal plugin (its maker and status
 * certificates, its public lookup page) and the tickets plugin, behind the role policy. The CA
 * publishes its URLs under `backend.baseUrl`, so the test backend is reached through a forwarder
 * on a port fixed before it starts.
 *
 * Acceptance: every built-in probe reports healthy; a certificate inside the warning window
 * raises the expiry alert, which opens a ticket; the calendar lists every service certificate.
 */
import request from 'supertest';
import { startTestBackend } from '@backstage/backend-test-utils';
import caPlugin from '@yinxin/plugin-ca-backend';
import ticketsPlugin from '@yinxin/plugin-tickets-backend';
import platformPlugin from '@yinxin/plugin-platform-backend';
import { sealPlugin } from '@yinxin/plugin-seal-backend';
import { TestSlapd, TcpForwarder, as, manualScheduler, policyTestFeatures, startSlapd, startTcpForwarder } from '@yinxin/backend-testing';
import { monitorPlugin, lastMonitor } from './plugin';

jest.setTimeout(600_000);

describe('built-in targets: the portal’s own services', () => {
  let server: any;
  let stop: () => Promise<void>;
  let slapd: TestSlapd;
  let forwarder: TcpForwarder;
  const scheduler = manualScheduler();
  const get = (who: string, path: string) => request(server).get(path).set('Authorization', as(who));

  beforeAll(async () => {
    slapd = await startSlapd({ baseDn: 'o=yinxin monitor,c=CN', rootPassword: 'publisher-secret' });
    forwarder = await startTcpForwarder();
    const backend = await startTestBackend({
      features: [
        monitorPlugin,
        caPlugin,
        sealPlugin,
        ticketsPlugin,
        platformPlugin,
        scheduler.factory,
        ...policyTestFeatures(
          {
            ca: { masterKey: '00112233445566778899aabbccddeeff', organisation: '测试数字证书认证中心', rsaBits: 2048, ldap: { url: slapd.url, baseDn: slapd.baseDn, bindDn: slapd.rootDn, bindPassword: 'publisher-secret' } },
            kmc: { masterKey: 'ffeeddccbbaa99887766554433221100', poolLowWater: 2, poolTarget: 4, judicialApprovals: 2 },
            seal: { masterKey: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', regionCode: '350100', vendorId: 'YINXIN' },
            monitor: {
              intervalSeconds: 3600,
              initialDelaySeconds: 3600,
              catalog: { enabled: false },
              // every certificate of a year is inside a 400-day window: the expiry alert must fire
              builtin: { enabled: true, warnDays: 400, metrics: false },
              rules: [
                { id: 'down', name: '服务不可用', targets: '*', condition: { kind: 'status', atLeast: 'down' }, forSeconds: 0, severity: 'critical' },
                { id: 'expiry', name: '证书即将到期', targets: '*', condition: { kind: 'threshold', field: 'daysLeft', op: '<', value: 400 }, forSeconds: 0, severity: 'major' },
              ],
            },
          },
          { backend: { baseUrl: `http://127.0.0.1:${forwarder.port}` } },
        ),
      ] as any[],
    });
    server = backend.server;
    forwarder.forwardTo(server.address().port);
    stop = () => backend.stop();
  });
  afterAll(async () => {
    await stop?.();
    await forwarder?.close();
    await slapd?.dispose();
  });

  it('finds the CA’s services, the seal service and the KMC pool, and every probe reports healthy', async () => {
    // what the schedule would do by itself: the seal plugin has its maker and status keys
    // certified, the CA publishes CRLs and certificates in LDAP; a KMC officer fills the pool
    await scheduler.run('seal-service-keys');
    expect((await request(server).post('/api/ca/ldap/republish').set('Authorization', as('ca-admin')).send({})).status).toBe(200);
    await scheduler.run('ca-ldap-publish');
    expect((await request(server).post('/api/ca/kmc/pool/refill').set('Authorization', as('kmc-officer')).send({})).status).toBe(200);

    const service = lastMonitor!.service;
    await service.runOnce(new Date());
    const targets = (await get('support-lead', '/api/monitor/targets')).body as any[];
    const byKind = (kind: string) => targets.filter(t => t.kind === kind);
    expect(targets.find(t => t.id === 'ca-api')).toMatchObject({ status: 'up', source: 'builtin' });
    expect(byKind('ocsp').length).toBe(4); // SM2 and RSA, root and issuing
    expect(byKind('crl').length).toBe(4);
    expect(byKind('ldap').length).toBe(2); // issuing CAs publish CRLs in the directory
    expect(byKind('tsa').map(t => t.id).sort()).toEqual(['tsa-rsa', 'tsa-sm2']);
    expect(targets.find(t => t.id === 'kmc-pool')).toMatchObject({ status: 'up', detail: { standby: 4 } });
    expect(targets.find(t => t.id === 'seal-status')).toMatchObject({ kind: 'http', status: 'up' });
    const certs = byKind('cert-life');
    expect(certs.map(t => t.id)).toEqual(expect.arrayContaining(['cert-tsa-sm2', 'cert-tsa-rsa']));
    expect(certs.some(t => t.id.startsWith('cert-seal-maker-'))).toBe(true);
    expect(certs.some(t => t.id.startsWith('cert-seal-status-'))).toBe(true);
    // the TSA probe also judges its certificate's life (inside the 400-day window: a warning)
    expect(byKind('tsa').map(t => [t.status, t.message.includes('certificate expires')])).toEqual([
      ['warning', true],
      ['warning', true],
    ]);
    const notUp = targets.filter(t => !['cert-life', 'tsa'].includes(t.kind) && t.status !== 'up').map(t => `${t.id}: ${t.status} ${t.message}`);
    expect(notUp).toEqual([]);
    // service certificates live a year: inside the 400-day window they warn; the CAs' do not
    for (const t of certs) expect([t.id, t.status]).toEqual([t.id, t.detail.daysLeft < 400 ? 'warning' : 'up']);
    expect(certs.filter(t => t.status === 'warning').length).toBeGreaterThanOrEqual(8);
    expect(certs.filter(t => t.id.startsWith('cert-ca-')).map(t => t.status)).toEqual(['up', 'up', 'up', 'up']);
  });

  it('a certificate inside the warning window raises the expiry alert, which opens a ticket; the calendar lists the ends', async () => {
    const alerts = (await get('ops-engineer', '/api/monitor/alerts')).body as any[];
    const tsa = alerts.find(a => a.ruleId === 'expiry' && a.targetId === 'cert-tsa-sm2');
    expect(tsa).toMatchObject({ state: 'firing', severity: 'major', ticketNumber: expect.any(String) });
    expect(tsa.message).toMatch(/daysLeft = \d+ \(< 400\)/);
    const ticket = await get('support-agent', `/api/tickets/tickets/${tsa.ticketId}`);
    expect(ticket.body.ticket).toMatchObject({ channel: 'alert', category: 'fault' });
    expect(ticket.body.ticket.title).toMatch(/时间戳服务证书/);
    expect(alerts.filter(a => a.ruleId === 'down')).toEqual([]);

    const calendar = (await get('ops-engineer', '/api/monitor/certificates')).body as any[];
    expect(calendar.length).toBeGreaterThanOrEqual(10);
    const ends = calendar.map(c => c.notAfter);
    expect([...ends].sort()).toEqual(ends);
    expect(calendar.find(c => c.targetId === 'cert-tsa-sm2')).toMatchObject({ purpose: 'tsa', algorithm: 'SM2', daysLeft: expect.any(Number) });
    // TLS-like probes (the TSA's own certificate as the probe sees it) also count
    expect(calendar.some(c => c.targetId === 'tsa-sm2')).toBe(true);
  });
});
