/**
 * Text clean-up, character counting and line wrapping.
 *
 * These are pure functions: widths come from a caller-supplied measure, so the wrapping rules can
 * be tested without a font.
 */

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Line separators of all conventions (CR LF, CR, LF, NEL, LS, PS). */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
/** Tab and the space separators that become an ordinary space (U+3000 is kept: it is full-width). */
const SPACES = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F]/g;
/** Control (Cc) and format (Cf) characters other than LF: invisible, removed. */
const INVISIBLE = /(?!\n)[\p{Cc}\p{Cf}]/gu;
/** Combining marks, which stay with the character before them. */
const MARK = /\p{M}/u;

/**
 * Cleans caller text for drawing: lone surrogates become U+FFFD, tabs and exotic spaces become
 * spaces, control and format characters are removed (zero-width spaces, bidi overrides, BOM, ...).
 * Line breaks become `\n` when `multiline`, otherwise a space; single-line text is also trimmed.
 *
 * @param text - any string
 * @param multiline - whether line breaks are kept
 */
export function cleanText(text: string, multiline: boolean): string {
  const t = text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(LINE_BREAKS, multiline ? '\n' : ' ')
    .replace(SPACES, ' ')
    .replace(INVISIBLE, '');
  return multiline ? t : t.trim();
}

/**
 * The number of code points in `text`, counting at most up to `cap + 1` (so that a huge string
 * costs no more than the limit it is checked against).
 *
 * @param text - any string
 * @param cap - stop counting once the count exceeds this
 */
export function countCodePoints(text: string, cap = Number.MAX_SAFE_INTEGER): number {
  // a string of n UTF-16 units holds between n/2 and n code points
  if (text.length <= cap) {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
        const p = text.charCodeAt(i - 1);
        if (p >= 0xd800 && p <= 0xdbff) continue;
      }
      n++;
    }
    return n;
  }
  if (text.length > 2 * (cap + 1)) return cap + 1;
  let n = 0;
  for (const _ of text) {
    if (++n > cap) return n;
  }
  return n;
}

/** A width function: the advance of a cluster (a character and its combining marks), in points. */
export type Measure = (cluster: string) => number;

/**
 * Splits text into clusters: a character followed by its combining marks.
 * @internal
 */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (out.length > 0 && ch.codePointAt(0)! >= 0x300 && MARK.test(ch)) {
      out[out.length - 1] += ch;
    } else {
      out.push(ch);
    }
  }
  return out;
}

/**
 * Characters a line may not start with (closing brackets and quotes, sentence punctuation,
 * Chinese/Japanese small kana and prolonged sound marks).
 */
const NO_BREAK_BEFORE = new Set(
  Array.from(
    '!%),.:;?]}¢°·’”′″℃‰、。〃々〉》」』】〕〗〙〛〜〞〟！％），．：；？］｝～｠…‥・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ',
  ),
);
/** Characters a line may not end with (opening brackets and quotes, currency signs). */
const NO_BREAK_AFTER = new Set(Array.from('([{£¥‘“〈《「『【〔〖〘〚〝（［｛｟＄￥$'));

/**
 * Whether a line may break before or after this code point on its own account: ideographs, kana,
 * hangul, full-width forms, CJK punctuation, emoji and the substitution box (□).
 */
function isCjkLike(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x2e80 && cp <= 0x303f) ||
    (cp >= 0x3040 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe6f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    cp === 0x25a1 ||
    cp >= 0x1f000
  );
}

/** Whether a line break is allowed between clusters `a` and `b`. */
function canBreakBetween(a: string, b: string): boolean {
  if (b === ' ') return false; // spaces stay at the end of the line they follow
  const bFirst = b.codePointAt(0)!;
  if (NO_BREAK_BEFORE.has(String.fromCodePoint(bFirst))) return false;
  const aFirst = a.codePointAt(0)!;
  if (NO_BREAK_AFTER.has(String.fromCodePoint(aFirst))) return false;
  if (a === ' ') return true;
  return isCjkLike(aFirst) || isCjkLike(bFirst);
}

interface Piece {
  clusters: string[];
  widths: number[];
  /** total advance, trailing spaces included */
  width: number;
  /** advance of the trailing spaces */
  trail: number;
}

function toPieces(text: string, measure: Measure): Piece[] {
  const cs = clusters(text);
  const pieces: Piece[] = [];
  let cur: Piece | undefined;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i];
    if (!cur || canBreakBetween(cs[i - 1], c)) {
      cur = { clusters: [], widths: [], width: 0, trail: 0 };
      pieces.push(cur);
    }
    const w = measure(c);
    cur.clusters.push(c);
    cur.widths.push(w);
    cur.width += w;
    cur.trail = c === ' ' ? cur.trail + w : 0;
  }
  return pieces;
}

/**
 * Wraps text into lines no wider than `maxWidth` (by `measure`). Line breaks in the text (`\n`)
 * start new lines; an empty paragraph gives an empty line. Breaks fall after spaces and between
 * CJK characters, never before closing punctuation (，。）》 ...) or after opening punctuation; a
 * word longer than a line is broken between characters. Every line holds at least one cluster, so
 * a cluster wider than `maxWidth` gets a line of its own. Trailing spaces are dropped.
 *
 * @param text - cleaned text (see {@link cleanText})
 * @param maxWidth - line width in points
 * @param measure - advance of a cluster in points
 * @param firstIndent - indent of the first line of every paragraph, in points
 */
export function wrapText(text: string, maxWidth: number, measure: Measure, firstIndent = 0): string[] {
  const lines: string[] = [];
  const eps = 1e-6;
  for (const para of text.split('\n')) {
    let limit = Math.max(maxWidth - firstIndent, 0);
    let line = '';
    let lineWidth = 0; // trailing spaces included
    let ink = false; // whether the line holds more than spaces
    const push = () => {
      lines.push(line.replace(/ +$/, ''));
      line = '';
      lineWidth = 0;
      ink = false;
      limit = Math.max(maxWidth, 0);
    };
    const addCluster = (c: string, w: number) => {
      if (c !== ' ' && lineWidth + w > limit + eps) {
        if (ink) push();
        else {
          line = '';
          lineWidth = 0;
        }
      }
      line += c;
      lineWidth += w;
      if (c !== ' ') ink = true;
    };
    for (const p of toPieces(para, measure)) {
      const pieceInk = p.width - p.trail;
      if (lineWidth + pieceInk > limit + eps) {
        if (ink) push();
        else {
          // leading spaces that leave no room for the piece are dropped
          line = '';
          lineWidth = 0;
        }
      }
      if (lineWidth + pieceInk <= limit + eps) {
        line += p.clusters.join('');
        lineWidth += p.width;
        if (p.clusters.some(c => c !== ' ')) ink = true;
      } else {
        // the piece alone is too long for the line: break it between characters
        for (let k = 0; k < p.clusters.length; k++) addCluster(p.clusters[k], p.widths[k]);
      }
    }
    push();
  }
  return lines;
}

/**
 * Shortens single-line text to fit `maxWidth`, ending it with an ellipsis (…) when cut.
 *
 * @param text - cleaned single-line text
 * @param maxWidth - width in points
 * @param measure - advance of a cluster in points
 */
export function truncateText(text: string, maxWidth: number, measure: Measure): string {
  const cs = clusters(text);
  const widths = cs.map(measure);
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= maxWidth + 1e-6) return text;
  const budget = maxWidth - measure('…');
  let w = 0;
  let n = 0;
  while (n < cs.length && w + widths[n] <= budget) w += widths[n++];
  return `${cs.slice(0, n).join('').replace(/ +$/, '')}…`;
}
