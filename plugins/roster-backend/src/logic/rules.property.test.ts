/*
 * Property tests of the roster rules over random calendars (holidays on weekdays, make-up
 * workdays on weekends), random on-site hours, random teams and random leave.
 */
import fc from 'fast-check';
import { WorkingCalendar, type DayOverride } from '@yinxin/ops-node';
import { TEAM_ROLES, addDays, daysBetween, daysOfMonth, isoWeekday, type TeamRole } from '@yinxin/plugin-roster-common';
import { checkCoverage } from './coverage';
import { DEFAULT_ONCALL_ROLES, DEFAULT_RULES } from './defaults';
import { generateRoster } from './generate';
import { countedHours, monthWindow, rosterDay } from './shifts';
import type { CoverageRules, HoursRules, PersonLite, TemplateLite } from './types';
import { Zone } from './zone';

const zone = new Zone('Asia/Shanghai');
const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;

/** Templates covering the clock around an on-site window starting at `start` (8 hours). */
function templatesFrom(start: number): TemplateLite[] {
  return [
    { id: 'onsite', kind: 'onsite', days: 'working', start: hh(start), end: hh(start + 8), roles: ['resident'], headcount: 1, sort: 1 },
    { id: 'night', kind: 'oncall', days: 'working', start: hh(start + 8), end: hh(start), roles: DEFAULT_ONCALL_ROLES, headcount: 1, sort: 2 },
    { id: 'offday', kind: 'oncall', days: 'non-working', start: hh(start), end: hh(start), roles: DEFAULT_ONCALL_ROLES, headcount: 1, sort: 3 },
  ];
}

const monthArb = fc.record({ year: fc.integer({ min: 2025, max: 2028 }), month: fc.integer({ min: 1, max: 12 }) }).map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

/** A month, a calendar for it and the day before it, with random holidays and make-up workdays. */
const calendarArb = monthArb.chain(month => {
  const days = daysBetween(addDays(`${month}-01`, -1), daysOfMonth(month).at(-1)!);
  return fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: days.length, maxLength: days.length }).map(rolls => {
    const overrides: Record<string, DayOverride> = {};
    days.forEach((d, i) => {
      const weekend = isoWeekday(d) >= 6;
      if (!weekend && rolls[i] < 0.15) overrides[d] = { kind: 'holiday', name: '节日' };
      if (weekend && rolls[i] < 0.15) overrides[d] = { kind: 'workday', name: '调休' };
    });
    return { month, days, calendar: new WorkingCalendar({ days: overrides }) };
  });
});

/** A team with every role, at least three residents, in random order. */
const teamArb = fc
  .record({
    residents: fc.integer({ min: 3, max: 5 }),
    extras: fc.array(fc.subarray([...TEAM_ROLES]), { minLength: 5, maxLength: 5 }),
    order: fc.array(fc.integer(), { minLength: 10, maxLength: 10 }),
  })
  .map(({ residents, extras, order }) => {
    const base: TeamRole[][] = [['project-manager'], ['enrolment'], ['customer-service'], ['maintenance'], ['technical-support']];
    const people: PersonLite[] = [
      ...base.map((roles, i) => ({ id: `b${i}`, name: `base${i}`, roles, joinedOn: '2020-01-01', leftOn: null })),
      ...Array.from({ length: residents }, (_, i) => ({ id: `r${i}`, name: `res${i}`, roles: [...new Set<TeamRole>(['resident', ...extras[i]])], joinedOn: '2020-01-01', leftOn: null })),
    ];
    return people.map((p, i) => ({ p, k: order[i] })).sort((a, b) => a.k - b.k).map(x => x.p);
  });

describe('generated rosters (properties)', () => {
  it('satisfy every coverage rule whenever the team suffices: every role, three engineers per pool, at most one on leave a day', () => {
    fc.assert(
      fc.property(
        calendarArb,
        teamArb,
        fc.integer({ min: 6, max: 10 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat()), { minLength: 32, maxLength: 32 }),
        ({ month, days, calendar }, people, onsiteStart, leaveRolls) => {
          const templates = templatesFrom(onsiteStart);
          const rules: CoverageRules = { ...DEFAULT_RULES, onsiteStart: hh(onsiteStart), onsiteEnd: hh(onsiteStart + 8) };
          const leaves = days.flatMap((d, i) =>
            leaveRolls[i][0] < 0.2 ? [{ personId: people[leaveRolls[i][1] % people.length].id, start: zone.instant(d, 0), end: zone.instant(addDays(d, 1), 0) }] : [],
          );
          const { assignments, unfilled } = generateRoster({
            days: days.map(d => rosterDay(calendar, zone, d)),
            zone,
            templates,
            people,
            rotations: [],
            leaves,
            fixed: [],
            hours: rules.hours,
          });
          expect(unfilled).toEqual([]);
          const withIds = assignments.map((a, i) => ({ ...a, id: String(i) }));
          const monthDays = daysOfMonth(month);
          expect(checkCoverage({ from: monthDays[0], to: monthDays.at(-1)!, calendar, people, assignments: withIds, leaves, rules })).toEqual([]);

          // On-call intervals never overlap each other, and with the on-site ones leave no gap.
          const sorted = [...assignments].sort((a, b) => a.start - b.start);
          const oncall = sorted.filter(a => a.kind === 'oncall');
          for (let i = 1; i < oncall.length; i++) expect(oncall[i].start).toBeGreaterThanOrEqual(oncall[i - 1].end);
          for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBe(sorted[i - 1].end);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never break the hour limits, leave, single booking or team membership, whatever the team', () => {
    const hoursArb: fc.Arbitrary<HoursRules> = fc.record({
      weekLimit: fc.integer({ min: 8, max: 60 }),
      monthLimit: fc.integer({ min: 16, max: 240 }),
      oncallFactor: fc.constantFrom(0, 0.25, 0.5, 1),
    });
    const personArb = fc.record({
      roles: fc.subarray([...TEAM_ROLES], { minLength: 1 }),
      joinOffset: fc.integer({ min: -40, max: 20 }),
      stay: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        calendarArb,
        fc.array(personArb, { minLength: 1, maxLength: 8 }),
        hoursArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 5 })), { maxLength: 8 }),
        ({ month, calendar }, specs, hours, leaveSpecs) => {
          const first = `${month}-01`;
          const people: PersonLite[] = specs.map((s, i) => {
            const joinedOn = addDays(first, s.joinOffset);
            return { id: `p${i}`, name: `p${i}`, roles: s.roles, joinedOn, leftOn: s.stay === undefined ? null : addDays(joinedOn, s.stay) };
          });
          const leaves = leaveSpecs.map(([who, from, len]) => ({
            personId: people[who % people.length].id,
            start: zone.instant(addDays(first, from), 0),
            end: zone.instant(addDays(first, from + len), 0),
          }));
          const rules: CoverageRules = { ...DEFAULT_RULES, hours };
          const monthDays = daysOfMonth(month);
          const { assignments } = generateRoster({
            days: monthDays.map(d => rosterDay(calendar, zone, d)),
            zone,
            templates: templatesFrom(9),
            people,
            rotations: [],
            leaves,
            fixed: [],
            hours,
          });
          const found = checkCoverage({ from: monthDays[0], to: monthDays.at(-1)!, calendar, people, assignments: assignments.map((a, i) => ({ ...a, id: String(i) })), leaves, rules });
          expect(found.filter(v => ['HOURS_OVER_WEEK', 'HOURS_OVER_MONTH', 'ON_LEAVE', 'DOUBLE_BOOKED', 'NOT_EMPLOYED'].includes(v.code))).toEqual([]);
          for (const a of assignments) {
            const person = people.find(p => p.id === a.personId)!;
            expect(person.roles.some(r => templatesFrom(9).find(t => t.id === a.templateId)!.roles.includes(r))).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('are the same whatever order people, templates and leave come in', () => {
    fc.assert(
      fc.property(calendarArb, teamArb, fc.integer(), ({ month, calendar }, people, seed) => {
        const days = daysOfMonth(month).map(d => rosterDay(calendar, zone, d));
        const leaves = [
          { personId: people[0].id, start: zone.instant(`${month}-03`, 0), end: zone.instant(`${month}-06`, 0) },
          { personId: people[1].id, start: zone.instant(`${month}-10`, 0), end: zone.instant(`${month}-11`, 0) },
        ];
        const base = { days, zone, rotations: [], fixed: [], hours: DEFAULT_RULES.hours };
        const a = generateRoster({ ...base, templates: templatesFrom(9), people, leaves });
        const shuffled = [...people].sort((x, y) => ((x.id.charCodeAt(1) * 31 + seed) % 7) - ((y.id.charCodeAt(1) * 31 + seed) % 7));
        const b = generateRoster({ ...base, templates: templatesFrom(9).reverse(), people: shuffled, leaves: [...leaves].reverse() });
        expect(b).toEqual(a);
      }),
      { numRuns: 30 },
    );
  });

  it('balance the load: among engineers who can all take every shift, loads differ by at most one shift', () => {
    fc.assert(
      fc.property(calendarArb, fc.integer({ min: 2, max: 6 }), ({ month, calendar }, n) => {
        const people: PersonLite[] = Array.from({ length: n }, (_, i) => ({ id: `e${i}`, name: `e${i}`, roles: ['resident', 'maintenance'], joinedOn: '2020-01-01', leftOn: null }));
        const hours = { weekLimit: Infinity, monthLimit: Infinity, oncallFactor: 0.25 };
        const { assignments } = generateRoster({
          days: daysOfMonth(month).map(d => rosterDay(calendar, zone, d)),
          zone,
          templates: templatesFrom(9),
          people,
          rotations: [],
          leaves: [],
          fixed: [],
          hours,
        });
        const window = monthWindow(month, zone);
        const loads = people.map(p => countedHours(assignments.filter(a => a.personId === p.id), window, hours));
        // The biggest single shift counts 8 hours (on site).
        expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(8 + 1e-9);
      }),
      { numRuns: 40 },
    );
  });
});
