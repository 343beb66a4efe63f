import { DEFAULT_ARRIVAL_HOURS, type ArrivalStats, type DispatchSeverity, type DispatchState } from '@yinxin/plugin-roster-common';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * The arrival deadline of a dispatch: `dispatchedAt` plus 2 hours (major incident) or 4 hours
 * (ordinary fault), in wall-clock time.
 *
 * The contract's remote support is 7×24 and its arrival targets are stated without business
 * hours, so the clock never stops: a major incident at 02:00 on a public holiday must be attended
 * by 04:00 that night, exactly as one at 10:00 on a Tuesday. (The tickets plugin's response
 * targets, by contrast, count business hours on the working-day calendar; dispatch deliberately
 * does not use the calendar.)
 *
 * @param dispatchedAt - when the engineer was dispatched
 * @param severity - major or ordinary
 * @param hours - targets in hours (default 2 and 4)
 */
export function arrivalDeadline(dispatchedAt: Date, severity: DispatchSeverity, hours: Record<DispatchSeverity, number> = DEFAULT_ARRIVAL_HOURS): Date {
  const t = dispatchedAt.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid dispatch time');
  return new Date(t + Math.round(hours[severity] * HOUR_MS));
}

/** Whether an arrival is late: strictly after the deadline (arriving exactly at it is on time). */
export function isLateArrival(deadlineAt: string | Date, arrivedAt: string | Date): boolean {
  return new Date(arrivedAt).getTime() > new Date(deadlineAt).getTime();
}

/** What {@link isBreached} and {@link arrivalStats} read of a dispatch. */
export interface DispatchFacts {
  severity: DispatchSeverity;
  state: DispatchState;
  createdAt: string;
  deadlineAt: string;
  arrivedAt: string | null;
  /** when it was cancelled (a dispatch cancelled after its deadline without arrival still breached) */
  cancelledAt?: string | null;
}

/** Whether a dispatch breached its arrival target by `now`: late, or still not there after the deadline. */
export function isBreached(d: DispatchFacts, now: Date): boolean {
  if (d.state === 'cancelled' && !d.arrivedAt) {
    // Cancelling cannot hide a breach: one cancelled after its deadline had already missed it.
    return !!d.cancelledAt && new Date(d.cancelledAt).getTime() > new Date(d.deadlineAt).getTime();
  }
  if (d.arrivedAt) return isLateArrival(d.deadlineAt, d.arrivedAt);
  return now.getTime() > new Date(d.deadlineAt).getTime();
}

/** Minutes from dispatch to arrival, or null before arrival. */
export function arrivalMinutes(d: Pick<DispatchFacts, 'createdAt' | 'arrivedAt'>): number | null {
  if (!d.arrivedAt) return null;
  return Math.round(((new Date(d.arrivedAt).getTime() - new Date(d.createdAt).getTime()) / MINUTE_MS) * 10) / 10;
}

/** The median of sorted numbers (mean of the middle two for an even count), or null. */
export function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (!n) return null;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** The nearest-rank percentile `p` (0–100) of sorted numbers, or null. */
export function percentile(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (!n) return null;
  return sorted[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))];
}

/**
 * Arrival statistics: dispatches not cancelled, how many arrived, on time, breached (late, or
 * past the deadline without arrival), pending (deadline ahead), and the median and 90th
 * percentile (nearest rank) of minutes to arrival.
 */
export function arrivalStats(dispatches: readonly DispatchFacts[], now: Date): ArrivalStats {
  const live = dispatches.filter(d => d.state !== 'cancelled' || d.arrivedAt || isBreached(d, now));
  const minutes = live.map(arrivalMinutes).filter((m): m is number => m !== null).sort((a, b) => a - b);
  let onTime = 0;
  let breaches = 0;
  let pending = 0;
  for (const d of live) {
    if (isBreached(d, now)) breaches++;
    else if (d.arrivedAt) onTime++;
    else pending++;
  }
  return { count: live.length, arrived: minutes.length, onTime, breaches, pending, medianMinutes: median(minutes), p90Minutes: percentile(minutes, 90) };
}
