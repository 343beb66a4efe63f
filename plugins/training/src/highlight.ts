/** A piece of a snippet: matched by the query or not. */
export interface Segment {
  text: string;
  hit: boolean;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The terms of a search query to highlight, longest first: the whole query, its words, and for
 * Chinese (which the server matches by character bigrams) every bigram of each run of Chinese
 * characters, or the single character of a one-character run.
 */
export function queryTerms(query: string): string[] {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (!q) return [];
  const terms = new Set<string>([q]);
  for (const word of q.split(/\s+/).filter(Boolean)) {
    terms.add(word);
    for (const run of word.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []) {
      const chars = [...run];
      if (chars.length === 1) terms.add(run);
      for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1]);
    }
    for (const part of word.split(/[\p{P}\u3400-\u9fff\uf900-\ufaff]+/u).filter(Boolean)) terms.add(part);
  }
  return [...terms].filter(t => t.length > 1 || CJK.test(t)).sort((a, b) => b.length - a.length);
}

/** Splits `text` into segments, marking every occurrence of the query's terms (case-insensitive). */
export function highlight(text: string, query: string): Segment[] {
  const terms = queryTerms(query);
  if (!text) return [];
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
      for (let i = at; i < at + term.length; i++) marked[i] = true;
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1];
    if (last && last.hit === marked[i]) last.text += text[i];
    else out.push({ text: text[i], hit: marked[i] });
  }
  return out;
}
