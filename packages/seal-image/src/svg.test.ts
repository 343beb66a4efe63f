import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as fontkit from 'fontkit';
import { SealImageError } from './errors';
import { DEFAULT_FONT_PATHS, loadSealFont } from './font';
import type { SealTemplate } from './layout';
import { renderSealPng } from './render';
import { renderSealSvg } from './svg';

const font = loadSealFont();

describe('renderSealSvg', () => {
  const { svg, layout } = renderSealSvg({ kind: 'round', text: '某某市人力资源和社会保障局', code: '3501000012345' }, { font });

  it('is a self-contained SVG in mm with glyph outlines only', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="40mm" height="40mm" viewBox="0 0 40 40">/);
    expect(svg).not.toMatch(/<text|<image|<use|<style|href=|font-family|url\(/);
    // one path per character plus the star
    const paths = svg.match(/<path d="[^"]+"/g) ?? [];
    expect(paths).toHaveLength(layout.chars.length + 1);
    expect(svg).toContain('fill="#d7000f"');
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('renders identically without any system font', () => {
    const a = new Resvg(svg, { font: { loadSystemFonts: false }, fitTo: { mode: 'width', value: 200 } }).render().pixels;
    const b = new Resvg(svg, { font: { loadSystemFonts: true }, fitTo: { mode: 'width', value: 200 } }).render().pixels;
    expect(Buffer.compare(a, b)).toBe(0);
    // and is not blank
    let ink = 0;
    for (let i = 3; i < a.length; i += 4) if (a[i] > 0) ink++;
    expect(ink).toBeGreaterThan(1000);
  });

  it('glyph paths stay within the glyph boxes of the layout', () => {
    // every coordinate in a character's path lies inside its rotated glyph box (curves' control
    // points may lie slightly outside; allow a little)
    const paths = (svg.match(/<path d="[^"]+"/g) ?? []).slice(1);
    paths.forEach((p, i) => {
      const c = layout.chars[i];
      const nums = p.slice(9, -1).match(/-?\d+(?:\.\d+)?/g)!.map(Number);
      const a = (c.rotationDeg * Math.PI) / 180;
      for (let k = 0; k + 1 < nums.length; k += 2) {
        const dx = nums[k] - c.centre.x;
        const dy = nums[k + 1] - c.centre.y;
        const lx = dx * Math.cos(a) + dy * Math.sin(a);
        const ly = -dx * Math.sin(a) + dy * Math.cos(a);
        const tol = 0.15;
        expect(lx).toBeGreaterThan(c.glyphBox.minX - tol);
        expect(lx).toBeLessThan(c.glyphBox.maxX + tol);
        expect(ly).toBeGreaterThan(c.glyphBox.minY - tol);
        expect(ly).toBeLessThan(c.glyphBox.maxY + tol);
      }
    });
  });

  it('uses the colour option', () => {
    const blue = renderSealSvg({ kind: 'square', text: '李娜' }, { font, color: '#0033CC' }).svg;
    expect(blue).toContain('#0033cc');
    expect(blue).not.toContain('#d7000f');
  });
});

describe('guard rails', () => {
  const cases: Array<[string, SealTemplate, string]> = [
    ['25-character name', { kind: 'round', text: '某'.repeat(25) }, 'TEXT_TOO_LONG'],
    ['13-character lower text', { kind: 'round', text: '某某', lowerText: '章'.repeat(13) }, 'TEXT_TOO_LONG'],
    ['emoji', { kind: 'round', text: '某某😀' }, 'GLYPH_MISSING'],
    ['CJK extension B ideograph', { kind: 'square', text: '李\u{20000}' }, 'GLYPH_MISSING'],
    ['unassigned code point', { kind: 'square', text: '李\u{2FFFD}' }, 'TEMPLATE_INVALID'],
    ['empty name', { kind: 'round', text: '   ' }, 'TEMPLATE_INVALID'],
    ['name with a space', { kind: 'round', text: '某某 公司' }, 'TEMPLATE_INVALID'],
    ['control character', { kind: 'round', text: '某\u0007某' }, 'TEMPLATE_INVALID'],
    ['diameter 50', { kind: 'round', text: '某某', sizeMm: 50 }, 'TEMPLATE_INVALID'],
    ['diameter NaN', { kind: 'round', text: '某某', sizeMm: NaN }, 'TEMPLATE_INVALID'],
    ['border 3 mm', { kind: 'round', text: '某某', borderMm: 3 }, 'TEMPLATE_INVALID'],
    ['code with lower case', { kind: 'round', text: '某某', code: '35010abc' }, 'TEMPLATE_INVALID'],
    ['code too long', { kind: 'round', text: '某某', code: '1'.repeat(21) }, 'TEXT_TOO_LONG'],
    ['unknown kind', { kind: 'triangle', text: '某某' } as unknown as SealTemplate, 'TEMPLATE_INVALID'],
  ];
  it.each(cases)('%s → %s', (_, template, code) => {
    expect(() => renderSealSvg(template, { font })).toThrow(expect.objectContaining({ name: 'SealImageError', code }));
  });

  it('names the missing character', () => {
    expect(() => renderSealSvg({ kind: 'round', text: '某某😀' }, { font })).toThrow(/U\+1F600/);
  });

  it('accepts 24 characters, digits, Latin letters and full-width brackets', () => {
    expect(renderSealSvg({ kind: 'round', text: '某'.repeat(24) }, { font }).layout.chars).toHaveLength(24);
    expect(renderSealSvg({ kind: 'round', text: '某某（福建）ABC有限公司2号' }, { font }).layout.chars).toHaveLength(15);
  });

  it.each([71, 1201, NaN])('refuses dpi %d', dpi => {
    expect(() => renderSealPng({ kind: 'round', text: '某某' }, { font, dpi })).toThrow(
      expect.objectContaining({ code: 'OPTION_INVALID' }),
    );
  });

  it.each(['red', '#12345', '#d7000f" onload="x', ''])('refuses colour %p', color => {
    expect(() => renderSealSvg({ kind: 'round', text: '某某' }, { font, color })).toThrow(
      expect.objectContaining({ code: 'OPTION_INVALID' }),
    );
  });

  it('accepts the dpi limits', () => {
    expect(renderSealPng({ kind: 'square', text: '李娜' }, { font, dpi: 72 }).widthPx).toBe(57);
    expect(renderSealPng({ kind: 'square', text: '李娜', sizeMm: 15 }, { font, dpi: 1200 }).widthPx).toBe(709);
  });
});

describe('font', () => {
  it('finds the default font (fonts-wqy-microhei) and caches it', () => {
    expect(font.path).toBe(DEFAULT_FONT_PATHS[0]);
    expect(font.postscriptName).toBe('WenQuanYiMicroHei');
    expect(loadSealFont()).toBe(font);
    expect(loadSealFont(DEFAULT_FONT_PATHS[0])).toBe(font);
  });

  it('reports a missing explicit font as FONT_MISSING and a non-font as FONT_INVALID', () => {
    expect(() => loadSealFont('/nonexistent/font.ttc')).toThrow(expect.objectContaining({ code: 'FONT_MISSING' }));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-font-'));
    const bogus = path.join(dir, 'bogus.ttf');
    fs.writeFileSync(bogus, 'not a font at all');
    try {
      expect(() => loadSealFont(bogus)).toThrow(SealImageError);
      expect(() => loadSealFont(bogus)).toThrow(expect.objectContaining({ code: 'FONT_INVALID' }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a font without CJK ideographs', () => {
    // a subset of the seal font holding only "A" (fontkit writes subsets without a cmap)
    const full = fontkit.openSync(DEFAULT_FONT_PATHS[0]) as fontkit.FontCollection;
    const subset = full.fonts[0].createSubset();
    subset.includeGlyph(full.fonts[0].glyphForCodePoint(0x41));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-font-'));
    const file = path.join(dir, 'latin.ttf');
    fs.writeFileSync(file, subset.encode());
    try {
      expect(() => loadSealFont(file)).toThrow(expect.objectContaining({ code: 'FONT_INVALID' }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renderSealSvg takes a fontPath option', () => {
    const { layout } = renderSealSvg({ kind: 'square', text: '李娜' }, { fontPath: DEFAULT_FONT_PATHS[0] });
    expect(layout.chars).toHaveLength(2);
    expect(() => renderSealSvg({ kind: 'square', text: '李娜' }, { fontPath: '/nonexistent/x.ttf' })).toThrow(
      expect.objectContaining({ code: 'FONT_MISSING' }),
    );
  });
});
