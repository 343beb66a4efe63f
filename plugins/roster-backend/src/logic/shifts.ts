import { addDays, type RosterDay, type ShiftKind } from '@yinxin/plugin-roster-common';
import { overlapMs, type Span } from './intervals';
import type { AssignmentLite, CalendarLike, HoursRules, PersonLite, TemplateLite } from './types';
import { Zone, parseHhMm } from './zone';

const HOUR_MS = 3_600_000;

/** The calendar facts of a local day. */
export function rosterDay(calendar: CalendarLike, zone: Zone, day: string): RosterDay {
  // Noon is inside the day in every zone, whatever its offset or daylight saving.
  const info = calendar.dayKind(new Date(zone.instant(day, 12 * 60)));
  return info.name === undefined ? { day, kind: info.kind, working: info.working } : { day, kind: info.kind, working: info.working, name: info.name };
}

/** Whether a template applies to a day. */
export function templateApplies(template: Pick<TemplateLite, 'days'>, day: Pick<RosterDay, 'working'>): boolean {
  return template.days === 'all' || (template.days === 'working') === day.working;
}

/**
 * The span of a template on a local day: from its start time to its end time, the next day when
 * the end is at or before the start (so 09:00–09:00 is 24 hours).
 */
export function templateSpan(template: Pick<TemplateLite, 'start' | 'end'>, day: string, zone: Zone): Span {
  const start = parseHhMm(template.start);
  let end = parseHhMm(template.end);
  if (end <= start) end += 24 * 60;
  return { start: zone.instant(day, start), end: zone.instant(day, end) };
}

/** One slot to fill: a template on a day. */
export interface Slot extends Span {
  templateId: string;
  kind: ShiftKind;
  day: string;
  headcount: number;
  template: TemplateLite;
}

/** Every slot of `templates` on `days`, in day order, then template `sort`, then id. */
export function slotsFor(templates: readonly TemplateLite[], days: readonly RosterDay[], zone: Zone): Slot[] {
  const ordered = [...templates].sort((a, b) => a.sort - b.sort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: Slot[] = [];
  for (const day of days) {
    for (const t of ordered) {
      if (!templateApplies(t, day)) continue;
      out.push({ ...templateSpan(t, day.day, zone), templateId: t.id, kind: t.kind, day: day.day, headcount: t.headcount, template: t });
    }
  }
  return out;
}

/** The span a person is on the team: local midnight of `joinedOn` to local midnight of `leftOn`. */
export function employmentSpan(person: Pick<PersonLite, 'joinedOn' | 'leftOn'>, zone: Zone): Span {
  return { start: zone.instant(person.joinedOn, 0), end: person.leftOn ? zone.instant(person.leftOn, 0) : Number.POSITIVE_INFINITY };
}

/** How much an hour of `kind` counts against the limits. */
export function hoursFactor(kind: ShiftKind, rules: Pick<HoursRules, 'oncallFactor'>): number {
  return kind === 'oncall' ? rules.oncallFactor : 1;
}

/** Counted hours of `assignments` inside `window`. */
export function countedHours(assignments: readonly AssignmentLite[], window: Span, rules: Pick<HoursRules, 'oncallFactor'>): number {
  let total = 0;
  for (const a of assignments) total += (overlapMs(a, window) / HOUR_MS) * hoursFactor(a.kind, rules);
  return total;
}

/** Plain hours of a span. */
export function spanHours(span: Span): number {
  return (span.end - span.start) / HOUR_MS;
}

/** The local week (Monday 00:00 to the next Monday 00:00) starting at `monday`. */
export function weekWindow(monday: string, zone: Zone): Span {
  return { start: zone.instant(monday, 0), end: zone.instant(addDays(monday, 7), 0) };
}

/** The local month `YYYY-MM` as a span. */
export function monthWindow(month: string, zone: Zone): Span {
  const next = Number(month.slice(5, 7)) === 12 ? `${Number(month.slice(0, 4)) + 1}-01` : `${month.slice(0, 4)}-${String(Number(month.slice(5, 7)) + 1).padStart(2, '0')}`;
  return { start: zone.instant(`${month}-01`, 0), end: zone.instant(`${next}-01`, 0) };
}

/** Rounds hours for display and comparison (two decimals). */
export function roundHours(h: number): number {
  return Math.round(h * 100) / 100;
}
