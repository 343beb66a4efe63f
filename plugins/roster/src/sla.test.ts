import type { ArrivalReport, ArrivalStats } from '@yinxin/plugin-roster-common';
import { linePath, monthsUpTo, onTimeRate, percentText, slaLayout, slaPoints } from './sla';

const stats = (onTime: number, breaches: number, median: number | null, p90: number | null): ArrivalStats => ({
  count: onTime + breaches,
  arrived: onTime + breaches,
  onTime,
  breaches,
  pending: 0,
  medianMinutes: median,
  p90Minutes: p90,
});
const report = (month: string, onTime: number, breaches: number, median: number | null, p90: number | null): ArrivalReport => ({
  month,
  ...stats(onTime, breaches, median, p90),
  bySeverity: { major: stats(0, 0, null, null), ordinary: stats(0, 0, null, null) },
  cancelled: 0,
});

describe('arrival SLA chart', () => {
  it('takes the months up to the last, oldest first, across a year end', () => {
    expect(monthsUpTo('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('shapes reports into points in month order', () => {
    const points = slaPoints([report('2026-05', 3, 1, 50, 130), report('2026-04', 0, 0, null, null)]);
    expect(points.map(p => p.month)).toEqual(['2026-04', '2026-05']);
    expect(points[1]).toEqual({ month: '2026-05', onTime: 3, breaches: 1, pending: 0, medianMinutes: 50, p90Minutes: 130 });
  });

  it('computes the on-time rate over decided dispatches', () => {
    expect(onTimeRate({ onTime: 3, breaches: 1 })).toBe(0.75);
    expect(onTimeRate({ onTime: 0, breaches: 0 })).toBeNull();
    expect(percentText(2 / 3)).toBe('66.7%');
    expect(percentText(null)).toBe('—');
  });

  it('stacks breaches on top of on-time arrivals and scales minutes to the targets', () => {
    const layout = slaLayout(slaPoints([report('2026-04', 0, 0, null, null), report('2026-05', 3, 1, 50, 130)]), { major: 2, ordinary: 4 });
    const { plot } = layout;
    const bottom = plot.top + plot.height;
    const may = layout.bars[1];
    // 4 dispatches on a 0–4 axis fill the plot.
    expect(layout.counts.max).toBe(4);
    expect(may.onTime.y + may.onTime.height).toBeCloseTo(bottom);
    expect(may.breaches.y + may.breaches.height).toBeCloseTo(may.onTime.y);
    expect(may.breaches.y).toBeCloseTo(plot.top);
    expect(layout.bars[0].onTime.height).toBe(0);
    // The ordinary target (240 minutes) is the largest value: the minutes axis reaches it.
    expect(layout.minutes.max).toBeGreaterThanOrEqual(240);
    expect(layout.targets.map(t => [t.severity, t.minutes])).toEqual([
      ['major', 120],
      ['ordinary', 240],
    ]);
    // A month without arrivals has no marks.
    expect(layout.median.map(m => [m.month, m.value])).toEqual([['2026-05', 50]]);
    expect(layout.p90[0].y).toBeLessThan(layout.median[0].y);
    expect(layout.labels.map(l => l.month)).toEqual(['2026-04', '2026-05']);
    expect(linePath([{ x: 1, y: 2 }, { x: 3.25, y: 4 }])).toBe('M1.0 2.0 L3.3 4.0');
  });
});
