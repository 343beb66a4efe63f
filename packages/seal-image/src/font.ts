/**
 * The CJK font: finding it, loading it (TTC collections included) and shaping text into glyph
 * outlines with fontkit.
 */
import * as fs from 'node:fs';
import * as fontkit from 'fontkit';
import { SealImageError } from './errors';

/**
 * Font files tried, in order, when no explicit path is given. The first one is the font CI
 * installs (Debian package `fonts-wqy-microhei`).
 */
export const DEFAULT_FONT_PATHS: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
];

/**
 * A loaded font ready to draw seal text. Obtain one with {@link loadSealFont}; pass it in
 * {@link RenderOptions.font} to avoid looking the font up on every render.
 */
export interface SealFont {
  /** The file the font was read from. */
  readonly path: string;
  /** The font's PostScript name (the first font of a TTC collection). */
  readonly postscriptName: string;
  /** @internal */
  readonly face: FontFace;
}

/**
 * Metrics that map font units to seal cells.
 *
 * The "face" is the ink box of a reference ideograph (国): a cell of height `h` mm maps the face
 * height to `h`, the face's vertical centre to the cell centre, and a full-width glyph's face width
 * to the cell's natural width.
 * @internal
 */
export interface FontFace {
  font: fontkit.Font;
  unitsPerEm: number;
  faceWidth: number;
  faceHeight: number;
  faceCentreY: number;
}

/**
 * One character shaped by the font.
 * @internal
 */
export interface ShapedChar {
  char: string;
  glyphId: number;
  advance: number;
  /** ink box in font units (y up) */
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  commands: ReadonlyArray<{ command: string; args: number[] }>;
}

const cache = new Map<string, SealFont>();

function isCollection(f: fontkit.Font | fontkit.FontCollection): f is fontkit.FontCollection {
  return Array.isArray((f as fontkit.FontCollection).fonts);
}

function openFont(path: string): SealFont {
  let opened: fontkit.Font | fontkit.FontCollection;
  try {
    opened = fontkit.openSync(path);
  } catch (e) {
    throw new SealImageError('FONT_INVALID', `font file ${path} cannot be read as a TrueType/OpenType font`, {
      cause: e,
    });
  }
  let face: FontFace;
  let postscriptName: string;
  try {
    const font = isCollection(opened) ? opened.fonts[0] : opened;
    if (!font || typeof font.layout !== 'function' || !(font.unitsPerEm > 0)) {
      throw new SealImageError('FONT_INVALID', `font file ${path} holds no usable font`);
    }
    const ref = 0x56fd; // 国, a full-height, full-width ideograph
    if (!font.hasGlyphForCodePoint(ref)) {
      throw new SealImageError('FONT_INVALID', `font ${path} has no CJK ideographs (no glyph for 国)`);
    }
    const b = font.glyphForCodePoint(ref).bbox;
    if (!(b.maxX > b.minX && b.maxY > b.minY)) {
      throw new SealImageError('FONT_INVALID', `font ${path} has an empty glyph for 国`);
    }
    face = {
      font,
      unitsPerEm: font.unitsPerEm,
      faceWidth: b.maxX - b.minX,
      faceHeight: b.maxY - b.minY,
      faceCentreY: (b.maxY + b.minY) / 2,
    };
    postscriptName = String(font.postscriptName ?? '');
  } catch (e) {
    if (e instanceof SealImageError) throw e;
    throw new SealImageError('FONT_INVALID', `font ${path} has no usable character map or metrics`, { cause: e });
  }
  return { path, postscriptName, face };
}

/**
 * Loads the seal font: `fontPath` when given (it must exist), otherwise the first existing file of
 * {@link DEFAULT_FONT_PATHS}. Fonts are cached by path.
 *
 * @param fontPath - explicit TrueType/OpenType/TTC file
 * @throws SealImageError `FONT_MISSING` when no file is found, `FONT_INVALID` when it cannot be read
 */
export function loadSealFont(fontPath?: string): SealFont {
  const candidates = fontPath !== undefined ? [fontPath] : DEFAULT_FONT_PATHS;
  for (const path of candidates) {
    const hit = cache.get(path);
    if (hit) return hit;
    if (!fs.existsSync(path)) continue;
    const f = openFont(path);
    cache.set(path, f);
    return f;
  }
  if (fontPath !== undefined) {
    throw new SealImageError('FONT_MISSING', `font file ${fontPath} does not exist`);
  }
  throw new SealImageError(
    'FONT_MISSING',
    `no CJK font found (tried ${DEFAULT_FONT_PATHS.join(', ')}); install the Debian package fonts-wqy-microhei ` +
      `(apt-get install fonts-wqy-microhei) or pass fontPath`,
  );
}

/**
 * Splits `text` into characters (code points) and shapes each with the font.
 *
 * @throws SealImageError `GLYPH_MISSING` naming the first character without a glyph
 * @internal
 */
export function shapeChars(face: FontFace, text: string, field: string): ShapedChar[] {
  return Array.from(text).map(char => {
    let run: fontkit.GlyphRun;
    try {
      run = face.font.layout(char);
    } catch (e) {
      throw new SealImageError('FONT_INVALID', `${field}: the font cannot shape "${char}"`, { cause: e });
    }
    const glyph = run.glyphs.length === 1 ? run.glyphs[0] : undefined;
    if (!glyph || glyph.id === 0) {
      const cp = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      throw new SealImageError('GLYPH_MISSING', `${field}: the font has no glyph for "${char}" (U+${cp})`);
    }
    const b = glyph.bbox;
    const bbox =
      b && Number.isFinite(b.minX) && b.maxX >= b.minX
        ? { minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY }
        : { minX: 0, minY: 0, maxX: 0, maxY: 0 };
    return {
      char,
      glyphId: glyph.id,
      advance: run.positions[0]?.xAdvance ?? glyph.advanceWidth,
      bbox,
      commands: glyph.path.commands.map(c => ({ command: c.command, args: [...c.args] })),
    };
  });
}
