import { AUDIENCES, type Audience, type CompletionRecord, type DepartmentCoverage, type PlanCoverage } from '@yinxin/plugin-training-common';

/** Totals of completion records: rows, distinct learners, attendances, completions, certificates. */
export interface CompletionSummary {
  enrolments: number;
  learners: number;
  attended: number;
  completed: number;
  certificates: number;
}

/** Sums completion records. */
export function completionSummary(records: readonly CompletionRecord[]): CompletionSummary {
  return {
    enrolments: records.length,
    learners: new Set(records.map(r => r.learnerRef)).size,
    attended: records.filter(r => r.attendedAt).length,
    completed: records.filter(r => r.completed).length,
    certificates: records.filter(r => r.certificateSerial).length,
  };
}

/** One department's bars: learners enrolled, learners trained, attendances. `day` is the department (the chart layout's key). */
export interface CoveragePoint {
  day: string;
  learners: number;
  trained: number;
  attendances: number;
}

/** Departments drawn at most; the rest are summed as one group. */
export const MAX_CHART_DEPARTMENTS = 10;

/**
 * The coverage per department as chart points, most trained first; beyond `max` departments the
 * rest are summed under `otherLabel`.
 */
export function coveragePoints(items: readonly DepartmentCoverage[], otherLabel: string, max = MAX_CHART_DEPARTMENTS): CoveragePoint[] {
  const sorted = [...items].sort((a, b) => b.trained - a.trained || b.learners - a.learners || a.department.localeCompare(b.department));
  const head = sorted.slice(0, sorted.length > max ? max - 1 : max).map(d => ({ day: d.department, learners: d.learners, trained: d.trained, attendances: d.attendances }));
  const rest = sorted.slice(head.length);
  if (rest.length === 0) return head;
  return [
    ...head,
    rest.reduce<CoveragePoint>((sum, d) => ({ day: sum.day, learners: sum.learners + d.learners, trained: sum.trained + d.trained, attendances: sum.attendances + d.attendances }), { day: otherLabel, learners: 0, trained: 0, attendances: 0 }),
  ];
}

/** The share of a department's learners who were trained, in whole percent. */
export function trainedShare(d: Pick<DepartmentCoverage, 'learners' | 'trained'>): number {
  return d.learners > 0 ? Math.round((d.trained / d.learners) * 100) : 0;
}

/** A label shortened to `max` characters with an ellipsis (chart axes). */
export function shortLabel(label: string, max = 6): string {
  const chars = [...label];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
}

/** A score average as shown: two decimals, or a dash when nobody answered. */
export function scoreText(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : v.toFixed(2);
}

/** Plan coverage in the order of the audiences, every audience present (those without an active plan flagged). */
export function audienceCoverage(items: readonly PlanCoverage[]): { audience: Audience; activePlans: number; courses: number; missing: boolean }[] {
  return AUDIENCES.map(audience => {
    const c = items.find(i => i.audience === audience);
    return { audience, activePlans: c?.activePlans ?? 0, courses: c?.courses ?? 0, missing: !c || c.activePlans === 0 };
  });
}
