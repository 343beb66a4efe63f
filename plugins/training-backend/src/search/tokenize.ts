/**
 * Search terms that work for Chinese without a word segmenter and without database extensions:
 * text is normalised (NFKC, so full-width letters and digits become ASCII; lower case), runs of
 * CJK characters become overlapping character bigrams (a lone character stays a unigram; the
 * index also keeps every character alone), and
 * runs of other letters and digits become words. A phrase is found through its bigrams, which
 * every engine can index in an ordinary table.
 */

/** Longest word term kept (longer ones are cut). */
export const MAX_TERM_LENGTH = 32;

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u3006\\u30fc';
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');
const WORD = /[\p{L}\p{N}]/u;
const CJK_GAP = new RegExp(`([${CJK_CLASS}])\\s+(?=[${CJK_CLASS}])`, 'gu');

/**
 * Removes white space between two CJK characters: Chinese is written without spaces, and the
 * line breaks text extractors put where a line wrapped (pdftotext) would otherwise cut words.
 */
export function squeezeCjk(text: string): string {
  return text.replace(CJK_GAP, '$1');
}

/**
 * The form text and queries are compared in: NFKC (full-width letters and digits become ASCII),
 * lower case, no white space between CJK characters, other white space runs as one space.
 */
export function normalizeForSearch(text: string): string {
  return squeezeCjk(text.normalize('NFKC').toLowerCase()).replace(/\s+/g, ' ');
}

/**
 * The distinct terms of `text`, in order of first appearance, at most `maxTerms`.
 * @param text - any text
 * @param maxTerms - stop after this many distinct terms
 * @param forIndex - also every CJK character alone, so that a one-character query finds it inside
 *   longer runs (a query's own terms are its bigrams, or the character of a one-character run)
 */
export function searchTerms(text: string, maxTerms = Number.MAX_SAFE_INTEGER, forIndex = false): string[] {
  const terms = new Set<string>();
  const add = (t: string) => {
    if (terms.size < maxTerms) terms.add(t);
  };
  let cjkRun: string[] = [];
  let word = '';
  const flushCjk = () => {
    if (cjkRun.length === 1 && !forIndex) add(cjkRun[0]);
    for (let i = 0; i < cjkRun.length; i++) {
      if (forIndex) add(cjkRun[i]);
      if (i + 1 < cjkRun.length) add(cjkRun[i] + cjkRun[i + 1]);
    }
    cjkRun = [];
  };
  const flushWord = () => {
    if (word) add([...word].slice(0, MAX_TERM_LENGTH).join(''));
    word = '';
  };
  for (const ch of normalizeForSearch(text)) {
    if (terms.size >= maxTerms) break;
    if (CJK.test(ch)) {
      flushWord();
      cjkRun.push(ch);
    } else if (WORD.test(ch)) {
      flushCjk();
      word += ch;
    } else {
      flushCjk();
      flushWord();
    }
  }
  flushCjk();
  flushWord();
  return [...terms];
}
