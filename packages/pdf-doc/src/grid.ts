/**
 * Rows of wrapped cells placed over pages: tables (borders, a header row repeated on every page)
 * and key/value lists (no borders, no header).
 *
 * A row that does not fit below the cursor moves to the next page when it would fit there; a row
 * taller than a page is split between lines. Nothing is drawn below the content area.
 */
import { PdfDocError } from './errors';
import type { Align, PdfWriter } from './writer';

/** How a grid looks. */
export interface GridStyle {
  /** left edge */
  x: number;
  /** column widths, pt */
  widths: number[];
  /** alignment of each column's cells */
  aligns: Align[];
  /** text colour of each column's cells (default body colour) */
  colors?: Array<string | undefined>;
  /** font size */
  size: number;
  /** line height */
  lineHeight: number;
  /** horizontal cell padding */
  padX: number;
  /** vertical cell padding */
  padY: number;
  /** cell borders */
  borders?: { color: string; lineWidth: number };
  /** header row (prepared titles) repeated at the top of every page of the grid */
  header?: { titles: string[]; fill: string; color: string; maxLines: number };
}

const EPS = 1e-6;

/**
 * Splits `total` points between columns by weight, giving none less than `min`. Returns undefined
 * when `weights.length * min` exceeds `total`.
 *
 * @param weights - positive relative weights
 * @param total - width to share
 * @param min - narrowest column
 */
export function columnWidths(weights: number[], total: number, min: number): number[] | undefined {
  const n = weights.length;
  if (n * min > total + EPS) return undefined;
  const fixed = new Array<boolean>(n).fill(false);
  let widths: number[] = [];
  for (;;) {
    const free = total - fixed.filter(Boolean).length * min;
    const sum = weights.reduce((a, w, i) => (fixed[i] ? a : a + w), 0);
    widths = weights.map((w, i) => (fixed[i] ? min : (free * w) / sum));
    let changed = false;
    widths.forEach((w, i) => {
      if (!fixed[i] && w < min - EPS) {
        fixed[i] = true;
        changed = true;
      }
    });
    if (!changed || fixed.every(Boolean)) break;
  }
  if (fixed.every(Boolean)) widths = widths.map(() => total / n);
  return widths;
}

/** Places rows of one grid (one table or key/value block). */
export class GridRenderer {
  private readonly header: string[][] | undefined;
  private readonly headerHeight: number;
  private readonly xs: number[];

  constructor(
    private readonly w: PdfWriter,
    private readonly s: GridStyle,
  ) {
    this.xs = [];
    let x = s.x;
    for (const cw of s.widths) {
      this.xs.push(x);
      x += cw;
    }
    if (s.header) {
      const max = s.header.maxLines;
      this.header = s.header.titles.map((t, j) => {
        const lines = this.w.wrap(t, this.inner(j), s.size);
        if (lines.length <= max) return lines;
        const kept = lines.slice(0, max);
        kept[max - 1] = this.w.truncate(`${kept[max - 1]}${lines[max]}`, this.inner(j), s.size);
        return kept;
      });
      this.headerHeight = Math.max(1, ...this.header.map(l => l.length)) * s.lineHeight + 2 * s.padY;
    } else {
      this.header = undefined;
      this.headerHeight = 0;
    }
    if (this.capacity() < 1) {
      throw new PdfDocError('PDF_BAD_INPUT', 'a table row does not fit on a page');
    }
  }

  private inner(j: number): number {
    return Math.max(1, this.s.widths[j] - 2 * this.s.padX);
  }

  /** Lines that fit on a fresh page below the header. */
  private capacity(): number {
    const room = this.w.bottom - this.w.margins.top - this.headerHeight - 2 * this.s.padY;
    return Math.floor((room + EPS) / this.s.lineHeight);
  }

  /** Wraps a row's prepared cells (missing cells are empty). */
  wrapRow(cells: string[]): string[][] {
    return this.s.widths.map((_, j) => this.w.wrap(cells[j] ?? '', this.inner(j), this.s.size));
  }

  /**
   * Starts the grid: moves to a new page unless the header and the start of the first row fit,
   * then draws the header.
   *
   * @param first - the first row, wrapped, if any
   */
  start(first?: string[][]): void {
    const total = first ? rowLines(first) : 1;
    const lines = total <= this.capacity() ? total : 1;
    this.w.ensureSpace(this.headerHeight + lines * this.s.lineHeight + 2 * this.s.padY);
    this.drawHeader();
  }

  private drawHeader(): void {
    const h = this.s.header;
    if (!h || !this.header) return;
    const { lineHeight, padX, padY, size, borders } = this.s;
    const top = this.w.y;
    this.w.rects(
      this.header.map((_, j) => ({ x: this.xs[j], y: top, w: this.s.widths[j], h: this.headerHeight })),
      { fill: h.fill, stroke: borders?.color, lineWidth: borders?.lineWidth },
    );
    this.header.forEach((lines, j) => {
      // centre the title block vertically when other titles have more lines
      const offset = (this.headerHeight - 2 * padY - lines.length * lineHeight) / 2;
      lines.forEach((line, k) => {
        this.w.text(line, this.xs[j] + padX, top + padY + offset + k * lineHeight, this.inner(j), {
          size,
          lineHeight,
          color: h.color,
          align: 'center',
        });
      });
    });
    this.w.y = top + this.headerHeight;
    this.w.pageHasContent = true;
  }

  private continueOnNewPage(): void {
    this.w.newPage();
    this.drawHeader();
  }

  /** Whether the cursor is where the first row of a fresh page would start. */
  private atPageTop(): boolean {
    return this.w.y <= this.w.margins.top + this.headerHeight + EPS;
  }

  /**
   * Places one wrapped row (see {@link GridRenderer.wrapRow}) at the cursor, continuing on new pages
   * as needed.
   */
  placeRow(lines: string[][]): void {
    const { lineHeight: lh, padY } = this.s;
    const total = rowLines(lines);
    let from = 0;
    while (from < total) {
      const avail = this.w.bottom - this.w.y;
      if ((total - from) * lh + 2 * padY <= avail + EPS) {
        this.drawSegment(lines, from, total);
        return;
      }
      const top = this.atPageTop();
      if (from === 0 && !top && total <= this.capacity()) {
        this.continueOnNewPage();
        continue;
      }
      const fit = Math.floor((avail - 2 * padY + EPS) / lh);
      if (fit < 1) {
        if (top) throw new Error('pdf-doc: a grid line does not fit on an empty page'); // unreachable
        this.continueOnNewPage();
        continue;
      }
      this.drawSegment(lines, from, from + fit);
      from += fit;
      this.continueOnNewPage();
    }
  }

  private drawSegment(lines: string[][], from: number, to: number): void {
    const { lineHeight, padX, padY, size, borders, aligns, colors } = this.s;
    const top = this.w.y;
    const height = (to - from) * lineHeight + 2 * padY;
    if (borders) {
      this.w.rects(
        lines.map((_, j) => ({ x: this.xs[j], y: top, w: this.s.widths[j], h: height })),
        { stroke: borders.color, lineWidth: borders.lineWidth },
      );
    }
    lines.forEach((cell, j) => {
      for (let k = from; k < Math.min(to, cell.length); k++) {
        this.w.text(cell[k], this.xs[j] + padX, top + padY + (k - from) * lineHeight, this.inner(j), {
          size,
          lineHeight,
          align: aligns[j],
          color: colors?.[j],
        });
      }
    });
    this.w.y = top + height;
    this.w.pageHasContent = true;
  }
}

function rowLines(lines: string[][]): number {
  let n = 1;
  for (const l of lines) if (l.length > n) n = l.length;
  return n;
}
