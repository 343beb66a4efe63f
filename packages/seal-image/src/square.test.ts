import { loadSealFont } from './font';
import { squareGrid } from './layout';
import { renderSealPng } from './render';
import { renderSealSvg } from './svg';
import { decodeRaster, glyphCorners, intersectionArea } from './testUtils';

const font = loadSealFont();
const square = (text: string, extra: { addYin?: boolean; sizeMm?: number } = {}) =>
  renderSealSvg({ kind: 'square', text, ...extra }, { font }).layout;

describe('square personal seal', () => {
  it('2 characters: one column, top to bottom, each stretched to the full width', () => {
    const l = square('李娜');
    const [a, b] = l.chars;
    expect([a.char, b.char]).toEqual(['李', '娜']);
    expect(a.centre.x).toBeCloseTo(b.centre.x, 9);
    expect(a.centre.x).toBeCloseTo(10, 9);
    expect(a.centre.y).toBeLessThan(b.centre.y);
    expect(a.cell.width).toBeGreaterThan(1.5 * a.cell.height); // stretched wide
    expect(a.scaleX).toBeGreaterThan(1.5 * a.scaleY);
  });

  it('3 characters: right column holds the first two, the left column the third over both rows', () => {
    const l = square('王小明');
    const [a, b, c] = l.chars;
    expect(a.centre.x).toBeCloseTo(b.centre.x, 9);
    expect(a.centre.x).toBeGreaterThan(c.centre.x); // right column first
    expect(a.centre.y).toBeLessThan(b.centre.y);
    expect(c.centre.y).toBeCloseTo(10, 9);
    expect(c.cell.height).toBeGreaterThan(a.cell.height + b.cell.height);
    expect(c.cell.width).toBeCloseTo(a.cell.width, 9);
  });

  it('4 characters: 2×2, right column top to bottom, then the left column', () => {
    const l = square('欧阳小明');
    const [a, b, c, d] = l.chars;
    expect(l.chars.map(x => x.char).join('')).toBe('欧阳小明');
    expect(a.centre.x).toBeCloseTo(b.centre.x, 9);
    expect(c.centre.x).toBeCloseTo(d.centre.x, 9);
    expect(a.centre.x).toBeGreaterThan(c.centre.x);
    expect(a.centre.y).toBeCloseTo(c.centre.y, 9);
    expect(b.centre.y).toBeCloseTo(d.centre.y, 9);
    expect(a.centre.y).toBeLessThan(b.centre.y);
  });

  it('addYin makes 3 characters into 4 (…印) and 2 into 4 (…之印)', () => {
    expect(square('王小明', { addYin: true }).chars.map(c => c.char).join('')).toBe('王小明印');
    expect(square('李娜', { addYin: true }).chars.map(c => c.char).join('')).toBe('李娜之印');
    const l = square('王小明', { addYin: true });
    expect(l.chars[3].centre.x).toBeLessThan(l.chars[0].centre.x);
    expect(l.chars[3].centre.y).toBeGreaterThan(l.chars[0].centre.y);
  });

  it('keeps the characters inside the frame and apart', () => {
    for (const text of ['李', '李娜', '王小明', '欧阳小明']) {
      for (const sizeMm of [15, 20, 25]) {
        const l = square(text, { sizeMm });
        expect(l.widthMm).toBe(sizeMm);
        const inner = l.frame!.inner;
        for (const c of l.chars) {
          for (const p of glyphCorners(c)) {
            expect(p.x).toBeGreaterThan(inner.minX);
            expect(p.x).toBeLessThan(inner.maxX);
            expect(p.y).toBeGreaterThan(inner.minY);
            expect(p.y).toBeLessThan(inner.maxY);
          }
        }
        for (let i = 0; i < l.chars.length; i++) {
          for (let j = i + 1; j < l.chars.length; j++) {
            expect(intersectionArea(glyphCorners(l.chars[i]), glyphCorners(l.chars[j]))).toBe(0);
          }
        }
      }
    }
  });

  it('rejects 5 characters and sizes outside 15–25 mm', () => {
    expect(() => square('司马相如甲')).toThrow(expect.objectContaining({ code: 'TEXT_TOO_LONG' }));
    expect(() => square('李娜', { sizeMm: 30 })).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID' }));
    expect(() => squareGrid(5)).toThrow(expect.objectContaining({ code: 'TEMPLATE_INVALID' }));
  });

  it('renders 20 mm at 300 dpi as 236 px with an opaque frame and transparent inside gaps', () => {
    const r = renderSealPng({ kind: 'square', text: '王小明', addYin: true }, { font });
    expect(r.widthPx).toBe(236);
    expect(r.heightPx).toBe(236);
    const img = decodeRaster(r.png);
    expect(img.at(2, 118)[3]).toBe(255);
    expect(img.at(118, 2)[3]).toBe(255);
    expect(img.at(233, 233)[3]).toBe(255);
  });
});
