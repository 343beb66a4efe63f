import type { Criticality } from '@yinxin/plugin-monitor-common';

export type { AvailabilityReport, TargetProblem } from '@yinxin/plugin-monitor-common';

/*
 * Answers of the monitor backend that the shared package does not name (yet): their shapes as
 * plugins/monitor-backend returns them.
 */

/** An alert rule (`GET /rules`), as far as the UI needs it. */
export interface AlertRuleView {
  id: string;
  name: string;
  /** the targets it watches: ids, or `*` for all */
  targets: readonly string[] | '*';
  forSeconds: number;
  severity: 'critical' | 'major' | 'minor' | 'info';
}

/** The criticality order (most critical first). */
export const CRITICALITY_RANK: Record<Criticality, number> = { critical: 0, high: 1, normal: 2 };
