import { chartableDetail, lineChartLayout, seriesPath, seriesWindow, timeTicks, upStrip, valueScale, type SeriesPoint } from './series';

const HOUR = 3_600_000;
const now = Date.parse('2026-11-28T02:07:30Z'); // 10:07:30 in China

describe('seriesWindow and seriesPath', () => {
  it('covers a day in 5-minute buckets and a week in hours, ending with the current bucket', () => {
    const day = seriesWindow('24h', now);
    expect(day).toEqual({ from: Date.parse('2026-11-27T02:10:00Z'), to: Date.parse('2026-11-28T02:10:00Z'), step: 300_000 });
    expect((day.to - day.from) / day.step).toBe(288);
    const week = seriesWindow('7d', now);
    expect(week.to).toBe(Date.parse('2026-11-28T03:00:00Z'));
    expect(week.from % HOUR).toBe(0);
    expect((week.to - week.from) / week.step).toBe(168);
  });

  it('asks the backend for a metric of a target', () => {
    expect(seriesPath('probe_latency_ms', 'ca-ocsp', { from: 0, to: 3_600_000, step: 300_000 })).toBe('/series?name=probe_latency_ms&target=ca-ocsp&from=0&to=3600000&step=300000');
  });

  it('charts only numeric details with names the backend accepts', () => {
    expect(chartableDetail('daysLeft', 12)).toBe(true);
    expect(chartableDetail('daysLeft', '12')).toBe(false);
    expect(chartableDetail('bad-name', 1)).toBe(false);
    expect(chartableDetail('x', NaN)).toBe(false);
  });
});

describe('valueScale', () => {
  it('picks 1, 2 or 5 × 10^k steps from zero for positive data', () => {
    expect(valueScale(0, 0)).toEqual({ min: 0, max: 1, step: 1, ticks: [0, 1] });
    expect(valueScale(12, 37)).toEqual({ min: 0, max: 40, step: 10, ticks: [0, 10, 20, 30, 40] });
    expect(valueScale(0, 1830).step).toBe(500);
    expect(valueScale(0, 1830).max).toBe(2000);
  });

  it('allows fractions and negative values', () => {
    expect(valueScale(0, 1)).toEqual({ min: 0, max: 1, step: 0.5, ticks: [0, 0.5, 1] });
    expect(valueScale(0, 0.3).ticks).toEqual([0, 0.1, 0.2, 0.3]);
    expect(valueScale(-3, 7)).toEqual({ min: -5, max: 10, step: 5, ticks: [-5, 0, 5, 10] });
  });

  it('does not break on bad input', () => {
    expect(valueScale(NaN, Infinity)).toEqual({ min: 0, max: 1, step: 1, ticks: [0, 1] });
    expect(valueScale(9, 3).max).toBeGreaterThanOrEqual(9);
  });
});

describe('timeTicks', () => {
  it('falls on China-time bounds', () => {
    const from = Date.parse('2026-11-27T15:30:00Z'); // 23:30 China time
    expect(timeTicks(from, from + 6 * HOUR, 3 * HOUR).map(t => new Date(t).toISOString())).toEqual(['2026-11-27T16:00:00.000Z', '2026-11-27T19:00:00.000Z']);
    expect(timeTicks(from, from + 2 * 86_400_000, 86_400_000).map(t => new Date(t).toISOString())).toEqual(['2026-11-27T16:00:00.000Z', '2026-11-28T16:00:00.000Z']);
  });
});

describe('lineChartLayout', () => {
  const w = { from: 0, to: 6 * 300_000, step: 300_000 }; // six buckets
  const p = (i: number, avg: number, count = 5): SeriesPoint => ({ at: i * 300_000, min: avg / 2, max: avg * 2, avg, count });

  it('breaks the line where buckets have no samples', () => {
    const layout = lineChartLayout([p(0, 10), p(1, 20), p(3, 5), p(4, 0, 0), p(5, 15)], w, '24h', { width: 664, height: 134 });
    expect(layout.plot).toEqual({ left: 52, top: 10, width: 600, height: 100 });
    expect(layout.buckets).toBe(6);
    expect(layout.filled).toBe(4);
    expect(layout.runs.map(r => r.points.length)).toEqual([2, 1, 1]);
    expect(layout.runs[0].line).toBe('M102 85 L202 60');
    expect(layout.runs[0].band).toBe('M102 60 L202 10 L202 85 L102 97.5 Z');
    expect(layout.scale.max).toBe(40);
    expect(layout.yTicks.map(t => t.label)).toEqual(['0', '10', '20', '30', '40']);
  });

  it('keeps an axis with no data at all', () => {
    const layout = lineChartLayout([], w, '24h');
    expect(layout.runs).toEqual([]);
    expect(layout.scale).toEqual({ min: 0, max: 1, step: 1, ticks: [0, 1] });
  });

  it('labels a day with China-time clocks and a week with dates', () => {
    const day = seriesWindow('24h', now);
    expect(lineChartLayout([], day, '24h').xTicks.map(t => t.label)).toEqual(['12:00', '15:00', '18:00', '21:00', '00:00', '03:00', '06:00', '09:00']);
    const week = seriesWindow('7d', now);
    expect(lineChartLayout([], week, '7d').xTicks.map(t => t.label)).toEqual(['11-22', '11-23', '11-24', '11-25', '11-26', '11-27', '11-28']);
  });

  it('ignores points outside the window', () => {
    expect(lineChartLayout([p(-1, 10), p(6, 10)], w, '24h').filled).toBe(0);
  });
});

describe('upStrip', () => {
  const w = { from: 0, to: 5 * 300_000, step: 300_000 };
  const up = (i: number, min: number): SeriesPoint => ({ at: i * 300_000, min, max: 1, avg: min, count: 5 });

  it('is red where a bucket was down once, merges neighbours and leaves unprobed buckets blank', () => {
    const strip = upStrip([up(0, 1), up(1, 1), up(2, 0), up(4, 1)], w, { left: 0, width: 500 });
    expect(strip.map(s => [s.state, s.x, s.width])).toEqual([
      ['up', 0, 200],
      ['down', 200, 100],
      ['none', 300, 100],
      ['up', 400, 100],
    ]);
    expect(strip[1]).toMatchObject({ from: 600_000, until: 900_000 });
  });
});
