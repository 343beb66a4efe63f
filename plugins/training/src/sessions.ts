import { cstDayOf, cstDayStart } from '@yinxin/ops-react';
import { sessionPhase, type Session, type SessionPhase } from '@yinxin/plugin-training-common';

/** Whether every seat of a session is taken. */
export function isFull(s: Pick<Session, 'enrolled' | 'capacity'>): boolean {
  return s.enrolled >= s.capacity;
}

/** The phase of a session now (the server's `phase` is as of when it answered). */
export function phaseNow(s: Pick<Session, 'status' | 'startsAt' | 'endsAt'>, now: Date): SessionPhase {
  return sessionPhase(s, now);
}

/** What the learner may do in a session now; the backend decides, this only picks the buttons. */
export interface LearnerActions {
  enrol: boolean;
  unenrol: boolean;
  checkIn: boolean;
  feedback: boolean;
  certificate: boolean;
  /** enrolment is closed because every seat is taken */
  full: boolean;
}

/**
 * The learner's buttons: enrol and leave before the start (enrol only with a free seat), check in
 * while check-in is open, feedback once after attending, the certificate after an attended session
 * has ended.
 */
export function learnerActions(s: Session, now: Date): LearnerActions {
  const phase = phaseNow(s, now);
  const me = s.me ?? { enrolled: false, attended: false, feedbackGiven: false };
  const beforeStart = s.status === 'scheduled' && now.getTime() < Date.parse(s.startsAt);
  return {
    enrol: beforeStart && !me.enrolled && !isFull(s),
    unenrol: beforeStart && me.enrolled,
    checkIn: phase === 'check-in-open' && me.enrolled && !me.attended,
    feedback: me.attended && !me.feedbackGiven && s.status === 'scheduled',
    certificate: me.attended && phase === 'ended',
    full: beforeStart && !me.enrolled && isFull(s),
  };
}

/** Whether the trainer may end a running session now: it has started and not ended. */
export function canEndNow(s: Pick<Session, 'status' | 'startsAt' | 'endsAt'>, now: Date): boolean {
  return s.status === 'scheduled' && now.getTime() > Date.parse(s.startsAt) && now.getTime() < Date.parse(s.endsAt);
}

/** The body of `PATCH /sessions/:id` that ends a running session now. */
export function endNowPatch(now: Date): { endsAt: string } {
  return { endsAt: now.toISOString() };
}

/** Whether the trainer may mark attendance now: from when check-in opens, also after the end. */
export function canMarkAttendance(s: Pick<Session, 'status' | 'startsAt' | 'endsAt'>, now: Date): boolean {
  const phase = phaseNow(s, now);
  return phase === 'check-in-open' || phase === 'ended';
}

/** The CST Monday (`YYYY-MM-DD`) of the week an instant is in. */
export function mondayOf(instant: Date): string {
  const day = cstDayOf(instant);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return cstDayOf(new Date(Date.parse(cstDayStart(day)!) - ((weekday + 6) % 7) * 86_400_000));
}

/** The seven CST days of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  const start = Date.parse(`${monday}T00:00:00Z`);
  return Array.from({ length: 7 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** The Monday `weeks` weeks after (or before) `monday`. */
export function shiftWeek(monday: string, weeks: number): string {
  return new Date(Date.parse(`${monday}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

/** Sessions by the CST day they start on (only the given days), each day's by start time. */
export function sessionsByDay(sessions: readonly Session[], days: readonly string[]): Record<string, Session[]> {
  const out: Record<string, Session[]> = Object.fromEntries(days.map(d => [d, []]));
  for (const s of sessions) {
    const day = cstDayOf(new Date(s.startsAt));
    if (out[day]) out[day].push(s);
  }
  for (const d of days) out[d].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  return out;
}

/** A time of day in CST (`HH:mm`). */
export function cstTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
}

/** A session's time span in CST: `2026-03-02 10:00–12:00`, or both days when it spans days. */
export function cstSpan(startsAt: string, endsAt: string): string {
  const d1 = cstDayOf(new Date(startsAt));
  const d2 = cstDayOf(new Date(endsAt));
  return d1 === d2 ? `${d1} ${cstTime(startsAt)}–${cstTime(endsAt)}` : `${d1} ${cstTime(startsAt)} – ${d2} ${cstTime(endsAt)}`;
}
