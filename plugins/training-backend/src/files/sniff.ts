import type { FileFormat } from '@yinxin/plugin-training-common';
import { ZipReader, looksLikeZip } from './zip';

/**
 * What content sniffing finds in a file: one of the accepted formats, or something else worth
 * naming in a refusal (an executable, another archive or office format), or `unknown`.
 */
export type Detected =
  | FileFormat
  | 'zip'
  | 'xlsx'
  | 'ole'
  | 'exe'
  | 'elf'
  | 'macho'
  | 'script'
  | 'html'
  | 'gif'
  | 'rar'
  | '7z'
  | 'matroska'
  | 'quicktime'
  | 'unknown';

/** How many leading bytes {@link sniffHead} looks at. */
export const SNIFF_HEAD_BYTES = 4096;

const startsWith = (b: Uint8Array, bytes: readonly number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map(c => c.charCodeAt(0));

/** ISO-BMFF brands of still images (HEIF, AVIF): an `ftyp` box that is not a video. */
const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'mif1', 'msf1', 'avif', 'avis']);

/**
 * Reads one EBML variable-length integer at `p`: returns its value (with or without the length
 * marker) and length, or undefined when it does not fit.
 */
function ebmlVint(b: Uint8Array, p: number, keepMarker: boolean): { value: number; length: number } | undefined {
  if (p >= b.length) return undefined;
  const first = b[p];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || p + length > b.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + b[p + i];
  return { value, length };
}

/** The DocType of an EBML header at the start of `b` (`webm`, `matroska`), if it can be read. */
export function ebmlDocType(b: Uint8Array): string | undefined {
  if (!startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return undefined;
  const size = ebmlVint(b, 4, false);
  if (!size) return undefined;
  let p = 4 + size.length;
  const end = Math.min(b.length, p + size.value);
  while (p < end) {
    const id = ebmlVint(b, p, true);
    if (!id) return undefined;
    const len = ebmlVint(b, p + id.length, false);
    if (!len) return undefined;
    const start = p + id.length + len.length;
    if (start + len.value > end) return undefined;
    if (id.value === 0x4282) return Buffer.from(b.subarray(start, start + len.value)).toString('latin1').replace(/\0+$/, '');
    p = start + len.value;
  }
  return undefined;
}

/**
 * The format of a file from its first bytes (magic numbers). ZIP and OLE2 containers come back as
 * `zip` and `ole`; {@link refineZip} and {@link refineOle} tell what office file they are.
 */
export function sniffHead(head: Uint8Array): Detected {
  const b = head;
  if (startsWith(b, ascii('%PDF-'))) return 'pdf';
  if (looksLikeZip(b)) return 'zip';
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, ascii('ftyp'), 4)) {
    const boxSize = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
    const brand = Buffer.from(b.subarray(8, 12)).toString('latin1');
    if (boxSize < 12 || b.length < 12) return 'unknown';
    if (brand === 'qt  ') return 'quicktime';
    if (IMAGE_BRANDS.has(brand)) return 'unknown';
    return 'mp4';
  }
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) {
    const docType = ebmlDocType(b);
    return docType === 'webm' ? 'webm' : docType === 'matroska' ? 'matroska' : 'unknown';
  }
  if (startsWith(b, ascii('MZ'))) return 'exe';
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return 'elf';
  for (const m of [
    [0xfe, 0xed, 0xfa, 0xce],
    [0xfe, 0xed, 0xfa, 0xcf],
    [0xce, 0xfa, 0xed, 0xfe],
    [0xcf, 0xfa, 0xed, 0xfe],
    [0xca, 0xfe, 0xba, 0xbe],
  ]) {
    if (startsWith(b, m)) return 'macho';
  }
  if (startsWith(b, ascii('#!'))) return 'script';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'gif';
  if (startsWith(b, ascii('Rar!\x1a\x07'))) return 'rar';
  if (startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  const text = Buffer.from(b.subarray(0, 512)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<script')) return 'html';
  return 'unknown';
}

/**
 * What office file a ZIP is, from its parts: `[Content_Types].xml` must be there and name the
 * main part, and the main part must exist (`word/document.xml`, `ppt/presentation.xml`).
 */
export function refineZip(zip: ZipReader): 'docx' | 'pptx' | 'xlsx' | 'zip' {
  const ct = zip.entry('[Content_Types].xml');
  if (!ct || ct.uncompressedSize > 1024 * 1024) return 'zip';
  let types: string;
  try {
    types = zip.read(ct).toString('utf8');
  } catch {
    return 'zip';
  }
  if (zip.has('word/document.xml') && types.includes('wordprocessingml.document.main+xml')) return 'docx';
  if (zip.has('ppt/presentation.xml') && types.includes('presentationml.presentation.main+xml')) return 'pptx';
  if (zip.has('xl/workbook.xml')) return 'xlsx';
  return 'zip';
}

function utf16Name(name: string): Buffer {
  const b = Buffer.alloc(64);
  b.write(name, 'utf16le');
  return b;
}
const WORD_STREAM = utf16Name('WordDocument');
const PPT_STREAM = utf16Name('PowerPoint Document');

/**
 * What an OLE2 compound file (Office 97-2003) is: a directory entry named `WordDocument` makes it
 * a .doc, `PowerPoint Document` a .ppt. Directory entries are 128 bytes long and aligned to 128
 * bytes (sectors are 512 or 4096 bytes), so each candidate is checked with its name length and
 * its object type (2, a stream) rather than found anywhere in the text.
 */
export function refineOle(file: Buffer): 'doc' | 'ppt' | 'ole' {
  const sectorShift = file.length >= 32 ? file.readUInt16LE(30) : 0;
  if (sectorShift !== 9 && sectorShift !== 12) return 'ole';
  let word = false;
  let ppt = false;
  for (let p = 512; p + 128 <= file.length; p += 128) {
    const nameLength = file.readUInt16LE(p + 64);
    const type = file[p + 66];
    if (type !== 2) continue;
    if (nameLength === 26 && file.compare(WORD_STREAM, 0, 64, p, p + 64) === 0) word = true;
    else if (nameLength === 40 && file.compare(PPT_STREAM, 0, 64, p, p + 64) === 0) ppt = true;
  }
  if (word === ppt) return 'ole';
  return word ? 'doc' : 'ppt';
}
