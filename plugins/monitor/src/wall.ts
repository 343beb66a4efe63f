import type { TargetStatus } from '@yinxin/plugin-monitor-common';

const STATUS_ORDER: Record<TargetStatus['status'], number> = { down: 0, warning: 1, unknown: 2, up: 3 };
const CRITICALITY_ORDER: Record<TargetStatus['criticality'], number> = { critical: 0, high: 1, normal: 2 };

/** The wall's order: trouble first (down, warning, unknown, up), then the more critical, then by name. */
export function wallOrder(targets: readonly TargetStatus[]): TargetStatus[] {
  return [...targets].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || CRITICALITY_ORDER[a.criticality] - CRITICALITY_ORDER[b.criticality] || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** The wall after a live `status` event: the changed targets replace theirs; unknown ids are added. */
export function mergeStatuses(current: readonly TargetStatus[], changed: readonly TargetStatus[]): TargetStatus[] {
  const byId = new Map(current.map(t => [t.id, t]));
  for (const c of changed) byId.set(c.id, c);
  return [...byId.values()];
}

/** How many targets are in each state (the wall's header). */
export function tally(targets: readonly TargetStatus[]): Record<TargetStatus['status'], number> {
  const out = { up: 0, warning: 0, down: 0, unknown: 0 };
  for (const t of targets) out[t.status]++;
  return out;
}
