import { cstDayOf } from '@yinxin/ops-react';
import { daysBetween, type Label, type Violation, type ViolationCode } from '@yinxin/plugin-roster-common';

/**
 * Violations about the whole team or a whole month rather than a day: shown above the calendar,
 * not on a day.
 */
export const TEAM_WIDE_CODES: readonly ViolationCode[] = ['TEAM_ROLE_MISSING', 'TEAM_TOO_SMALL', 'HOURS_OVER_MONTH'];

/** A violation on one of its days. */
export interface DayViolation {
  violation: Violation;
  /** True on the days after the first shown day of a violation spanning several (shown briefly there). */
  continued: boolean;
}

/** The violations of a calendar, placed. */
export interface PlacedViolations {
  /** Violations on each local day they touch. */
  byDay: Map<string, DayViolation[]>;
  /** Team-wide and monthly violations. */
  general: Violation[];
}

/**
 * The local days (China time) a violation is shown on: every day its interval touches (an
 * on-call gap over a night marks both days), else its `day`.
 */
export function violationDays(v: Violation): string[] {
  if (v.interval) {
    const start = Date.parse(v.interval.startsAt);
    const end = Date.parse(v.interval.endsAt);
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) return daysBetween(cstDayOf(new Date(start)), cstDayOf(new Date(end - 1)));
  }
  return [v.day];
}

/**
 * Places violations: team-wide and monthly ones in `general`, the others on each day they touch.
 * With `days` (the days shown), days outside them are left out. A violation spanning several days
 * is marked `continued` after the first day it is shown on. Duplicates (the same code and message
 * on a day) are shown once.
 */
export function groupViolations(violations: readonly Violation[], days?: readonly string[]): PlacedViolations {
  const shown = days ? new Set(days) : undefined;
  const byDay = new Map<string, DayViolation[]>();
  const general: Violation[] = [];
  const seen = new Set<string>();
  for (const v of violations) {
    if (TEAM_WIDE_CODES.includes(v.code)) {
      const key = `*|${v.code}|${v.message.en}`;
      if (!seen.has(key)) general.push(v);
      seen.add(key);
      continue;
    }
    let continued = false;
    for (const day of violationDays(v)) {
      if (shown && !shown.has(day)) continue;
      const key = `${day}|${v.code}|${v.message.en}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byDay.get(day) ?? [];
      list.push({ violation: v, continued });
      byDay.set(day, list);
      continued = true;
    }
  }
  return { byDay, general };
}

/** The message of a violation in a language. */
export function violationText(v: { message: Label }, lang: 'zh' | 'en'): string {
  return v.message[lang];
}

/** Whether an assignment is named by one of the violations (to outline it on the calendar). */
export function flaggedAssignments(violations: readonly Violation[]): Set<string> {
  return new Set(violations.flatMap(v => v.assignmentIds ?? []));
}
