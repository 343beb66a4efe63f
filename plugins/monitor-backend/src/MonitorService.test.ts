/*
 * The monitor service over a real database (SQLite, and PostgreSQL 15 when configured) with
 * targets whose status the test controls through time (certificate-life targets judged at
 * injected instants): silences and maintenance windows, status changes and monthly availability,
 * alerts of targets that leave their source, the searchable history, the certificate calendar.
 */
import { Knex } from 'knex';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { engineDatabases } from '@yinxin/backend-testing';
import { AuditLog, migrateAuditLog, verifyAuditLog } from '@yinxin/ops-node';
import { MonitorService, createMonitorTables, defaultRules } from './MonitorService';
import { SampleStore, createSeriesTables } from './series/SampleStore';
import type { TargetSource } from './targets/sources';

jest.setTimeout(120_000);
const databases = engineDatabases();
const T0 = Date.parse('2026-11-10T00:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0 + minutes * MIN);

describe.each(databases.eachSupportedId())('monitor service on %p', (id: TestDatabaseId) => {
  let knex: Knex;
  let clock = new Date(T0);
  const state: Record<string, 'up' | 'down'> = { a: 'up', b: 'up' };
  let listed = ['a', 'b'];
  const source: TargetSource = {
    name: 'test',
    async list() {
      return {
        targets: listed.map(x => ({
          id: x,
          name: `证书 ${x}`,
          kind: 'cert-life' as const,
          criticality: 'high' as const,
          source: 'test',
          // an end long past or far ahead, so that the probe says down or up
          options: { notAfter: state[x] === 'down' ? '2000-01-01T00:00:00Z' : '2099-01-01T00:00:00Z', purpose: 'ocsp', serialHex: `0${x}` },
        })),
        problems: [],
      };
    },
  };
  let service: MonitorService;

  beforeAll(async () => {
    knex = await databases.init(id);
    await createSeriesTables(knex);
    await createMonitorTables(knex);
    await migrateAuditLog(knex);
    service = new MonitorService({ knex, audit: new AuditLog({ knex, source: 'monitor' }), store: new SampleStore(knex), sources: [source], rules: defaultRules(), clock: () => clock, availabilityTarget: 0.999 });
  });

  const round = async (minutes: number) => {
    clock = at(minutes);
    return (await service.runOnce(clock)).map(e => `${e.type}:${e.ruleId}:${e.targetId}${e.silenced ? ':silenced' : ''}`);
  };

  it('silences keep alerts quiet (no ticket) and announce them when they end; bad silences are refused with nothing stored', async () => {
    expect(await round(0)).toEqual([]);
    await expect(service.createSilence('user:default/eng', { kind: 'silence', targetId: 'a', startsAt: at(0).toISOString(), endsAt: at(-1).toISOString(), reason: '变更' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(service.createSilence('user:default/eng', { kind: 'silence', ruleId: 'nope', startsAt: at(0).toISOString(), endsAt: at(30).toISOString(), reason: '变更' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.createSilence('user:default/eng', { kind: 'maintenance', startsAt: at(0).toISOString(), endsAt: at(30).toISOString(), reason: '变更' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(service.createSilence('user:default/eng', { kind: 'silence', targetId: 'a', startsAt: at(0).toISOString(), endsAt: at(60 * 24 * 40).toISOString(), reason: '变更' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Number((await knex('monitor_silences').count({ n: '*' }))[0].n)).toBe(0);

    const silence = await service.createSilence('user:default/eng', { kind: 'silence', ruleId: 'down', targetId: 'a', startsAt: at(0).toISOString(), endsAt: at(10).toISOString(), reason: '证书更换演练' });
    expect(silence).toMatchObject({ kind: 'silence', active: true, createdBy: 'user:default/eng' });
    state.a = 'down';
    expect(await round(1)).toEqual(['pending:down:a:silenced']);
    expect(await round(4)).toEqual(['firing:down:a:silenced']);
    expect((await service.alerts()).find(x => x.targetId === 'a')).toMatchObject({ state: 'firing' });
    expect(await round(8)).toEqual([]);
    // the silence ends: the alert, still firing, is announced (this is when a ticket opens)
    expect(await round(11)).toEqual(['firing:down:a']);
    expect(await round(12)).toEqual([]);
    expect((await service.silences()).map(s => s.id)).toEqual([]);
    expect((await service.silences(true))[0]).toMatchObject({ id: silence.id, active: false });
  });

  it('a maintenance window is left out of availability; cancelling one ends it now', async () => {
    const w = await service.createSilence('user:default/eng', { kind: 'maintenance', targetId: 'a', startsAt: at(20).toISOString(), endsAt: at(60).toISOString(), reason: '机房断电维护' });
    expect(await round(20)).toEqual([]); // still down, alert already announced
    expect(await round(50)).toEqual([]);
    const cancelled = await service.cancelSilence('user:default/ops', w.id);
    expect(cancelled).toMatchObject({ cancelledBy: 'user:default/ops', active: false });
    await expect(service.cancelSilence('user:default/ops', w.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(service.cancelSilence('user:default/ops', 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    state.a = 'up';
    expect(await round(70)).toEqual(['resolved:down:a']);

    clock = at(24 * 60); // a day later
    const month = await service.availability('2026-11');
    const a = month.targets.find(t => t.targetId === 'a')!;
    // watched from 0 to 1440 min; down 1 → 70 (69 min), of which 20 → 50 (the cancelled window's real span) in maintenance
    expect(a.observedMinutes).toBe(1440);
    expect(a.maintenanceMinutes).toBe(30);
    expect(a.downtimeMinutes).toBe(39);
    expect(a.ratio).toBeCloseTo(1 - 39 / (1440 - 30), 10);
    expect(a.met).toBe(false);
    expect(a.outages).toEqual([{ from: at(1).toISOString(), until: at(70).toISOString(), ongoing: false, minutes: 69, maintenanceMinutes: 30 }]);
    const b = month.targets.find(t => t.targetId === 'b')!;
    expect(b).toMatchObject({ ratio: 1, met: true, downtimeMinutes: 0, outages: [] });
    expect((await service.availability('2026-10')).targets.every(t => t.ratio === null && t.met === null)).toBe(true);
    await expect(service.availability('2026-13')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('alerts of a target that leaves its source end; the history is searchable and pages', async () => {
    state.b = 'down';
    expect(await round(2000)).toEqual(['pending:down:b']);
    expect(await round(2003)).toEqual(['firing:down:b']);
    listed = ['a'];
    expect(await round(2004)).toEqual(['resolved:down:b']);
    expect((await service.alerts()).filter(x => x.targetId === 'b')).toEqual([]);
    expect((await service.targets()).map(t => t.id)).toEqual(['a']);
    listed = ['a', 'b'];
    state.b = 'up';

    const firing = await service.events({ type: 'firing' });
    expect(firing.map(e => e.targetId)).toEqual(['b', 'a', 'a']);
    expect(firing.map(e => e.silenced)).toEqual([false, false, true]);
    expect((await service.events({ q: 'no longer watched' })).map(e => e.type)).toEqual(['resolved']);
    expect((await service.events({ q: '100%_' })).length).toBe(0);
    expect((await service.events({ targetId: 'a', from: at(5).toISOString(), to: at(100).toISOString() })).map(e => e.type)).toEqual(['resolved', 'firing']);
    const page1 = await service.events({ limit: 2 });
    const page2 = await service.events({ limit: 2, before: page1[1].id });
    expect(page2[0].id).toBeLessThan(page1[1].id);
    expect(new Set([...page1, ...page2].map(e => e.id)).size).toBe(4);
  });

  it('the certificate calendar lists ends soonest first; the audit chain holds', async () => {
    await round(2100);
    const certs = await service.certificateExpiries();
    expect(certs.map(c => [c.targetId, c.purpose, c.notAfter.slice(0, 4)])).toEqual([
      ['a', 'ocsp', '2099'],
      ['b', 'ocsp', '2099'],
    ]);
    const actions = (await knex('audit_log').select('action')).map((r: any) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['monitor.silence.create', 'monitor.maintenance.create', 'monitor.maintenance.cancel', 'monitor.alert.firing', 'monitor.alert.resolved']));
    expect((await verifyAuditLog(knex)).ok).toBe(true);
  });
});
