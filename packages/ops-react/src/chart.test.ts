import { dayBarLayout, niceScale, seriesTotals } from './chart';

describe('niceScale', () => {
  it('picks steps of 1, 2 or 5 × 10^k and covers the data', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(3)).toEqual({ max: 3, step: 1, ticks: [0, 1, 2, 3] });
    expect(niceScale(7)).toEqual({ max: 8, step: 2, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(10)).toEqual({ max: 10, step: 5, ticks: [0, 5, 10] });
    expect(niceScale(37)).toEqual({ max: 40, step: 10, ticks: [0, 10, 20, 30, 40] });
    expect(niceScale(180).step).toBe(50);
    expect(niceScale(1234).max).toBeGreaterThanOrEqual(1234);
  });

  it('never gives a fractional step for counts, nor breaks on bad input', () => {
    expect(niceScale(0.3).step).toBe(1);
    expect(niceScale(NaN)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(niceScale(-5)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
  });
});

describe('dayBarLayout', () => {
  const points = [
    { day: '2026-11-27', uses: 3 },
    { day: '2026-11-28', uses: 0 },
    { day: '2026-11-29', uses: 6 },
  ];

  it('draws one bar a day for a single series, as wide as the day less the gap', () => {
    const layout = dayBarLayout(points, ['uses'], { width: 346, height: 152 });
    expect(layout.plot).toEqual({ left: 36, top: 22, width: 300, height: 100 });
    expect(layout.scale.max).toBe(6);
    expect(layout.bars.map(b => b.height)).toEqual([50, 0, 100]);
    expect(layout.bars[0]).toMatchObject({ x: 36 + 3, width: 94, series: 'uses' });
    expect(layout.days.map(d => d.x)).toEqual([86, 186, 286]);
  });

  it('copes with no series or no data', () => {
    expect(dayBarLayout(points, []).bars).toEqual([]);
    expect(dayBarLayout([] as typeof points, ['uses']).scale.max).toBe(1);
  });

  it('totals each series', () => {
    expect(seriesTotals(points, ['uses'])).toEqual({ uses: 9 });
    expect(seriesTotals([] as typeof points, ['uses'])).toEqual({ uses: 0 });
  });
});
