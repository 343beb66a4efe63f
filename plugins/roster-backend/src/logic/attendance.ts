import type { AttendanceSummary } from '@yinxin/plugin-roster-common';
import type { AssignmentLite } from './types';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** A check-in as the pure rules see it. */
export interface CheckIn {
  assignmentId: string;
  checkInAt: number;
  checkOutAt: number | null;
}

/** Attendance rules. */
export interface AttendanceRules {
  /** A check-in this many minutes after the shift start is late. */
  lateGraceMinutes: number;
  /** How early before its start a shift can be checked in to. */
  checkInEarlyMinutes: number;
}

/** Whether a check-in at `at` for a shift starting at `start` is late. */
export function isLateCheckIn(start: number, at: number, rules: AttendanceRules): boolean {
  return at > start + rules.lateGraceMinutes * MINUTE_MS;
}

/**
 * The on-site assignment a check-in at `now` is for: the earliest one, not yet checked in, that
 * has not ended and starts within `checkInEarlyMinutes`.
 */
export function shiftToCheckIn<T extends AssignmentLite & { id: string }>(onsite: readonly T[], checkedIn: ReadonlySet<string>, now: number, rules: AttendanceRules): T | undefined {
  return [...onsite]
    .filter(a => a.kind === 'onsite' && !checkedIn.has(a.id) && a.end > now && a.start - rules.checkInEarlyMinutes * MINUTE_MS <= now)
    .sort((a, b) => a.start - b.start)[0];
}

/**
 * One engineer's month against the roster: the on-site assignments scheduled, attended (checked
 * in), late, absent (ended without a check-in), upcoming, scheduled hours, and hours on site
 * (check-in to check-out; a shift not checked out counts to its end once it has ended, and is
 * reported in `missingCheckOut`).
 */
export function attendanceSummary(
  person: { id: string; name: string },
  onsite: readonly (AssignmentLite & { id: string })[],
  checkIns: readonly CheckIn[],
  now: number,
  rules: AttendanceRules,
): AttendanceSummary {
  const byAssignment = new Map(checkIns.map(c => [c.assignmentId, c]));
  const s: AttendanceSummary = { personId: person.id, personName: person.name, scheduled: 0, attended: 0, late: 0, absent: 0, upcoming: 0, scheduledHours: 0, hours: 0, missingCheckOut: 0 };
  for (const a of onsite) {
    s.scheduled++;
    s.scheduledHours += (a.end - a.start) / HOUR_MS;
    const c = byAssignment.get(a.id);
    if (!c) {
      if (a.end <= now) s.absent++;
      else s.upcoming++;
      continue;
    }
    s.attended++;
    if (isLateCheckIn(a.start, c.checkInAt, rules)) s.late++;
    let until = c.checkOutAt;
    if (until === null) {
      if (a.end <= now) s.missingCheckOut++;
      until = Math.min(a.end, now);
    }
    s.hours += Math.max(0, until - c.checkInAt) / HOUR_MS;
  }
  s.scheduledHours = Math.round(s.scheduledHours * 100) / 100;
  s.hours = Math.round(s.hours * 100) / 100;
  return s;
}
