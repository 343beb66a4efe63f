/**
 * Helpers for this package's tests (not exported from the package). Geometry here is written
 * independently of `geometry.ts` so that tests do not check the code with itself.
 */
import { PNG } from 'pngjs';
import type { Box, Point } from './geometry';
import type { CharLayout } from './layout';

/** Corners of a character's glyph box on the page (rotation about the character centre). */
export function glyphCorners(c: CharLayout, grow = 0): Point[] {
  const a = (c.rotationDeg * Math.PI) / 180;
  const b = c.glyphBox;
  const pts: Array<[number, number]> = [
    [b.minX - grow, b.minY - grow],
    [b.maxX + grow, b.minY - grow],
    [b.maxX + grow, b.maxY + grow],
    [b.minX - grow, b.maxY + grow],
  ];
  return pts.map(([x, y]) => ({
    x: c.centre.x + x * Math.cos(a) - y * Math.sin(a),
    y: c.centre.y + x * Math.sin(a) + y * Math.cos(a),
  }));
}

function signedArea(poly: Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const p = poly[i];
    const q = poly[(i + 1) % poly.length];
    s += p.x * q.y - q.x * p.y;
  }
  return s / 2;
}

/** Area of the intersection of two convex polygons (Sutherland–Hodgman clipping). */
export function intersectionArea(subject: Point[], clip: Point[]): number {
  const orient = Math.sign(signedArea(clip)) || 1;
  let out = subject;
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const a = clip[i];
    const b = clip[(i + 1) % clip.length];
    const side = (p: Point) => orient * ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
    const input = out;
    out = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j];
      const q = input[(j + 1) % input.length];
      const sp = side(p);
      const sq = side(q);
      if (sp >= 0) out.push(p);
      if ((sp >= 0) !== (sq >= 0)) {
        const t = sp / (sp - sq);
        out.push({ x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y) });
      }
    }
  }
  return out.length < 3 ? 0 : Math.abs(signedArea(out));
}

/** Angular extent (degrees clockwise from up, unwrapped around `mid`) of points seen from `c`. */
export function angularExtent(points: Point[], c: Point, mid: number): [number, number] {
  const angles = points.map(p => {
    let a = (Math.atan2(p.x - c.x, -(p.y - c.y)) * 180) / Math.PI;
    while (a < mid - 180) a += 360;
    while (a > mid + 180) a -= 360;
    return a;
  });
  return [Math.min(...angles), Math.max(...angles)];
}

/** Whether `p` is inside the rotated box of `c` grown by `grow` mm. */
export function inGlyphBox(p: Point, c: CharLayout, grow: number): boolean {
  const a = (c.rotationDeg * Math.PI) / 180;
  const dx = p.x - c.centre.x;
  const dy = p.y - c.centre.y;
  const lx = dx * Math.cos(a) + dy * Math.sin(a);
  const ly = -dx * Math.sin(a) + dy * Math.cos(a);
  const b: Box = c.glyphBox;
  return lx >= b.minX - grow && lx <= b.maxX + grow && ly >= b.minY - grow && ly <= b.maxY + grow;
}

/** Whether `p` is inside the (possibly non-convex) polygon, by ray casting. */
export function inPolygon(p: Point, poly: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i];
    const b = poly[j];
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Distance from `p` to the boundary of `poly`. */
export function distanceToEdges(p: Point, poly: Point[]): number {
  let best = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    const ex = b.x - a.x;
    const ey = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * ex + (p.y - a.y) * ey) / (ex * ex + ey * ey)));
    best = Math.min(best, Math.hypot(a.x + t * ex - p.x, a.y + t * ey - p.y));
  }
  return best;
}

/** A decoded RGBA image with pixel access. */
export interface Raster {
  /** width in px */
  width: number;
  /** height in px */
  height: number;
  /** RGBA at (x, y) */
  at(x: number, y: number): [number, number, number, number];
}

/** Decodes a PNG with pngjs. */
export function decodeRaster(png: Buffer): Raster {
  const img = PNG.sync.read(png);
  return {
    width: img.width,
    height: img.height,
    at(x, y) {
      const i = (y * img.width + x) * 4;
      return [img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]];
    },
  };
}

/** A PNG from an RGBA callback (no pHYs chunk). */
export function makePng(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number, number],
  colorType: 2 | 6 = 6,
): Buffer {
  const img = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b, a] = pixel(x, y);
      const i = (y * width + x) * 4;
      img.data[i] = r;
      img.data[i + 1] = g;
      img.data[i + 2] = b;
      img.data[i + 3] = a;
    }
  }
  return PNG.sync.write(img, { colorType, inputHasAlpha: true });
}
