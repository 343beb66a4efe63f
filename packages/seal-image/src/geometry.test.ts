import { EllipsePath, boxCorners, convexOverlap, distanceToConvex, inEllipse } from './geometry';
import { intersectionArea } from './testUtils';

const square = (x: number, y: number, s: number) => boxCorners({ x, y }, 0, { minX: -s / 2, minY: -s / 2, maxX: s / 2, maxY: s / 2 });

describe('convexOverlap', () => {
  it('detects overlapping, separate and touching boxes', () => {
    expect(convexOverlap(square(0, 0, 2), square(1.5, 0, 2))).toBe(true);
    expect(convexOverlap(square(0, 0, 2), square(2.5, 0, 2))).toBe(false);
    expect(convexOverlap(square(0, 0, 2), square(2, 0, 2))).toBe(false); // touching edge
  });

  it('uses the rotated axes: a diamond near a square corner', () => {
    // a 45°-rotated square whose bounding box overlaps the other square but whose body does not
    const diamond = boxCorners({ x: 2.3, y: 2.3 }, 45, { minX: -1, minY: -1, maxX: 1, maxY: 1 });
    expect(convexOverlap(square(0, 0, 2), diamond)).toBe(false);
    expect(intersectionArea(square(0, 0, 2), diamond)).toBe(0);
    const closer = boxCorners({ x: 1.6, y: 1.6 }, 45, { minX: -1, minY: -1, maxX: 1, maxY: 1 });
    expect(convexOverlap(square(0, 0, 2), closer)).toBe(true);
    expect(intersectionArea(square(0, 0, 2), closer)).toBeGreaterThan(0);
  });

  it('agrees with the clipping area on random rotated boxes', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let overlaps = 0;
    for (let i = 0; i < 500; i++) {
      const a = boxCorners({ x: rnd() * 4, y: rnd() * 4 }, rnd() * 360, { minX: -rnd(), minY: -rnd(), maxX: rnd(), maxY: rnd() });
      const b = boxCorners({ x: rnd() * 4, y: rnd() * 4 }, rnd() * 360, { minX: -rnd(), minY: -rnd(), maxX: rnd(), maxY: rnd() });
      const area = intersectionArea(a, b);
      if (area > 1e-9) overlaps++;
      if (area > 1e-9 || area === 0) expect(convexOverlap(a, b)).toBe(area > 1e-9);
    }
    expect(overlaps).toBeGreaterThan(50);
  });
});

describe('boxCorners', () => {
  it('rotates clockwise on screen (y down)', () => {
    const [tl, tr] = boxCorners({ x: 10, y: 10 }, 90, { minX: -1, minY: -2, maxX: 1, maxY: 2 });
    // the top edge (y = -2) turns to the right side
    expect(tl.x).toBeCloseTo(12);
    expect(tl.y).toBeCloseTo(9);
    expect(tr.x).toBeCloseTo(12);
    expect(tr.y).toBeCloseTo(11);
  });
});

describe('EllipsePath', () => {
  it('circle: arc length is r·t and inverts', () => {
    const c = new EllipsePath({ x: 0, y: 0 }, 5, 5);
    expect(c.perimeter).toBeCloseTo(10 * Math.PI, 9);
    expect(c.arcLength(Math.PI / 2)).toBeCloseTo(2.5 * Math.PI, 9);
    expect(c.paramAt(-2.5 * Math.PI)).toBeCloseTo(1.5 * Math.PI, 9);
    expect(c.normalDeg(Math.PI / 2)).toBeCloseTo(90, 9);
  });

  it('ellipse: perimeter matches Ramanujan, arcLength and paramAt invert, normal is perpendicular', () => {
    const a = 18;
    const b = 13;
    const e = new EllipsePath({ x: 20, y: 15 }, a, b);
    const h = ((a - b) * (a - b)) / ((a + b) * (a + b));
    const ramanujan = Math.PI * (a + b) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
    expect(Math.abs(e.perimeter - ramanujan)).toBeLessThan(1e-3);
    for (const t of [0.1, 0.7, 1.5, 2.2, 3.0]) {
      expect(e.paramAt(e.arcLength(t))).toBeCloseTo(t, 3);
      expect(e.paramAt(e.arcLength(-t))).toBeCloseTo(2 * Math.PI - t, 3);
      const p0 = e.point(t - 1e-5);
      const p1 = e.point(t + 1e-5);
      const n = (e.normalDeg(t) * Math.PI) / 180;
      const dot = (p1.x - p0.x) * Math.sin(n) + (p1.y - p0.y) * -Math.cos(n);
      expect(Math.abs(dot) / Math.hypot(p1.x - p0.x, p1.y - p0.y)).toBeLessThan(1e-6);
    }
    expect(e.point(0)).toEqual({ x: 20, y: 2 });
  });
});

describe('inEllipse / distanceToConvex', () => {
  it('classify points', () => {
    expect(inEllipse({ x: 3, y: 0 }, { x: 0, y: 0 }, 3, 2)).toBe(true);
    expect(inEllipse({ x: 2.5, y: 1.5 }, { x: 0, y: 0 }, 3, 2)).toBe(false);
    expect(distanceToConvex({ x: 0, y: 0 }, square(0, 0, 2))).toBe(0);
    expect(distanceToConvex({ x: 3, y: 0 }, square(0, 0, 2))).toBeCloseTo(2);
  });
});
