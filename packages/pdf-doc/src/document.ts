/**
 * `renderPdf`: a document of blocks on A4 pages with a title, a footer and page numbers.
 */
import { PdfDocError } from './errors';
import { loadCjkFont } from './font';
import { GridRenderer, columnWidths } from './grid';
import { checkDocSpec, effectiveLimits, type PdfBlock, type PdfDocSpec, type RenderOptions } from './spec';
import { cleanText } from './text';
import { PdfWriter, TEXT_COLOR, type LineStyle, type Margins } from './writer';

/** Page margins of documents (pt); the footer sits in the bottom margin. */
export const DOC_MARGINS: Readonly<Margins> = Object.freeze({ top: 56, right: 50, bottom: 62, left: 50 });

const TITLE: LineStyle = { size: 20, lineHeight: 28, color: '#111111', align: 'center' };
const SUBTITLE: LineStyle = { size: 12, lineHeight: 18, color: '#555555', align: 'center' };
const H1: LineStyle = { size: 15, lineHeight: 22, color: '#111111' };
const H2: LineStyle = { size: 12.5, lineHeight: 19, color: '#111111' };
const FOOTER: LineStyle = { size: 8.5, lineHeight: 12, color: '#666666' };
const PARAGRAPH_SIZE = 10.5;
const TABLE = { size: 9, lineHeight: 13, padX: 4, padY: 3.5 };
const KEY_VALUES = { size: 10.5, lineHeight: 16, padX: 4, padY: 1.5 };
const RULE_COLOR = '#999999';
const BORDER = { color: '#8c8c8c', lineWidth: 0.5 };
const HEADER_FILL = '#e6ebf2';
/** Rows between yields to the event loop while rendering big tables. */
const ROWS_PER_TICK = 250;

const tick = () => new Promise<void>(resolve => setImmediate(resolve));

/**
 * Renders a document: the title (and subtitle) centred at the top of the first page, then the
 * blocks, then on every page the footer text and "第 n 页 / 共 m 页". Text is drawn in the embedded
 * (subset) WenQuanYi Micro Hei font; characters it has no glyph for (emoji, rare scripts) appear
 * as □, and control characters are removed.
 *
 * Rendering is CPU-bound: about 0.2–0.5 s for a 500-row table, a few seconds for 20,000 rows
 * (all pages stay in memory until the page count is known). The work yields to the event loop
 * between batches of rows and blocks.
 *
 * @param spec - the document
 * @param options - font path/face and lower limits
 * @returns the PDF file
 * @throws PdfDocError `PDF_BAD_INPUT` (malformed spec), `PDF_TOO_LARGE` (over {@link PDF_LIMITS}),
 *   `PDF_FONT_MISSING` (no usable font)
 */
export async function renderPdf(spec: PdfDocSpec, options: RenderOptions = {}): Promise<Buffer> {
  const limits = effectiveLimits(options.limits);
  const s = checkDocSpec(spec, limits);
  const font = loadCjkFont(options);
  const info: PDFKit.DocumentInfo = {
    Title: cleanText(s.title, false),
    Creator: 'yinxin pdf-doc',
    CreationDate: s.createdAt ?? new Date(),
  };
  if (s.author !== undefined) info.Author = cleanText(s.author, false);
  if (s.subtitle !== undefined) info.Subject = cleanText(s.subtitle, false);
  const w = new PdfWriter({
    landscape: s.landscape === true,
    margins: DOC_MARGINS,
    info,
    font,
    maxPages: limits.maxPages,
  });

  drawTitle(w, s);
  for (let i = 0; i < s.blocks.length; i++) {
    await drawBlock(w, s.blocks[i], `blocks[${i}]`);
    if (i % 100 === 99) await tick();
  }
  drawFooters(w, s);
  return w.finish();
}

/** Draws lines from the cursor down, starting new pages as needed. */
function flow(w: PdfWriter, lines: string[], style: LineStyle, x = w.left, width = w.contentWidth): void {
  for (const line of lines) {
    w.ensureSpace(style.lineHeight);
    w.text(line, x, w.y, width, style);
    w.y += style.lineHeight;
    w.pageHasContent = true;
  }
}

function drawTitle(w: PdfWriter, s: PdfDocSpec): void {
  const title = w.prepare(s.title, false);
  const subtitle = s.subtitle === undefined ? '' : w.prepare(s.subtitle, false);
  if (title === '' && subtitle === '') return;
  if (title !== '') flow(w, w.wrap(title, w.contentWidth, TITLE.size), TITLE);
  if (subtitle !== '') {
    w.y += 2;
    flow(w, w.wrap(subtitle, w.contentWidth, SUBTITLE.size), SUBTITLE);
  }
  w.y += 16;
}

async function drawBlock(w: PdfWriter, b: PdfBlock, where: string): Promise<void> {
  switch (b.kind) {
    case 'heading': {
      const style = b.level === 2 ? H2 : H1;
      const lines = w.wrap(w.prepare(b.text, true), w.contentWidth, style.size);
      const before = b.level === 2 ? 8 : 12;
      const after = b.level === 2 ? 4 : 8;
      if (w.y > w.margins.top) w.y += before;
      // keep the heading with (about) two lines of what follows
      w.ensureSpace(Math.min(lines.length, 3) * style.lineHeight + after + 2 * PARAGRAPH_SIZE * 1.6);
      flow(w, lines, style);
      if (b.level !== 2) w.rule(w.left, w.left + w.contentWidth, w.y + 2, 0.8, RULE_COLOR);
      w.y += after;
      return;
    }
    case 'paragraph': {
      const size = b.size ?? PARAGRAPH_SIZE;
      const style: LineStyle = { size, lineHeight: size * 1.6, align: b.align ?? 'left', color: TEXT_COLOR };
      flow(w, w.wrap(w.prepare(b.text, true), w.contentWidth, size), style);
      w.y += size * 0.6;
      return;
    }
    case 'table':
      await drawTable(w, b, where);
      w.y += 10;
      return;
    case 'keyValues':
      await drawKeyValues(w, b);
      w.y += 8;
      return;
    case 'spacer':
      w.y = Math.min(w.y + (b.height ?? 12), w.bottom);
      return;
    case 'pageBreak':
      if (w.pageHasContent) w.newPage();
      return;
  }
}

async function drawTable(w: PdfWriter, b: Extract<PdfBlock, { kind: 'table' }>, where: string): Promise<void> {
  const min = TABLE.size + 2 * TABLE.padX + 2;
  const widths = columnWidths(
    b.columns.map(c => c.width ?? 1),
    w.contentWidth,
    min,
  );
  if (!widths) {
    throw new PdfDocError(
      'PDF_BAD_INPUT',
      `${where}: ${b.columns.length} columns do not fit the page width (at most ${Math.floor(w.contentWidth / min)})`,
    );
  }
  const grid = new GridRenderer(w, {
    x: w.left,
    widths,
    aligns: b.columns.map(c => c.align ?? 'left'),
    ...TABLE,
    borders: BORDER,
    header: { titles: b.columns.map(c => w.prepare(c.title, false)), fill: HEADER_FILL, color: '#111111', maxLines: 3 },
  });
  const prep = (row: string[]) => grid.wrapRow(row.map(cell => w.prepare(cell, true)));
  grid.start(b.rows.length > 0 ? prep(b.rows[0]) : undefined);
  for (let r = 0; r < b.rows.length; r++) {
    grid.placeRow(prep(b.rows[r]));
    if (r % ROWS_PER_TICK === ROWS_PER_TICK - 1) await tick();
  }
}

async function drawKeyValues(w: PdfWriter, b: Extract<PdfBlock, { kind: 'keyValues' }>): Promise<void> {
  if (b.items.length === 0) return;
  const items = b.items.map(([k, v]): [string, string] => [w.prepare(k, true), w.prepare(v, true)]);
  const { size, padX } = KEY_VALUES;
  const longest = items.reduce((m, [k]) => Math.max(m, ...k.split('\n').map(l => w.widthOf(l, size))), 0);
  const keyWidth = Math.min(Math.max(longest + 2 * padX + 8, w.contentWidth * 0.15), w.contentWidth * 0.4);
  const grid = new GridRenderer(w, {
    x: w.left,
    widths: [keyWidth, w.contentWidth - keyWidth],
    aligns: ['left', 'left'],
    colors: ['#555555', TEXT_COLOR],
    ...KEY_VALUES,
  });
  for (let r = 0; r < items.length; r++) {
    grid.placeRow(grid.wrapRow(items[r]));
    if (r % ROWS_PER_TICK === ROWS_PER_TICK - 1) await tick();
  }
}

function drawFooters(w: PdfWriter, s: PdfDocSpec): void {
  const numbers = s.pageNumbers !== false;
  const footer = s.footer === undefined ? '' : w.prepare(s.footer, false);
  if (!numbers && footer === '') return;
  const ruleY = w.pageHeight - w.margins.bottom + 14;
  const top = ruleY + 5;
  const x = w.left;
  const width = w.contentWidth;
  w.eachPage((n, count) => {
    w.rule(x, x + width, ruleY, 0.5, '#bbbbbb');
    const label = numbers ? `第 ${n} 页 / 共 ${count} 页` : '';
    if (footer === '') {
      w.text(label, x, top, width, { ...FOOTER, align: 'center' });
      return;
    }
    const labelWidth = label === '' ? 0 : w.widthOf(label, FOOTER.size) + 16;
    w.text(w.truncate(footer, width - labelWidth, FOOTER.size), x, top, width, { ...FOOTER, align: 'left' });
    if (label !== '') w.text(label, x, top, width, { ...FOOTER, align: 'right' });
  });
}
