/*
 * The roster services against real databases (SQLite and, when configured, PostgreSQL 15): staff
 * changes and what they do to the shifts, overrides undone, swaps voided when their shifts go,
 * and failures that leave nothing behind. Times are Shanghai local time.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ApiError } from '@yinxin/ops-node';
import { snapshot } from '@yinxin/backend-testing';
import type { Assignment } from '@yinxin/plugin-roster-common';
import { at, calendar2026 } from '../testing/fixtures';
import { ScheduleService } from './ScheduleService';
import { RosterStore } from './store';
import { notice, person, rosterServicesForTest } from '../testing/rosterServices';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});

async function refusal(p: Promise<unknown>): Promise<{ status: number; reason: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, reason: (e.details as { reason: string }).reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe.each(databases.eachSupportedId())('roster services on %p', (databaseId: TestDatabaseId) => {
  async function setup(start: string) {
    const clock = { now: at(start) };
    const published: [string, string, unknown][] = [];
    const s = await rosterServicesForTest(await databases.init(databaseId), {
      clock: () => clock.now,
      hub: { publish: (room, event, payload) => void published.push([room, event, payload]) },
    });
    const ids: Record<string, string> = {};
    const team: [string, Parameters<typeof person>[1], string | null][] = [
      ['wang', ['project-manager'], 'user:default/wang'],
      ['li', ['maintenance'], 'user:default/li'],
      ['zhang', ['resident', 'technical-support'], 'user:default/zhang'],
      ['zhao', ['resident'], 'user:default/zhao'],
      ['chen', ['enrolment'], null],
      ['zhou', ['customer-service'], null],
      ['sun', ['technical-support', 'maintenance'], 'user:default/sun'],
    ];
    for (const [key, roles, ref] of team) ids[key] = (await s.people.join(person(key, roles, ref), notice('2026-04-01'), 'user:default/pm')).id;
    await s.schedule.generate('2026-04', false, 'user:default/pm');
    await s.schedule.generate('2026-05', false, 'user:default/pm');
    const all = async (): Promise<Assignment[]> => s.schedule.assignments({ from: '2026-04-01', to: '2026-06-01' });
    return { ...s, clock, ids, published, all };
  }

  it('a leave from the team removes the shifts from the effective date, ends a running one, keeps the past', async () => {
    const s = await setup('2026-05-12 12:00');
    s.clock.now = at('2026-05-12 12:01');
    const before = (await s.all()).filter(a => a.personId === s.ids.zhang);
    const running = before.find(a => Date.parse(a.startsAt) <= s.clock.now.getTime() && Date.parse(a.endsAt) > s.clock.now.getTime());
    const res = await s.people.leave(s.ids.zhang, notice('2026-05-12', '2026-05-05'), 'user:default/pm');
    expect(res.result).toMatchObject({ leftOn: '2026-05-12', status: 'left' });
    const after = (await s.all()).filter(a => a.personId === s.ids.zhang);
    expect(after.every(a => Date.parse(a.endsAt) <= s.clock.now.getTime())).toBe(true);
    expect(after.length).toBe(before.filter(a => Date.parse(a.startsAt) < s.clock.now.getTime()).length);
    if (running) expect(after.find(a => a.id === running.id)!.endsAt).toBe(s.clock.now.toISOString());
    // Zhao is left as the only resident: the on-site days he cannot take are gaps now.
    expect(res.violations.some(v => v.code === 'ONSITE_UNCOVERED' || v.code === 'ONCALL_GAP')).toBe(true);
    // Leaving twice is refused.
    expect(await refusal(s.people.leave(s.ids.zhang, notice('2026-05-20', '2026-05-12'), 'user:default/pm'))).toEqual({ status: 409, reason: 'PERSON_INACTIVE' });
    const changes = await s.people.changes();
    expect(changes[0]).toMatchObject({ kind: 'leave', personId: s.ids.zhang, noticeDate: '2026-05-05', effectiveDate: '2026-05-12', recordedBy: 'user:default/pm' });
  });

  it('a replacement takes over the future shifts where free; pending swaps of the leaver are voided', async () => {
    const s = await setup('2026-05-06 10:00');
    const zhangShift = (await s.all()).find(a => a.personId === s.ids.zhang && a.day === '2026-05-20')!;
    const swap = await s.swaps.request({ assignmentId: zhangShift.id, partnerId: s.ids.zhao, reason: '家中有事' }, { userRef: 'user:default/zhang', actor: 'user:default/zhang' });
    const res = await s.people.replace(s.ids.zhang, { fields: person('钱驻场', ['resident', 'technical-support'], 'user:default/qian') }, notice('2026-05-15', '2026-05-06'), 'user:default/pm');
    const qian = res.result.replacement.id;
    const after = await s.all();
    expect(after.filter(a => a.personId === s.ids.zhang && a.day >= '2026-05-15')).toEqual([]);
    expect(after.find(a => a.id === zhangShift.id)!.personId).toBe(qian);
    // (generated on 6 May at 10:00, so the roster starts that evening)
    expect(res.violations.filter(v => v.day.startsWith('2026-05') && v.day > '2026-05-06')).toEqual([]);
    expect((await s.swaps.list({})).find(x => x.id === swap.id)).toMatchObject({ state: 'cancelled', decisionNote: 'staff change' });
    expect(await refusal(s.people.replace(s.ids.zhao, { id: s.ids.zhao }, notice('2026-05-20', '2026-05-06'), 'user:default/pm'))).toEqual({ status: 400, reason: 'SAME_PERSON' });
  });

  it('an override deleted gives back what it took, unless the replaced engineer cannot take it any more', async () => {
    const s = await setup('2026-05-06 10:00');
    const night = (await s.all()).find(a => a.day === '2026-05-21' && a.templateId === 'oncall-night')!;
    const cover = [s.ids.li, s.ids.sun, s.ids.zhao].find(id => id !== night.personId)!;
    const o = await s.schedule.createOverride({ personId: cover, kind: 'oncall', startsAt: night.startsAt, endsAt: night.endsAt, replacedPersonId: night.personId, reason: '调班' }, 'user:default/pm');
    expect(o.result.assignment).toMatchObject({ templateId: 'oncall-night', day: '2026-05-21', source: 'override' });
    expect((await s.all()).find(a => a.id === night.id)).toBeUndefined();
    // The replaced engineer goes on leave meanwhile: the night cannot come back to them.
    await s.schedule.addLeave({ personId: night.personId, type: 'personal', startDay: '2026-05-21', endDay: '2026-05-21' }, 'user:default/pm');
    const undone = await s.schedule.deleteOverride(o.result.override.id, 'user:default/pm');
    expect(undone.result).toMatchObject({ restored: 0, notRestored: 1 });
    expect(undone.violations.some(v => v.code === 'ONCALL_GAP' && v.day === '2026-05-21')).toBe(true);
    // An override that has started cannot be deleted.
    const later = await s.schedule.createOverride({ personId: cover, kind: 'oncall', startsAt: at('2026-05-06 10:00').toISOString(), endsAt: at('2026-05-06 11:00').toISOString(), reason: '值守' }, 'user:default/pm');
    s.clock.now = at('2026-05-06 10:30');
    expect(await refusal(s.schedule.deleteOverride(later.result.override.id, 'user:default/pm'))).toEqual({ status: 409, reason: 'SHIFT_IN_PAST' });
    expect(await refusal(s.schedule.deleteOverride(o.result.override.id, 'user:default/pm'))).toEqual({ status: 404, reason: 'OVERRIDE_NOT_FOUND' });
  });

  it('voids a pending swap whose shift is removed or regenerated', async () => {
    const s = await setup('2026-05-06 10:00');
    const mine = (await s.all()).find(a => a.personId === s.ids.zhang && a.kind === 'onsite' && a.day > '2026-05-10')!;
    const swap = await s.swaps.request({ assignmentId: mine.id, partnerId: s.ids.zhao, reason: '家中有事' }, { userRef: 'user:default/zhang', actor: 'user:default/zhang' });
    await s.schedule.generate('2026-05', false, 'user:default/pm');
    expect((await s.swaps.list({ state: 'cancelled' })).map(x => [x.id, x.decisionNote])).toEqual([[swap.id, 'roster regenerated']]);
    expect(await refusal(s.swaps.approve(swap.id, undefined, { userRef: 'user:default/pm', actor: 'user:default/pm' }))).toEqual({ status: 409, reason: 'SWAP_NOT_PENDING' });
    expect(await refusal(s.swaps.cancel(swap.id, { userRef: 'user:default/li', actor: 'user:default/li' }))).toEqual({ status: 403, reason: 'NOT_YOUR_SWAP' });
  });

  it('refuses a change before writing anything when the calendar is unavailable, and survives a failing hub', async () => {
    const s = await setup('2026-05-06 10:00');
    const broken = new ScheduleService(new RosterStore({ knex: s.knex, audit: s.audit, clock: () => s.clock.now, calendar: async () => Promise.reject(new Error('platform down')) }));
    const before = await snapshot(s.knex);
    expect(await refusal(broken.addLeave({ personId: s.ids.li, type: 'annual', startDay: '2026-05-20', endDay: '2026-05-20' }, 'user:default/pm'))).toEqual({ status: 503, reason: 'CALENDAR_UNAVAILABLE' });
    expect(await snapshot(s.knex)).toBe(before);

    const noisy = new ScheduleService(
      new RosterStore({ knex: s.knex, audit: s.audit, clock: () => s.clock.now, calendar: async () => calendar2026, hub: { publish: () => { throw new Error('socket.io down'); } } }),
    );
    const ok = await noisy.addLeave({ personId: s.ids.li, type: 'annual', startDay: '2026-05-20', endDay: '2026-05-20' }, 'user:default/pm');
    expect(ok.result.personId).toBe(s.ids.li);
    expect(s.published.some(([room, event]) => room === 'roster:duty' && event === 'roster')).toBe(true);
    expect((await s.audit.verify()).ok).toBe(true);
  });
});
