/*
 * SLA deadlines of the contract on the real 2026 calendar (Asia/Shanghai, 08:30–17:30):
 * weekends, Spring Festival and National Day holidays, make-up workdays, after-hours submissions.
 * Expected instants are worked out by hand from the State Council's 2026 holiday notice.
 */
import { WorkingCalendar, seedDaysFromChineseDays } from '@yinxin/ops-node';
import type { Kind, Priority } from '@yinxin/plugin-tickets-common';
import { DEFAULT_SLA_POLICY, initialDeadlines, readSlaPolicy, resumeDeadline } from './SlaPolicy';

const calendar = new WorkingCalendar({ days: seedDaysFromChineseDays() });

describe('initial deadlines', () => {
  it.each<[string, string, Priority, Kind, string, string]>([
    // name, submitted at (UTC), priority, kind, response due (UTC), plan due (UTC)
    ['Tuesday 10:00: the submission day counts', '2026-12-01T02:00:00Z', 'normal', 'request', '2026-12-02T09:30:00.000Z', '2026-12-02T09:30:00.000Z'],
    ['Friday 18:00, after hours: counting starts Monday', '2026-12-04T10:00:00Z', 'normal', 'request', '2026-12-08T09:30:00.000Z', '2026-12-08T09:30:00.000Z'],
    ['Saturday: counting starts Monday', '2026-11-28T03:00:00Z', 'normal', 'request', '2026-12-01T09:30:00.000Z', '2026-12-01T09:30:00.000Z'],
    ['make-up Saturday 14 Feb before Spring Festival counts, the festival does not', '2026-02-14T02:00:00Z', 'normal', 'request', '2026-02-24T09:30:00.000Z', '2026-02-24T09:30:00.000Z'],
    ['during National Day: counting starts 8 October', '2026-10-03T02:00:00Z', 'low', 'request', '2026-10-09T09:30:00.000Z', '2026-10-09T09:30:00.000Z'],
    ['problem-list item before National Day: 5 working days incl. make-up Saturday 10 Oct', '2026-09-30T02:00:00Z', 'normal', 'problem', '2026-10-08T09:30:00.000Z', '2026-10-12T09:30:00.000Z'],
    ['urgent Friday 16:30: 2 business hours run into Monday morning', '2026-12-04T08:30:00Z', 'urgent', 'request', '2026-12-07T01:30:00.000Z', '2026-12-04T09:30:00.000Z'],
    ['high Monday 09:00: response same day, plan next day', '2026-12-07T01:00:00Z', 'high', 'request', '2026-12-07T09:30:00.000Z', '2026-12-08T09:30:00.000Z'],
    ['before opening on a workday counts that day', '2026-12-01T00:00:00Z', 'normal', 'request', '2026-12-02T09:30:00.000Z', '2026-12-02T09:30:00.000Z'],
    ['exactly 17:30 is after hours', '2026-12-01T09:30:00Z', 'normal', 'request', '2026-12-03T09:30:00.000Z', '2026-12-03T09:30:00.000Z'],
  ])('%s', (_name, submitted, priority, kind, response, plan) => {
    const d = initialDeadlines(calendar, DEFAULT_SLA_POLICY, { priority, kind, createdAt: new Date(submitted) });
    expect(d.responseDueAt.toISOString()).toBe(response);
    expect(d.planDueAt.toISOString()).toBe(plan);
  });
});

describe('pauses while waiting for the requester', () => {
  it('moves the deadline by the business time of the pause, skipping the holiday', () => {
    // Due 30 Sep 17:30; paused 30 Sep 16:30 → 8 Oct 09:30: 1 h + (holiday) + 1 h = 2 business hours.
    const due = new Date('2026-09-30T09:30:00Z');
    const resumed = resumeDeadline(calendar, due, new Date('2026-09-30T08:30:00Z'), new Date('2026-10-08T01:30:00Z'));
    expect(resumed.toISOString()).toBe('2026-10-08T02:30:00.000Z');
  });

  it('leaves the deadline alone for a pause outside business hours', () => {
    const due = new Date('2026-12-08T09:30:00Z');
    const resumed = resumeDeadline(calendar, due, new Date('2026-12-05T02:00:00Z'), new Date('2026-12-06T10:00:00Z'));
    expect(resumed.toISOString()).toBe(due.toISOString());
  });
});

describe('readSlaPolicy', () => {
  it('overrides per priority and keeps the defaults elsewhere', () => {
    const policy = readSlaPolicy({ byPriority: { urgent: { response: { businessHours: 1 } } }, problem: { plan: { workingDays: 4 } } });
    expect(policy.byPriority.urgent.response).toEqual({ businessHours: 1 });
    expect(policy.byPriority.urgent.plan).toEqual(DEFAULT_SLA_POLICY.byPriority.urgent.plan);
    expect(policy.problem.plan).toEqual({ workingDays: 4 });
  });

  it.each([
    [{ byPriority: { urgent: { response: { workingDays: 0 } } } }],
    [{ byPriority: { urgent: { response: { businessHours: -1 } } } }],
    [{ byPriority: { critical: { response: { workingDays: 1 } } } }],
    [{ problem: { plan: { days: 5 } } }],
  ])('rejects %j', raw => {
    expect(() => readSlaPolicy(raw)).toThrow();
  });
});
