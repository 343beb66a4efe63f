/**
 * The CJK font: where it is, which face of a TrueType collection to use, and reading it once.
 *
 * pdfkit embeds the font itself (as a subset with a ToUnicode map); this module only finds the file
 * and checks that it is a TrueType/OpenType font or collection, reading the PostScript names from
 * the `name` table so that a face of a `.ttc` can be chosen and named in errors.
 */
import * as fs from 'node:fs';
import { PdfDocError } from './errors';

/** The font used when neither an option nor the environment names one (Debian `fonts-wqy-microhei`). */
export const DEFAULT_CJK_FONT_PATH = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/** The face of {@link DEFAULT_CJK_FONT_PATH}'s collection used by default (its PostScript name). */
export const DEFAULT_CJK_FONT_FAMILY = 'WenQuanYiMicroHei';

/** Environment variable that overrides the font file path (an explicit `fontPath` option wins). */
export const CJK_FONT_ENV = 'YINXIN_CJK_FONT';

/** Largest font file read (bytes). */
const MAX_FONT_BYTES = 64 * 1024 * 1024;

/** Where to find the CJK font. */
export interface FontOptions {
  /**
   * TrueType/OpenType font or collection (`.ttf`, `.otf`, `.ttc`). Default: the environment variable
   * `YINXIN_CJK_FONT`, else {@link DEFAULT_CJK_FONT_PATH}.
   */
  fontPath?: string;
  /**
   * PostScript name of the face to use from a collection (e.g. `WenQuanYiMicroHeiMono`). Default:
   * `WenQuanYiMicroHei` when the collection has it, else its first face. Ignored for single fonts.
   */
  fontFamily?: string;
}

/**
 * A font file read and checked, ready to hand to pdfkit.
 * @internal
 */
export interface CjkFont {
  /** the file */
  readonly path: string;
  /** the face's PostScript name for a collection; undefined for a single font */
  readonly family: string | undefined;
  /** the file's bytes */
  readonly data: Buffer;
}

const cache = new Map<string, { data: Buffer; names: string[]; collection: boolean }>();

/**
 * The font path to use: `fontPath`, else `$YINXIN_CJK_FONT` (when not empty), else the default.
 *
 * @param fontPath - explicit path, if any
 */
export function resolveFontPath(fontPath?: string): string {
  if (fontPath !== undefined) return fontPath;
  const env = process.env[CJK_FONT_ENV];
  return env !== undefined && env.trim() !== '' ? env : DEFAULT_CJK_FONT_PATH;
}

/**
 * Reads the PostScript names (name id 6) of a TrueType/OpenType font (one name) or of every face
 * of a collection. Returns undefined when the bytes are not such a font. A face without the
 * name gives an empty string.
 *
 * @param data - the font file
 * @internal
 */
export function readPostscriptNames(data: Uint8Array): { names: string[]; collection: boolean } | undefined {
  try {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (data.length < 12) return undefined;
    if (view.getUint32(0) === 0x74746366 /* ttcf */) {
      const count = view.getUint32(8);
      if (count < 1 || count > 4096) return undefined;
      const names: string[] = [];
      for (let i = 0; i < count; i++) {
        const name = sfntPostscriptName(view, view.getUint32(12 + 4 * i));
        if (name === undefined) return undefined;
        names.push(name);
      }
      return { names, collection: true };
    }
    const name = sfntPostscriptName(view, 0);
    return name === undefined ? undefined : { names: [name], collection: false };
  } catch {
    // a RangeError from reading past the end: truncated or not a font
    return undefined;
  }
}

function sfntPostscriptName(view: DataView, offset: number): string | undefined {
  const version = view.getUint32(offset);
  if (version !== 0x00010000 && version !== 0x4f54544f /* OTTO */ && version !== 0x74727565 /* true */) {
    return undefined;
  }
  const numTables = view.getUint16(offset + 4);
  for (let t = 0; t < numTables; t++) {
    const rec = offset + 12 + 16 * t;
    if (view.getUint32(rec) !== 0x6e616d65 /* name */) continue;
    const table = view.getUint32(rec + 8);
    const count = view.getUint16(table + 2);
    const strings = table + view.getUint16(table + 4);
    let mac: string | undefined;
    for (let r = 0; r < count; r++) {
      const nr = table + 6 + 12 * r;
      const platform = view.getUint16(nr);
      const nameId = view.getUint16(nr + 6);
      if (nameId !== 6) continue;
      const length = view.getUint16(nr + 8);
      const start = strings + view.getUint16(nr + 10);
      if (platform === 3 || platform === 0) {
        let s = '';
        for (let k = 0; k + 1 < length; k += 2) s += String.fromCharCode(view.getUint16(start + k));
        return s;
      }
      if (platform === 1 && mac === undefined) {
        mac = '';
        for (let k = 0; k < length; k++) mac += String.fromCharCode(view.getUint8(start + k));
      }
    }
    return mac ?? '';
  }
  return '';
}

function readFontFile(path: string): { data: Buffer; names: string[]; collection: boolean } {
  const hit = cache.get(path);
  if (hit) return hit;
  const hint = `install the Debian package fonts-wqy-microhei, or set ${CJK_FONT_ENV} or the fontPath option`;
  let data: Buffer;
  try {
    const st = fs.statSync(path);
    if (!st.isFile()) throw new PdfDocError('PDF_FONT_MISSING', `font path ${path} is not a file (${hint})`);
    if (st.size > MAX_FONT_BYTES) {
      throw new PdfDocError('PDF_FONT_MISSING', `font file ${path} is larger than ${MAX_FONT_BYTES} bytes`);
    }
    data = fs.readFileSync(path);
  } catch (e) {
    if (e instanceof PdfDocError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(e)})`;
    throw new PdfDocError('PDF_FONT_MISSING', `CJK font file ${path} ${what}; ${hint}`, { cause: e });
  }
  const parsed = readPostscriptNames(data);
  if (!parsed) {
    throw new PdfDocError(
      'PDF_FONT_MISSING',
      `font file ${path} is not a TrueType/OpenType font or collection (.ttf, .otf, .ttc)`,
    );
  }
  const entry = { data, ...parsed };
  cache.set(path, entry);
  return entry;
}

/**
 * Finds, reads (once per path) and checks the CJK font, choosing the face of a collection.
 *
 * @param options - font path and face
 * @throws PdfDocError `PDF_FONT_MISSING` when the file is absent, unreadable, not a font, or the
 *   collection has no face of the requested name
 * @internal
 */
export function loadCjkFont(options: FontOptions = {}): CjkFont {
  const path = resolveFontPath(options.fontPath);
  const { data, names, collection } = readFontFile(path);
  if (!collection) return { path, family: undefined, data };
  let family: string;
  if (options.fontFamily !== undefined) {
    if (!names.includes(options.fontFamily)) {
      throw new PdfDocError(
        'PDF_FONT_MISSING',
        `font collection ${path} has no face named ${options.fontFamily} (it has ${names.join(', ')})`,
      );
    }
    family = options.fontFamily;
  } else {
    family = names.includes(DEFAULT_CJK_FONT_FAMILY) ? DEFAULT_CJK_FONT_FAMILY : names[0];
  }
  if (family === '') {
    throw new PdfDocError('PDF_FONT_MISSING', `font collection ${path}: the face has no PostScript name to select it by`);
  }
  return { path, family, data };
}
