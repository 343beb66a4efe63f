/**
 * Plane geometry in millimetres, SVG orientation (x right, y down, positive angles clockwise).
 */

/** A point in millimetres (x right, y down, origin at the image's top-left corner). */
export interface Point {
  /** mm from the left edge */
  x: number;
  /** mm from the top edge */
  y: number;
}

/** An axis-aligned box in millimetres. */
export interface Box {
  /** left */
  minX: number;
  /** top */
  minY: number;
  /** right */
  maxX: number;
  /** bottom */
  maxY: number;
}

const RAD = Math.PI / 180;

/**
 * Corners of `box` (given relative to `centre`, before rotation) after rotating it clockwise by
 * `rotationDeg` about `centre` and placing it there; order: top-left, top-right, bottom-right,
 * bottom-left of the unrotated box.
 */
export function boxCorners(centre: Point, rotationDeg: number, box: Box): Point[] {
  const c = Math.cos(rotationDeg * RAD);
  const s = Math.sin(rotationDeg * RAD);
  const local: Array<[number, number]> = [
    [box.minX, box.minY],
    [box.maxX, box.minY],
    [box.maxX, box.maxY],
    [box.minX, box.maxY],
  ];
  return local.map(([x, y]) => ({ x: centre.x + x * c - y * s, y: centre.y + x * s + y * c }));
}

/** `box` grown by `d` on every side. */
export function inflate(box: Box, d: number): Box {
  return { minX: box.minX - d, minY: box.minY - d, maxX: box.maxX + d, maxY: box.maxY + d };
}

/** Smallest box holding both. */
export function union(a: Box, b: Box): Box {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

function project(poly: readonly Point[], ax: number, ay: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of poly) {
    const v = p.x * ax + p.y * ay;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Whether two convex polygons share interior points (separating axis theorem). Polygons that only
 * touch along an edge or at a corner do not overlap.
 */
export function convexOverlap(a: readonly Point[], b: readonly Point[]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i];
      const q = poly[(i + 1) % poly.length];
      const ax = -(q.y - p.y);
      const ay = q.x - p.x;
      if (ax === 0 && ay === 0) continue;
      const [alo, ahi] = project(a, ax, ay);
      const [blo, bhi] = project(b, ax, ay);
      if (ahi <= blo || bhi <= alo) return false;
    }
  }
  return true;
}

/** Whether `p` lies inside (or on) the axis-aligned ellipse centred at `c` with semi-axes rx, ry. */
export function inEllipse(p: Point, c: Point, rx: number, ry: number): boolean {
  const dx = (p.x - c.x) / rx;
  const dy = (p.y - c.y) / ry;
  return dx * dx + dy * dy <= 1 + 1e-12;
}

/** Distance from `p` to the convex polygon `poly` (0 when inside). */
export function distanceToConvex(p: Point, poly: readonly Point[]): number {
  let inside = true;
  let best = Infinity;
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const ex = b.x - a.x;
    const ey = b.y - a.y;
    const cross = ex * (p.y - a.y) - ey * (p.x - a.x);
    if (cross !== 0) {
      const sg = Math.sign(cross);
      if (sign === 0) sign = sg;
      else if (sg !== sign) inside = false;
    }
    const len2 = ex * ex + ey * ey;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * ex + (p.y - a.y) * ey) / len2));
    best = Math.min(best, Math.hypot(a.x + t * ex - p.x, a.y + t * ey - p.y));
  }
  return inside ? 0 : best;
}

/**
 * An ellipse parameterised by t (radians, 0 at the top, increasing clockwise):
 * `(cx + rx·sin t, cy − ry·cos t)`, with arc-length lookup both ways.
 */
export class EllipsePath {
  private readonly ts: Float64Array;
  private readonly ss: Float64Array;
  /** Perimeter in mm. */
  readonly perimeter: number;

  /**
   * @param centre - centre of the ellipse
   * @param rx - horizontal semi-axis (mm)
   * @param ry - vertical semi-axis (mm)
   */
  constructor(
    readonly centre: Point,
    readonly rx: number,
    readonly ry: number,
  ) {
    if (rx === ry) {
      // a circle: arc length is r·t, no table needed
      this.ts = new Float64Array(0);
      this.ss = new Float64Array(0);
      this.perimeter = 2 * Math.PI * rx;
      return;
    }
    const n = 1024;
    this.ts = new Float64Array(n + 1);
    this.ss = new Float64Array(n + 1);
    let s = 0;
    let prev = this.point(0);
    for (let i = 1; i <= n; i++) {
      const t = (2 * Math.PI * i) / n;
      const p = this.point(t);
      s += Math.hypot(p.x - prev.x, p.y - prev.y);
      this.ts[i] = t;
      this.ss[i] = s;
      prev = p;
    }
    this.perimeter = s;
  }

  /** The point at parameter `t`. */
  point(t: number): Point {
    return { x: this.centre.x + this.rx * Math.sin(t), y: this.centre.y - this.ry * Math.cos(t) };
  }

  /** Clockwise angle (degrees) of the outward normal at `t`, 0 = straight up. */
  normalDeg(t: number): number {
    return Math.atan2(Math.sin(t) / this.rx, Math.cos(t) / this.ry) / RAD;
  }

  /** Signed arc length from the top (t = 0) to `t`, for t in [−π, π]. */
  arcLength(t: number): number {
    if (t < 0) return -this.arcLength(-t);
    if (this.rx === this.ry) return this.rx * Math.min(t, 2 * Math.PI);
    return this.interp(this.ts, this.ss, Math.min(t, 2 * Math.PI));
  }

  /** The parameter at signed arc length `s` from the top (clockwise positive). */
  paramAt(s: number): number {
    const p = this.perimeter;
    const m = ((s % p) + p) % p;
    if (this.rx === this.ry) return m / this.rx;
    return this.interp(this.ss, this.ts, m);
  }

  private interp(xs: Float64Array, ys: Float64Array, x: number): number {
    let lo = 0;
    let hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid;
      else hi = mid;
    }
    const span = xs[hi] - xs[lo];
    const f = span === 0 ? 0 : (x - xs[lo]) / span;
    return ys[lo] + f * (ys[hi] - ys[lo]);
  }
}
