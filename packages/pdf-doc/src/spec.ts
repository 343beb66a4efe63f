/**
 * The document model (blocks), limits and input validation.
 */
import { PdfDocError } from './errors';
import type { FontOptions } from './font';
import { countCodePoints } from './text';

/** Horizontal alignment of text. */
export type PdfAlign = 'left' | 'center' | 'right';

/** A table column. */
export interface PdfTableColumn {
  /** header text (wrapped to at most three lines; the header repeats on every page) */
  title: string;
  /** relative width weight (default 1); columns never get narrower than about one character */
  width?: number;
  /** alignment of the column's cells (default left; the header is always centred) */
  align?: PdfAlign;
}

/**
 * One block of a document, drawn top to bottom.
 *
 * - `heading`: level 1 (default, 15 pt with a rule under it) or level 2 (12.5 pt); kept together
 *   with the start of what follows.
 * - `paragraph`: wrapped text (`\n` breaks lines), `size` 6–48 pt (default 10.5), flows over pages.
 * - `table`: bordered table; cells wrap, a row too tall for the rest of the page moves to the next
 *   page (or is split across pages when taller than a page), the header row repeats on each page.
 *   Rows shorter than the columns are padded with empty cells.
 * - `keyValues`: label/value pairs in two borderless columns.
 * - `spacer`: vertical space in points (default 12), ending at the page bottom.
 * - `pageBreak`: continue on a new page (nothing happens on a page that is still empty).
 */
export type PdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; align?: PdfAlign; size?: number }
  | { kind: 'table'; columns: PdfTableColumn[]; rows: string[][] }
  | { kind: 'keyValues'; items: [string, string][] }
  | { kind: 'spacer'; height?: number }
  | { kind: 'pageBreak' };

/** A document for {@link renderPdf}. */
export interface PdfDocSpec {
  /** document information Title, and the centred heading at the top of the first page */
  title: string;
  /** a smaller grey line under the title; also the information Subject */
  subtitle?: string;
  /** document information Author */
  author?: string;
  /** A4 landscape (default portrait) */
  landscape?: boolean;
  /** text printed at the bottom left of every page, next to "第 n 页 / 共 m 页" */
  footer?: string;
  /** print "第 n 页 / 共 m 页" at the bottom of every page (default true) */
  pageNumbers?: boolean;
  /** the content */
  blocks: PdfBlock[];
  /** document information CreationDate (default now); fix it for byte-identical output */
  createdAt?: Date;
}

/** Size limits; exceeding one gives `PdfDocError` `PDF_TOO_LARGE`. */
export interface PdfLimits {
  /** table rows plus key/value items, over all blocks */
  maxTableRows: number;
  /** characters (code points) of all text: title, subtitle, author, footer, blocks */
  maxChars: number;
  /** blocks */
  maxBlocks: number;
  /** pages of the output */
  maxPages: number;
}

/** The default (and highest) limits. */
export const PDF_LIMITS: Readonly<PdfLimits> = Object.freeze({
  maxTableRows: 20_000,
  maxChars: 2_000_000,
  maxBlocks: 100_000,
  maxPages: 5_000,
});

/** Options of {@link renderPdf} and {@link renderCertificate}. */
export interface RenderOptions extends FontOptions {
  /** lower limits than {@link PDF_LIMITS} (higher values are ignored) */
  limits?: Partial<PdfLimits>;
}

/**
 * The effective limits: each the lower of the option and the default.
 * @internal
 */
export function effectiveLimits(limits?: Partial<PdfLimits>): PdfLimits {
  const pick = (k: keyof PdfLimits) => {
    const v = limits?.[k];
    return typeof v === 'number' && v >= 0 ? Math.min(v, PDF_LIMITS[k]) : PDF_LIMITS[k];
  };
  return {
    maxTableRows: pick('maxTableRows'),
    maxChars: pick('maxChars'),
    maxBlocks: pick('maxBlocks'),
    maxPages: pick('maxPages'),
  };
}

const bad = (message: string) => new PdfDocError('PDF_BAD_INPUT', message);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paragraph font sizes allowed (pt). */
export const PARAGRAPH_SIZE_RANGE = [6, 48] as const;

const ALIGNS: ReadonlySet<unknown> = new Set(['left', 'center', 'right']);

/**
 * Counts characters and rows against the limits while checking types.
 * @internal
 */
export class InputChecker {
  private chars = 0;
  private rows = 0;

  constructor(private readonly limits: PdfLimits) {}

  /** Checks that `v` is a string and counts it. */
  text(v: unknown, where: string): string {
    if (typeof v !== 'string') throw bad(`${where} must be a string`);
    const room = this.limits.maxChars - this.chars;
    const n = countCodePoints(v, room);
    if (n > room) {
      throw new PdfDocError('PDF_TOO_LARGE', `the text has more than ${this.limits.maxChars} characters (at ${where})`);
    }
    this.chars += n;
    return v;
  }

  /** Checks an optional string. */
  optionalText(v: unknown, where: string): string | undefined {
    return v === undefined ? undefined : this.text(v, where);
  }

  /** Counts `n` more rows. */
  addRows(n: number, where: string): void {
    this.rows += n;
    if (this.rows > this.limits.maxTableRows) {
      throw new PdfDocError(
        'PDF_TOO_LARGE',
        `the tables have more than ${this.limits.maxTableRows} rows in total (at ${where})`,
      );
    }
  }
}

function optionalDate(v: unknown, where: string): Date | undefined {
  if (v === undefined) return undefined;
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw bad(`${where} must be a valid Date`);
  return v;
}

/**
 * Validates a document spec: types, block kinds, sizes, and the limits. Returns a copy holding
 * only the known fields.
 *
 * @throws PdfDocError `PDF_BAD_INPUT` or `PDF_TOO_LARGE`
 * @internal
 */
export function checkDocSpec(spec: unknown, limits: PdfLimits): PdfDocSpec {
  if (!isObject(spec)) throw bad('the spec must be an object');
  const c = new InputChecker(limits);
  const title = c.text(spec.title, 'title');
  const subtitle = c.optionalText(spec.subtitle, 'subtitle');
  const author = c.optionalText(spec.author, 'author');
  const footer = c.optionalText(spec.footer, 'footer');
  if (spec.landscape !== undefined && typeof spec.landscape !== 'boolean') throw bad('landscape must be a boolean');
  if (spec.pageNumbers !== undefined && typeof spec.pageNumbers !== 'boolean') throw bad('pageNumbers must be a boolean');
  const createdAt = optionalDate(spec.createdAt, 'createdAt');
  if (!Array.isArray(spec.blocks)) throw bad('blocks must be an array');
  if (spec.blocks.length > limits.maxBlocks) {
    throw new PdfDocError('PDF_TOO_LARGE', `the document has more than ${limits.maxBlocks} blocks`);
  }
  const blocks = Array.from(spec.blocks as unknown[], (b, i) => checkBlock(b, `blocks[${i}]`, c));
  return {
    title,
    subtitle,
    author,
    footer,
    landscape: spec.landscape as boolean | undefined,
    pageNumbers: spec.pageNumbers as boolean | undefined,
    blocks,
    createdAt,
  };
}

function checkAlign(v: unknown, where: string): PdfAlign | undefined {
  if (v === undefined) return undefined;
  if (!ALIGNS.has(v)) throw bad(`${where} must be 'left', 'center' or 'right'`);
  return v as PdfAlign;
}

function checkBlock(b: unknown, where: string, c: InputChecker): PdfBlock {
  if (!isObject(b)) throw bad(`${where} must be an object`);
  switch (b.kind) {
    case 'heading': {
      if (b.level !== undefined && b.level !== 1 && b.level !== 2) throw bad(`${where}.level must be 1 or 2`);
      return { kind: 'heading', text: c.text(b.text, `${where}.text`), level: b.level as 1 | 2 | undefined };
    }
    case 'paragraph': {
      const text = c.text(b.text, `${where}.text`);
      const align = checkAlign(b.align, `${where}.align`);
      const [lo, hi] = PARAGRAPH_SIZE_RANGE;
      if (b.size !== undefined && !(typeof b.size === 'number' && b.size >= lo && b.size <= hi)) {
        throw bad(`${where}.size must be a number from ${lo} to ${hi}`);
      }
      return { kind: 'paragraph', text, align, size: b.size as number | undefined };
    }
    case 'table': {
      if (!Array.isArray(b.columns) || b.columns.length === 0) throw bad(`${where}.columns must be a non-empty array`);
      if (!Array.isArray(b.rows)) throw bad(`${where}.rows must be an array`);
      c.addRows(b.rows.length, `${where}.rows`);
      const columns = Array.from(b.columns as unknown[], (col, j) => {
        const w = `${where}.columns[${j}]`;
        if (!isObject(col)) throw bad(`${w} must be an object`);
        if (col.width !== undefined && !(typeof col.width === 'number' && Number.isFinite(col.width) && col.width > 0)) {
          throw bad(`${w}.width must be a positive number`);
        }
        return {
          title: c.text(col.title, `${w}.title`),
          width: col.width as number | undefined,
          align: checkAlign(col.align, `${w}.align`),
        };
      });
      const rows = Array.from(b.rows as unknown[], (row, r) => {
        const w = `${where}.rows[${r}]`;
        if (!Array.isArray(row)) throw bad(`${w} must be an array of strings`);
        if (row.length > columns.length) throw bad(`${w} has ${row.length} cells for ${columns.length} columns`);
        return Array.from(row as unknown[], (cell, k) => c.text(cell, `${w}[${k}]`));
      });
      return { kind: 'table', columns, rows };
    }
    case 'keyValues': {
      if (!Array.isArray(b.items)) throw bad(`${where}.items must be an array`);
      c.addRows(b.items.length, `${where}.items`);
      const items = Array.from(b.items as unknown[], (it, k): [string, string] => {
        const w = `${where}.items[${k}]`;
        if (!Array.isArray(it) || it.length !== 2) throw bad(`${w} must be a [label, value] pair`);
        return [c.text(it[0], `${w}[0]`), c.text(it[1], `${w}[1]`)];
      });
      return { kind: 'keyValues', items };
    }
    case 'spacer': {
      if (b.height !== undefined && !(typeof b.height === 'number' && Number.isFinite(b.height) && b.height >= 0)) {
        throw bad(`${where}.height must be a non-negative number`);
      }
      return { kind: 'spacer', height: b.height as number | undefined };
    }
    case 'pageBreak':
      return { kind: 'pageBreak' };
    default:
      throw bad(`${where}.kind ${JSON.stringify(String(b.kind))} is not one of heading, paragraph, table, keyValues, spacer, pageBreak`);
  }
}
