/*
 * SLA targets of the contract, checked instant by instant on the 2026 calendar of China
 * (Asia/Shanghai, business hours 08:30–17:30, CST = UTC+8). Every expected value below was
 * worked out by hand; the comments give the working-day count in local time.
 *
 * 2026 facts used: 1 Jan is a Thursday. Spring Festival holiday 15–23 Feb (make-up workdays
 * Sat 14 Feb and Sat 28 Feb). Mid-autumn Fri 25 Sep. National Day 1–7 Oct (make-up workdays
 * Sun 20 Sep and Sat 10 Oct). March 2026 has no holiday (Wed 11, Fri 13, Sat 14, Mon 16).
 */
import { WorkingCalendar, seedDaysFromChineseDays } from '@yinxin/ops-node';
import type { Kind, Priority } from '@yinxin/plugin-tickets-common';
import { DEFAULT_SLA_POLICY, deadlineFor, initialDeadlines, readSlaPolicy, resumeDeadline } from './SlaPolicy';

const calendar = new WorkingCalendar({ days: seedDaysFromChineseDays() });

/** A CST wall-clock time 'YYYY-MM-DD HH:MM' as a Date. */
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

describe('the calendar facts the cases rely on', () => {
  it.each([
    ['2026-02-14 10:00', 'makeup-workday'],
    ['2026-02-20 10:00', 'holiday'],
    ['2026-02-23 10:00', 'holiday'],
    ['2026-02-24 10:00', 'workday'],
    ['2026-02-28 10:00', 'makeup-workday'],
    ['2026-09-20 10:00', 'makeup-workday'],
    ['2026-09-25 10:00', 'holiday'],
    ['2026-10-05 10:00', 'holiday'],
    ['2026-10-10 10:00', 'makeup-workday'],
    ['2026-03-13 10:00', 'workday'],
    ['2026-03-14 10:00', 'weekend'],
  ])('%s is a %s', (local, kind) => {
    expect(calendar.dayKind(cst(local)).kind).toBe(kind);
  });
});

interface Case {
  name: string;
  submitted: string; // CST wall clock
  priority: Priority;
  kind: Kind;
  response: string; // expected ISO instant (UTC)
  plan: string;
}

const cases: Case[] = [
  // Normal requests: response and plan both within 2 working days, submission day counting.
  { name: 'Wednesday 10:00: Wed is day 1, Thu day 2', submitted: '2026-03-11 10:00', priority: 'normal', kind: 'request', response: '2026-03-12T09:30:00.000Z', plan: '2026-03-12T09:30:00.000Z' },
  { name: 'Wednesday 17:29 still counts that day', submitted: '2026-03-11 17:29', priority: 'normal', kind: 'request', response: '2026-03-12T09:30:00.000Z', plan: '2026-03-12T09:30:00.000Z' },
  { name: 'Wednesday 17:30 does not: Thu day 1, Fri day 2', submitted: '2026-03-11 17:30', priority: 'normal', kind: 'request', response: '2026-03-13T09:30:00.000Z', plan: '2026-03-13T09:30:00.000Z' },
  { name: 'Wednesday 06:00, before opening, counts that day', submitted: '2026-03-11 06:00', priority: 'normal', kind: 'request', response: '2026-03-12T09:30:00.000Z', plan: '2026-03-12T09:30:00.000Z' },
  { name: 'Friday 18:00: Mon day 1, Tue day 2', submitted: '2026-03-13 18:00', priority: 'normal', kind: 'request', response: '2026-03-17T09:30:00.000Z', plan: '2026-03-17T09:30:00.000Z' },
  { name: 'Saturday 11:00: Mon day 1, Tue day 2', submitted: '2026-03-14 11:00', priority: 'low', kind: 'request', response: '2026-03-17T09:30:00.000Z', plan: '2026-03-17T09:30:00.000Z' },
  { name: 'Sunday 23:59: Mon day 1, Tue day 2', submitted: '2026-03-15 23:59', priority: 'normal', kind: 'request', response: '2026-03-17T09:30:00.000Z', plan: '2026-03-17T09:30:00.000Z' },
  // Spring Festival.
  { name: 'make-up Saturday 14 Feb 10:00 is day 1; the festival is skipped; Tue 24 Feb day 2', submitted: '2026-02-14 10:00', priority: 'normal', kind: 'request', response: '2026-02-24T09:30:00.000Z', plan: '2026-02-24T09:30:00.000Z' },
  { name: 'Friday 13 Feb 18:00: make-up Saturday is day 1, 24 Feb day 2', submitted: '2026-02-13 18:00', priority: 'normal', kind: 'request', response: '2026-02-24T09:30:00.000Z', plan: '2026-02-24T09:30:00.000Z' },
  { name: 'make-up Saturday 14 Feb 18:00: 24 Feb day 1, 25 Feb day 2', submitted: '2026-02-14 18:00', priority: 'normal', kind: 'request', response: '2026-02-25T09:30:00.000Z', plan: '2026-02-25T09:30:00.000Z' },
  { name: 'during the festival (Fri 20 Feb): 24 Feb day 1, 25 Feb day 2', submitted: '2026-02-20 10:00', priority: 'normal', kind: 'request', response: '2026-02-25T09:30:00.000Z', plan: '2026-02-25T09:30:00.000Z' },
  { name: 'Friday 27 Feb: the make-up Saturday 28 Feb is day 2', submitted: '2026-02-27 10:00', priority: 'normal', kind: 'request', response: '2026-02-28T09:30:00.000Z', plan: '2026-02-28T09:30:00.000Z' },
  // Mid-autumn and National Day.
  { name: 'make-up Sunday 20 Sep is day 1, Mon 21 Sep day 2', submitted: '2026-09-20 10:00', priority: 'normal', kind: 'request', response: '2026-09-21T09:30:00.000Z', plan: '2026-09-21T09:30:00.000Z' },
  { name: 'Thursday 24 Sep: Mid-autumn Friday and the weekend skipped, Mon 28 Sep day 2', submitted: '2026-09-24 10:00', priority: 'normal', kind: 'request', response: '2026-09-28T09:30:00.000Z', plan: '2026-09-28T09:30:00.000Z' },
  { name: 'during National Day (Mon 5 Oct): Thu 8 Oct day 1, Fri 9 Oct day 2', submitted: '2026-10-05 10:00', priority: 'normal', kind: 'request', response: '2026-10-09T09:30:00.000Z', plan: '2026-10-09T09:30:00.000Z' },
  { name: 'Wednesday 30 Sep 18:00: 8 Oct day 1, 9 Oct day 2', submitted: '2026-09-30 18:00', priority: 'normal', kind: 'request', response: '2026-10-09T09:30:00.000Z', plan: '2026-10-09T09:30:00.000Z' },
  { name: 'Friday 9 Oct: the make-up Saturday 10 Oct is day 2', submitted: '2026-10-09 10:00', priority: 'normal', kind: 'request', response: '2026-10-10T09:30:00.000Z', plan: '2026-10-10T09:30:00.000Z' },
  // Problem-list items: plan in 5 working days, whatever the priority.
  { name: 'problem Wednesday 11 Mar: plan Wed, Thu, Fri, Mon, Tue 17 Mar', submitted: '2026-03-11 10:00', priority: 'normal', kind: 'problem', response: '2026-03-12T09:30:00.000Z', plan: '2026-03-17T09:30:00.000Z' },
  { name: 'urgent problem follows the problem targets, not the urgent ones', submitted: '2026-03-11 10:00', priority: 'urgent', kind: 'problem', response: '2026-03-12T09:30:00.000Z', plan: '2026-03-17T09:30:00.000Z' },
  { name: 'problem Tue 29 Sep: 29, 30 Sep, 8, 9 Oct, make-up Sat 10 Oct', submitted: '2026-09-29 10:00', priority: 'normal', kind: 'problem', response: '2026-09-30T09:30:00.000Z', plan: '2026-10-10T09:30:00.000Z' },
  { name: 'problem on make-up Sat 28 Feb 17:00: 28 Feb, 2, 3, 4, 5 Mar', submitted: '2026-02-28 17:00', priority: 'low', kind: 'problem', response: '2026-03-02T09:30:00.000Z', plan: '2026-03-05T09:30:00.000Z' },
  // Urgent: response in 2 business hours, plan within the day (1 working day).
  { name: 'urgent Friday 16:30: 1 h on Friday, 1 h on Monday → Mon 09:30', submitted: '2026-03-13 16:30', priority: 'urgent', kind: 'request', response: '2026-03-16T01:30:00.000Z', plan: '2026-03-13T09:30:00.000Z' },
  { name: 'urgent 15:30 ends exactly at 17:30, not at the next opening', submitted: '2026-03-11 15:30', priority: 'urgent', kind: 'request', response: '2026-03-11T09:30:00.000Z', plan: '2026-03-11T09:30:00.000Z' },
  { name: 'urgent 07:00: the clock starts at 08:30 → 10:30', submitted: '2026-03-11 07:00', priority: 'urgent', kind: 'request', response: '2026-03-11T02:30:00.000Z', plan: '2026-03-11T09:30:00.000Z' },
  { name: 'urgent Saturday: Monday 08:30 + 2 h; plan Monday 17:30', submitted: '2026-03-14 11:00', priority: 'urgent', kind: 'request', response: '2026-03-16T02:30:00.000Z', plan: '2026-03-16T09:30:00.000Z' },
  { name: 'urgent Wed 30 Sep 16:30: 1 h, National Day, 1 h → Thu 8 Oct 09:30', submitted: '2026-09-30 16:30', priority: 'urgent', kind: 'request', response: '2026-10-08T01:30:00.000Z', plan: '2026-09-30T09:30:00.000Z' },
  // High: response within the day, plan by the next working day.
  { name: 'high Friday 10:00: response Friday, plan Monday', submitted: '2026-03-13 10:00', priority: 'high', kind: 'request', response: '2026-03-13T09:30:00.000Z', plan: '2026-03-16T09:30:00.000Z' },
];

describe('initialDeadlines with the default policy', () => {
  it.each(cases)('$name', c => {
    const d = initialDeadlines(calendar, DEFAULT_SLA_POLICY, { priority: c.priority, kind: c.kind, createdAt: cst(c.submitted) });
    expect({ response: d.responseDueAt.toISOString(), plan: d.planDueAt.toISOString() }).toEqual({ response: c.response, plan: c.plan });
  });

  it('uses a configured policy instead of the defaults', () => {
    const policy = readSlaPolicy({ byPriority: { normal: { response: { businessHours: 4 }, plan: { workingDays: 3 } } } });
    const d = initialDeadlines(calendar, policy, { priority: 'normal', kind: 'request', createdAt: cst('2026-03-13 16:00') });
    // 16:00–17:30 Friday (1.5 h), then Monday 08:30 + 2.5 h = 11:00; plan Fri, Mon, Tue.
    expect(d.responseDueAt.toISOString()).toBe('2026-03-16T03:00:00.000Z');
    expect(d.planDueAt.toISOString()).toBe('2026-03-17T09:30:00.000Z');
  });

  it('deadlineFor dispatches on the kind of target', () => {
    const start = cst('2026-03-11 10:00');
    expect(deadlineFor(calendar, start, { workingDays: 1 }).toISOString()).toBe('2026-03-11T09:30:00.000Z');
    expect(deadlineFor(calendar, start, { businessHours: 1.5 }).toISOString()).toBe('2026-03-11T03:30:00.000Z');
  });
});

describe('resumeDeadline (waiting for the requester)', () => {
  it.each([
    {
      // Paused Fri 13 Feb 15:30 → Tue 24 Feb 10:30: 2 h (Fri) + 9 h (make-up Sat 14 Feb) + 0 (festival)
      // + 2 h (Tue) = 13 h. Due Fri 13 Feb 17:30 + 13 h: 9 h on Sat 14 Feb, 4 h on Tue 24 Feb → 12:30.
      name: 'a pause across Spring Festival counts only the make-up Saturday and the working hours',
      due: '2026-02-13 17:30', since: '2026-02-13 15:30', until: '2026-02-24 10:30', expected: '2026-02-24T04:30:00.000Z',
    },
    {
      // Paused Wed 30 Sep 17:00 → Thu 8 Oct 09:00: 0.5 h + 0.5 h = 1 h. Due Fri 9 Oct 17:30 + 1 h
      // runs into the make-up Saturday 10 Oct → 09:30.
      name: 'a pause across National Day moves a Friday deadline onto the make-up Saturday',
      due: '2026-10-09 17:30', since: '2026-09-30 17:00', until: '2026-10-08 09:00', expected: '2026-10-10T01:30:00.000Z',
    },
    {
      name: 'a pause entirely inside the holiday moves nothing',
      due: '2026-02-25 17:30', since: '2026-02-16 09:00', until: '2026-02-22 18:00', expected: '2026-02-25T09:30:00.000Z',
    },
    {
      name: 'a pause over a night moves nothing',
      due: '2026-03-12 17:30', since: '2026-03-11 18:00', until: '2026-03-12 08:00', expected: '2026-03-12T09:30:00.000Z',
    },
    {
      // Paused Wed 11 Mar 10:00 → 11:15: 1.25 h. Due Wed 17:30 → Thu 08:30 + 1.25 h = 09:45.
      name: 'a short pause near the end of the day spills into the next morning',
      due: '2026-03-11 17:30', since: '2026-03-11 10:00', until: '2026-03-11 11:15', expected: '2026-03-12T01:45:00.000Z',
    },
  ])('$name', ({ due, since, until, expected }) => {
    expect(resumeDeadline(calendar, cst(due), cst(since), cst(until)).toISOString()).toBe(expected);
  });

  it('returns the same deadline for an empty or reversed pause', () => {
    const due = cst('2026-03-12 17:30');
    expect(resumeDeadline(calendar, due, cst('2026-03-11 10:00'), cst('2026-03-11 10:00')).getTime()).toBe(due.getTime());
    expect(resumeDeadline(calendar, due, cst('2026-03-11 12:00'), cst('2026-03-11 10:00')).getTime()).toBe(due.getTime());
  });
});

describe('readSlaPolicy', () => {
  it('falls back to the defaults for absent or empty configuration', () => {
    expect(readSlaPolicy(undefined)).toEqual(DEFAULT_SLA_POLICY);
    expect(readSlaPolicy({})).toEqual(DEFAULT_SLA_POLICY);
  });

  it('overrides single targets and leaves the defaults untouched', () => {
    const before = JSON.stringify(DEFAULT_SLA_POLICY);
    const policy = readSlaPolicy({ byPriority: { high: { plan: { businessHours: 6 } } }, problem: { plan: { workingDays: 10 } } });
    expect(policy.byPriority.high).toEqual({ response: { workingDays: 1 }, plan: { businessHours: 6 } });
    expect(policy.problem).toEqual({ response: { workingDays: 2 }, plan: { workingDays: 10 } });
    expect(policy.byPriority.normal).toEqual(DEFAULT_SLA_POLICY.byPriority.normal);
    expect(JSON.stringify(DEFAULT_SLA_POLICY)).toBe(before);
    policy.byPriority.low.plan = { workingDays: 9 };
    expect(DEFAULT_SLA_POLICY.byPriority.low.plan).toEqual({ workingDays: 2 });
  });

  it.each([
    ['zero working days', { byPriority: { normal: { plan: { workingDays: 0 } } } }],
    ['fractional working days', { byPriority: { normal: { plan: { workingDays: 1.5 } } } }],
    ['negative working days', { problem: { plan: { workingDays: -5 } } }],
    ['zero business hours', { byPriority: { urgent: { response: { businessHours: 0 } } } }],
    ['negative business hours', { problem: { response: { businessHours: -2 } } }],
    ['a number as a string', { byPriority: { urgent: { response: { businessHours: '2' } } } }],
    ['an unknown unit', { byPriority: { urgent: { response: { minutes: 30 } } } }],
    ['an empty target', { problem: { plan: {} } }],
    ['an unknown priority', { byPriority: { critical: { response: { businessHours: 1 } } } }],
    ['a priority that is not an object', { byPriority: { urgent: 'fast' } }],
    ['a problem entry that is not an object', { problem: 5 }],
    ['a null priority entry', { byPriority: { urgent: null } }],
    ['a bare number as a target', { byPriority: { normal: { response: 2 } } }],
    ['an inherited property name as a priority', { byPriority: { toString: { response: { businessHours: 1 } } } }],
    ['byPriority as a list', { byPriority: [{ response: { businessHours: 1 } }] }],
  ])('rejects %s', (_name, raw) => {
    expect(() => readSlaPolicy(raw)).toThrow(/SLA/);
  });
});
