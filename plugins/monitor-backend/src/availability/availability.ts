/**
 * Availability of a target over a period, from its status changes: the 7×24 contract counts every
 * minute of the month. Time before the first observation is not counted (the target was not
 * watched yet); `warning` counts as available (the service answers, something needs attention
 * soon); time inside a maintenance window is left out of both sides of the ratio.
 */

/** A change of a target's status at `at` (ms since the epoch). */
export interface StatusChange {
  at: number;
  status: 'up' | 'warning' | 'down';
}

/** A half-open interval [from, until) in ms since the epoch. */
export interface Interval {
  from: number;
  until: number;
}

/** One outage inside the period. */
export interface Outage {
  from: number;
  /** the end, or the period's end when still down then */
  until: number;
  /** still down at the end of the period */
  ongoing: boolean;
  ms: number;
  /** the part inside maintenance windows (not counted against availability) */
  maintenanceMs: number;
}

/** The availability of one target over a period. */
export interface Availability {
  /** watched time in the period */
  observedMs: number;
  /** watched time inside maintenance windows */
  maintenanceMs: number;
  /** down time outside maintenance windows: what counts against the target */
  downMs: number;
  /** 1 − downMs ÷ (observedMs − maintenanceMs); null when nothing counted was observed */
  ratio: number | null;
  outages: Outage[];
}

/** Total length of the parts of `[from, until)` covered by `windows` (which may overlap). */
export function overlapMs(from: number, until: number, windows: readonly Interval[]): number {
  const clipped = windows
    .map(w => ({ from: Math.max(from, w.from), until: Math.min(until, w.until) }))
    .filter(w => w.until > w.from)
    .sort((a, b) => a.from - b.from);
  let total = 0;
  let end = -Infinity;
  for (const w of clipped) {
    const start = Math.max(w.from, end);
    if (w.until > start) total += w.until - start;
    end = Math.max(end, w.until);
  }
  return total;
}

/**
 * Computes availability over `[from, until)`.
 * @param changes - the target's status changes in time order; include the last change before
 *   `from` so that the status at the start is known
 * @param maintenance - maintenance windows of the target
 */
export function availabilityOf(changes: readonly StatusChange[], from: number, until: number, maintenance: readonly Interval[] = []): Availability {
  const result: Availability = { observedMs: 0, maintenanceMs: 0, downMs: 0, ratio: null, outages: [] };
  if (!(until > from)) return result;
  const sorted = [...changes].sort((a, b) => a.at - b.at);
  let open: Outage | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const start = Math.max(sorted[i].at, from);
    const end = Math.min(i + 1 < sorted.length ? sorted[i + 1].at : until, until);
    if (end <= start) continue;
    const inMaintenance = overlapMs(start, end, maintenance);
    result.observedMs += end - start;
    result.maintenanceMs += inMaintenance;
    if (sorted[i].status === 'down') {
      result.downMs += end - start - inMaintenance;
      if (open && open.until === start) {
        open.until = end;
        open.ms += end - start;
        open.maintenanceMs += inMaintenance;
      } else {
        open = { from: start, until: end, ongoing: false, ms: end - start, maintenanceMs: inMaintenance };
        result.outages.push(open);
      }
    } else {
      open = undefined;
    }
  }
  const last = sorted[sorted.length - 1];
  if (open && last?.status === 'down' && open.until === until) open.ongoing = true;
  const counted = result.observedMs - result.maintenanceMs;
  result.ratio = counted > 0 ? 1 - result.downMs / counted : null;
  return result;
}

/** The first instant of month `yyyy-mm` and of the next month, in a fixed UTC offset (minutes; +480 for China). */
export function monthBounds(month: string, offsetMinutes = 480): Interval {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const shift = offsetMinutes * 60_000;
  return { from: Date.UTC(y, mo, 1) - shift, until: Date.UTC(y, mo + 1, 1) - shift };
}
