/**
 * SVG output: every character as its glyph outline (no `<text>`), so the SVG renders the same
 * everywhere without the font.
 */
import { SealImageError } from './errors';
import { loadSealFont, type SealFont } from './font';
import { computeLayout, type PlacedChar, type SealLayout, type SealTemplate } from './layout';

/** The default impression colour (seal red). */
export const DEFAULT_SEAL_COLOR = '#d7000f';

/** Options of {@link renderSealSvg} and {@link renderSealPng}. */
export interface RenderOptions {
  /** Fill colour as `#rgb` or `#rrggbb` (default {@link DEFAULT_SEAL_COLOR}). */
  color?: string;
  /** A font from {@link loadSealFont}; takes precedence over `fontPath`. */
  font?: SealFont;
  /** Font file to use instead of {@link DEFAULT_FONT_PATHS}. */
  fontPath?: string;
}

/** Result of {@link renderSealSvg}. */
export interface SealSvg {
  /** A self-contained SVG document; width and height in mm, viewBox in mm, transparent background. */
  svg: string;
  /** The geometry drawn. */
  layout: SealLayout;
}

function fmt(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

/** @internal */
export function checkColor(color: string | undefined): string {
  const c = color ?? DEFAULT_SEAL_COLOR;
  if (typeof c !== 'string' || !/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(c)) {
    throw new SealImageError('OPTION_INVALID', 'color must be #rgb or #rrggbb');
  }
  return c.toLowerCase();
}

/** SVG path data of one placed glyph, in mm (font units scaled, Y flipped, rotated, translated). */
function glyphPath(p: PlacedChar, faceCentreY: number, unitsPerEm: number): string {
  const { layout: c, shaped } = p;
  const adv = shaped.advance > 0 ? shaped.advance : unitsPerEm;
  const a = (c.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const tx = (gx: number, gy: number): string => {
    const lx = (gx - adv / 2) * c.scaleX;
    const ly = -(gy - faceCentreY) * c.scaleY;
    return `${fmt(c.centre.x + lx * cos - ly * sin)} ${fmt(c.centre.y + lx * sin + ly * cos)}`;
  };
  const out: string[] = [];
  for (const cmd of shaped.commands) {
    const g = cmd.args;
    switch (cmd.command) {
      case 'moveTo':
        out.push(`M${tx(g[0], g[1])}`);
        break;
      case 'lineTo':
        out.push(`L${tx(g[0], g[1])}`);
        break;
      case 'quadraticCurveTo':
        out.push(`Q${tx(g[0], g[1])} ${tx(g[2], g[3])}`);
        break;
      case 'bezierCurveTo':
        out.push(`C${tx(g[0], g[1])} ${tx(g[2], g[3])} ${tx(g[4], g[5])}`);
        break;
      case 'closePath':
        out.push('Z');
        break;
      default:
        break;
    }
  }
  return out.join('');
}

/**
 * Draws a seal template as SVG.
 *
 * @param template - what to draw
 * @param options - colour and font
 * @throws SealImageError `TEMPLATE_INVALID`, `TEXT_TOO_LONG`, `GLYPH_MISSING`, `FONT_MISSING`,
 *   `FONT_INVALID`, `OPTION_INVALID`
 */
export function renderSealSvg(template: SealTemplate, options: RenderOptions = {}): SealSvg {
  const color = checkColor(options.color);
  const font = options.font ?? loadSealFont(options.fontPath);
  const { layout, placed } = computeLayout(font.face, template);
  const parts: string[] = [];
  const w = fmt(layout.widthMm);
  const h = fmt(layout.heightMm);
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${w}mm" height="${h}mm" viewBox="0 0 ${w} ${h}">`,
  );
  parts.push(`<g fill="${color}" stroke="none" fill-rule="nonzero">`);
  if (layout.ring) {
    const r = layout.ring;
    parts.push(
      `<ellipse cx="${fmt(r.centre.x)}" cy="${fmt(r.centre.y)}" rx="${fmt(r.radiusX)}" ry="${fmt(r.radiusY)}" ` +
        `fill="none" stroke="${color}" stroke-width="${fmt(r.strokeWidth)}"/>`,
    );
  }
  if (layout.frame) {
    const f = layout.frame;
    const half = f.strokeWidth / 2;
    parts.push(
      `<rect x="${fmt(f.outer.minX + half)}" y="${fmt(f.outer.minY + half)}" ` +
        `width="${fmt(f.outer.maxX - f.outer.minX - f.strokeWidth)}" height="${fmt(f.outer.maxY - f.outer.minY - f.strokeWidth)}" ` +
        `fill="none" stroke="${color}" stroke-width="${fmt(f.strokeWidth)}"/>`,
    );
  }
  if (layout.star) {
    const v = layout.star.vertices;
    parts.push(`<path d="M${v.map(p => `${fmt(p.x)} ${fmt(p.y)}`).join('L')}Z"/>`);
  }
  for (const p of placed) {
    const d = glyphPath(p, font.face.faceCentreY, font.face.unitsPerEm);
    const sw = p.layout.strokeWidth;
    if (d) {
      parts.push(
        sw > 0
          ? `<path d="${d}" stroke="${color}" stroke-width="${fmt(sw)}" stroke-linejoin="round"/>`
          : `<path d="${d}"/>`,
      );
    }
  }
  parts.push('</g></svg>');
  return { svg: `${parts.join('\n')}\n`, layout };
}
