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

/** One drawn bar. */
export interface BarRect<S extends string = string> {
  day: string;
  series: S;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Geometry of a per-day bar chart: the plot area inside the SVG, the scale, the bars. */
export interface DayBarLayout<S extends string = string> {
  plot: { left: number; top: number; width: number; height: number };
  scale: Scale;
  bars: BarRect<S>[];
  /** Centre x of each day's group, for its label. */
  days: { day: string; x: number }[];
  /** y of each tick of the scale. */
  ticks: { value: number; y: number }[];
}

/** The size of the charts' SVG viewBox. */
export const CHART_SIZE = { width: 720, height: 220 } as const;

/**
 * Lays out counts per day as bars: one group per day with a bar per series side by side (in the
 * order of `series`, each the name of a count of the point), bar heights proportional to the
 * counts on a {@link niceScale}.
 */
export function dayBarLayout<P extends { day: string }, S extends keyof P & string>(
  points: readonly P[],
  series: readonly S[],
  size: { width: number; height: number } = CHART_SIZE,
): DayBarLayout<S> {
  const valueOf = (p: P, s: S) => Number(p[s]) || 0;
  const plot = { left: 36, top: 22, width: size.width - 46, height: size.height - 52 };
  const scale = niceScale(Math.max(0, ...points.flatMap(p => series.map(s => valueOf(p, s)))));
  const group = points.length > 0 ? plot.width / points.length : plot.width;
  const gap = Math.min(6, group * 0.2);
  const barWidth = Math.max(1, (group - gap) / Math.max(1, series.length));
  const yOf = (v: number) => plot.top + plot.height - (plot.height * v) / scale.max;
  const bars: BarRect<S>[] = [];
  points.forEach((p, i) => {
    series.forEach((s, j) => {
      const value = valueOf(p, s);
      const height = (plot.height * value) / scale.max;
      bars.push({ day: p.day, series: s, value, x: plot.left + i * group + gap / 2 + j * barWidth, y: yOf(value), width: barWidth, height });
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

/** The sum of each series over a period. */
export function seriesTotals<P extends { day: string }, S extends keyof P & string>(points: readonly P[], series: readonly S[]): Record<S, number> {
  const totals = Object.fromEntries(series.map(s => [s, 0])) as Record<S, number>;
  for (const p of points) for (const s of series) totals[s] += Number(p[s]) || 0;
  return totals;
}
