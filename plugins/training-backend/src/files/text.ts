import { ZipReader } from './zip';

/** Most characters of text kept from one file for search (the rest is not indexed). */
export const MAX_TEXT_CHARS = 400_000;

const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff\ufffd]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Cuts `s` to at most `max` UTF-16 units without splitting a surrogate pair. */
export function truncateText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

/**
 * Turns text from outside (pdftotext's output, text read from office XML) into what is stored
 * and indexed: valid UTF-8 decoded (bad sequences dropped), line breaks unified (form feeds
 * between pages become blank lines), control and invisible characters removed, runs of spaces
 * collapsed, at most three consecutive line breaks, trimmed, and cut to `maxChars`.
 */
export function cleanText(input: Buffer | string, maxChars = MAX_TEXT_CHARS): string {
  // decode no more than could survive the cut (UTF-8 uses at most 4 bytes a character)
  const raw = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: false }).decode(input.subarray(0, maxChars * 4 + 4096));
  const s = raw
    .slice(0, maxChars * 4 + 4096)
    .replace(LONE_SURROGATE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/[ \u00a0\u3000]+/g, m => (m.includes('\u3000') ? '\u3000' : ' '))
    .replace(/ *\n */g, '\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
  return truncateText(s, maxChars).trimEnd();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references; invalid references vanish. */
export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,8}|#[0-9]{1,10}|amp|lt|gt|quot|apos);/g, (_, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref];
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '';
    return String.fromCodePoint(cp);
  });
}

/** Which elements of an office XML part hold text, and which end a paragraph or break a line. */
interface XmlTextRules {
  text: string;
  paragraph: string;
  lineBreaks: readonly string[];
  tab?: string;
}

const WORD_RULES: XmlTextRules = { text: 'w:t', paragraph: 'w:p', lineBreaks: ['w:br', 'w:cr'], tab: 'w:tab' };
const SLIDE_RULES: XmlTextRules = { text: 'a:t', paragraph: 'a:p', lineBreaks: ['a:br'] };

/**
 * The text of an office XML part: character data inside text elements, a line break after each
 * paragraph. A tolerant scanner, not a full XML parser: it never throws, and stops collecting at
 * `maxChars`.
 */
export function xmlText(xml: string, rules: XmlTextRules, maxChars = MAX_TEXT_CHARS): string {
  const out: string[] = [];
  let length = 0;
  let inText = 0;
  const push = (s: string) => {
    const kept = s.length > maxChars - length ? s.slice(0, maxChars - length) : s;
    out.push(kept);
    length += kept.length;
  };
  // A scanner built on indexOf: linear whatever the input (no backtracking over hostile markup).
  let i = 0;
  while (i < xml.length && length < maxChars) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    if (textEnd > i && inText > 0) push(decodeXmlEntities(xml.slice(i, textEnd)));
    if (lt < 0) break;
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) break;
      if (inText > 0) push(xml.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt + 1);
    if (gt < 0) break;
    const inner = xml.slice(lt + 1, gt);
    i = gt + 1;
    const m = /^(\/?)([A-Za-z_][\w.-]*(?::[\w.-]+)?)/.exec(inner);
    if (!m) continue;
    const closing = m[1] === '/';
    const selfClosing = inner.endsWith('/');
    const name = m[2];
    if (name === rules.text) {
      if (closing) inText = Math.max(0, inText - 1);
      else if (!selfClosing) inText++;
    } else if (name === rules.paragraph && (closing || selfClosing)) {
      push('\n');
    } else if (!closing && rules.lineBreaks.includes(name)) {
      push('\n');
    } else if (!closing && name === rules.tab) {
      push(' ');
    }
  }
  return out.join('');
}

/** Most XML read from one office part. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

/** The text of a .docx: the main document part (headers, footers and notes are not indexed). */
export function docxText(zip: ZipReader, maxChars = MAX_TEXT_CHARS): string {
  const e = zip.entry('word/document.xml');
  if (!e || e.uncompressedSize > MAX_PART_BYTES) return '';
  return cleanText(xmlText(zip.read(e).toString('utf8'), WORD_RULES, maxChars), maxChars);
}

/** The text of a .pptx: every slide in slide order, a blank line between slides. */
export function pptxText(zip: ZipReader, maxChars = MAX_TEXT_CHARS): string {
  const slides = zip.entries
    .map(e => ({ e, n: /^ppt\/slides\/slide(\d{1,5})\.xml$/.exec(e.name) }))
    .filter(s => s.n)
    .sort((a, b) => Number(a.n![1]) - Number(b.n![1]));
  const parts: string[] = [];
  let length = 0;
  for (const { e } of slides) {
    if (length >= maxChars) break;
    if (e.uncompressedSize > MAX_PART_BYTES) continue;
    const t = xmlText(zip.read(e).toString('utf8'), SLIDE_RULES, maxChars - length);
    parts.push(t.trim());
    length += t.length;
  }
  return cleanText(parts.join('\n\n'), maxChars);
}
