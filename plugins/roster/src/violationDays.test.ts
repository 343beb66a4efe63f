import type { Violation } from '@yinxin/plugin-roster-common';
import { flaggedAssignments, groupViolations, violationDays, violationText } from './violationDays';

const v = (code: Violation['code'], day: string, extra: Partial<Violation> = {}): Violation => ({
  code,
  day,
  message: { zh: `${code} ${day}`, en: `${code} on ${day}` },
  ...extra,
});

describe('violation days', () => {
  it('places an interval on every China-time day it touches', () => {
    // 17:00 on the 4th to 09:00 on the 5th, Beijing time.
    const gap = v('ONCALL_GAP', '2026-05-04', { interval: { startsAt: '2026-05-04T09:00:00Z', endsAt: '2026-05-05T01:00:00Z' } });
    expect(violationDays(gap)).toEqual(['2026-05-04', '2026-05-05']);
    // An end exactly at midnight stays on the day before.
    const evening = v('ONCALL_GAP', '2026-05-04', { interval: { startsAt: '2026-05-04T10:00:00Z', endsAt: '2026-05-04T16:00:00Z' } });
    expect(violationDays(evening)).toEqual(['2026-05-04']);
    expect(violationDays(v('ONSITE_UNCOVERED', '2026-05-06'))).toEqual(['2026-05-06']);
  });

  it('keeps team-wide and monthly violations apart and groups the rest by day', () => {
    const list = [
      v('TEAM_TOO_SMALL', '2026-05-01'),
      v('TEAM_ROLE_MISSING', '2026-05-01', { role: 'enrolment' }),
      v('HOURS_OVER_MONTH', '2026-05-01', { personId: 'p1' }),
      v('ONSITE_UNCOVERED', '2026-05-04'),
      v('ONSITE_UNCOVERED', '2026-05-04'),
      v('DOUBLE_BOOKED', '2026-05-04', { assignmentIds: ['a1', 'a2'] }),
      v('ONCALL_GAP', '2026-05-31', { interval: { startsAt: '2026-05-31T09:00:00Z', endsAt: '2026-06-01T01:00:00Z' } }),
    ];
    const placed = groupViolations(list, ['2026-05-04', '2026-05-31']);
    expect(placed.general.map(x => x.code)).toEqual(['TEAM_TOO_SMALL', 'TEAM_ROLE_MISSING', 'HOURS_OVER_MONTH']);
    expect(placed.byDay.get('2026-05-04')!.map(x => x.violation.code)).toEqual(['ONSITE_UNCOVERED', 'DOUBLE_BOOKED']);
    expect(placed.byDay.get('2026-05-31')!.map(x => [x.violation.code, x.continued])).toEqual([['ONCALL_GAP', false]]);
    // shown in full on its first day, briefly after
    expect(groupViolations(list).byDay.get('2026-06-01')!.map(x => [x.violation.code, x.continued])).toEqual([['ONCALL_GAP', true]]);
    // 1 June is not shown.
    expect(placed.byDay.has('2026-06-01')).toBe(false);
    expect(groupViolations(list).byDay.has('2026-06-01')).toBe(true);
    expect(flaggedAssignments(list)).toEqual(new Set(['a1', 'a2']));
  });

  it('speaks the user’s language', () => {
    expect(violationText(v('ON_LEAVE', '2026-05-04'), 'zh')).toBe('ON_LEAVE 2026-05-04');
    expect(violationText(v('ON_LEAVE', '2026-05-04'), 'en')).toBe('ON_LEAVE on 2026-05-04');
  });
});
