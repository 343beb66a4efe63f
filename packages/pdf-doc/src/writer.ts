/**
 * A thin layer over pdfkit: A4 pages with buffered page numbers, one embedded CJK font, text
 * cleaned and fitted to the font's glyphs, lines drawn at explicit positions (pdfkit's own
 * wrapping and automatic page breaks are never used), and a vertical cursor.
 */
import PDFDocument from 'pdfkit';
import { PdfDocError } from './errors';
import type { CjkFont } from './font';
import { cleanText, truncateText, wrapText, type Measure } from './text';

/** Horizontal alignment of a line. */
export type Align = 'left' | 'center' | 'right';

/** Page margins in points. */
export interface Margins {
  /** top */
  top: number;
  /** right */
  right: number;
  /** bottom (the footer is drawn inside it) */
  bottom: number;
  /** left */
  left: number;
}

/** How a line of text is drawn. */
export interface LineStyle {
  /** font size, pt */
  size: number;
  /** height of the line box, pt; the text is centred in it vertically */
  lineHeight: number;
  /** fill colour (default `#222222`) */
  color?: string;
  /** alignment within `width` (default left) */
  align?: Align;
}

/** Options of a {@link PdfWriter}. */
export interface WriterOptions {
  /** A4 landscape instead of portrait */
  landscape: boolean;
  /** page margins */
  margins: Margins;
  /** document information dictionary */
  info: PDFKit.DocumentInfo;
  /** the font */
  font: CjkFont;
  /** most pages allowed */
  maxPages: number;
}

/** The parts of fontkit's font object (behind pdfkit's embedded font) this module reads. */
interface FontkitFace {
  hasGlyphForCodePoint(cp: number): boolean;
  ascent: number;
  descent: number;
  unitsPerEm: number;
}

/** Colour of body text. */
export const TEXT_COLOR = '#222222';

/** The character drawn for one the font has no glyph for. */
const BOX = 0x25a1; // □

/**
 * Draws on A4 pages with one CJK font. Positions are in points from the top-left corner; `y` is a
 * cursor that block renderers advance.
 */
export class PdfWriter {
  /** the pdfkit document */
  readonly doc: PDFKit.PDFDocument;
  /** page width, pt */
  readonly pageWidth: number;
  /** page height, pt */
  readonly pageHeight: number;
  /** margins */
  readonly margins: Margins;
  /** vertical cursor: top of the next thing drawn */
  y: number;
  /** whether anything was drawn on the current page (by block renderers) */
  pageHasContent = false;

  private readonly maxPages: number;
  private pages = 1;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly face: FontkitFace | undefined;
  private readonly ascent: number;
  private readonly descent: number;
  private readonly glyphs = new Map<number, boolean>();
  private readonly unitWidths = new Map<string, number>();
  private readonly substitute: string;
  private size = 0;
  /** the fill colour in effect on the current page's content stream, when known */
  private fill: string | undefined;

  constructor(options: WriterOptions) {
    this.margins = options.margins;
    this.maxPages = options.maxPages;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      margins: options.margins,
      bufferPages: true,
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      info: options.info,
    });
    this.done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    // the promise is awaited in finish(); avoid an unhandled rejection if rendering fails before
    this.done.catch(() => undefined);
    const { font } = options;
    try {
      if (font.family !== undefined) this.doc.font(font.data, font.family);
      else this.doc.font(font.data);
    } catch (e) {
      throw new PdfDocError('PDF_FONT_MISSING', `font ${font.path} cannot be used by pdfkit: ${String(e)}`, { cause: e });
    }
    this.face = fontkitFace(this.doc);
    if (this.face && !this.face.hasGlyphForCodePoint(0x56fd /* 国 */)) {
      throw new PdfDocError('PDF_FONT_MISSING', `font ${font.path} has no Chinese glyphs (no glyph for 国)`);
    }
    const em = this.face?.unitsPerEm ?? 1000;
    this.ascent = (this.face?.ascent ?? 880) / em;
    this.descent = (this.face?.descent ?? -120) / em;
    this.substitute = this.hasGlyph(BOX) ? String.fromCodePoint(BOX) : '?';
    this.pageWidth = this.doc.page.width;
    this.pageHeight = this.doc.page.height;
    this.y = this.margins.top;
  }

  /** left edge of the content area */
  get left(): number {
    return this.margins.left;
  }

  /** width of the content area */
  get contentWidth(): number {
    return this.pageWidth - this.margins.left - this.margins.right;
  }

  /** lowest y content may reach */
  get bottom(): number {
    return this.pageHeight - this.margins.bottom;
  }

  /** number of pages so far */
  get pageCount(): number {
    return this.pages;
  }

  /** Starts a new page and puts the cursor at its top. */
  newPage(): void {
    if (this.pages >= this.maxPages) {
      throw new PdfDocError('PDF_TOO_LARGE', `the document needs more than ${this.maxPages} pages`);
    }
    this.doc.addPage();
    this.fill = undefined;
    this.pages++;
    this.y = this.margins.top;
    this.pageHasContent = false;
  }

  /** Starts a new page unless `height` still fits below the cursor or the page is empty. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom + 1e-6 && this.pageHasContent) this.newPage();
  }

  private hasGlyph(cp: number): boolean {
    if (!this.face) return true;
    let has = this.glyphs.get(cp);
    if (has === undefined) {
      has = this.face.hasGlyphForCodePoint(cp);
      this.glyphs.set(cp, has);
    }
    return has;
  }

  /**
   * Cleans text (see `cleanText`) and replaces characters the font cannot draw: a combining mark
   * or variation selector is dropped, anything else becomes □.
   *
   * @param text - caller text
   * @param multiline - keep line breaks
   */
  prepare(text: string, multiline: boolean): string {
    const t = cleanText(text, multiline);
    let out = '';
    let from = 0;
    let i = 0;
    while (i < t.length) {
      const cp = t.codePointAt(i)!;
      const n = cp > 0xffff ? 2 : 1;
      if (cp !== 0x0a && cp !== 0x20 && !this.hasGlyph(cp)) {
        out += t.slice(from, i);
        if (!/\p{M}/u.test(String.fromCodePoint(cp))) out += this.substitute;
        from = i + n;
      }
      i += n;
    }
    return from === 0 ? t : out + t.slice(from);
  }

  /** A measure of clusters at font size `size`. */
  measure(size: number): Measure {
    return cluster => {
      let w = this.unitWidths.get(cluster);
      if (w === undefined) {
        this.setSize(1000);
        w = this.doc.widthOfString(cluster) / 1000;
        this.unitWidths.set(cluster, w);
      }
      return w * size;
    };
  }

  /** Wraps prepared text to `width` at `size` (see `wrapText`). */
  wrap(text: string, width: number, size: number, firstIndent = 0): string[] {
    return wrapText(text, width, this.measure(size), firstIndent);
  }

  /** Shortens prepared single-line text to `width` with an ellipsis. */
  truncate(text: string, width: number, size: number): string {
    return truncateText(text, width, this.measure(size));
  }

  /** Width of prepared single-line text as pdfkit lays it out. */
  widthOf(text: string, size: number): number {
    this.setSize(size);
    return this.doc.widthOfString(text);
  }

  private setSize(size: number): void {
    if (this.size !== size) {
      this.doc.fontSize(size);
      this.size = size;
    }
  }

  /**
   * Draws one line of prepared text in the line box whose top-left corner is (`x`, `top`).
   *
   * @param line - text without line breaks
   * @param x - left edge of the box
   * @param top - top of the box
   * @param width - width of the box (for alignment)
   * @param style - size, line height, colour, alignment
   */
  text(line: string, x: number, top: number, width: number, style: LineStyle): void {
    if (line === '') return;
    const { size, lineHeight } = style;
    let dx = 0;
    if (style.align === 'center' || style.align === 'right') {
      const free = Math.max(0, width - this.widthOf(line, size));
      dx = style.align === 'center' ? free / 2 : free;
    }
    const baseline = top + (lineHeight - size * (this.ascent - this.descent)) / 2 + size * this.ascent;
    this.setSize(size);
    const color = style.color ?? TEXT_COLOR;
    if (color !== this.fill) {
      this.doc.fillColor(color);
      this.fill = color;
    }
    this.doc.text(line, x + dx, baseline, { lineBreak: false, baseline: 'alphabetic' });
  }

  /** Strokes a horizontal rule. */
  rule(x1: number, x2: number, y: number, lineWidth: number, color: string): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(lineWidth).strokeColor(color).stroke().restore();
  }

  /** Fills and/or strokes rectangles (one path for all of them). */
  rects(
    boxes: ReadonlyArray<{ x: number; y: number; w: number; h: number }>,
    style: { fill?: string; stroke?: string; lineWidth?: number },
  ): void {
    if (boxes.length === 0 || (!style.fill && !style.stroke)) return;
    const d = this.doc.save();
    for (const b of boxes) d.rect(b.x, b.y, b.w, b.h);
    if (style.stroke) d.lineWidth(style.lineWidth ?? 0.5).strokeColor(style.stroke);
    if (style.fill) d.fillColor(style.fill);
    if (style.fill && style.stroke) d.fillAndStroke();
    else if (style.fill) d.fill();
    else d.stroke();
    d.restore();
  }

  /** Fills and/or strokes a rectangle. */
  rect(x: number, y: number, w: number, h: number, style: { fill?: string; stroke?: string; lineWidth?: number }): void {
    this.rects([{ x, y, w, h }], style);
  }

  /**
   * Calls `draw` on every page with its number (1-based) and the page count; for footers.
   *
   * @param draw - draws on the current page
   */
  eachPage(draw: (n: number, count: number) => void): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      this.fill = undefined;
      draw(i + 1, count);
    }
  }

  /** Ends the document and resolves with its bytes. */
  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}

/** fontkit's font behind pdfkit's current embedded font, when its shape is as expected. */
function fontkitFace(doc: PDFKit.PDFDocument): FontkitFace | undefined {
  const f = (doc as unknown as { _font?: { font?: Partial<FontkitFace> } })._font?.font;
  if (
    f &&
    typeof f.hasGlyphForCodePoint === 'function' &&
    typeof f.ascent === 'number' &&
    typeof f.descent === 'number' &&
    typeof f.unitsPerEm === 'number' &&
    f.unitsPerEm > 0
  ) {
    return f as FontkitFace;
  }
  return undefined;
}
