import fc from 'fast-check';
import { MAX_TERM_LENGTH, normalizeForSearch, searchTerms, squeezeCjk } from './tokenize';

describe('search terms', () => {
  it('cuts Chinese into bigrams and other text into words', () => {
    expect(searchTerms('数字证书')).toEqual(['数字', '字证', '证书']);
    expect(searchTerms('印')).toEqual(['印']);
    expect(searchTerms('USB-key 使用说明')).toEqual(['usb', 'key', '使用', '用说', '说明']);
    expect(searchTerms('ＵＳＢ－ＫＥＹ')).toEqual(['usb', 'key']);
    expect(searchTerms('证书，申请')).toEqual(['证书', '申请']);
    expect(searchTerms('a'.repeat(100))).toEqual(['a'.repeat(MAX_TERM_LENGTH)]);
    expect(searchTerms('数字证书', 100, true)).toEqual(['数', '数字', '字', '字证', '证', '证书', '书']);
  });

  it('joins CJK text cut by line wraps and spaces', () => {
    expect(squeezeCjk('加盖公章的申\n请表 USB key')).toBe('加盖公章的申请表 USB key');
    expect(normalizeForSearch('申请\n 表  ＡＢ\n\nc')).toBe('申请表 ab c');
    expect(searchTerms('申\n请')).toEqual(['申请']);
  });

  it('finds every term of a phrase among the terms of a text containing it', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'证书申请电子印章签章客户端运维使用 abcUSB-key123，。'), maxLength: 40 }),
        fc.string({ unit: fc.constantFrom(...'证书申请电子印章签章客户端运维使用 abcUSB-key123，。'), maxLength: 12 }),
        fc.string({ unit: fc.constantFrom(...'证书申请电子印章 ，。'), maxLength: 40 }),
        (before, phrase, after) => {
          // the index holds every term of any phrase of the text
          const text = `${before} ${phrase} ${after}`;
          const all = new Set(searchTerms(text, undefined, true));
          for (const t of searchTerms(phrase)) expect(all.has(t)).toBe(true);
        },
      ),
    );
  });

  it('returns distinct, bounded terms and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 0, max: 50 }), (s, max) => {
        const terms = searchTerms(s, max);
        expect(terms.length).toBeLessThanOrEqual(max);
        expect(new Set(terms).size).toBe(terms.length);
        for (const t of terms) expect([...t].length).toBeLessThanOrEqual(MAX_TERM_LENGTH);
      }),
    );
  });
});
