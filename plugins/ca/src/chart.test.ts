import { issuanceLayout, issuanceTotals } from './chart';

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
