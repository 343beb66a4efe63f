import type { IssuancePoint } from '@yinxin/plugin-ca-common';

/** A value axis: from 0 to `max` in steps of `step` (counts, so whole numbers). */
export interface Scale {
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A readable axis for counts up to `dataMax`: a step of 1, 2 or 5 × 10^k giving at most
 * `maxTicks` intervals, and the first multiple of the step at or above the data (at least one
 * step, so an empty chart still has an axis).
 */
export function niceScale(dataMax: number, maxTicks = 4): Scale {
  const top = Math.max(0, Number.isFinite(dataMax) ? dataMax : 0);
  const raw = Math.max(1, top / Math.max(1, maxTicks));
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= raw - 1e-9)!;
  const max = Math.max(step, Math.ceil(top / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(Math.round(v));
  return { max, step, ticks };
}

/** The series of the issuance chart. */
export const ISSUANCE_SERIES = ['sm2', 'rsa'] as const;
/** One of {@link ISSUANCE_SERIES}. */
export type IssuanceSeries = (typeof ISSUANCE_SERIES)[number];

/** One drawn bar. */
export interface BarRect {
  day: string;
  series: IssuanceSeries;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Geometry of the issuance chart: the plot area inside the SVG, the scale, the bars. */
export interface IssuanceLayout {
  plot: { left: number; top: number; width: number; height: number };
  scale: Scale;
  bars: BarRect[];
  /** Centre x of each day's group, for its label. */
  days: { day: string; x: number }[];
  /** y of each tick of the scale. */
  ticks: { value: number; y: number }[];
}

/**
 * Lays out the issuance chart: one group per day with an SM2 and an RSA bar side by side, bar
 * heights proportional to the counts on a {@link niceScale}.
 */
export function issuanceLayout(
  points: readonly IssuancePoint[],
  size: { width: number; height: number } = { width: 720, height: 220 },
): IssuanceLayout {
  const plot = { left: 36, top: 22, width: size.width - 46, height: size.height - 52 };
  const scale = niceScale(Math.max(0, ...points.map(p => Math.max(p.sm2, p.rsa))));
  const group = points.length > 0 ? plot.width / points.length : plot.width;
  const gap = Math.min(6, group * 0.2);
  const barWidth = Math.max(1, (group - gap) / ISSUANCE_SERIES.length);
  const yOf = (v: number) => plot.top + plot.height - (plot.height * v) / scale.max;
  const bars: BarRect[] = [];
  points.forEach((p, i) => {
    ISSUANCE_SERIES.forEach((series, j) => {
      const value = p[series];
      const height = (plot.height * value) / scale.max;
      bars.push({ day: p.day, series, value, x: plot.left + i * group + gap / 2 + j * barWidth, y: yOf(value), width: barWidth, height });
    });
  });
  return {
    plot,
    scale,
    bars,
    days: points.map((p, i) => ({ day: p.day, x: plot.left + (i + 0.5) * group })),
    ticks: scale.ticks.map(value => ({ value, y: yOf(value) })),
  };
}

/** Totals of a period, per series. */
export function issuanceTotals(points: readonly IssuancePoint[]): Record<IssuanceSeries, number> {
  return points.reduce((t, p) => ({ sm2: t.sm2 + p.sm2, rsa: t.rsa + p.rsa }), { sm2: 0, rsa: 0 });
}
