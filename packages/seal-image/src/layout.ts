/**
 * Seal templates and their layout: where the ring, the star and every character go, in mm.
 *
 * Layout rules (see README.md):
 * - round: ring at the edge; star in the centre (outer radius 0.175·D, 7 mm for 40 mm); the text
 *   along the upper arc, tops outward, first character on the left, evenly spread over a
 *   centre-to-centre span that grows with the character count (≤ 40° per step, 200° for ≤ 4
 *   characters up to 270° for ≥ 16); characters condense to 60 % width, then shrink, until
 *   neighbours keep a clearance; optional lower text horizontal below the star; optional code
 *   along the lower arc, bottoms outward, reading left to right.
 * - oval: as round without the star, positions by arc length along the ellipse and rotation to its
 *   normal; optional centre text and lower text, both horizontal.
 * - square: see {@link squareGrid}.
 */
import { SealImageError } from './errors';
import type { FontFace, ShapedChar } from './font';
import { shapeChars } from './font';
import {
  EllipsePath,
  boxCorners,
  convexOverlap,
  inEllipse,
  inflate,
  union,
  type Box,
  type Point,
} from './geometry';

/** A round seal (公章 / 财务专用章 / 合同专用章 / 业务专用章 / 内设机构章). */
export interface RoundSealTemplate {
  /** discriminator */
  kind: 'round';
  /** Organisation name along the upper arc: 1–24 characters. */
  text: string;
  /** Diameter in mm, 38–45 (default 40; 42 is the other usual size). */
  sizeMm?: number;
  /** Ring width in mm, 1.0–1.5 (default 1.2). */
  borderMm?: number;
  /** Horizontal text below the star, e.g. 财务专用章: up to 12 characters. */
  lowerText?: string;
  /** Seal code along the lower arc (usually 13 digits): 1–20 digits or capital letters. */
  code?: string;
  /** Draw the five-pointed star (default true). */
  star?: boolean;
}

/** An oval seal (e.g. 发票专用章), 40×30 mm by default. */
export interface OvalSealTemplate {
  /** discriminator */
  kind: 'oval';
  /** Organisation name along the upper arc: 1–24 characters. */
  text: string;
  /** Width in mm, 36–50 (default 40). */
  sizeMm?: number;
  /** Height in mm, 26–40 and less than the width (default 30 for width 40, else 0.75 × width). */
  heightMm?: number;
  /** Ring width in mm, 1.0–1.5 (default 1.2). */
  borderMm?: number;
  /** Horizontal text through the centre (e.g. a taxpayer number): up to 20 characters. */
  centreText?: string;
  /** Horizontal text in the lower half (e.g. 发票专用章): up to 12 characters. */
  lowerText?: string;
  /** Code along the lower arc: 1–20 digits or capital letters. */
  code?: string;
}

/** A square personal name seal (个人名章). */
export interface SquareSealTemplate {
  /** discriminator */
  kind: 'square';
  /** The person's name: 1–4 characters. */
  text: string;
  /** Side in mm, 15–25 (default 20). */
  sizeMm?: number;
  /** Frame width in mm, 1.0–1.5 (default 0.06 × side, clamped to that range). */
  borderMm?: number;
  /** Append 印 to a 3-character name (and 之印 to a 2-character one) to fill a 2×2 grid. */
  addYin?: boolean;
}

/** Any seal template. */
export type SealTemplate = RoundSealTemplate | OvalSealTemplate | SquareSealTemplate;

/** Which template field a character comes from. */
export type SealTextRole = 'text' | 'lowerText' | 'centreText' | 'code';

/** One drawn character. Lengths in mm, angles in degrees clockwise (0 = upright). */
export interface CharLayout {
  /** the character */
  char: string;
  /** the template field it comes from */
  role: SealTextRole;
  /** position within its field, in reading order */
  index: number;
  /** centre of the character's cell */
  centre: Point;
  /** rotation of the character about `centre` (clockwise degrees; 0 = upright) */
  rotationDeg: number;
  /** the cell the character was fitted to (before rotation, centred on `centre`) */
  cell: { width: number; height: number };
  /** the glyph's ink box from the font metrics, scaled, relative to `centre`, before rotation (y down) */
  glyphBox: Box;
  /** glyph id in the font */
  glyphId: number;
  /** horizontal scale, mm per font unit */
  scaleX: number;
  /** vertical scale, mm per font unit */
  scaleY: number;
  /**
   * Width of the outline stroke that emboldens the glyph (mm, same colour as the fill); `glyphBox`
   * includes half of it on every side.
   */
  strokeWidth: number;
}

/** The ring of a round or oval seal. */
export interface RingLayout {
  /** centre of the ring */
  centre: Point;
  /** horizontal semi-axis of the stroke's centre line */
  radiusX: number;
  /** vertical semi-axis of the stroke's centre line */
  radiusY: number;
  /** stroke width */
  strokeWidth: number;
  /** horizontal semi-axis of the outer edge */
  outerRadiusX: number;
  /** vertical semi-axis of the outer edge */
  outerRadiusY: number;
  /** horizontal semi-axis of the inner edge */
  innerRadiusX: number;
  /** vertical semi-axis of the inner edge */
  innerRadiusY: number;
}

/** The frame of a square seal. */
export interface FrameLayout {
  /** outer edge */
  outer: Box;
  /** inner edge */
  inner: Box;
  /** stroke width */
  strokeWidth: number;
}

/** The solid five-pointed star of a round seal. */
export interface StarLayout {
  /** centre (the ring's centre) */
  centre: Point;
  /** distance from the centre to the five tips */
  outerRadius: number;
  /** distance from the centre to the five inner corners */
  innerRadius: number;
  /** the ten vertices, from the top tip clockwise, alternating tip and inner corner */
  vertices: Point[];
}

/** The geometry actually drawn, in mm (origin top-left, y down). */
export interface SealLayout {
  /** template kind */
  kind: SealTemplate['kind'];
  /** overall width */
  widthMm: number;
  /** overall height */
  heightMm: number;
  /** centre of the seal */
  centre: Point;
  /** ring (round, oval) */
  ring?: RingLayout;
  /** frame (square) */
  frame?: FrameLayout;
  /** star (round, unless disabled) */
  star?: StarLayout;
  /** every character, text first, then lowerText, centreText, code */
  chars: CharLayout[];
}

/** @internal A character with what is needed to draw it. */
export interface PlacedChar {
  layout: CharLayout;
  shaped: ShapedChar;
}

/** @internal */
export interface ComputedLayout {
  layout: SealLayout;
  placed: PlacedChar[];
}

const RAD = Math.PI / 180;

/** Outline stroke that emboldens glyphs, as a fraction of the cell height. */
const EMBOLDEN = 0.03;

/** Maximum characters per field. */
export const TEXT_LIMITS = { text: 24, lowerText: 12, centreText: 20, code: 20, squareText: 4 } as const;

function invalid(message: string): never {
  throw new SealImageError('TEMPLATE_INVALID', message);
}

function num(value: number | undefined, dflt: number, lo: number, hi: number, what: string): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) {
    invalid(`${what} must be a number from ${lo} to ${hi} (got ${String(value)})`);
  }
  return value;
}

function cleanText(value: unknown, field: string, max: number, required: boolean): string | undefined {
  if (value === undefined || value === null || value === '') {
    if (required) invalid(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string') invalid(`${field} must be a string`);
  const s = value.normalize('NFC').trim();
  if (s.length === 0) {
    if (required) invalid(`${field} is required`);
    return undefined;
  }
  const chars = Array.from(s);
  if (chars.length > max) {
    throw new SealImageError('TEXT_TOO_LONG', `${field} has ${chars.length} characters; at most ${max} fit`);
  }
  const bad = chars.find(c => /[\p{C}\p{Z}\p{M}]/u.test(c));
  if (bad !== undefined) {
    const cp = bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    invalid(`${field} contains a space, control or combining character (U+${cp})`);
  }
  return s;
}

function cleanCode(value: unknown): string | undefined {
  const s = cleanText(value, 'code', TEXT_LIMITS.code, false);
  if (s !== undefined && !/^[0-9A-Z]+$/.test(s)) invalid('code must consist of digits and capital letters');
  return s;
}

// ---------------------------------------------------------------------------------------------
// Placing characters

/** Natural cell width per mm of cell height (full-width ideographs: face width / face height). */
function naturalWidth(face: FontFace, ch: ShapedChar): number {
  const adv = ch.advance > 0 ? ch.advance : face.unitsPerEm;
  return (adv * face.faceWidth) / face.unitsPerEm / face.faceHeight;
}

function makeChar(
  face: FontFace,
  shaped: ShapedChar,
  role: SealTextRole,
  index: number,
  centre: Point,
  rotationDeg: number,
  cellW: number,
  cellH: number,
): PlacedChar {
  const strokeWidth = EMBOLDEN * Math.min(cellH, 1.6 * cellW);
  const half = strokeWidth / 2;
  const adv = shaped.advance > 0 ? shaped.advance : face.unitsPerEm;
  const scaleY = cellH / face.faceHeight;
  const scaleX = cellW / ((adv * face.faceWidth) / face.unitsPerEm);
  const b = shaped.bbox;
  const glyphBox: Box = {
    minX: (b.minX - adv / 2) * scaleX - half,
    maxX: (b.maxX - adv / 2) * scaleX + half,
    minY: -(b.maxY - face.faceCentreY) * scaleY - half,
    maxY: -(b.minY - face.faceCentreY) * scaleY + half,
  };
  return {
    shaped,
    layout: {
      char: shaped.char,
      role,
      index,
      centre,
      rotationDeg,
      cell: { width: cellW, height: cellH },
      glyphBox,
      glyphId: shaped.glyphId,
      scaleX,
      scaleY,
      strokeWidth,
    },
  };
}

/** The polygon a character occupies (union of cell and ink box), grown by `grow` mm. */
function inkPolygon(c: CharLayout, grow = 0): Point[] {
  const cell: Box = { minX: -c.cell.width / 2, maxX: c.cell.width / 2, minY: -c.cell.height / 2, maxY: c.cell.height / 2 };
  return boxCorners(c.centre, c.rotationDeg, inflate(union(cell, c.glyphBox), grow));
}

interface Region {
  centre: Point;
  rx: number;
  ry: number;
}

interface Obstacles {
  polygons: Point[][];
}

function fitsRegion(chars: PlacedChar[], region: Region): boolean {
  return chars.every(c => inkPolygon(c.layout).every(p => inEllipse(p, region.centre, region.rx, region.ry)));
}

function clearOf(chars: PlacedChar[], obstacles: Obstacles, clearance: number): boolean {
  return chars.every(c => {
    const poly = inkPolygon(c.layout, clearance);
    return obstacles.polygons.every(o => !convexOverlap(poly, o));
  });
}

function neighboursClear(chars: PlacedChar[], clearance: number): boolean {
  for (let i = 0; i + 1 < chars.length; i++) {
    if (convexOverlap(inkPolygon(chars[i].layout, clearance / 2), inkPolygon(chars[i + 1].layout, clearance / 2))) {
      return false;
    }
  }
  return true;
}

interface ArcOptions {
  region: Region;
  side: 'top' | 'bottom';
  role: SealTextRole;
  /** centre-to-centre span in degrees of the ellipse parameter; undefined = packed at the given spacing */
  spanDeg?: number;
  height: number;
  condense: number;
  clearance: number;
}

/** Places `chars` along an arc of the region's boundary, inset so that the ink stays inside. */
function placeArc(face: FontFace, chars: ShapedChar[], o: ArcOptions): PlacedChar[] | undefined {
  const n = chars.length;
  const h = o.height;
  const widths = chars.map(c => naturalWidth(face, c) * h * o.condense);
  const build = (path: EllipsePath, step: number): PlacedChar[] => {
    const mid = o.side === 'top' ? 0 : path.perimeter / 2;
    const dir = o.side === 'top' ? 1 : -1;
    return chars.map((c, i) => {
      const t = path.paramAt(mid + dir * (i - (n - 1) / 2) * step);
      let rot = path.normalDeg(t);
      if (o.side === 'bottom') rot = rot > 0 ? rot - 180 : rot + 180;
      return makeChar(face, c, o.role, i, path.point(t), rot, widths[i], h);
    });
  };
  const clear = (step: number, path: EllipsePath) => neighboursClear(build(path, step), o.clearance);
  const minAxis = Math.min(o.region.rx, o.region.ry);
  let inset = h / 2;
  for (let iter = 0; iter < 30 && inset < minAxis - h / 2; iter++) {
    const path = new EllipsePath(o.region.centre, o.region.rx - inset, o.region.ry - inset);
    let step: number;
    if (o.spanDeg !== undefined) {
      step = n > 1 ? (2 * path.arcLength((o.spanDeg / 2) * RAD)) / (n - 1) : 0;
      if (!clear(step, path)) return undefined;
    } else {
      // packed: the smallest step (to 1 %) at which neighbours keep their clearance
      let lo = Math.max(...widths);
      let hi = lo + o.clearance;
      while (!clear(hi, path)) {
        lo = hi;
        hi *= 1.25;
        if (hi * (n - 1) > path.perimeter / 2) return undefined;
      }
      while (hi - lo > 0.01 * hi) {
        const mid = (lo + hi) / 2;
        if (clear(mid, path)) hi = mid;
        else lo = mid;
      }
      step = hi;
    }
    const placed = build(path, step);
    // how far the ink pokes out of the region, as a fraction of the region's size
    let excess = 0;
    for (const c of placed) {
      for (const p of inkPolygon(c.layout)) {
        const dx = (p.x - o.region.centre.x) / o.region.rx;
        const dy = (p.y - o.region.centre.y) / o.region.ry;
        excess = Math.max(excess, Math.sqrt(dx * dx + dy * dy) - 1);
      }
    }
    if (excess <= 0) return placed;
    inset += Math.max(0.005, excess * minAxis);
  }
  return undefined;
}

interface ArcFitOptions extends Omit<ArcOptions, 'height' | 'condense' | 'spanDeg'> {
  /** spans to try at each height, preferred first; undefined = packed */
  spansDeg?: number[];
  maxHeight: number;
  minHeight: number;
  minCondense: number;
  accept?: (placed: PlacedChar[]) => boolean;
}

/**
 * Largest height at which the arc text fits (trying each span in turn, and condensing as little as
 * possible) and `accept` agrees.
 */
function fitArc(face: FontFace, chars: ShapedChar[], o: ArcFitOptions): PlacedChar[] | undefined {
  const spans = o.spansDeg ?? [undefined];
  for (let h = o.maxHeight; h >= o.minHeight - 1e-9; h *= 0.96) {
    for (const spanDeg of spans) {
      const ok = (condense: number) => {
        const p = placeArc(face, chars, { ...o, spanDeg, height: h, condense });
        return p && (!o.accept || o.accept(p)) ? p : undefined;
      };
      if (!ok(o.minCondense)) continue;
      const full = ok(1);
      if (full) return full;
      let lo = o.minCondense;
      let hi = 1;
      for (let i = 0; i < 6; i++) {
        const mid = (lo + hi) / 2;
        if (ok(mid)) lo = mid;
        else hi = mid;
      }
      return ok(lo);
    }
  }
  return undefined;
}

interface LineFitOptions {
  role: SealTextRole;
  region: Region;
  obstacles: Obstacles;
  clearance: number;
  /** preferred vertical centre; the line may move towards `minCentreY` to fit */
  centreY: number;
  /** the top edge of the line must stay at or below this */
  minTopY: number;
  /** horizontal centre */
  centreX: number;
  maxHeight: number;
  minHeight: number;
  /** space between cells, as a fraction of the height */
  spacing: number;
}

/** A horizontal line of characters, shrunk and condensed until it fits. */
function fitLine(face: FontFace, chars: ShapedChar[], o: LineFitOptions): PlacedChar[] | undefined {
  for (let h = o.maxHeight; h >= o.minHeight - 1e-9; h *= 0.95) {
    for (const condense of [1, 0.9, 0.8, 0.7, 0.6]) {
      const widths = chars.map(c => naturalWidth(face, c) * h * condense);
      const gap = Math.max(o.spacing * h, o.clearance * 1.05);
      // horizontal ink extents (cell ∪ glyph box) of each character about its centre
      const extents = chars.map((c, i) => {
        const g = makeChar(face, c, o.role, i, { x: 0, y: 0 }, 0, widths[i], h).layout.glyphBox;
        return [Math.min(-widths[i] / 2, g.minX), Math.max(widths[i] / 2, g.maxX)] as const;
      });
      const offsets: number[] = [];
      let pen = 0;
      extents.forEach(([lo, hi], i) => {
        if (i > 0) pen += gap;
        offsets.push(pen - lo);
        pen += hi - lo;
      });
      const shift = (offsets[0] + extents[0][0] + offsets[offsets.length - 1] + extents[extents.length - 1][1]) / 2;
      const top = o.minTopY + h / 2;
      const ys: number[] = [];
      for (let y = o.centreY; y >= top - 1e-9; y -= 0.25) ys.push(y);
      if (ys.length === 0) ys.push(top);
      for (const y of ys) {
        const placed = chars.map((c, i) =>
          makeChar(face, c, o.role, i, { x: o.centreX + offsets[i] - shift, y }, 0, widths[i], h),
        );
        if (
          neighboursClear(placed, o.clearance) &&
          fitsRegion(placed, o.region) &&
          clearOf(placed, o.obstacles, o.clearance)
        ) {
          return placed;
        }
      }
    }
  }
  return undefined;
}

function polygonsOf(chars: PlacedChar[]): Point[][] {
  return chars.map(c => inkPolygon(c.layout));
}

/**
 * Centre-to-centre span (degrees) of an arc of `n` characters: at most 40° per step; 200° for up
 * to 4 characters growing linearly to 270° at 16 and more.
 */
export function arcSpanDeg(n: number): number {
  if (n <= 1) return 0;
  const max = 200 + 70 * Math.min(1, Math.max(0, (n - 4) / 12));
  return Math.min(40 * (n - 1), max);
}

// ---------------------------------------------------------------------------------------------
// Templates

function ringOf(centre: Point, rx: number, ry: number, bw: number): RingLayout {
  return {
    centre,
    radiusX: rx - bw / 2,
    radiusY: ry - bw / 2,
    strokeWidth: bw,
    outerRadiusX: rx,
    outerRadiusY: ry,
    innerRadiusX: rx - bw,
    innerRadiusY: ry - bw,
  };
}

function starOf(centre: Point, outerRadius: number): StarLayout {
  const innerRadius = (outerRadius * Math.sin(18 * RAD)) / Math.sin(54 * RAD);
  const vertices: Point[] = [];
  for (let j = 0; j < 10; j++) {
    const r = j % 2 === 0 ? outerRadius : innerRadius;
    const a = j * 36 * RAD;
    vertices.push({ x: centre.x + r * Math.sin(a), y: centre.y - r * Math.cos(a) });
  }
  return { centre, outerRadius, innerRadius, vertices };
}

function cannotFit(field: string): never {
  throw new SealImageError('TEMPLATE_INVALID', `${field} does not fit in the seal; shorten it or use a larger seal`);
}

/** Places the top text and (optionally) the code on the lower arc, narrowing the top span if they collide. */
function arcTexts(
  face: FontFace,
  region: Region,
  text: ShapedChar[],
  code: ShapedChar[] | undefined,
  sizes: { text: number; code: number; clearance: number; spanScale: number },
  obstacles: Obstacles,
): { text: PlacedChar[]; code: PlacedChar[] } {
  let codePlaced: PlacedChar[] = [];
  if (code) {
    const c = fitArc(face, code, {
      region,
      side: 'bottom',
      role: 'code',
      maxHeight: sizes.code,
      minHeight: sizes.code * 0.6,
      minCondense: 0.7,
      clearance: Math.max(0.12, 0.08 * sizes.code),
    });
    if (!c) cannotFit('code');
    codePlaced = c;
  }
  const blockers: Obstacles = { polygons: [...obstacles.polygons, ...polygonsOf(codePlaced)] };
  const clearance = sizes.clearance;
  const widest = Math.round(arcSpanDeg(text.length) * sizes.spanScale);
  const spans: number[] = [];
  for (let span = widest; span >= Math.max(0, widest - 90); span -= 5) spans.push(span);
  const placed = fitArc(face, text, {
    region,
    side: 'top',
    role: 'text',
    spansDeg: spans,
    maxHeight: sizes.text,
    minHeight: Math.min(1.5, sizes.text * 0.3),
    minCondense: 0.6,
    clearance,
    accept: p => clearOf(p, blockers, clearance),
  });
  if (!placed) cannotFit('text');
  return { text: placed, code: codePlaced };
}

function layoutRound(face: FontFace, t: RoundSealTemplate): ComputedLayout {
  const d = num(t.sizeMm, 40, 38, 45, 'sizeMm (diameter)');
  const bw = num(t.borderMm, 1.2, 1.0, 1.5, 'borderMm');
  const text = cleanText(t.text, 'text', TEXT_LIMITS.text, true)!;
  const lower = cleanText(t.lowerText, 'lowerText', TEXT_LIMITS.lowerText, false);
  const code = cleanCode(t.code);
  const withStar = t.star ?? true;

  const r = d / 2;
  const centre = { x: r, y: r };
  const ring = ringOf(centre, r, r, bw);
  const gap = 0.02 * d;
  const region: Region = { centre, rx: ring.innerRadiusX - gap, ry: ring.innerRadiusY - gap };
  const star = withStar ? starOf(centre, 0.175 * d) : undefined;
  const starHull = star ? star.vertices.filter((_, j) => j % 2 === 0) : undefined;
  const clearance = Math.max(0.2, 0.006 * d);

  const shapedText = shapeChars(face, text, 'text');
  const shapedCode = code ? shapeChars(face, code, 'code') : undefined;
  const shapedLower = lower ? shapeChars(face, lower, 'lowerText') : undefined;

  const starClear = starHull
    ? { polygons: [starHull.map(p => ({ x: p.x, y: p.y }))] }
    : { polygons: [] as Point[][] };
  const arcs = arcTexts(
    face,
    region,
    shapedText,
    shapedCode,
    { text: 0.165 * d, code: 0.055 * d, clearance, spanScale: 1 },
    starClear,
  );

  let lowerPlaced: PlacedChar[] = [];
  if (shapedLower) {
    const starBottom = star ? star.outerRadius * Math.cos(36 * RAD) : 0;
    const minTopY = centre.y + starBottom + 0.03 * d;
    const h0 = 0.11 * d;
    const p = fitLine(face, shapedLower, {
      role: 'lowerText',
      region,
      obstacles: { polygons: [...starClear.polygons, ...polygonsOf(arcs.text), ...polygonsOf(arcs.code)] },
      clearance,
      centreX: centre.x,
      centreY: Math.max(centre.y + 0.24 * d, minTopY + h0 / 2),
      minTopY,
      maxHeight: h0,
      minHeight: 0.04 * d,
      spacing: 0.08,
    });
    if (!p) cannotFit('lowerText');
    lowerPlaced = p;
  }

  const placed = [...arcs.text, ...lowerPlaced, ...arcs.code];
  return {
    placed,
    layout: { kind: 'round', widthMm: d, heightMm: d, centre, ring, star, chars: placed.map(c => c.layout) },
  };
}

function layoutOval(face: FontFace, t: OvalSealTemplate): ComputedLayout {
  const w = num(t.sizeMm, 40, 36, 50, 'sizeMm (width)');
  const hDefault = t.sizeMm === undefined ? 30 : Math.min(40, Math.max(26, Math.round(w * 0.75 * 10) / 10));
  const h = num(t.heightMm, hDefault, 26, 40, 'heightMm');
  if (h >= w) invalid('heightMm must be less than the width');
  const bw = num(t.borderMm, 1.2, 1.0, 1.5, 'borderMm');
  const text = cleanText(t.text, 'text', TEXT_LIMITS.text, true)!;
  const centreText = cleanText(t.centreText, 'centreText', TEXT_LIMITS.centreText, false);
  const lower = cleanText(t.lowerText, 'lowerText', TEXT_LIMITS.lowerText, false);
  const code = cleanCode(t.code);

  const centre = { x: w / 2, y: h / 2 };
  const ring = ringOf(centre, w / 2, h / 2, bw);
  const gap = 0.025 * h;
  const region: Region = { centre, rx: ring.innerRadiusX - gap, ry: ring.innerRadiusY - gap };
  const clearance = Math.max(0.2, 0.006 * w);

  const arcs = arcTexts(
    face,
    region,
    shapeChars(face, text, 'text'),
    code ? shapeChars(face, code, 'code') : undefined,
    { text: 0.16 * h, code: 0.06 * h, clearance, spanScale: 0.9 },
    { polygons: [] },
  );
  const blockers = [...polygonsOf(arcs.text), ...polygonsOf(arcs.code)];

  let centrePlaced: PlacedChar[] = [];
  if (centreText) {
    const h0 = 0.11 * h;
    const p = fitLine(face, shapeChars(face, centreText, 'centreText'), {
      role: 'centreText',
      region,
      obstacles: { polygons: blockers },
      clearance,
      centreX: centre.x,
      centreY: centre.y,
      minTopY: centre.y - 0.25 * h,
      maxHeight: h0,
      minHeight: 0.04 * h,
      spacing: 0.05,
    });
    if (!p) cannotFit('centreText');
    centrePlaced = p;
  }
  let lowerPlaced: PlacedChar[] = [];
  if (lower) {
    const h0 = 0.13 * h;
    const below = centrePlaced.length
      ? Math.max(...centrePlaced.map(c => c.layout.centre.y + c.layout.cell.height / 2)) + 0.04 * h
      : centre.y;
    const p = fitLine(face, shapeChars(face, lower, 'lowerText'), {
      role: 'lowerText',
      region,
      obstacles: { polygons: [...blockers, ...polygonsOf(centrePlaced)] },
      clearance,
      centreX: centre.x,
      centreY: Math.max(centre.y + 0.25 * h, below + h0 / 2),
      minTopY: below,
      maxHeight: h0,
      minHeight: 0.04 * h,
      spacing: 0.08,
    });
    if (!p) cannotFit('lowerText');
    lowerPlaced = p;
  }
  const placed = [...arcs.text, ...lowerPlaced, ...centrePlaced, ...arcs.code];
  return {
    placed,
    layout: { kind: 'oval', widthMm: w, heightMm: h, centre, ring, chars: placed.map(c => c.layout) },
  };
}

/**
 * The square seal's grid for a name of `n` characters (after 印/之印 was appended): cells in
 * reading order, as `[column from the right, row from the top, rows spanned, columns spanned]`
 * in a grid of `cols × rows`.
 *
 * Traditional order is top to bottom, right column first:
 * - 1 character: the whole square;
 * - 2: one column of two rows, each character stretched to the full width;
 * - 3: right column holds characters 1 and 2, the left column holds character 3 stretched over both
 *   rows;
 * - 4: 2×2, right column characters 1–2, left column characters 3–4.
 */
export function squareGrid(n: number): { cols: number; rows: number; cells: Array<[number, number, number, number]> } {
  switch (n) {
    case 1:
      return { cols: 1, rows: 1, cells: [[0, 0, 1, 1]] };
    case 2:
      return { cols: 1, rows: 2, cells: [[0, 0, 1, 1], [0, 1, 1, 1]] };
    case 3:
      return { cols: 2, rows: 2, cells: [[0, 0, 1, 1], [0, 1, 1, 1], [1, 0, 2, 1]] };
    case 4:
      return { cols: 2, rows: 2, cells: [[0, 0, 1, 1], [0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 1, 1]] };
    default:
      return invalid(`a square seal holds 1 to 4 characters (got ${n})`);
  }
}

function layoutSquare(face: FontFace, t: SquareSealTemplate): ComputedLayout {
  const s = num(t.sizeMm, 20, 15, 25, 'sizeMm (side)');
  const bw = num(t.borderMm, Math.min(1.5, Math.max(1.0, 0.06 * s)), 1.0, 1.5, 'borderMm');
  let text = cleanText(t.text, 'text', TEXT_LIMITS.squareText, true)!;
  const n0 = Array.from(text).length;
  if (t.addYin) {
    if (n0 === 3) text += '印';
    else if (n0 === 2) text += '之印';
  }
  const chars = shapeChars(face, text, 'text');
  const grid = squareGrid(chars.length);
  const pad = 0.05 * s;
  const gapX = 0.04 * s;
  const gapY = 0.04 * s;
  const area = { minX: bw + pad, minY: bw + pad, maxX: s - bw - pad, maxY: s - bw - pad };
  const colW = (area.maxX - area.minX - gapX * (grid.cols - 1)) / grid.cols;
  const rowH = (area.maxY - area.minY - gapY * (grid.rows - 1)) / grid.rows;
  const placed = chars.map((c, i) => {
    const [colFromRight, row, rowSpan, colSpan] = grid.cells[i];
    const cellW = colW * colSpan + gapX * (colSpan - 1);
    const cellH = rowH * rowSpan + gapY * (rowSpan - 1);
    const right = area.maxX - colFromRight * (colW + gapX);
    const top = area.minY + row * (rowH + gapY);
    return makeChar(face, c, 'text', i, { x: right - cellW / 2, y: top + cellH / 2 }, 0, cellW, cellH);
  });
  const frame: FrameLayout = {
    outer: { minX: 0, minY: 0, maxX: s, maxY: s },
    inner: { minX: bw, minY: bw, maxX: s - bw, maxY: s - bw },
    strokeWidth: bw,
  };
  return {
    placed,
    layout: {
      kind: 'square',
      widthMm: s,
      heightMm: s,
      centre: { x: s / 2, y: s / 2 },
      frame,
      chars: placed.map(c => c.layout),
    },
  };
}

/**
 * Lays out a template with the given font.
 * @internal
 */
export function computeLayout(face: FontFace, template: SealTemplate): ComputedLayout {
  if (!template || typeof template !== 'object') invalid('template must be an object');
  switch (template.kind) {
    case 'round':
      return layoutRound(face, template);
    case 'oval':
      return layoutOval(face, template);
    case 'square':
      return layoutSquare(face, template);
    default:
      return invalid(`unknown template kind ${JSON.stringify((template as { kind?: unknown }).kind)}`);
  }
}
