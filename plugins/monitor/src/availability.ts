import type { TargetAvailability } from '@yinxin/plugin-monitor-common';
import { CRITICALITY_RANK } from './api';
import { cstMonthOf, isMonth } from './time';

/** The month of the availability section: as the URL says (`?month=yyyy-mm`), else the current China-time month. */
export function monthParam(value: string | null, now: number): string {
  return isMonth(value) ? value : cstMonthOf(now);
}

/** A target's standing against the 7×24 target: met, missed, or not measured (not watched). */
export type MetKey = 'met' | 'missed' | 'none';

/** The {@link MetKey} of the API's `met` (null when the target was not watched). */
export function metKey(met: boolean | null): MetKey {
  if (met === null) return 'none';
  return met ? 'met' : 'missed';
}

const MET_RANK: Record<MetKey, number> = { missed: 0, met: 1, none: 2 };

/** How many watched targets meet the 7×24 target, how many do not, how many were not watched. */
export function availabilitySummary(targets: readonly TargetAvailability[]): { met: number; missed: number; watched: number; unwatched: number } {
  const met = targets.filter(t => t.met === true).length;
  const missed = targets.filter(t => t.met === false).length;
  return { met, missed, watched: met + missed, unwatched: targets.length - met - missed };
}

/** The table's order: targets missing the target first, then the more critical, then the lower ratio, then by name; unwatched last. */
export function availabilityOrder(targets: readonly TargetAvailability[]): TargetAvailability[] {
  const group = (t: TargetAvailability) => MET_RANK[metKey(t.met)];
  return [...targets].sort(
    (a, b) =>
      group(a) - group(b) ||
      CRITICALITY_RANK[a.criticality] - CRITICALITY_RANK[b.criticality] ||
      (a.ratio ?? 2) - (b.ratio ?? 2) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}
