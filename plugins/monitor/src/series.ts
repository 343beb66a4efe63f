import { CST_OFFSET_MS, cstClock, cstMonthDay } from './time';
import { valueText } from './format';
import type { SeriesPoint } from '@yinxin/plugin-monitor-common';

export type { SeriesPoint } from '@yinxin/plugin-monitor-common';

/** The ranges of a target's charts. */
export const SERIES_RANGES = ['24h', '7d'] as const;
/** One of {@link SERIES_RANGES}. */
export type SeriesRange = (typeof SERIES_RANGES)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Span and bucket of each range: a day in 5-minute buckets (288 points), a week in hours (168). */
export const RANGE_SPECS: Record<SeriesRange, { span: number; step: number; tickEvery: number }> = {
  '24h': { span: DAY, step: 5 * MINUTE, tickEvery: 3 * HOUR },
  '7d': { span: 7 * DAY, step: HOUR, tickEvery: DAY },
};

/** The time span of a chart: `[from, to)` in buckets of `step` ms. */
export interface SeriesWindow {
  from: number;
  to: number;
  step: number;
}

/**
 * The window of a range at `now`: it ends with the bucket holding `now` and starts a span before,
 * on bucket bounds (whole hours for the week, so that the backend reads its hourly aggregates).
 */
export function seriesWindow(range: SeriesRange, now: number): SeriesWindow {
  const { span, step } = RANGE_SPECS[range];
  const to = (Math.floor(now / step) + 1) * step;
  return { from: to - span, to, step };
}

/** The `GET /series` path of a metric (`probe_latency_ms`, `probe_up`, `probe_<detail>`) of a target over a window. */
export function seriesPath(name: string, target: string, w: SeriesWindow): string {
  const p = new URLSearchParams({ name, target, from: String(w.from), to: String(w.to), step: String(w.step) });
  return `/series?${p.toString()}`;
}

/** True for a detail key that makes a series name the backend accepts (`probe_<key>`). */
export function chartableDetail(key: string, value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && /^[a-zA-Z0-9_:]{1,190}$/.test(key);
}

/** A value axis: from `min` to `max` in `step`s, with its ticks. */
export interface ValueScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * A readable axis over `[lo, hi]`: a step of 1, 2 or 5 × 10^k giving at most `maxTicks` intervals,
 * bounds on multiples of the step; it includes 0 for data that is never negative, and has at least
 * one step when the data is flat or missing. Fractions are allowed (ratios, seconds).
 */
export function valueScale(lo: number, hi: number, maxTicks = 4): ValueScale {
  let a = Number.isFinite(lo) ? lo : 0;
  let b = Number.isFinite(hi) ? hi : 0;
  if (a > b) [a, b] = [b, a];
  a = Math.min(0, a);
  const raw = (b - a) / maxTicks || 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * magnitude).find(s => s >= raw * (1 - 1e-9))!;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const fix = (v: number) => Number(v.toFixed(decimals));
  const min = fix(Math.floor(a / step + 1e-9) * step);
  let max = fix(Math.ceil(b / step - 1e-9) * step);
  if (max <= min) max = fix(min + step);
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step * 1e-9; i++) ticks.push(fix(min + i * step));
  return { min, max, step, ticks };
}

/** The plot area inside the chart's viewBox. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A run of buckets with data, drawn as one line and one band; single buckets are drawn as dots. */
export interface ChartRun {
  /** the average, `M x y L x y …` */
  line: string;
  /** the band between minimum and maximum, closed */
  band: string;
  points: { x: number; y: number; at: number; avg: number; min: number; max: number; count: number }[];
}

/** A stretch of the up/down strip. */
export interface StripSegment {
  from: number;
  until: number;
  /** down somewhere in the stretch, up throughout, or no probe */
  state: 'up' | 'down' | 'none';
  x: number;
  width: number;
}

/** Everything a line chart draws. */
export interface LineChartLayout {
  plot: PlotArea;
  scale: ValueScale;
  yTicks: { value: number; label: string; y: number }[];
  xTicks: { at: number; label: string; x: number }[];
  runs: ChartRun[];
  /** buckets with data */
  filled: number;
  /** buckets of the window */
  buckets: number;
}

/** The size of the line chart's viewBox. */
export const LINE_CHART_SIZE = { width: 760, height: 220 } as const;

/** The bucket index of each point with samples (points outside the window or with no samples are left out). */
function byBucket(points: readonly SeriesPoint[], w: SeriesWindow): Map<number, SeriesPoint> {
  const out = new Map<number, SeriesPoint>();
  const n = Math.round((w.to - w.from) / w.step);
  for (const p of points) {
    const i = Math.round((p.at - w.from) / w.step);
    if (i >= 0 && i < n && p.count > 0 && Number.isFinite(p.avg)) out.set(i, p);
  }
  return out;
}

/** Instants of `every` ms on China-time bounds (3-hourly clocks, midnights) within `[from, to]`. */
export function timeTicks(from: number, to: number, every: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil((from + CST_OFFSET_MS) / every) * every - CST_OFFSET_MS; t <= to; t += every) out.push(t);
  return out;
}

/**
 * Lays out a metric over a window: the average as a line and the minimum–maximum band, broken
 * where buckets have no samples (a gap in the data, not a zero), on a {@link valueScale}, with
 * China-time labels (clock times for a day, dates for a week).
 */
export function lineChartLayout(points: readonly SeriesPoint[], w: SeriesWindow, range: SeriesRange, size: { width: number; height: number } = LINE_CHART_SIZE): LineChartLayout {
  const plot: PlotArea = { left: 52, top: 10, width: size.width - 64, height: size.height - 34 };
  const buckets = Math.max(1, Math.round((w.to - w.from) / w.step));
  const data = byBucket(points, w);
  const values = [...data.values()];
  const scale = valueScale(Math.min(0, ...values.map(p => p.min)), Math.max(0, ...values.map(p => p.max)));
  const xOf = (at: number) => plot.left + (plot.width * (at - w.from)) / (w.to - w.from);
  const yOf = (v: number) => plot.top + plot.height - (plot.height * (v - scale.min)) / (scale.max - scale.min);
  const r = (v: number) => Math.round(v * 10) / 10;
  const runs: ChartRun[] = [];
  let current: ChartRun['points'] = [];
  const close = () => {
    if (current.length === 0) return;
    const line = current.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
    const top = current.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${r(yOf(p.max))}`);
    const bottom = [...current].reverse().map(p => `L${p.x} ${r(yOf(p.min))}`);
    runs.push({ line, band: `${[...top, ...bottom].join(' ')} Z`, points: current });
    current = [];
  };
  for (let i = 0; i < buckets; i++) {
    const p = data.get(i);
    if (!p) {
      close();
      continue;
    }
    const at = w.from + i * w.step;
    current.push({ x: r(xOf(at + w.step / 2)), y: r(yOf(p.avg)), at, avg: p.avg, min: p.min, max: p.max, count: p.count });
  }
  close();
  const { tickEvery } = RANGE_SPECS[range];
  return {
    plot,
    scale,
    yTicks: scale.ticks.map(value => ({ value, label: valueText(value), y: r(yOf(value)) })),
    xTicks: timeTicks(w.from, w.to, tickEvery).map(at => ({ at, label: range === '24h' ? cstClock(at) : cstMonthDay(at), x: r(xOf(at)) })),
    runs,
    filled: data.size,
    buckets,
  };
}

/**
 * The up/down strip of `probe_up` (1 up or warning, 0 down) over the window, bucket by bucket —
 * down when the bucket's minimum is 0 (down at least once), up when it has samples, none without —
 * with neighbouring buckets of one state merged.
 */
export function upStrip(points: readonly SeriesPoint[], w: SeriesWindow, plot: Pick<PlotArea, 'left' | 'width'>): StripSegment[] {
  const data = byBucket(points, w);
  const buckets = Math.max(1, Math.round((w.to - w.from) / w.step));
  const xOf = (at: number) => plot.left + (plot.width * (at - w.from)) / (w.to - w.from);
  const out: StripSegment[] = [];
  for (let i = 0; i < buckets; i++) {
    const p = data.get(i);
    let state: StripSegment['state'] = 'none';
    if (p) state = p.min < 1 ? 'down' : 'up';
    const from = w.from + i * w.step;
    const last = out[out.length - 1];
    if (last && last.state === state) last.until = from + w.step;
    else out.push({ from, until: from + w.step, state, x: 0, width: 0 });
  }
  const r = (v: number) => Math.round(v * 10) / 10;
  for (const s of out) {
    s.x = r(xOf(s.from));
    s.width = r(xOf(s.until) - xOf(s.from));
  }
  return out;
}
