/*
 * The roster plugin over HTTP on each database engine (SQLite and, when configured, PostgreSQL
 * 15), with the platform plugin's real 2026 calendar (Labour Day 1–5 May, Saturday 9 May worked)
 * and the tickets plugin, through the real permission backend and yinxin's role policy, with a
 * clock the test moves forward: the team and its staff changes, month generation meeting the
 * coverage rules, removals and overrides, swaps with approval and audit, illegal requests refused
 * with the database unchanged, dispatch deadlines at night and on holidays, late arrivals,
 * attendance, exports and live updates.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import { RealtimeHub } from '@yinxin/ops-node';
import { ROSTER_DUTY_ROOM, type Assignment, type Violation } from '@yinxin/plugin-roster-common';
import { parseExcelCsv } from './logic/csv';
import { TestClock, as, rosterTestFeatures, snapshot } from './testing/rosterBackend';

jest.setTimeout(600_000);

const databases = engineDatabases();

/** The team: sign-in names are test users named after their portal role. */
const TEAM = [
  { key: 'wang', name: '王经理', login: 'roster-manager', roles: ['project-manager', 'maintenance'], phone: '13811110001' },
  { key: 'li', name: '李运维', login: 'ops-engineer-1', roles: ['maintenance'], phone: '13811110002' },
  { key: 'zhang', name: '张驻场', login: 'ops-engineer-2', roles: ['resident', 'technical-support'], phone: '13811110003' },
  { key: 'zhao', name: '赵驻场', login: 'ops-engineer-3', roles: ['resident'], phone: '13811110004' },
  { key: 'chen', name: '陈录入', login: null, roles: ['enrolment'], phone: '13811110005' },
  { key: 'zhou', name: '周客服', login: 'support-agent-1', roles: ['customer-service'], phone: '13811110006' },
  { key: 'sun', name: '孙技术', login: 'ops-engineer-4', roles: ['technical-support', 'maintenance'], phone: '13811110007' },
] as const;

const local = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`).toISOString();

describe.each(databases.eachSupportedId())('roster plugin on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  const clock = new TestClock('2026-04-20T02:00:00Z'); // Monday 20 April 2026, 10:00 in Shanghai
  const ids: Record<string, string> = {};
  const loginOf: Record<string, string> = {};
  let publish: jest.SpyInstance;
  let rooms: jest.SpyInstance;

  const api = () => request(server);
  const get = (who: string | undefined, path: string) => {
    const r = api().get(`/api/roster${path}`);
    return who ? r.set('Authorization', as(who)) : r;
  };
  const send = (method: 'post' | 'put' | 'patch' | 'delete', who: string | undefined, path: string, body: object = {}) => {
    const r = api()[method](`/api/roster${path}`).send(body);
    return who ? r.set('Authorization', as(who)) : r;
  };
  const post = (who: string | undefined, path: string, body: object = {}) => send('post', who, path, body);
  const assignments = async (from: string, to: string, extra = ''): Promise<Assignment[]> => (await get('roster-manager', `/assignments?from=${from}&to=${to}${extra}`)).body.items;
  const shiftOf = async (day: string, kind: 'onsite' | 'oncall', templateId?: string) =>
    (await assignments(day, day)).find(a => a.day === day && a.kind === kind && (!templateId || a.templateId === templateId))!;
  const keyOf = (personId: string) => Object.keys(ids).find(k => ids[k] === personId)!;
  /** Calls `fn` and checks that the roster database is exactly as before. */
  const unchanged = async (fn: () => Promise<request.Response>, status: number, code: string) => {
    const before = await snapshot(knex);
    const res = await fn();
    expect([res.status, res.body?.error?.code]).toEqual([status, code]);
    expect(await snapshot(knex)).toBe(before);
    return res;
  };

  beforeAll(async () => {
    publish = jest.spyOn(RealtimeHub.prototype, 'publish');
    rooms = jest.spyOn(RealtimeHub.prototype, 'registerRooms');
    const backend = await startTestBackend({
      features: rosterTestFeatures({ clock: clock.now }, {}, [
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'roster') knex = k;
        }),
      ]),
    });
    server = backend.server;
    stop = () => backend.stop();
    for (const p of TEAM) {
      const res = await post('roster-manager', '/people', {
        person: { name: p.name, userRef: p.login ? `user:default/${p.login}` : null, roles: p.roles, skills: ['SM2 证书'], yearsOfExperience: 5, contact: { phone: p.phone } },
        reason: '项目组建，人员名单已书面报送甲方',
        noticeDate: '2026-03-25',
        effectiveDate: '2026-04-01',
      });
      expect(res.status).toBe(201);
      ids[p.key] = res.body.id;
      if (p.login) loginOf[p.key] = p.login;
    }
  });
  afterAll(async () => {
    publish.mockRestore();
    rooms.mockRestore();
    await stop?.();
  });

  it('generates May 2026 (Labour Day 1–5 May, make-up Saturday 9 May) meeting every coverage rule', async () => {
    expect((await post('roster-manager', '/rosters/2026-04/generate')).status).toBe(200);
    const may = await post('roster-manager', '/rosters/2026-05/generate');
    expect(may.status).toBe(200);
    expect(may.body.result.unfilled).toEqual([]);
    expect(may.body.violations).toEqual([]);

    const month = await get('ops-engineer', '/rosters/2026-05');
    expect(month.status).toBe(200);
    const days = Object.fromEntries(month.body.days.map((d: any) => [d.day, d]));
    expect(days['2026-05-04']).toMatchObject({ kind: 'holiday', working: false, name: '劳动节' });
    expect(days['2026-05-09']).toMatchObject({ kind: 'makeup-workday', working: true });
    const onsite = month.body.assignments.filter((a: Assignment) => a.kind === 'onsite').map((a: Assignment) => a.day);
    expect(onsite).toContain('2026-05-09');
    expect(onsite).not.toContain('2026-05-04');
    expect(onsite).toHaveLength(19);
    expect(month.body.violations).toEqual([]);
    expect((await get('support-lead', '/coverage?month=2026-05')).body.violations).toEqual([]);
    // Regenerating gives the same roster (deterministic) and is audited.
    const again = await post('roster-manager', '/rosters/2026-05/generate', { dryRun: true });
    expect(again.body.result.assignments.map((a: Assignment) => [a.personId, a.startsAt])).toEqual(
      may.body.result.assignments.map((a: Assignment) => [a.personId, a.startsAt]),
    );
    const audit = await get('auditor', '/audit?action=roster.month.generate');
    expect(audit.body.items.map((r: any) => [r.actor, r.targetId])).toEqual([
      ['user:default/roster-manager', '2026-05'],
      ['user:default/roster-manager', '2026-04'],
    ]);
    // A second viewer's calendar learns of it live.
    expect(publish).toHaveBeenCalledWith(ROSTER_DUTY_ROOM, 'roster', expect.objectContaining({ change: 'generate', months: ['2026-05'] }));
    // Who is on duty is announced (names and roles only, never contact details).
    const dutyEvents = publish.mock.calls.filter(c => c[0] === ROSTER_DUTY_ROOM && c[1] === 'duty');
    expect(dutyEvents.length).toBeGreaterThan(0);
    expect(JSON.stringify(dutyEvents)).not.toContain('1381111');
    // The room is open to whoever may read the duty.
    expect(rooms).toHaveBeenCalledWith('roster:', expect.any(Function));
  });

  it('reports removing the only on-site engineer of a working day, and an override mends it', async () => {
    const saturday = await shiftOf('2026-05-09', 'onsite');
    const removed = await post('roster-manager', `/assignments/${saturday.id}/remove`, { reason: '驻场工程师被临时抽调' });
    expect(removed.status).toBe(200);
    const onsiteGap = removed.body.violations.find((v: Violation) => v.code === 'ONSITE_UNCOVERED');
    expect(onsiteGap).toMatchObject({
      day: '2026-05-09',
      interval: { startsAt: local('2026-05-09 09:00'), endsAt: local('2026-05-09 17:00') },
      message: { zh: '2026-05-09 09:00–17:00 无驻场工程师在岗', en: '2026-05-09 09:00–17:00: no on-site engineer' },
    });
    expect((await get('roster-manager', '/coverage?from=2026-05-09&to=2026-05-09')).body.violations.map((v: Violation) => v.code)).toEqual(['ONSITE_UNCOVERED', 'ONCALL_GAP']);

    const other = saturday.personId === ids.zhang ? ids.zhao : ids.zhang;
    const override = await post('roster-manager', '/overrides', { personId: other, kind: 'onsite', startsAt: local('2026-05-09 09:00'), endsAt: local('2026-05-09 17:00'), reason: '调休日顶班' });
    expect(override.status).toBe(201);
    expect(override.body.violations).toEqual([]);
    // It fills the Saturday's on-site slot exactly, so it takes that slot's place.
    expect(override.body.result.assignment).toMatchObject({ personId: other, source: 'override', kind: 'onsite', templateId: 'onsite-day', day: '2026-05-09' });
    // Only a resident can be put on site.
    await unchanged(
      () => post('roster-manager', '/overrides', { personId: ids.li, kind: 'onsite', startsAt: local('2026-05-11 09:00'), endsAt: local('2026-05-11 12:00'), reason: '顶班' }),
      409,
      'CONFLICT',
    );
    // The override's shift is not removed on its own (the override would stay and block the slot):
    // the manager is told to undo the override instead.
    const refused = await unchanged(() => post('roster-manager', `/assignments/${override.body.result.assignment.id}/remove`, { reason: '人员调整' }), 409, 'CONFLICT');
    expect(refused.body.error.details.reason).toBe('OVERRIDE_SHIFT');
  });

  it('lets an engineer ask for a swap and the manager approve it, with permissions and audit', async () => {
    const mine = (await assignments('2026-05-11', '2026-05-29', `&personId=${ids.zhang}`)).find(a => a.kind === 'onsite')!;
    const theirs = (await assignments('2026-05-11', '2026-05-29', `&personId=${ids.zhao}`)).find(a => a.kind === 'onsite' && a.day !== mine.day)!;
    // Only engineers ask, only for their own shifts.
    await unchanged(() => post('support-agent', '/swaps', { assignmentId: mine.id, partnerId: ids.zhao, reason: '家中有事' }), 403, 'FORBIDDEN');
    const notMine = await unchanged(() => post('ops-engineer-3', '/swaps', { assignmentId: mine.id, partnerId: ids.zhang, reason: '家中有事' }), 403, 'FORBIDDEN');
    expect(notMine.body.error.details.reason).toBe('NOT_YOUR_SHIFT');
    const asked = await post('ops-engineer-2', '/swaps', { assignmentId: mine.id, partnerId: ids.zhao, partnerAssignmentId: theirs.id, reason: '需参加 CA 系统培训' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ state: 'pending', requesterId: ids.zhang, partnerId: ids.zhao });
    // The same shift cannot be asked twice.
    await unchanged(() => post('ops-engineer-2', '/swaps', { assignmentId: mine.id, partnerId: ids.zhao, reason: '再次申请' }), 409, 'CONFLICT');
    // Neither a support lead nor the partner approves.
    await unchanged(() => post('support-lead', `/swaps/${asked.body.id}/approve`), 403, 'FORBIDDEN');
    await unchanged(() => post('ops-engineer-3', `/swaps/${asked.body.id}/approve`), 403, 'FORBIDDEN');
    const approved = await post('roster-manager', `/swaps/${asked.body.id}/approve`, { note: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body.result).toMatchObject({ state: 'approved', decidedBy: 'user:default/roster-manager' });
    expect(approved.body.violations).toEqual([]);
    const after = await assignments(mine.day, theirs.day);
    expect(after.find(a => a.id === mine.id)).toMatchObject({ personId: ids.zhao, source: 'swap' });
    expect(after.find(a => a.id === theirs.id)).toMatchObject({ personId: ids.zhang, source: 'swap' });
    // Decided once only.
    await unchanged(() => post('roster-manager-2', `/swaps/${asked.body.id}/approve`), 409, 'ILLEGAL_TRANSITION');

    const audit = (await get('auditor', `/audit?targetId=${asked.body.id}`)).body.items;
    expect(audit.map((r: any) => [r.action, r.actor, r.outcome])).toEqual([
      ['roster.swap.approve', 'user:default/roster-manager', 'success'],
      ['roster.swap.request', 'user:default/ops-engineer-2', 'success'],
    ]);
    expect(audit[0].details).toMatchObject({ assignmentId: mine.id, from: ids.zhang, to: ids.zhao, partnerAssignmentId: theirs.id });
    // Engineers see their own swaps; the list of a lead shows all.
    expect((await get('ops-engineer-2', '/swaps?mine=true')).body.items.map((s: any) => s.id)).toEqual([asked.body.id]);
    expect((await get('ops-engineer-1', '/swaps?mine=true')).body.items).toEqual([]);
    expect((await get('support-lead', '/swaps')).body.items.map((s: any) => s.id)).toEqual([asked.body.id]);
  });

  it('refuses a manager approving a swap they asked for, and audits overrides', async () => {
    const wangShift = (await assignments('2026-05-11', '2026-05-29', `&personId=${ids.wang}`)).find(a => a.kind === 'oncall')!;
    expect(wangShift).toBeDefined();
    // A hand-over to Li, who has no shift at that time (on-call shifts never overlap).
    const asked = await post('roster-manager', '/swaps', { assignmentId: wangShift.id, partnerId: ids.li, reason: '出差参加甲方会议' });
    expect(asked.status).toBe(201);
    const self = await unchanged(() => post('roster-manager', `/swaps/${asked.body.id}/approve`), 403, 'SELF_APPROVAL');
    expect(self.body.error.details).toMatchObject({ reason: 'SELF_APPROVAL', zh: '不能审批本人参与的换班' });
    // Another manager decides.
    const rejected = await post('roster-manager-2', `/swaps/${asked.body.id}/reject`, { note: '会议改期' });
    expect(rejected.body).toMatchObject({ state: 'rejected', decidedBy: 'user:default/roster-manager-2', decisionNote: '会议改期' });

    // Overrides: only the manager; audited with the reason.
    const body = { personId: ids.sun, kind: 'oncall', startsAt: local('2026-05-21 20:00'), endsAt: local('2026-05-21 23:00'), reason: '临时顶班' };
    await unchanged(() => post('ops-engineer-4', '/overrides', body), 403, 'FORBIDDEN');
    await unchanged(() => post('support-lead', '/overrides', body), 403, 'FORBIDDEN');
    const night = await shiftOf('2026-05-21', 'oncall');
    const who = night.personId === ids.sun ? ids.li : ids.sun;
    const created = await post('roster-manager', '/overrides', { ...body, personId: who, replacedPersonId: night.personId });
    expect(created.status).toBe(201);
    expect(created.body.violations).toEqual([]);
    // The replaced night is cut around the override: 17:00–20:00 and 23:00–09:00 stay theirs.
    const cut = (await assignments('2026-05-21', '2026-05-22')).filter(a => a.personId === night.personId && a.day === '2026-05-21' && a.kind === 'oncall');
    expect(cut.map(a => [a.startsAt, a.endsAt])).toEqual([
      [local('2026-05-21 17:00'), local('2026-05-21 20:00')],
      [local('2026-05-21 23:00'), local('2026-05-22 09:00')],
    ]);
    const record = (await get('auditor', '/audit?action=roster.override.create')).body.items[0];
    expect(record).toMatchObject({ actor: 'user:default/roster-manager', targetId: created.body.result.override.id, details: { reason: '临时顶班', replacedPersonId: night.personId } });
    // Deleting it gives the night back whole.
    const deleted = await send('delete', 'roster-manager', `/overrides/${created.body.result.override.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.result).toMatchObject({ restored: 1, notRestored: 0 });
    expect(deleted.body.violations).toEqual([]);
  });

  it('refuses illegal requests with a 4xx code and leaves every table unchanged', async () => {
    // A swap with someone on leave.
    const mine = (await assignments('2026-05-18', '2026-05-29', `&personId=${ids.zhang}`)).find(a => a.kind === 'onsite')!;
    const leave = await post('roster-manager', '/leaves', { personId: ids.zhao, type: 'sick', startDay: mine.day, endDay: mine.day, note: '病假' });
    expect(leave.status).toBe(201);
    const onLeave = await unchanged(() => post('ops-engineer-2', '/swaps', { assignmentId: mine.id, partnerId: ids.zhao, reason: '家中有事' }), 409, 'CONFLICT');
    expect(onLeave.body.error.details.reason).toBe('PERSON_ON_LEAVE');
    // Overlapping leave, overlapping overrides.
    await unchanged(() => post('roster-manager', '/leaves', { personId: ids.zhao, type: 'annual', startDay: mine.day, endDay: mine.day }), 409, 'CONFLICT');
    const onNight = (await shiftOf('2026-05-26', 'oncall')).personId;
    const [extra, another] = [ids.li, ids.sun, ids.wang].filter(id => id !== onNight);
    const first = await post('roster-manager', '/overrides', { personId: extra, kind: 'oncall', startsAt: local('2026-05-27 06:00'), endsAt: local('2026-05-27 08:00'), reason: '加强值守' });
    expect(first.status).toBe(201);
    const overlap = await unchanged(
      () => post('roster-manager', '/overrides', { personId: another, kind: 'oncall', startsAt: local('2026-05-27 07:00'), endsAt: local('2026-05-27 07:30'), reason: '加强值守' }),
      409,
      'CONFLICT',
    );
    expect(overlap.body.error.details).toMatchObject({ reason: 'OVERRIDE_OVERLAP', overrideId: first.body.result.override.id });
    // An override in the past, an empty interval, someone already booked.
    await unchanged(() => post('roster-manager', '/overrides', { personId: ids.li, kind: 'oncall', startsAt: local('2026-04-19 20:00'), endsAt: local('2026-04-19 22:00'), reason: '补录' }), 409, 'CONFLICT');
    await unchanged(() => post('roster-manager', '/overrides', { personId: ids.li, kind: 'oncall', startsAt: local('2026-05-28 22:00'), endsAt: local('2026-05-28 20:00'), reason: '顶班' }), 400, 'VALIDATION_FAILED');
    const busy = await shiftOf('2026-05-25', 'oncall');
    const booked = await unchanged(
      () => post('roster-manager', '/overrides', { personId: busy.personId, kind: 'oncall', startsAt: busy.startsAt, endsAt: busy.endsAt, reason: '顶班' }),
      409,
      'CONFLICT',
    );
    expect(booked.body.error.details.reason).toBe('PERSON_DOUBLE_BOOKED');
    // Unknown ids.
    const nobody = '6f1c1d7e-0000-4000-8000-000000000001';
    await unchanged(() => post('ops-engineer-2', '/swaps', { assignmentId: nobody, partnerId: ids.zhao, reason: '家中有事' }), 404, 'NOT_FOUND');
    await unchanged(() => post('ops-engineer-2', '/swaps', { assignmentId: mine.id, partnerId: nobody, reason: '家中有事' }), 404, 'NOT_FOUND');
    await unchanged(() => post('roster-manager', `/swaps/${nobody}/approve`), 404, 'NOT_FOUND');
    await unchanged(() => post('roster-manager', `/assignments/${nobody}/remove`, { reason: '调整' }), 404, 'NOT_FOUND');
    await unchanged(() => post('roster-manager', '/leaves', { personId: nobody, type: 'annual', startDay: '2026-05-20', endDay: '2026-05-21' }), 404, 'NOT_FOUND');
    await unchanged(() => post('roster-manager', '/overrides', { personId: nobody, kind: 'oncall', startsAt: local('2026-05-28 20:00'), endsAt: local('2026-05-28 22:00'), reason: '顶班' }), 404, 'NOT_FOUND');
    await unchanged(() => send('delete', 'roster-manager', `/overrides/${nobody}`), 404, 'NOT_FOUND');
    await unchanged(() => send('delete', 'roster-manager', `/leaves/${nobody}`), 404, 'NOT_FOUND');
    await unchanged(() => post('support-lead', '/dispatches', { source: { kind: 'alert', ruleId: 'down', targetId: 'ocsp' }, severity: 'major', personId: nobody, summary: 'OCSP 不可用' }), 404, 'NOT_FOUND');
    await unchanged(() => post('support-lead', '/dispatches', { source: { kind: 'ticket', ticketId: 999_999 }, severity: 'major', summary: '工单不存在' }), 404, 'NOT_FOUND');
    await unchanged(() => post(loginOf.li, `/dispatches/${nobody}/arrive`), 404, 'NOT_FOUND');
    await unchanged(() => send('put', 'roster-manager', '/rotations/nights', { name: '夜班', templateIds: ['oncall-night'], members: [nobody] }), 404, 'NOT_FOUND');
    await unchanged(() => send('patch', 'roster-manager', `/people/${nobody}`, { skills: ['x'] }), 404, 'NOT_FOUND');
    expect((await get('roster-manager', `/people/${nobody}`)).status).toBe(404);
    // Bad input: a staff change without the written reason, a malformed id, an unknown field.
    await unchanged(() => post('roster-manager', `/people/${ids.zhou}/leave`, { reason: '离职', noticeDate: '2026-05-01' }), 400, 'VALIDATION_FAILED');
    await unchanged(() => post('roster-manager', '/assignments/not-a-uuid/remove', { reason: '调整' }), 400, 'VALIDATION_FAILED');
    await unchanged(() => send('patch', 'roster-manager', `/people/${ids.li}`, { salary: 1 }), 400, 'VALIDATION_FAILED');
    await unchanged(() => post('roster-manager', '/rosters/2026-13/generate'), 400, 'VALIDATION_FAILED');
    await unchanged(() => post('roster-manager', '/people', { person: { name: 'x'.repeat(65), roles: ['enrolment'], contact: { phone: '13800000000' } }, reason: '人员扩充，书面通知已送达', noticeDate: '2026-05-01' }), 400, 'VALIDATION_FAILED');
    // Signing in as someone already on the team.
    await unchanged(
      () => post('roster-manager', '/people', { person: { name: '重复', userRef: 'user:default/ops-engineer-1', roles: ['enrolment'], contact: { phone: '13800000000' } }, reason: '人员扩充，书面通知已送达', noticeDate: '2026-04-18' }),
      409,
      'CONFLICT',
    );
  });

  it('regenerates a month keeping overrides and swapped shifts, respecting leave', async () => {
    const before = await assignments('2026-05-01', '2026-05-31');
    const kept = before.filter(a => a.source !== 'generated');
    expect(kept.map(a => a.source).sort()).toEqual(expect.arrayContaining(['override', 'swap', 'swap']));
    const res = await post('roster-manager', '/rosters/2026-05/generate');
    expect(res.status).toBe(200);
    expect(res.body.result.kept).toBeGreaterThanOrEqual(kept.length);
    expect(res.body.violations).toEqual([]);
    const after = await assignments('2026-05-01', '2026-05-31');
    for (const a of kept) expect(after.find(x => x.id === a.id)).toEqual(a);
    // The Saturday keeps its override as its only on-site shift.
    expect(after.filter(a => a.day === '2026-05-09' && a.kind === 'onsite').map(a => a.source)).toEqual(['override']);
  });

  it('serialises concurrent changes: of five simultaneous overrides for one engineer, one wins', async () => {
    const body = { personId: ids.li, kind: 'oncall', startsAt: local('2026-05-28 10:00'), endsAt: local('2026-05-28 12:00'), reason: '保障甲方系统割接' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('roster-manager', '/overrides', body)));
    expect(answers.map(r => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const won = answers.find(r => r.status === 201)!;
    expect((await send('delete', 'roster-manager', `/overrides/${won.body.result.override.id}`)).status).toBe(200);
  });

  it('dispatches on a holiday night with wall-clock deadlines; a late arrival is a breach', async () => {
    clock.set('2026-05-04 02:00'); // Labour Day holiday, at night
    const duty = await get('support-agent', '/duty/now');
    expect(duty.status).toBe(200);
    expect(duty.body.onsite).toEqual([]);
    expect(duty.body.oncall).toHaveLength(1);
    const onCall = duty.body.oncall[0];
    expect(onCall.assignment).toMatchObject({ templateId: 'oncall-offday', day: '2026-05-03' });
    expect(onCall.person.contact.phone).toMatch(/^138\*{4}\d{4}$/);
    expect(onCall.person.contactMasked).toBe(true);
    expect((await get('roster-manager', '/duty/now')).body.oncall[0].person.contact.phone).toMatch(/^1381111000\d$/);
    expect((await get('requester', '/duty/now')).status).toBe(403);

    const ticket = await request(server).post('/api/tickets/tickets').set('Authorization', as('support-lead')).send({ title: '签章服务器宕机', category: 'fault', priority: 'urgent', requesterName: '市人社局' });
    expect(ticket.status).toBe(201);
    const major = await post('support-lead', '/dispatches', { source: { kind: 'ticket', ticketId: ticket.body.id }, severity: 'major', summary: '签章服务器宕机', location: '市政务云机房' });
    expect(major.status).toBe(201);
    expect(major.body).toMatchObject({
      source: { kind: 'ticket', ticketId: ticket.body.id, ticketNumber: ticket.body.number },
      severity: 'major',
      personId: onCall.person.id,
      state: 'dispatched',
      createdAt: local('2026-05-04 02:00'),
      deadlineAt: local('2026-05-04 04:00'),
    });
    // The monitor (a backend plugin) pages the engineer on duty for an alert: ordinary → 4 hours.
    const ordinary = await api()
      .post('/api/roster/dispatches')
      .set('Authorization', mockCredentials.service.header())
      .send({ source: { kind: 'alert', ruleId: 'cert-expiry', targetId: 'tsa' }, severity: 'ordinary', personId: ids.zhao, summary: 'TSA 证书即将到期' });
    expect(ordinary.status).toBe(201);
    expect(ordinary.body.deadlineAt).toBe(local('2026-05-04 06:00'));

    const engineer = loginOf[keyOf(onCall.person.id)];
    // Only the engineer sent acts on the dispatch.
    const other = Object.values(loginOf).find(l => l !== engineer && l.startsWith('ops-engineer'))!;
    const notYours = await unchanged(() => post(other, `/dispatches/${major.body.id}/accept`), 403, 'FORBIDDEN');
    expect(notYours.body.error.details.reason).toBe('NOT_YOUR_DISPATCH');
    clock.set('2026-05-04 02:05');
    expect((await post(engineer, `/dispatches/${major.body.id}/accept`)).body.state).toBe('accepted');
    await unchanged(() => post(engineer, `/dispatches/${major.body.id}/complete`, { note: '尚未到场' }), 409, 'ILLEGAL_TRANSITION');
    clock.set('2026-05-04 03:50');
    const arrived = await post(engineer, `/dispatches/${major.body.id}/arrive`);
    expect(arrived.body).toMatchObject({ state: 'arrived', arrivedAt: local('2026-05-04 03:50'), breached: false, arrivalMinutes: 110 });
    expect((await post(engineer, `/dispatches/${major.body.id}/log`, { text: '更换电源模块，服务恢复' })).body.log.map((l: any) => l.text)).toEqual(['更换电源模块，服务恢复']);
    expect((await post(engineer, `/dispatches/${major.body.id}/complete`, { note: '已恢复' })).body.state).toBe('completed');

    // Zhao arrives after the 06:00 deadline: a breach.
    clock.set('2026-05-04 06:01');
    const late = await post(loginOf.zhao, `/dispatches/${ordinary.body.id}/arrive`);
    expect(late.body).toMatchObject({ state: 'arrived', breached: true, arrivalMinutes: 241 });
    const arriveAudit = (await get('auditor', `/audit?targetId=${ordinary.body.id}&action=roster.dispatch.arrive`)).body.items[0];
    expect(arriveAudit.details).toMatchObject({ late: true, deadlineAt: local('2026-05-04 06:00') });
    expect(publish).toHaveBeenCalledWith(ROSTER_DUTY_ROOM, 'dispatch', expect.objectContaining({ change: 'arrive' }));
    expect((await get('support-lead', `/dispatches?ticketId=${ticket.body.id}`)).body.items.map((x: any) => x.id)).toEqual([major.body.id]);
  });

  it('dispatches at night on a working day: 2 and 4 hours of wall-clock time', async () => {
    clock.set('2026-05-12 23:30');
    const night = await get('support-lead', '/duty/now');
    expect(night.body.oncall[0].assignment.templateId).toBe('oncall-night');
    const major = await post('support-lead', '/dispatches', { source: { kind: 'alert', ruleId: 'down', targetId: 'ocsp' }, severity: 'major', summary: 'OCSP 服务无响应' });
    const ordinary = await post('support-lead', '/dispatches', { source: { kind: 'alert', ruleId: 'slow', targetId: 'ldap' }, severity: 'ordinary', summary: 'LDAP 响应慢' });
    expect([major.body.deadlineAt, ordinary.body.deadlineAt]).toEqual([local('2026-05-13 01:30'), local('2026-05-13 03:30')]);
    // With one engineer on duty both go to them.
    expect(ordinary.body.personId).toBe(major.body.personId);
    // The engineer sent cannot withdraw it; whoever dispatched may, before the deadline.
    const engineer = loginOf[keyOf(major.body.personId)];
    expect(engineer).toBeDefined();
    await unchanged(() => post(engineer, `/dispatches/${ordinary.body.id}/cancel`, { reason: '不想去' }), 403, 'FORBIDDEN');
    expect((await post('support-lead', `/dispatches/${ordinary.body.id}/cancel`, { reason: '误报' })).body.state).toBe('cancelled');
    // Major not reached by 01:31: a breach without arrival; the dispatcher can no longer cancel it
    clock.set('2026-05-13 01:31');
    expect((await get('support-lead', `/dispatches/${major.body.id}`)).body.breached).toBe(true);
    await unchanged(() => post('support-lead', `/dispatches/${major.body.id}/cancel`, { reason: '误报' }), 403, 'FORBIDDEN');

    const report = await get('support-lead', '/reports/arrivals?month=2026-05');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ month: '2026-05', count: 3, arrived: 2, onTime: 1, breaches: 2, pending: 0, cancelled: 1, medianMinutes: 175.5, p90Minutes: 241 });
    expect(report.body.bySeverity.major).toMatchObject({ count: 2, onTime: 1, breaches: 1 });
    expect((await get('ops-engineer', '/reports/arrivals?month=2026-05')).status).toBe(403);
    // the same month for the client as Excel CSV: each dispatch in Beijing time, then the totals
    const csv = await get('support-lead', '/reports/arrivals.csv?month=2026-05').buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseExcelCsv(csv.text);
    expect(rows[0][4]).toBe('派工时间（北京时间）');
    const majorRow = rows.find(r => r[0] === major.body.id)!;
    expect(majorRow.slice(2, 6)).toEqual(['重大故障', majorRow[3], '2026-05-12 23:30', '2026-05-13 01:30']);
    expect(majorRow[9]).toBe('超时');
    expect(rows.find(r => r[0] === ordinary.body.id)![9]).toBe('已取消');
    expect(rows.find(r => r[0] === '全部')!.slice(1, 5)).toEqual(['3', '2', '1', '2']);
    expect((await get('ops-engineer', '/reports/arrivals.csv?month=2026-05')).status).toBe(403);
  });

  it('refuses to swap a shift that has started', async () => {
    clock.set('2026-05-13 12:00');
    const started = await shiftOf('2026-05-13', 'onsite');
    const login = loginOf[keyOf(started.personId)];
    const partner = started.personId === ids.zhang ? ids.zhao : ids.zhang;
    const res = await unchanged(() => post(login, '/swaps', { assignmentId: started.id, partnerId: partner, reason: '临时有事' }), 409, 'CONFLICT');
    expect(res.body.error.details.reason).toBe('SHIFT_IN_PAST');
    await unchanged(() => post('roster-manager', `/assignments/${started.id}/remove`, { reason: '调整' }), 409, 'CONFLICT');
  });

  it('records attendance of on-site shifts and reports the month against the roster', async () => {
    const shift14 = await shiftOf('2026-05-14', 'onsite');
    const shift15 = await shiftOf('2026-05-15', 'onsite');
    const p14 = loginOf[keyOf(shift14.personId)];
    clock.set('2026-05-14 06:00');
    await unchanged(() => post(p14, '/attendance/check-in'), 409, 'CONFLICT');
    clock.set('2026-05-14 08:50');
    expect((await get(p14, '/attendance/me')).body.shift.id).toBe(shift14.id);
    const inAt = await post(p14, '/attendance/check-in');
    expect(inAt.status).toBe(201);
    expect(inAt.body).toMatchObject({ assignmentId: shift14.id, late: false, checkOutAt: null });
    const again = await unchanged(() => post(p14, '/attendance/check-in'), 409, 'CONFLICT');
    expect(again.body.error.details.reason).toBe('ALREADY_CHECKED_IN');
    clock.set('2026-05-14 17:05');
    expect((await post(p14, '/attendance/check-out')).body.checkOutAt).toBe(local('2026-05-14 17:05'));
    await unchanged(() => post(p14, '/attendance/check-out'), 409, 'CONFLICT');
    // Not on the team: no attendance.
    await unchanged(() => post('ops-engineer', '/attendance/check-in'), 403, 'FORBIDDEN');

    const p15 = loginOf[keyOf(shift15.personId)];
    clock.set('2026-05-15 09:20');
    expect((await post(p15, '/attendance/check-in')).body.late).toBe(true);
    clock.set('2026-05-16 10:00');
    const report = await get('roster-manager', '/attendance?month=2026-05');
    expect(report.status).toBe(200);
    const byPerson = Object.fromEntries(report.body.items.map((i: any) => [i.personId, i]));
    const s14 = byPerson[shift14.personId];
    expect(s14.attended).toBeGreaterThanOrEqual(1);
    expect(s14.scheduled).toBeGreaterThan(5);
    expect(byPerson[shift15.personId].late).toBe(1);
    // Shifts between 6 and 13 May had no check-ins: absent.
    expect(s14.absent + byPerson[shift15.personId].absent).toBeGreaterThan(3);
    // An engineer reads only their own.
    const own = await get(p14, '/attendance?month=2026-05');
    expect(own.body.items.map((i: any) => i.personId)).toEqual([shift14.personId]);
    // the month for the client as Excel CSV, one row per engineer, the same figures
    const csv = await get('roster-manager', '/attendance.csv?month=2026-05').buffer(true);
    expect(csv.status).toBe(200);
    const rows = parseExcelCsv(csv.text);
    expect(rows[0].slice(0, 5)).toEqual(['工程师', '排班现场班次', '已出勤', '迟到', '缺勤']);
    expect(rows.length).toBe(report.body.items.length + 1);
    const row14 = rows.find(r => r[0] === s14.personName)!;
    expect(row14.slice(1, 5)).toEqual([String(s14.scheduled), String(s14.attended), String(s14.late), String(s14.absent)]);
    expect((await get(p14, '/attendance.csv?month=2026-05')).status).toBe(403);
  });

  it('exports the month as Excel CSV and as PDF', async () => {
    const res = await get('support-lead', '/rosters/2026-05/export.csv').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = parseExcelCsv(text);
    expect(rows[0][0]).toBe('日期 Date');
    const saturday = rows.filter(r => r[0] === '2026-05-09');
    expect(saturday.some(r => r[2].startsWith('调休上班') && r[4] === '现场值班' && r[5] === '09:00' && r[6] === '17:00')).toBe(true);
    expect(rows.filter(r => r[0] === '2026-05-04').every(r => r[2] === '节假日（劳动节）' && r[4] !== '现场值班')).toBe(true);

    const pdf = await get('support-lead', '/rosters/2026-05/export.pdf').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // checked by independent tools: qpdf finds the structure sound; pdftotext reads the Chinese
    const dir = mkdtempSync(join(tmpdir(), 'yinxin-roster-pdf-'));
    const file = join(dir, 'roster.pdf');
    writeFileSync(file, pdf.body as Buffer);
    execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, '');
    expect(pdfText).toContain('2026-05-09');
    expect(pdfText).toContain('现场值班');
    expect(pdfText).toContain('张驻场');
  });

  it('records staff changes with their written notice and masks contact details', async () => {
    const masked = await get('support-lead', `/people/${ids.li}`);
    expect(masked.body.person.contact.phone).toBe('138****0002');
    expect((await get('roster-manager', `/people/${ids.li}`)).body.person.contact.phone).toBe('13811110002');

    const replaced = await post('roster-manager', `/people/${ids.chen}/replace`, {
      replacement: { name: '吴录入', roles: ['enrolment'], contact: { phone: '13911112222' } },
      reason: '陈录入调回公司总部，经甲方同意由吴录入接替',
      noticeDate: '2026-05-16',
      effectiveDate: '2026-06-01',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.result.replacement).toMatchObject({ name: '吴录入', joinedOn: '2026-06-01', status: 'active' });
    expect(replaced.body.result.left).toMatchObject({ leftOn: '2026-06-01' });
    // The team still has every role: no violation.
    expect(replaced.body.violations.filter((v: Violation) => v.code.startsWith('TEAM'))).toEqual([]);
    const changes = (await get('support-lead', '/staff-changes')).body.items;
    expect(changes[0]).toMatchObject({ kind: 'replace', personName: '陈录入', replacementName: '吴录入', noticeDate: '2026-05-16', effectiveDate: '2026-06-01' });

    // Customer service leaves without a successor: the role goes missing.
    const left = await post('roster-manager', `/people/${ids.zhou}/leave`, { reason: '个人原因离职，已提前书面通知甲方', noticeDate: '2026-05-16', effectiveDate: '2026-06-01' });
    expect(left.status).toBe(200);
    expect(left.body.violations).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TEAM_ROLE_MISSING', day: '2026-06-01', role: 'customer-service' })]));
    // The notice must not come after the change.
    await unchanged(() => post('roster-manager', `/people/${ids.sun}/leave`, { reason: '个人原因离职，补发书面通知', noticeDate: '2026-06-05', effectiveDate: '2026-06-01' }), 400, 'VALIDATION_FAILED');
    const audit = (await get('auditor', `/audit?targetId=${ids.zhou}`)).body.items.map((r: any) => r.action);
    expect(audit).toEqual(['roster.person.leave', 'roster.person.join']);
  });

  it('keeps the audit chain intact', async () => {
    const verify = await get('auditor', '/audit/verify');
    expect([verify.status, verify.body.ok]).toEqual([200, true]);
    expect(verify.body.count).toBeGreaterThan(20);
  });
});
