import { issuanceLayout, issuanceTotals, niceScale } from './chart';

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

describe('issuanceLayout', () => {
  const points = [
    { day: '2026-11-27', sm2: 4, rsa: 0 },
    { day: '2026-11-28', sm2: 2, rsa: 1 },
  ];

  it('draws bars proportional to the counts, the tallest reaching the top of the scale', () => {
    const layout = issuanceLayout(points, { width: 246, height: 152 });
    expect(layout.plot).toEqual({ left: 36, top: 22, width: 200, height: 100 });
    expect(layout.scale.max).toBe(4);
    const bar = (day: string, series: string) => layout.bars.find(b => b.day === day && b.series === series)!;
    expect(bar('2026-11-27', 'sm2')).toMatchObject({ height: 100, y: 22 });
    expect(bar('2026-11-27', 'rsa')).toMatchObject({ height: 0, y: 122 });
    expect(bar('2026-11-28', 'sm2').height).toBe(50);
    expect(bar('2026-11-28', 'rsa').height).toBe(25);
  });

  it('puts each day in its own group, SM2 left of RSA, inside the plot', () => {
    const layout = issuanceLayout(points, { width: 246, height: 152 });
    expect(layout.days.map(d => d.x)).toEqual([86, 186]);
    const [sm2, rsa] = layout.bars;
    expect(sm2.x + sm2.width).toBeCloseTo(rsa.x);
    for (const b of layout.bars) {
      expect(b.x).toBeGreaterThanOrEqual(36);
      expect(b.x + b.width).toBeLessThanOrEqual(236 + 1e-9);
    }
    expect(layout.ticks[0]).toEqual({ value: 0, y: 122 });
    expect(layout.ticks[layout.ticks.length - 1]).toEqual({ value: 4, y: 22 });
  });

  it('copes with no data', () => {
    const layout = issuanceLayout([]);
    expect(layout.bars).toEqual([]);
    expect(layout.scale.max).toBe(1);
  });

  it('totals a period per algorithm', () => {
    expect(issuanceTotals(points)).toEqual({ sm2: 6, rsa: 1 });
  });
});
