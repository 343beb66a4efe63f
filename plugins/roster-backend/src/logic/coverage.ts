import {
  VIOLATION_CODES,
  addDays,
  daysBetween,
  violationMessage,
  weekStart,
  type Violation,
  type ViolationCode,
} from '@yinxin/plugin-roster-common';
import { intersect, overlaps, subtract, subtractAll, union, type Span } from './intervals';
import { countedHours, employmentSpan, monthWindow, roundHours, rosterDay, weekWindow } from './shifts';
import type { AssignmentLite, CalendarLike, CoverageRules, LeaveLite, PersonLite } from './types';
import { Zone, parseHhMm } from './zone';

/** Input of {@link checkCoverage}. */
export interface CoverageInput {
  /** First and last local day checked (inclusive). */
  from: string;
  to: string;
  calendar: CalendarLike;
  /** Everyone who was ever on the team (left people too: their old shifts are checked). */
  people: readonly PersonLite[];
  /**
   * Assignments overlapping the days checked — and the weeks and months around them, so that
   * hour limits are counted over whole weeks and months.
   */
  assignments: readonly AssignmentLite[];
  leaves: readonly LeaveLite[];
  rules: CoverageRules;
}

const ORDER = new Map<ViolationCode, number>(VIOLATION_CODES.map((c, i) => [c, i]));
const iso = (t: number) => new Date(t).toISOString();

/**
 * Checks the coverage rules of the contract over local days `from`–`to` and answers every
 * violation (sorted by day, rule and person), each with its day, interval and a Chinese and
 * English message:
 *
 * - on each working day (workdays and make-up workdays, not holidays or weekends) the on-site
 *   window is covered by engineers holding an on-site role, on the team and not on leave;
 * - remote support is covered 7×24 over the whole range: every instant has someone on call or
 *   on site (an on-site engineer answers remote support during the day);
 * - each required team role is held by someone on the team, and the team is big enough, on
 *   every day;
 * - no engineer's counted hours exceed the weekly (Monday–Sunday) or monthly limit, for every
 *   week and month touching the range;
 * - nobody is scheduled while on leave, twice at once, or while not on the team.
 */
export function checkCoverage(input: CoverageInput): Violation[] {
  const { calendar, rules } = input;
  const zone = new Zone(calendar.timeZone);
  const out: Violation[] = [];
  const people = new Map(input.people.map(p => [p.id, p]));
  const nameOf = (id: string) => people.get(id)?.name ?? id;
  const range: Span = { start: zone.instant(input.from, 0), end: zone.instant(addDays(input.to, 1), 0) };
  const days = daysBetween(input.from, input.to);

  const leavesOf = new Map<string, LeaveLite[]>();
  for (const l of input.leaves) leavesOf.set(l.personId, [...(leavesOf.get(l.personId) ?? []), l]);
  const jobOf = new Map(input.people.map(p => [p.id, employmentSpan(p, zone)]));

  /** What an assignment really covers: its span, on the team, minus its engineer's leave. */
  const effective = (a: AssignmentLite): Span[] => {
    const job = jobOf.get(a.personId);
    const inJob = job ? intersect(a, job) : undefined;
    if (!inJob) return [];
    return subtract(inJob, leavesOf.get(a.personId) ?? []);
  };

  // On site on each working day.
  const onsiteStart = parseHhMm(rules.onsiteStart);
  let onsiteEnd = parseHhMm(rules.onsiteEnd);
  if (onsiteEnd <= onsiteStart) onsiteEnd += 24 * 60;
  const onsiteCover = union(
    input.assignments
      .filter(a => a.kind === 'onsite' && (people.get(a.personId)?.roles ?? []).some(r => rules.onsiteRoles.includes(r)))
      .flatMap(effective),
  );
  for (const day of days) {
    if (!rosterDay(calendar, zone, day).working) continue;
    const window = { start: zone.instant(day, onsiteStart), end: zone.instant(day, onsiteEnd) };
    for (const gap of subtract(window, onsiteCover)) {
      out.push({
        code: 'ONSITE_UNCOVERED',
        day,
        interval: { startsAt: iso(gap.start), endsAt: iso(gap.end) },
        message: violationMessage('ONSITE_UNCOVERED', { day, from: zone.hhmm(gap.start), to: gap.end === window.end ? rules.onsiteEnd : zone.hhmm(gap.end) }),
      });
    }
  }

  // Remote support 7×24.
  const remoteCover = union(input.assignments.flatMap(effective));
  for (const gap of subtract(range, remoteCover)) {
    out.push({
      code: 'ONCALL_GAP',
      day: zone.dayOf(gap.start),
      interval: { startsAt: iso(gap.start), endsAt: iso(gap.end) },
      message: violationMessage('ONCALL_GAP', { from: zone.format(gap.start), to: zone.format(gap.end) }),
    });
  }

  // Team roles and size, by runs of days.
  const onTeam = (p: PersonLite, day: string) => p.joinedOn <= day && (p.leftOn === null || day < p.leftOn);
  const runStarts = (missing: (day: string) => boolean) => days.filter((d, i) => missing(d) && (i === 0 || !missing(days[i - 1])));
  for (const role of rules.requiredRoles) {
    for (const day of runStarts(d => !input.people.some(p => onTeam(p, d) && p.roles.includes(role)))) {
      out.push({ code: 'TEAM_ROLE_MISSING', day, role, message: violationMessage('TEAM_ROLE_MISSING', { day, role }) });
    }
  }
  const teamSize = (d: string) => input.people.filter(p => onTeam(p, d)).length;
  for (const day of runStarts(d => teamSize(d) < rules.minTeamSize)) {
    out.push({ code: 'TEAM_TOO_SMALL', day, message: violationMessage('TEAM_TOO_SMALL', { day, count: teamSize(day), min: rules.minTeamSize }) });
  }

  // Per engineer: hours, leave, double booking, team membership.
  const mine = new Map<string, AssignmentLite[]>();
  for (const a of input.assignments) mine.set(a.personId, [...(mine.get(a.personId) ?? []), a]);
  const weeks: string[] = [];
  for (let w = weekStart(input.from); w <= input.to; w = addDays(w, 7)) weeks.push(w);
  const months = [...new Set(days.map(d => d.slice(0, 7)))];
  for (const [personId, list] of mine) {
    const person = nameOf(personId);
    for (const w of weeks) {
      const hours = roundHours(countedHours(list, weekWindow(w, zone), rules.hours));
      if (hours > rules.hours.weekLimit) {
        out.push({ code: 'HOURS_OVER_WEEK', day: w, personId, hours, limit: rules.hours.weekLimit, message: violationMessage('HOURS_OVER_WEEK', { day: w, person, hours, limit: rules.hours.weekLimit }) });
      }
    }
    for (const m of months) {
      const hours = roundHours(countedHours(list, monthWindow(m, zone), rules.hours));
      if (hours > rules.hours.monthLimit) {
        out.push({ code: 'HOURS_OVER_MONTH', day: `${m}-01`, personId, hours, limit: rules.hours.monthLimit, message: violationMessage('HOURS_OVER_MONTH', { day: `${m}-01`, person, hours, limit: rules.hours.monthLimit }) });
      }
    }
    const inRange = list.filter(a => overlaps(a, range)).sort((a, b) => a.start - b.start || a.end - b.end);
    for (const a of inRange) {
      for (const l of leavesOf.get(personId) ?? []) {
        const both = intersect(a, l);
        if (!both) continue;
        out.push({
          code: 'ON_LEAVE',
          day: a.day,
          personId,
          interval: { startsAt: iso(both.start), endsAt: iso(both.end) },
          ...(a.id ? { assignmentIds: [a.id] } : {}),
          message: violationMessage('ON_LEAVE', { person, from: zone.format(both.start), to: zone.format(both.end) }),
        });
      }
      const job = jobOf.get(personId);
      if (!job || subtractAll([a], [job]).length) {
        out.push({ code: 'NOT_EMPLOYED', day: a.day, personId, ...(a.id ? { assignmentIds: [a.id] } : {}), message: violationMessage('NOT_EMPLOYED', { person, day: a.day }) });
      }
    }
    for (let i = 0; i < inRange.length; i++) {
      for (let j = i + 1; j < inRange.length && inRange[j].start < inRange[i].end; j++) {
        const both = intersect(inRange[i], inRange[j])!;
        out.push({
          code: 'DOUBLE_BOOKED',
          day: inRange[j].day,
          personId,
          interval: { startsAt: iso(both.start), endsAt: iso(both.end) },
          assignmentIds: [inRange[i].id, inRange[j].id].filter((x): x is string => !!x),
          message: violationMessage('DOUBLE_BOOKED', { person, from: zone.format(both.start), to: zone.format(both.end) }),
        });
      }
    }
  }

  return out.sort(
    (a, b) =>
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) ||
      ORDER.get(a.code)! - ORDER.get(b.code)! ||
      (a.interval?.startsAt ?? '').localeCompare(b.interval?.startsAt ?? '') ||
      (a.personId ?? '').localeCompare(b.personId ?? ''),
  );
}
