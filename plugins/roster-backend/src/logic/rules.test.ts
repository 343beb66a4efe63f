import { addDays, daysBetween, daysOfMonth } from '@yinxin/plugin-roster-common';
import { checkCoverage } from './coverage';
import { DEFAULT_RULES, DEFAULT_TEMPLATES } from './defaults';
import { generateRoster, type GenerateInput } from './generate';
import { overlaps, subtract, union } from './intervals';
import { countedHours, monthWindow, rosterDay, templateSpan } from './shifts';
import type { AssignmentLite } from './types';
import { Zone, parseHhMm } from './zone';
import { TEAM, at, calendar2026, ms } from '../testing/fixtures';

const zone = new Zone('Asia/Shanghai');
const days = (from: string, to: string) => daysBetween(from, to).map(d => rosterDay(calendar2026, zone, d));

function generate(from: string, to: string, over: Partial<GenerateInput> = {}) {
  return generateRoster({
    days: days(from, to),
    zone,
    templates: DEFAULT_TEMPLATES,
    people: TEAM,
    rotations: [],
    leaves: [],
    fixed: [],
    hours: DEFAULT_RULES.hours,
    ...over,
  });
}

const check = (from: string, to: string, assignments: AssignmentLite[], over: Partial<Parameters<typeof checkCoverage>[0]> = {}) =>
  checkCoverage({ from, to, calendar: calendar2026, people: TEAM, assignments, leaves: [], rules: DEFAULT_RULES, ...over });

const withIds = (list: AssignmentLite[]) => list.map((a, i) => ({ ...a, id: `a${i}` }));

describe('zone arithmetic', () => {
  it('converts Shanghai wall-clock times and back', () => {
    expect(zone.instant('2026-05-09', 9 * 60)).toBe(Date.parse('2026-05-09T01:00:00Z'));
    expect(zone.instant('2026-05-09', 33 * 60)).toBe(Date.parse('2026-05-10T01:00:00Z'));
    expect(zone.local(Date.parse('2026-05-08T16:30:00Z'))).toEqual({ day: '2026-05-09', minutes: 30 });
    expect(zone.format(Date.parse('2026-05-08T16:30:00Z'))).toBe('2026-05-09 00:30');
    expect(() => parseHhMm('25:00')).toThrow(RangeError);
    expect(parseHhMm('24:00')).toBe(1440);
  });

  it('handles a zone with daylight saving time', () => {
    const berlin = new Zone('Europe/Berlin');
    // 2026-03-29: clocks go from 02:00 to 03:00.
    expect(berlin.instant('2026-03-29', 0)).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(berlin.instant('2026-03-29', 4 * 60)).toBe(Date.parse('2026-03-29T02:00:00Z'));
    expect(berlin.hhmm(Date.parse('2026-03-29T02:00:00Z'))).toBe('04:00');
  });
});

describe('intervals', () => {
  it('merges, subtracts and intersects', () => {
    expect(union([{ start: 5, end: 7 }, { start: 1, end: 3 }, { start: 3, end: 4 }])).toEqual([{ start: 1, end: 4 }, { start: 5, end: 7 }]);
    expect(subtract({ start: 0, end: 10 }, [{ start: 2, end: 3 }, { start: 8, end: 12 }])).toEqual([{ start: 0, end: 2 }, { start: 3, end: 8 }]);
    expect(subtract({ start: 0, end: 10 }, [{ start: -1, end: 11 }])).toEqual([]);
    expect(overlaps({ start: 0, end: 5 }, { start: 5, end: 6 })).toBe(false);
  });
});

describe('the 2026 calendar', () => {
  it('knows Labour Day and its make-up Saturday', () => {
    expect(rosterDay(calendar2026, zone, '2026-05-04')).toEqual({ day: '2026-05-04', kind: 'holiday', working: false, name: '劳动节' });
    expect(rosterDay(calendar2026, zone, '2026-05-09')).toEqual({ day: '2026-05-09', kind: 'makeup-workday', working: true, name: '劳动节' });
    expect(rosterDay(calendar2026, zone, '2026-05-16').kind).toBe('weekend');
  });
});

describe('generateRoster', () => {
  it('fills May 2026 (holidays 1–5 May, Saturday 9 May worked) so that every coverage rule holds', () => {
    // The last night of April covers the small hours of 1 May.
    const { assignments, unfilled } = generate('2026-04-30', '2026-05-31');
    expect(unfilled).toEqual([]);
    expect(check('2026-05-01', '2026-05-31', withIds(assignments))).toEqual([]);

    const onsiteDays = assignments.filter(a => a.kind === 'onsite').map(a => a.day);
    // 2026-05: 21 weekdays minus 3 weekday holidays (1, 4, 5 May) plus Saturday 9 May = 19 on-site days, plus 30 April.
    expect(onsiteDays.filter(d => d.startsWith('2026-05'))).toHaveLength(19);
    expect(onsiteDays).toContain('2026-05-09');
    expect(onsiteDays).not.toContain('2026-05-04');
    // On a holiday, one 24-hour on-call shift from 09:00.
    const holiday = assignments.filter(a => a.day === '2026-05-04');
    expect(holiday).toEqual([expect.objectContaining({ templateId: 'oncall-offday', start: ms('2026-05-04 09:00'), end: ms('2026-05-05 09:00') })]);
    // Only residents are on site.
    for (const a of assignments.filter(x => x.kind === 'onsite')) expect(['p-zhang', 'p-zhao']).toContain(a.personId);
  });

  it('is deterministic and does not depend on the order of its input', () => {
    const a = generate('2026-05-01', '2026-05-31');
    const b = generate('2026-05-01', '2026-05-31', { people: [...TEAM].reverse(), templates: [...DEFAULT_TEMPLATES].reverse() });
    expect(b).toEqual(a);
  });

  it('rotates fairly: the on-call pool shares the load', () => {
    const { assignments } = generate('2026-05-01', '2026-05-31');
    const month = monthWindow('2026-05', zone);
    const load = (id: string) => countedHours(assignments.filter(a => a.personId === id), month, DEFAULT_RULES.hours);
    // Maintenance and technical support (no on-site days) carry equal on-call loads, to a shift.
    expect(Math.abs(load('p-li') - load('p-sun'))).toBeLessThanOrEqual(6);
    // Residents share the on-site days.
    const onsite = (id: string) => assignments.filter(a => a.kind === 'onsite' && a.personId === id).length;
    expect(Math.abs(onsite('p-zhang') - onsite('p-zhao'))).toBeLessThanOrEqual(1);
    // Nobody is left out of the on-call rotation entirely among those without on-site duty.
    expect(assignments.filter(a => a.personId === 'p-li').length).toBeGreaterThan(5);
  });

  it('follows a rotation order and starts after whoever took the template last', () => {
    const rotation = { id: 'nights', templateIds: ['oncall-night', 'oncall-offday'], members: ['p-sun', 'p-li'] };
    const { assignments } = generate('2026-05-11', '2026-05-13', {
      rotations: [rotation],
      fixed: [{ personId: 'p-sun', templateId: 'oncall-night', kind: 'oncall', day: '2026-05-08', start: ms('2026-05-08 17:00'), end: ms('2026-05-09 09:00') }],
      templates: DEFAULT_TEMPLATES.filter(t => t.id === 'oncall-night'),
    });
    expect(assignments.map(a => a.personId)).toEqual(['p-li', 'p-sun', 'p-li']);
  });

  it('respects leave: nobody is scheduled while on leave', () => {
    const leaves = [{ personId: 'p-zhang', start: ms('2026-05-11 00:00'), end: ms('2026-05-16 00:00') }];
    const { assignments, unfilled } = generate('2026-05-01', '2026-05-31', { leaves });
    expect(unfilled).toEqual([]);
    expect(assignments.filter(a => a.personId === 'p-zhang' && overlaps(a, leaves[0]))).toEqual([]);
    // Zhao takes every on-site day of that week.
    expect(assignments.filter(a => a.kind === 'onsite' && a.day >= '2026-05-11' && a.day <= '2026-05-15').map(a => a.personId)).toEqual(Array(5).fill('p-zhao'));
  });

  it('respects the hour limits, leaving a slot unfilled rather than breaking them', () => {
    // One resident, a 32-hour week: four on-site days fit, the fifth does not.
    const people = TEAM.filter(p => p.id !== 'p-zhang');
    const { assignments, unfilled } = generate('2026-05-11', '2026-05-15', {
      people,
      templates: DEFAULT_TEMPLATES.filter(t => t.kind === 'onsite'),
      hours: { ...DEFAULT_RULES.hours, weekLimit: 32 },
    });
    expect(assignments).toHaveLength(4);
    expect(unfilled).toEqual([{ templateId: 'onsite-day', day: '2026-05-15', start: ms('2026-05-15 09:00'), end: ms('2026-05-15 17:00') }]);
  });

  it('keeps fixed assignments, fills around a partial override, and leaves the past alone', () => {
    const override: AssignmentLite = { personId: 'p-sun', templateId: 'oncall-night', kind: 'oncall', day: '2026-05-12', start: ms('2026-05-12 17:00'), end: ms('2026-05-12 22:00') };
    const { assignments } = generate('2026-05-11', '2026-05-13', { fixed: [override], notBefore: ms('2026-05-11 12:00') });
    // 11 May's on-site shift had started: not generated; its night is.
    expect(assignments.find(a => a.day === '2026-05-11' && a.kind === 'onsite')).toBeUndefined();
    expect(assignments.find(a => a.day === '2026-05-11' && a.kind === 'oncall')).toBeDefined();
    const night12 = assignments.filter(a => a.day === '2026-05-12' && a.templateId === 'oncall-night');
    expect(night12).toEqual([expect.objectContaining({ start: ms('2026-05-12 22:00'), end: ms('2026-05-13 09:00') })]);
    expect(night12[0].personId).not.toBe('p-sun');
  });

  it('fills a headcount of two with two different engineers', () => {
    const templates = [{ ...DEFAULT_TEMPLATES[0], headcount: 2 }];
    const { assignments } = generate('2026-05-11', '2026-05-11', { templates });
    expect(new Set(assignments.map(a => a.personId))).toEqual(new Set(['p-zhang', 'p-zhao']));
  });

  it('does not schedule people before they join or after they leave', () => {
    const people = TEAM.map(p => (p.id === 'p-zhang' ? { ...p, leftOn: '2026-05-13' } : p.id === 'p-zhao' ? { ...p, joinedOn: '2026-05-12' } : p));
    const { assignments } = generate('2026-05-11', '2026-05-15', { people, templates: DEFAULT_TEMPLATES.filter(t => t.kind === 'onsite') });
    expect(assignments.map(a => [a.day, a.personId])).toEqual([
      ['2026-05-11', 'p-zhang'],
      ['2026-05-12', 'p-zhao'],
      ['2026-05-13', 'p-zhao'],
      ['2026-05-14', 'p-zhao'],
      ['2026-05-15', 'p-zhao'],
    ]);
  });
});

describe('checkCoverage', () => {
  const may = () => withIds(generate('2026-04-30', '2026-05-31').assignments);

  it('reports a working day whose only on-site engineer was removed — on a make-up Saturday too', () => {
    const all = may();
    const saturday = all.find(a => a.day === '2026-05-09' && a.kind === 'onsite')!;
    const v = check('2026-05-01', '2026-05-31', all.filter(a => a !== saturday));
    expect(v.map(x => [x.code, x.day])).toEqual([
      ['ONSITE_UNCOVERED', '2026-05-09'],
      ['ONCALL_GAP', '2026-05-09'],
    ]);
    expect(v[0]).toMatchObject({
      interval: { startsAt: '2026-05-09T01:00:00.000Z', endsAt: '2026-05-09T09:00:00.000Z' },
      message: { zh: '2026-05-09 09:00–17:00 无驻场工程师在岗', en: '2026-05-09 09:00–17:00: no on-site engineer' },
    });
    expect(v[1].message.zh).toBe('2026-05-09 09:00 至 2026-05-09 17:00 无远程值守');
  });

  it('asks for nobody on site on a holiday or a weekend', () => {
    const all = may();
    expect(all.some(a => a.kind === 'onsite' && ['2026-05-04', '2026-05-10'].includes(a.day))).toBe(false);
    expect(check('2026-05-04', '2026-05-04', all)).toEqual([]);
  });

  it('counts only engineers with an on-site role as on site', () => {
    const all = may().map(a => (a.day === '2026-05-12' && a.kind === 'onsite' ? { ...a, personId: 'p-li' } : a));
    const v = check('2026-05-12', '2026-05-12', all);
    expect(v.map(x => x.code)).toEqual(['ONSITE_UNCOVERED']);
  });

  it('reports a partial on-site gap with its hours', () => {
    const all = may().map(a => (a.day === '2026-05-12' && a.kind === 'onsite' ? { ...a, end: ms('2026-05-12 12:00') } : a));
    const v = check('2026-05-12', '2026-05-12', all);
    expect(v.map(x => x.message.zh)).toEqual(['2026-05-12 12:00–17:00 无驻场工程师在岗', '2026-05-12 12:00 至 2026-05-12 17:00 无远程值守']);
  });

  it('reports on-call gaps, e.g. the first night of a month not yet covered', () => {
    const onlyMay = withIds(generate('2026-05-01', '2026-05-31').assignments);
    const v = check('2026-05-01', '2026-05-31', onlyMay);
    expect(v).toEqual([
      expect.objectContaining({ code: 'ONCALL_GAP', day: '2026-05-01', interval: { startsAt: at('2026-05-01 00:00').toISOString(), endsAt: at('2026-05-01 09:00').toISOString() } }),
    ]);
  });

  it('reports an engineer scheduled on leave, and the on-site gap it leaves', () => {
    const all = may();
    const shift = all.find(a => a.day === '2026-05-13' && a.kind === 'onsite')!;
    const leaves = [{ personId: shift.personId, start: ms('2026-05-13 00:00'), end: ms('2026-05-14 00:00') }];
    const v = check('2026-05-01', '2026-05-31', all, { leaves });
    expect(v.map(x => x.code).sort()).toEqual(['ONCALL_GAP', 'ONSITE_UNCOVERED', 'ON_LEAVE']);
    expect(v.find(x => x.code === 'ON_LEAVE')).toMatchObject({ personId: shift.personId, assignmentIds: [shift.id] });
  });

  it('reports double booking and people scheduled while not on the team', () => {
    const all = may();
    const night = all.find(a => a.day === '2026-05-13' && a.templateId === 'oncall-night')!;
    const other = TEAM.find(p => p.roles.includes('maintenance') && p.id !== night.personId)!;
    const extra = { ...night, id: 'extra', start: night.start + 3_600_000 };
    const people = TEAM.map(p => (p.id === other.id ? { ...p, leftOn: '2026-05-20' } : p));
    const later = all.find(a => a.personId === other.id && a.day > '2026-05-20')!;
    const v = check('2026-05-01', '2026-05-31', [...all, extra], { people });
    expect(v.find(x => x.code === 'DOUBLE_BOOKED')).toMatchObject({ personId: night.personId, assignmentIds: [night.id, 'extra'] });
    expect(v.filter(x => x.code === 'NOT_EMPLOYED').map(x => x.assignmentIds![0])).toContain(later.id);
  });

  it('reports hours over the weekly and monthly limits', () => {
    const all = may();
    const v = check('2026-05-01', '2026-05-31', all, { rules: { ...DEFAULT_RULES, hours: { weekLimit: 20, monthLimit: 60, oncallFactor: 0.25 } } });
    const week = v.find(x => x.code === 'HOURS_OVER_WEEK')!;
    expect(week.limit).toBe(20);
    expect(week.hours!).toBeGreaterThan(20);
    expect(week.message.zh).toMatch(/超过上限 20 小时/);
    expect(v.some(x => x.code === 'HOURS_OVER_MONTH' && x.day === '2026-05-01')).toBe(true);
  });

  it('reports missing team roles and a team below five', () => {
    const people = TEAM.filter(p => !['p-chen', 'p-zhou', 'p-wang'].includes(p.id));
    const v = check('2026-05-01', '2026-05-31', may(), { people });
    expect(v.filter(x => x.code.startsWith('TEAM')).map(x => [x.code, x.day, x.role])).toEqual([
      ['TEAM_ROLE_MISSING', '2026-05-01', 'project-manager'],
      ['TEAM_ROLE_MISSING', '2026-05-01', 'enrolment'],
      ['TEAM_ROLE_MISSING', '2026-05-01', 'customer-service'],
      ['TEAM_TOO_SMALL', '2026-05-01', undefined],
    ]);
    // Someone joining mid-month ends the run; someone leaving starts one.
    const joining = [...people, { id: 'p-new', name: '新人', roles: ['enrolment' as const], joinedOn: '2026-05-15', leftOn: '2026-05-25' }];
    const runs = check('2026-05-01', '2026-05-31', may(), { people: joining }).filter(x => x.code === 'TEAM_ROLE_MISSING' && x.role === 'enrolment');
    expect(runs.map(x => x.day)).toEqual(['2026-05-01', '2026-05-25']);
  });

  it('checks the make-up Saturday of National Day and the week of holidays', () => {
    const { assignments, unfilled } = generate('2026-09-30', '2026-10-31');
    expect(unfilled).toEqual([]);
    expect(check('2026-10-01', '2026-10-31', withIds(assignments))).toEqual([]);
    expect(assignments.filter(a => a.kind === 'onsite' && a.day <= '2026-10-10').map(a => a.day)).toEqual(['2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('spans of the default templates tile every day with no gap and no overlap', () => {
    for (const d of daysOfMonth('2026-05')) {
      const info = rosterDay(calendar2026, zone, d);
      const spans = DEFAULT_TEMPLATES.filter(t => (t.days === 'working') === info.working).map(t => templateSpan(t, d, zone));
      const day = { start: zone.instant(d, 9 * 60), end: zone.instant(addDays(d, 1), 9 * 60) };
      expect(union(spans)).toEqual([day]);
      expect(spans.reduce((s, x) => s + x.end - x.start, 0)).toBe(day.end - day.start);
    }
  });
});
