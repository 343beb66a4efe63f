import { loadSealFont } from './font';
import type { CharLayout } from './layout';
import { renderSealPng } from './render';
import { renderSealSvg } from './svg';
import { decodeRaster, glyphCorners, intersectionArea } from './testUtils';

const font = loadSealFont();

describe.each([
  ['某某科技发展有限公司', { centreText: '91350100MA2XXXXX1A', lowerText: '发票专用章' }],
  ['某某省某某市某某区人力资源和社会保障局劳动监察处', { code: '3501000012345' }],
  ['某某', {}],
])('oval 40×30 seal "%s"', (text, extra) => {
  const { layout } = renderSealSvg({ kind: 'oval', text, ...extra }, { font });
  const ring = layout.ring!;
  const name = layout.chars.filter(c => c.role === 'text');
  const n = name.length;

  it('has the ellipse axes of the template', () => {
    expect(layout.widthMm).toBe(40);
    expect(layout.heightMm).toBe(30);
    expect(ring.outerRadiusX).toBeCloseTo(20, 9);
    expect(ring.outerRadiusY).toBeCloseTo(15, 9);
    expect(ring.innerRadiusX).toBeCloseTo(20 - ring.strokeWidth, 9);
    expect(ring.innerRadiusY).toBeCloseTo(15 - ring.strokeWidth, 9);
    expect(ring.centre).toEqual({ x: 20, y: 15 });
  });

  it('keeps every glyph box inside the inner ellipse, with a 0.025·H gap', () => {
    const gap = 0.025 * layout.heightMm;
    for (const c of layout.chars) {
      for (const p of glyphCorners(c)) {
        const v = ((p.x - 20) / (ring.innerRadiusX - gap)) ** 2 + ((p.y - 15) / (ring.innerRadiusY - gap)) ** 2;
        expect(v).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
  });

  it('lays the name along the upper arc, left to right, symmetric, rotated to the ellipse normal', () => {
    expect(name.map(c => c.char).join('')).toBe(text);
    // clockwise: the angle of the position seen from the centre (0 = up) increases
    const ang = (c: CharLayout) => Math.atan2(c.centre.x - 20, -(c.centre.y - 15));
    for (let i = 1; i < n; i++) expect(ang(name[i])).toBeGreaterThan(ang(name[i - 1]));
    expect(name[0].centre.x).toBeLessThan(20);
    for (let i = 0; i < n; i++) {
      const m = name[n - 1 - i];
      expect(name[i].centre.x - 20).toBeCloseTo(-(m.centre.x - 20), 6);
      expect(name[i].centre.y).toBeCloseTo(m.centre.y, 6);
      expect(name[i].rotationDeg).toBeCloseTo(-m.rotationDeg, 6);
    }
    // The centres lie on an ellipse whose semi-axes differ by as much as the ring's (a common inset):
    // solve its vertical semi-axis b from the top character, then every centre must lie on it and be
    // rotated to its normal.
    const top = name.reduce((a, c) => (c.centre.y < a.centre.y ? c : a));
    const d = ring.innerRadiusX - ring.innerRadiusY;
    let lo = 1;
    let hi = 15;
    const level = (c: CharLayout, b: number) => ((c.centre.x - 20) / (b + d)) ** 2 + ((c.centre.y - 15) / b) ** 2;
    for (let k = 0; k < 100; k++) {
      const b = (lo + hi) / 2;
      if (level(top, b) > 1) lo = b;
      else hi = b;
    }
    const b = (lo + hi) / 2;
    const a = b + d;
    for (const c of name) {
      expect(level(c, b)).toBeCloseTo(1, 6);
      const nx = (c.centre.x - 20) / (a * a);
      const ny = (c.centre.y - 15) / (b * b);
      expect(c.rotationDeg).toBeCloseTo((Math.atan2(nx, -ny) * 180) / Math.PI, 6);
    }
    // equal arc lengths between neighbours, measured on that ellipse
    if (n > 2) {
      const arc = (c0: CharLayout, c1: CharLayout) => {
        const t0 = Math.atan2((c0.centre.x - 20) / a, -(c0.centre.y - 15) / b);
        const t1 = Math.atan2((c1.centre.x - 20) / a, -(c1.centre.y - 15) / b);
        let s = 0;
        const steps = 2000;
        for (let k = 0; k < steps; k++) {
          const u0 = t0 + ((t1 - t0) * k) / steps;
          const u1 = t0 + ((t1 - t0) * (k + 1)) / steps;
          s += Math.hypot(a * (Math.sin(u1) - Math.sin(u0)), b * (Math.cos(u1) - Math.cos(u0)));
        }
        return s;
      };
      const s0 = arc(name[0], name[1]);
      for (let i = 1; i < n; i++) expect(Math.abs(arc(name[i - 1], name[i]) - s0) / s0).toBeLessThan(0.01);
    }
  });

  it('overlaps no two characters', () => {
    const chars = layout.chars;
    for (let i = 0; i < chars.length; i++) {
      for (let j = i + 1; j < chars.length; j++) {
        expect(intersectionArea(glyphCorners(chars[i]), glyphCorners(chars[j]))).toBe(0);
      }
    }
  });

  it('draws centre and lower text horizontally, lower below centre', () => {
    const centre = layout.chars.filter(c => c.role === 'centreText');
    const lower = layout.chars.filter(c => c.role === 'lowerText');
    for (const c of [...centre, ...lower]) expect(c.rotationDeg).toBe(0);
    if (centre.length && lower.length) {
      const centreBottom = Math.max(...centre.map(c => c.centre.y + c.glyphBox.maxY));
      expect(Math.min(...lower.map(c => c.centre.y + c.glyphBox.minY))).toBeGreaterThan(centreBottom);
      expect(Math.abs(centre[0].centre.y - 15)).toBeLessThan(1);
    }
    expect(layout.star).toBeUndefined();
  });
});

describe('oval sizes', () => {
  it('renders 40×30 mm at 300 dpi as 472×354 px with transparent corners', () => {
    const r = renderSealPng({ kind: 'oval', text: '某某科技发展有限公司' }, { font });
    expect(r.widthPx).toBe(472);
    expect(Math.abs(r.heightPx - 354)).toBeLessThanOrEqual(1);
    const img = decodeRaster(r.png);
    expect(img.at(0, 0)[3]).toBe(0);
    expect(img.at(img.width - 1, img.height - 1)[3]).toBe(0);
    // ring at the ends of both axes
    const px = 300 / 25.4;
    const ring = r.layout.ring!;
    expect(img.at(Math.floor((20 - ring.radiusX) * px), Math.floor(15 * px))[3]).toBe(255);
    expect(img.at(Math.floor(20 * px), Math.floor((15 + ring.radiusY) * px))[3]).toBe(255);
  });

  it('accepts other sizes and rejects a height not below the width', () => {
    expect(renderSealSvg({ kind: 'oval', text: '某某', sizeMm: 45, heightMm: 32 }, { font }).layout.ring!.outerRadiusY).toBe(16);
    expect(() => renderSealSvg({ kind: 'oval', text: '某某', sizeMm: 36, heightMm: 36 }, { font })).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_INVALID' }),
    );
    expect(() => renderSealSvg({ kind: 'oval', text: '某某', sizeMm: 60 }, { font })).toThrow(
      expect.objectContaining({ code: 'TEMPLATE_INVALID' }),
    );
  });
});
