import type { Assignment } from '@yinxin/plugin-roster-common';
import {
  assignmentsByDay,
  cstMonth,
  cstToday,
  eventTouches,
  leavesOn,
  mergeMonths,
  monthsShown,
  monthGrid,
  monthsOfWeek,
  shiftTimeText,
  shownRole,
  stepView,
  viewFromSearch,
  viewToSearch,
  weekRow,
} from './calendar';

const assignment = (id: string, day: string, startsAt: string, endsAt: string, kind: 'onsite' | 'oncall' = 'onsite'): Assignment => ({
  id,
  personId: 'p1',
  templateId: 't',
  kind,
  day,
  startsAt,
  endsAt,
  source: 'generated',
  overrideId: null,
  createdAt: startsAt,
  createdBy: 'x',
});

describe('China time', () => {
  it('takes today and this month in UTC+8 whatever the browser zone', () => {
    // 2026-04-30 17:30 UTC is already 1 May in Beijing.
    const now = new Date('2026-04-30T17:30:00Z');
    expect(cstToday(now)).toBe('2026-05-01');
    expect(cstMonth(now)).toBe('2026-05');
    expect(cstToday(new Date('2026-04-30T15:59:59Z'))).toBe('2026-04-30');
  });
});

describe('monthGrid', () => {
  it('lays a month out in whole Monday-first weeks', () => {
    // May 2026 starts on a Friday and ends on a Sunday.
    const grid = monthGrid('2026-05', '2026-05-04');
    expect(grid).toHaveLength(5);
    expect(grid[0].map(c => c.day)).toEqual(['2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
    expect(grid[0].map(c => c.inMonth)).toEqual([false, false, false, false, true, true, true]);
    expect(grid[0].map(c => c.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(grid[4][6]).toMatchObject({ day: '2026-05-31', inMonth: true, weekday: 7 });
    expect(grid.flat().filter(c => c.isToday).map(c => c.day)).toEqual(['2026-05-04']);
    expect(grid.flat().filter(c => c.inMonth)).toHaveLength(31);
  });

  it('takes six rows when the month needs them, and February of a leap year', () => {
    // March 2026 starts on a Sunday: 1 + 30 days → six weeks.
    expect(monthGrid('2026-03')).toHaveLength(6);
    expect(monthGrid('2028-02').flat().filter(c => c.inMonth)).toHaveLength(29);
  });
});

describe('weeks', () => {
  it('gives the Monday-to-Sunday week of a day and the months it touches', () => {
    expect(weekRow('2026-05-01').map(c => c.day)).toEqual(['2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']);
    expect(weekRow('2026-05-01').every(c => c.inMonth)).toBe(true);
    expect(monthsOfWeek('2026-05-01')).toEqual(['2026-04', '2026-05']);
    expect(monthsOfWeek('2026-05-13')).toEqual(['2026-05']);
  });
});

describe('views in the URL', () => {
  const now = new Date('2026-05-13T04:00:00Z');
  it('defaults to this month and this week', () => {
    expect(viewFromSearch(new URLSearchParams(''), now)).toEqual({ view: 'month', month: '2026-05', week: '2026-05-11' });
  });
  it('reads a month and a week, and ignores nonsense', () => {
    expect(viewFromSearch(new URLSearchParams('view=week&month=2026-06&week=2026-06-10'), now)).toEqual({ view: 'week', month: '2026-06', week: '2026-06-08' });
    expect(viewFromSearch(new URLSearchParams('view=year&month=2026-13&week=x'), now)).toEqual({ view: 'month', month: '2026-05', week: '2026-05-11' });
    expect(viewFromSearch(new URLSearchParams('month=2026-07'), now).week).toBe('2026-06-29');
  });
  it('writes a view back', () => {
    expect(viewToSearch({ view: 'month', month: '2026-05', week: '2026-05-11' }).toString()).toBe('view=month&month=2026-05');
    expect(viewToSearch({ view: 'week', month: '2026-05', week: '2026-05-11' }).toString()).toBe('view=week&month=2026-05&week=2026-05-11');
  });
  it('steps by months and by weeks', () => {
    expect(stepView({ view: 'month', month: '2026-12', week: '2026-12-07' }, 1)).toEqual({ view: 'month', month: '2027-01', week: '2026-12-28' });
    expect(stepView({ view: 'month', month: '2026-01', week: '2026-01-05' }, -1).month).toBe('2025-12');
    // The week of 27 April – 3 May has its Thursday in April.
    expect(stepView({ view: 'week', month: '2026-05', week: '2026-05-04' }, -1)).toEqual({ view: 'week', month: '2026-04', week: '2026-04-27' });
    expect(stepView({ view: 'week', month: '2026-05', week: '2026-05-25' }, 1)).toEqual({ view: 'week', month: '2026-06', week: '2026-06-01' });
  });
});

describe('day contents', () => {
  it('groups shifts by their day in time order, on site before on call at the same start', () => {
    const byDay = assignmentsByDay([
      assignment('night', '2026-05-04', '2026-05-04T09:00:00Z', '2026-05-05T01:00:00Z', 'oncall'),
      assignment('day', '2026-05-04', '2026-05-04T01:00:00Z', '2026-05-04T09:00:00Z'),
      assignment('both-oncall', '2026-05-05', '2026-05-05T01:00:00Z', '2026-05-06T01:00:00Z', 'oncall'),
      assignment('both-onsite', '2026-05-05', '2026-05-05T01:00:00Z', '2026-05-05T09:00:00Z'),
    ]);
    expect(byDay.get('2026-05-04')!.map(a => a.id)).toEqual(['day', 'night']);
    expect(byDay.get('2026-05-05')!.map(a => a.id)).toEqual(['both-onsite', 'both-oncall']);
    expect(byDay.get('2026-05-06')).toBeUndefined();
  });

  it('finds the leave covering a day (inclusive ends)', () => {
    const leave = { id: 'l', personId: 'p', type: 'annual' as const, startDay: '2026-05-04', endDay: '2026-05-06', startsAt: '', endsAt: '', note: '', createdBy: '', createdAt: '' };
    expect(leavesOn([leave], '2026-05-03')).toEqual([]);
    expect(leavesOn([leave], '2026-05-04')).toEqual([leave]);
    expect(leavesOn([leave], '2026-05-06')).toEqual([leave]);
    expect(leavesOn([leave], '2026-05-07')).toEqual([]);
  });

  it('writes shift times in China time, marking a next-day end', () => {
    expect(shiftTimeText({ startsAt: '2026-05-04T01:00:00Z', endsAt: '2026-05-04T09:00:00Z' })).toBe('09:00–17:00');
    expect(shiftTimeText({ startsAt: '2026-05-04T09:00:00Z', endsAt: '2026-05-05T01:00:00Z' })).toBe('17:00–09:00+1');
    expect(shiftTimeText({ startsAt: '2026-05-02T01:00:00Z', endsAt: '2026-05-03T01:00:00Z' })).toBe('09:00–09:00+1');
    expect(shiftTimeText({ startsAt: '2026-05-04T10:00:00Z', endsAt: '2026-05-04T16:00:00Z' })).toBe('18:00–24:00');
  });

  it('shows a person in the role the shift accepts, else their first role', () => {
    expect(shownRole(['project-manager', 'resident'], ['resident'])).toBe('resident');
    expect(shownRole(['technical-support', 'maintenance'])).toBe('maintenance');
    expect(shownRole([])).toBeUndefined();
  });
});

describe('live events', () => {
  it('reloads the months an event names, and every month for team-wide changes', () => {
    expect(eventTouches({ change: 'swap', months: ['2026-06'] }, ['2026-06'])).toBe(true);
    expect(eventTouches({ change: 'swap', months: ['2026-07'] }, ['2026-05', '2026-06'])).toBe(false);
    expect(eventTouches({ change: 'people', months: [] }, ['2026-06'])).toBe(true);
    expect(eventTouches(undefined, ['2026-06'])).toBe(true);
  });
});

describe('merging months', () => {
  it('shows one month in the month view and the months a week touches in the week view', () => {
    expect(monthsShown({ view: 'month', month: '2026-05', week: '2026-04-27' })).toEqual(['2026-05']);
    expect(monthsShown({ view: 'week', month: '2026-05', week: '2026-04-27' })).toEqual(['2026-04', '2026-05']);
  });

  it('merges two months, a shift over the month end once', () => {
    const night = assignment('n', '2026-04-30', '2026-04-30T09:00:00Z', '2026-05-01T01:00:00Z', 'oncall');
    const base = { timeZone: 'Asia/Shanghai', templates: [], leaves: [], generatedAt: null, generatedBy: null };
    const april = { ...base, month: '2026-04', days: [{ day: '2026-04-30', kind: 'workday' as const, working: true }], people: [{ id: 'p1', name: '张一', roles: [], status: 'active' as const }], assignments: [night], violations: [] };
    const may = {
      ...base,
      month: '2026-05',
      days: [{ day: '2026-05-01', kind: 'holiday' as const, working: false, name: '劳动节' }],
      people: [{ id: 'p1', name: '张一', roles: [], status: 'active' as const }],
      assignments: [night, assignment('m', '2026-05-01', '2026-05-01T01:00:00Z', '2026-05-02T01:00:00Z', 'oncall')],
      violations: [{ code: 'TEAM_TOO_SMALL' as const, day: '2026-05-01', message: { zh: 'x', en: 'x' } }],
    };
    const data = mergeMonths([april, may]);
    expect([...data.days.keys()]).toEqual(['2026-04-30', '2026-05-01']);
    expect(data.days.get('2026-05-01')!.name).toBe('劳动节');
    expect(data.assignments.map(a => a.id)).toEqual(['n', 'm']);
    expect(data.people.size).toBe(1);
    expect(data.violations).toHaveLength(1);
  });
});
