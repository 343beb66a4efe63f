import { loadSealFont } from './font';
import type { CharLayout, SealLayout } from './layout';
import { readPngDpi } from './pngChunks';
import { renderSealPng } from './render';
import { renderSealSvg } from './svg';
import {
  angularExtent,
  decodeRaster,
  distanceToEdges,
  glyphCorners,
  inGlyphBox,
  inPolygon,
  intersectionArea,
} from './testUtils';

const font = loadSealFont();
const NAMES: Record<number, string> = {
  2: '银信',
  8: '某某县人民政府办',
  16: '某某省某某市人力资源和社会保障局',
  24: '某某省某某市某某区人力资源和社会保障局劳动监察处',
};
const CODE = '3501000012345';

const dist = (c: CharLayout, l: SealLayout) => Math.hypot(c.centre.x - l.centre.x, c.centre.y - l.centre.y);
/** clockwise angle of the character's position seen from the centre, 0 = straight up */
const posAngle = (c: CharLayout, l: SealLayout) =>
  (Math.atan2(c.centre.x - l.centre.x, -(c.centre.y - l.centre.y)) * 180) / Math.PI;

function expectNoOverlaps(chars: CharLayout[]) {
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + 1; j < chars.length; j++) {
      const area = intersectionArea(glyphCorners(chars[i]), glyphCorners(chars[j]));
      if (area > 0) throw new Error(`${chars[i].role}[${chars[i].index}] overlaps ${chars[j].role}[${chars[j].index}]`);
    }
  }
}

describe.each([2, 8, 16, 24])('round 40 mm seal with a %i-character name', n => {
  const { layout } = renderSealSvg({ kind: 'round', text: NAMES[n], code: CODE }, { font });
  const text = layout.chars.filter(c => c.role === 'text');
  const ring = layout.ring!;

  it('draws every character of the name, in order', () => {
    expect(Array.from(NAMES[n])).toHaveLength(n);
    expect(text.map(c => c.char).join('')).toBe(NAMES[n]);
    expect(text.map(c => c.index)).toEqual([...Array(n).keys()]);
  });

  it('puts every character centre at the same distance from the centre', () => {
    const r0 = dist(text[0], layout);
    for (const c of text) expect(dist(c, layout)).toBeCloseTo(r0, 6);
    expect(r0).toBeLessThan(ring.innerRadiusX);
  });

  it('rotates characters tangentially, tops outward', () => {
    for (const c of text) expect(c.rotationDeg).toBeCloseTo(posAngle(c, layout), 6);
  });

  it('reads left to right, clockwise over the top, evenly spaced, symmetric about the vertical axis', () => {
    const angles = text.map(c => posAngle(c, layout));
    for (let i = 1; i < n; i++) expect(angles[i]).toBeGreaterThan(angles[i - 1]);
    const step = angles[1] - angles[0];
    for (let i = 1; i < n; i++) expect(angles[i] - angles[i - 1]).toBeCloseTo(step, 6);
    for (let i = 0; i < n; i++) {
      const m = text[n - 1 - i];
      expect(text[i].centre.x - layout.centre.x).toBeCloseTo(-(m.centre.x - layout.centre.x), 6);
      expect(text[i].centre.y).toBeCloseTo(m.centre.y, 6);
      expect(text[i].rotationDeg).toBeCloseTo(-m.rotationDeg, 6);
    }
    const span = angles[n - 1] - angles[0];
    expect(span).toBeLessThanOrEqual(270 + 1e-9);
    expect(text[0].centre.x).toBeLessThan(layout.centre.x);
  });

  it('keeps consecutive characters apart (rotated glyph boxes and their angular extents)', () => {
    for (let i = 1; i < n; i++) {
      const a = glyphCorners(text[i - 1]);
      const b = glyphCorners(text[i]);
      expect(intersectionArea(a, b)).toBe(0);
      const mid = posAngle(text[i], layout);
      expect(angularExtent(a, layout.centre, mid)[1]).toBeLessThan(angularExtent(b, layout.centre, mid)[0]);
    }
  });

  it('keeps every glyph box inside the inner edge of the ring (with a 0.02·D gap) and clear of the star', () => {
    const gap = 0.02 * layout.widthMm;
    for (const c of layout.chars) {
      for (const p of glyphCorners(c)) {
        expect(Math.hypot(p.x - layout.centre.x, p.y - layout.centre.y)).toBeLessThanOrEqual(ring.innerRadiusX - gap + 1e-9);
      }
      expect(intersectionArea(glyphCorners(c), layout.star!.vertices.filter((_, j) => j % 2 === 0))).toBe(0);
    }
  });

  it('keeps the code and the name from overlapping', () => {
    expectNoOverlaps(layout.chars);
  });
});

describe('character size', () => {
  const cellOf = (text: string) => renderSealSvg({ kind: 'round', text }, { font }).layout.chars[0].cell;
  it('shrinks and condenses as the name gets longer', () => {
    const c8 = cellOf(NAMES[8]);
    const c16 = cellOf(NAMES[16]);
    const c24 = cellOf(NAMES[24]);
    expect(c24.height).toBeLessThan(c8.height);
    expect(c24.width).toBeLessThan(c16.width);
    expect(c16.width).toBeLessThan(c8.width);
    expect(c8.height).toBeGreaterThan(5); // a real name size on a 40 mm seal
  });
  it('scales the star and the name with the diameter', () => {
    const l40 = renderSealSvg({ kind: 'round', text: NAMES[8] }, { font }).layout;
    const l42 = renderSealSvg({ kind: 'round', text: NAMES[8], sizeMm: 42 }, { font }).layout;
    expect(l40.star!.outerRadius).toBeCloseTo(7, 9);
    expect(l42.star!.outerRadius).toBeCloseTo(7.35, 9);
    expect(l42.chars[0].cell.height).toBeGreaterThan(l40.chars[0].cell.height);
  });
});

describe('code and lower text', () => {
  const { layout } = renderSealSvg(
    { kind: 'round', text: '某某科技发展有限公司', lowerText: '财务专用章', code: CODE, sizeMm: 42 },
    { font },
  );
  const code = layout.chars.filter(c => c.role === 'code');
  const lower = layout.chars.filter(c => c.role === 'lowerText');

  it('puts the code on the lower arc reading left to right, bottoms outward', () => {
    expect(code.map(c => c.char).join('')).toBe(CODE);
    for (let i = 1; i < code.length; i++) expect(code[i].centre.x).toBeGreaterThan(code[i - 1].centre.x);
    for (const c of code) {
      expect(c.centre.y).toBeGreaterThan(layout.centre.y + 12);
      // upright at the bottom: rotation = position angle − 180°
      let expected = posAngle(c, layout) - 180;
      if (expected < -180) expected += 360;
      expect(c.rotationDeg).toBeCloseTo(expected, 6);
      expect(Math.abs(c.rotationDeg)).toBeLessThan(60);
    }
    expect(code[0].rotationDeg).toBeGreaterThan(0); // bottom left: turned clockwise
    const r0 = dist(code[0], layout);
    for (const c of code) expect(dist(c, layout)).toBeCloseTo(r0, 6);
  });

  it('puts the lower text horizontally below the star', () => {
    expect(lower.map(c => c.char).join('')).toBe('财务专用章');
    const starBottom = Math.max(...layout.star!.vertices.map(v => v.y));
    for (const c of lower) {
      expect(c.rotationDeg).toBe(0);
      expect(c.centre.y).toBeCloseTo(lower[0].centre.y, 9);
      expect(c.centre.y + c.glyphBox.minY).toBeGreaterThan(starBottom);
    }
    for (let i = 1; i < lower.length; i++) expect(lower[i].centre.x).toBeGreaterThan(lower[i - 1].centre.x);
    // the line's ink (cells and glyph boxes) is centred horizontally
    const first = lower[0];
    const last = lower[lower.length - 1];
    const left = first.centre.x + Math.min(-first.cell.width / 2, first.glyphBox.minX);
    const right = last.centre.x + Math.max(last.cell.width / 2, last.glyphBox.maxX);
    expect((left + right) / 2).toBeCloseTo(layout.centre.x, 6);
  });

  it('overlaps nothing', () => expectNoOverlaps(layout.chars));
});

describe('star', () => {
  const { layout } = renderSealSvg({ kind: 'round', text: NAMES[8] }, { font });
  const star = layout.star!;
  it('is a regular five-pointed star centred on the ring', () => {
    expect(star.vertices).toHaveLength(10);
    const cx = star.vertices.reduce((s, v) => s + v.x, 0) / 10;
    const cy = star.vertices.reduce((s, v) => s + v.y, 0) / 10;
    expect(cx).toBeCloseTo(layout.ring!.centre.x, 9);
    expect(cy).toBeCloseTo(layout.ring!.centre.y, 9);
    star.vertices.forEach((v, j) => {
      const r = Math.hypot(v.x - cx, v.y - cy);
      expect(r).toBeCloseTo(j % 2 === 0 ? star.outerRadius : star.innerRadius, 9);
    });
    expect(star.vertices[0].y).toBeCloseTo(layout.centre.y - star.outerRadius, 9); // tip up
    expect(star.innerRadius / star.outerRadius).toBeCloseTo((3 - Math.sqrt(5)) / 2, 9);
  });
  it('can be left out', () => {
    expect(renderSealSvg({ kind: 'round', text: NAMES[8], star: false }, { font }).layout.star).toBeUndefined();
  });
});

describe('round PNG', () => {
  const full = renderSealPng({ kind: 'round', text: '某某市人力资源和社会保障局', code: CODE }, { font });
  const img = decodeRaster(full.png);
  const pxPerMm = 300 / 25.4;

  it('is 472×472 px for 40 mm at 300 dpi and 496 px for 42 mm', () => {
    expect(Math.abs(full.widthPx - 472)).toBeLessThanOrEqual(1);
    expect(full.heightPx).toBe(full.widthPx);
    expect(img.width).toBe(full.widthPx);
    const r42 = renderSealPng({ kind: 'round', text: '某某', sizeMm: 42 }, { font });
    expect(Math.abs(r42.widthPx - 496)).toBeLessThanOrEqual(1);
    const r600 = renderSealPng({ kind: 'round', text: '某某' }, { font, dpi: 600 });
    expect(Math.abs(r600.widthPx - 945)).toBeLessThanOrEqual(1);
    expect(readPngDpi(r600.png)).toEqual({ x: 600, y: 600 });
  });

  it('stores 300 dpi in pHYs', () => {
    expect(readPngDpi(full.png)).toEqual({ x: 300, y: 300 });
  });

  it('has fully transparent corners', () => {
    for (const [x0, y0] of [
      [0, 0],
      [img.width - 12, 0],
      [0, img.height - 12],
      [img.width - 12, img.height - 12],
    ]) {
      for (let y = y0; y < y0 + 12; y++) for (let x = x0; x < x0 + 12; x++) expect(img.at(x, y)[3]).toBe(0);
    }
  });

  it('draws the ring opaque red', () => {
    const ring = full.layout.ring!;
    for (let k = 0; k < 72; k++) {
      const a = (k * 5 * Math.PI) / 180;
      const x = Math.floor((ring.centre.x + ring.radiusX * Math.sin(a)) * pxPerMm);
      const y = Math.floor((ring.centre.y - ring.radiusY * Math.cos(a)) * pxPerMm);
      const [r, g, b, alpha] = img.at(x, y);
      expect(alpha).toBe(255);
      expect([r, g, b]).toEqual([0xd7, 0x00, 0x0f]);
    }
    // and between the star and the text (right of the star) there is nothing
    const inside = img.at(Math.floor((ring.centre.x + 9) * pxPerMm), Math.floor(ring.centre.y * pxPerMm));
    expect(inside[3]).toBe(0);
  });

  it('centres the star in the image (alpha-weighted centroid of the red pixels near the centre)', () => {
    const star = full.layout.star!;
    const cx = img.width / 2;
    const cy = img.height / 2;
    const rad = (star.outerRadius + 1) * pxPerMm;
    let sum = 0;
    let sx = 0;
    let sy = 0;
    for (let y = Math.floor(cy - rad); y <= Math.ceil(cy + rad); y++) {
      for (let x = Math.floor(cx - rad); x <= Math.ceil(cx + rad); x++) {
        if (Math.hypot(x + 0.5 - cx, y + 0.5 - cy) > rad) continue;
        const a = img.at(x, y)[3];
        sum += a;
        sx += a * (x + 0.5);
        sy += a * (y + 0.5);
      }
    }
    expect(sum).toBeGreaterThan(255 * 100);
    expect(Math.abs(sx / sum - cx)).toBeLessThan(1);
    // a five-pointed star's area centroid is its centre, too
    expect(Math.abs(sy / sum - cy)).toBeLessThan(1);
  });

  it('draws ink only where the layout says (ring, star, glyph boxes) and ink in every glyph box', () => {
    const l = full.layout;
    const tol = 1.5 / pxPerMm;
    const inkPerChar = new Array<number>(l.chars.length).fill(0);
    let stray = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        if (img.at(x, y)[3] < 128) continue;
        const p = { x: (x + 0.5) / pxPerMm, y: (y + 0.5) / pxPerMm };
        const r = Math.hypot(p.x - l.centre.x, p.y - l.centre.y);
        if (r >= l.ring!.innerRadiusX - tol && r <= l.ring!.outerRadiusX + tol) continue;
        if (inPolygon(p, l.star!.vertices) || distanceToEdges(p, l.star!.vertices) < tol) continue;
        const hit = l.chars.findIndex(c => inGlyphBox(p, c, tol));
        if (hit >= 0) inkPerChar[hit]++;
        else stray++;
      }
    }
    expect(stray).toBe(0);
    inkPerChar.forEach(count => expect(count).toBeGreaterThan(10));
  });
});
