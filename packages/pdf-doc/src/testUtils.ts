/**
 * Helpers for this package's tests (not exported from the package): run the independent PDF tools
 * from qpdf and poppler-utils on rendered bytes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let dir: string | undefined;
let counter = 0;

/** Writes the PDF to a temporary file and returns its path. */
export function writeTemp(pdf: Buffer): string {
  dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-doc-test-'));
  const file = path.join(dir, `t${++counter}.pdf`);
  fs.writeFileSync(file, pdf);
  return file;
}

/** Removes the temporary files. */
export function cleanTemp(): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** `qpdf --check`: exit status and output. */
export function qpdfCheck(pdf: Buffer): { status: number | null; output: string } {
  const r = spawnSync('qpdf', ['--check', writeTemp(pdf)], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** `pdftotext` of the whole document or of pages `first`..`last` (1-based). */
export function pdfText(pdf: Buffer, first?: number, last = first): string {
  const args = first === undefined ? [] : ['-f', String(first), '-l', String(last)];
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...args, writeTemp(pdf), '-'], { encoding: 'utf8' });
}

/** `pdfinfo` as a map of its fields. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', writeTemp(pdf)], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** `pdffonts` rows: name, type, embedded, subset, ToUnicode. */
export function pdfFonts(pdf: Buffer): Array<{ name: string; type: string; emb: string; sub: string; uni: string }> {
  const out = execFileSync('pdffonts', [writeTemp(pdf)], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter(l => l.trim() !== '')
    .map(l => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object number, generation
      const t = l.trim().split(/\s+/);
      const n = t.length;
      return { name: t[0], type: t.slice(1, n - 6).join(' '), emb: t[n - 5], sub: t[n - 4], uni: t[n - 3] };
    });
}

/** A word and its box (pt, origin top-left) from `pdftotext -bbox`. */
export interface WordBox {
  /** page number, 1-based */
  page: number;
  /** the word */
  text: string;
  /** left */
  xMin: number;
  /** top */
  yMin: number;
  /** right */
  xMax: number;
  /** bottom */
  yMax: number;
}

/** Every word with its box, and the page sizes, from `pdftotext -bbox`. */
export function pdfWords(pdf: Buffer): { pages: Array<{ width: number; height: number }>; words: WordBox[] } {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', writeTemp(pdf), '-'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const pages: Array<{ width: number; height: number }> = [];
  const words: WordBox[] = [];
  const re = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[1] !== undefined) {
      pages.push({ width: Number(m[1]), height: Number(m[2]) });
    } else {
      words.push({
        page: pages.length,
        text: m[7],
        xMin: Number(m[3]),
        yMin: Number(m[4]),
        xMax: Number(m[5]),
        yMax: Number(m[6]),
      });
    }
  }
  return { pages, words };
}

/** Text with all whitespace removed (pdftotext puts line breaks where lines wrap). */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
