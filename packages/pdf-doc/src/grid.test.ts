import { columnWidths } from './grid';

describe('columnWidths', () => {
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);

  it('shares the width by weight', () => {
    expect(columnWidths([1, 1, 2], 400, 10)).toEqual([100, 100, 200]);
  });

  it('gives no column less than the minimum and keeps the total', () => {
    const w = columnWidths([1, 1000, 1000], 500, 20)!;
    expect(w[0]).toBe(20);
    expect(w[1]).toBeCloseTo(240);
    expect(sum(w)).toBeCloseTo(500);
    const v = columnWidths([1, 1, 1, 10000], 100, 20)!;
    expect(v.slice(0, 3)).toEqual([20, 20, 20]);
    expect(sum(v)).toBeCloseTo(100);
  });

  it('refuses more columns than fit', () => {
    expect(columnWidths([1, 1, 1], 50, 20)).toBeUndefined();
    expect(columnWidths([1, 1], 40, 20)).toEqual([20, 20]);
  });
});
