import { niceScale, type Scale } from '@yinxin/ops-react';
import { addMonths, type ArrivalReport, type DispatchSeverity } from '@yinxin/plugin-roster-common';
import { compareText } from './calendar';

/** One month of the arrival SLA chart. */
export interface SlaPoint {
  month: string;
  onTime: number;
  breaches: number;
  /** Not arrived, deadline still ahead. */
  pending: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** The months ending with `last`, oldest first (`count` of them). */
export function monthsUpTo(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));
}

/** The chart's points of monthly arrival reports, oldest first. */
export function slaPoints(reports: readonly ArrivalReport[]): SlaPoint[] {
  return [...reports]
    .sort((a, b) => compareText(a.month, b.month))
    .map(r => ({ month: r.month, onTime: r.onTime, breaches: r.breaches, pending: r.pending, medianMinutes: r.medianMinutes, p90Minutes: r.p90Minutes }));
}

/** The share of decided dispatches (on time or breached) that were on time, or null with none. */
export function onTimeRate(p: { onTime: number; breaches: number }): number | null {
  const decided = p.onTime + p.breaches;
  return decided === 0 ? null : p.onTime / decided;
}

/** A rate as a percentage with one decimal (`95.5%`), or `—`. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** The size of the SLA chart's SVG viewBox. */
export const SLA_CHART_SIZE = { width: 720, height: 240 } as const;

/** One drawn segment of a stacked bar. */
export interface SlaSegment {
  value: number;
  y: number;
  height: number;
}

/** One month's stacked bar (on time below, breached above). */
export interface SlaBar {
  month: string;
  x: number;
  width: number;
  onTime: SlaSegment;
  breaches: SlaSegment;
}

/** A point of a minutes line. */
export interface SlaMark {
  month: string;
  x: number;
  y: number;
  value: number;
}

/** Geometry of the arrival SLA chart. */
export interface SlaLayout {
  plot: { left: number; top: number; width: number; height: number };
  counts: Scale;
  minutes: Scale;
  bars: SlaBar[];
  median: SlaMark[];
  p90: SlaMark[];
  /** The contract's arrival targets as horizontal lines on the minutes axis. */
  targets: { severity: DispatchSeverity; minutes: number; y: number }[];
  countTicks: { value: number; y: number }[];
  minuteTicks: { value: number; y: number }[];
  labels: { month: string; x: number }[];
}

/**
 * Lays the arrival SLA out: per month a stacked bar of dispatches that arrived on time and those
 * that breached (count axis on the left), and the median and 90th-percentile arrival minutes with
 * the contract's targets (minutes axis on the right).
 */
export function slaLayout(points: readonly SlaPoint[], targetHours: Record<DispatchSeverity, number>, size: { width: number; height: number } = SLA_CHART_SIZE): SlaLayout {
  const plot = { left: 36, top: 24, width: size.width - 84, height: size.height - 56 };
  const counts = niceScale(Math.max(0, ...points.map(p => p.onTime + p.breaches)));
  const targetMinutes = (Object.entries(targetHours) as [DispatchSeverity, number][]).map(([severity, h]) => ({ severity, minutes: Math.round(h * 60) }));
  const minutes = niceScale(Math.max(0, ...points.flatMap(p => [p.medianMinutes ?? 0, p.p90Minutes ?? 0]), ...targetMinutes.map(t => t.minutes)));
  const group = points.length ? plot.width / points.length : plot.width;
  const barWidth = Math.max(2, Math.min(48, group * 0.5));
  const yCount = (v: number) => plot.top + plot.height - (plot.height * v) / counts.max;
  const yMinutes = (v: number) => plot.top + plot.height - (plot.height * v) / minutes.max;
  const centre = (i: number) => plot.left + (i + 0.5) * group;
  const bars = points.map((p, i) => {
    const onTimeTop = yCount(p.onTime);
    return {
      month: p.month,
      x: centre(i) - barWidth / 2,
      width: barWidth,
      onTime: { value: p.onTime, y: onTimeTop, height: plot.top + plot.height - onTimeTop },
      breaches: { value: p.breaches, y: yCount(p.onTime + p.breaches), height: onTimeTop - yCount(p.onTime + p.breaches) },
    };
  });
  const marks = (key: 'medianMinutes' | 'p90Minutes') =>
    points.flatMap((p, i) => (p[key] === null ? [] : [{ month: p.month, x: centre(i), y: yMinutes(p[key]!), value: p[key]! }]));
  return {
    plot,
    counts,
    minutes,
    bars,
    median: marks('medianMinutes'),
    p90: marks('p90Minutes'),
    targets: targetMinutes.map(t => ({ ...t, y: yMinutes(t.minutes) })),
    countTicks: counts.ticks.map(value => ({ value, y: yCount(value) })),
    minuteTicks: minutes.ticks.map(value => ({ value, y: yMinutes(value) })),
    labels: points.map((p, i) => ({ month: p.month, x: centre(i) })),
  };
}

/** An SVG path through marks (`M x y L x y …`), empty without marks. */
export function linePath(marks: readonly { x: number; y: number }[]): string {
  return marks.map((m, i) => `${i ? 'L' : 'M'}${m.x.toFixed(1)} ${m.y.toFixed(1)}`).join(' ');
}
