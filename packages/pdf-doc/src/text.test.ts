import fc from 'fast-check';
import { cleanText, clusters, countCodePoints, truncateText, wrapText, type Measure } from './text';

/** A fixed-pitch measure: ASCII 1 unit, everything else 2 units. */
const mono: Measure = c => (c.codePointAt(0)! < 0x80 ? 1 : 2);

describe('cleanText', () => {
  it('removes control and format characters, keeps line breaks when multiline', () => {
    expect(cleanText('A\u0000B\u0007C\u001b[0m\u007fD\u0085E', true)).toBe('ABC[0mD\nE');
    expect(cleanText('a\u200bb\u202ec\ufeffd\u00ade\u2066f', true)).toBe('abcdef');
    expect(cleanText('一\r\n二\r三\u2028四\u2029五', true)).toBe('一\n二\n三\n四\n五');
    expect(cleanText('  一\r\n二\t三  ', false)).toBe('一 二 三');
  });

  it('turns exotic spaces into spaces but keeps the ideographic space', () => {
    expect(cleanText('a\u00a0b\u2003c\u3000d', true)).toBe('a b c\u3000d');
  });

  it('replaces lone surrogates and keeps pairs', () => {
    expect(cleanText('a\ud800b\udc00c😀', true)).toBe('a\ufffdb\ufffdc😀');
    expect(cleanText('\ud83d', true)).toBe('\ufffd');
  });

  it('leaves no control characters in any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (s, multiline) => {
        const t = cleanText(s, multiline);
        expect(t).not.toMatch(multiline ? /(?!\n)[\p{Cc}\p{Cf}]/u : /[\p{Cc}\p{Cf}]/u);
        expect(t).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
  });
});

describe('countCodePoints', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(countCodePoints('')).toBe(0);
    expect(countCodePoints('中文abc')).toBe(5);
    expect(countCodePoints('😀😀')).toBe(2);
    expect(countCodePoints('\udc00\ud800')).toBe(2);
  });

  it('stops past the cap', () => {
    expect(countCodePoints('x'.repeat(1000), 10)).toBe(11);
    expect(countCodePoints('😀'.repeat(10), 10)).toBe(10);
    expect(countCodePoints('😀'.repeat(11), 10)).toBe(11);
  });

  it('agrees with Array.from when under the cap', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), s => {
        expect(countCodePoints(s)).toBe(Array.from(s).length);
      }),
    );
  });
});

describe('clusters', () => {
  it('keeps combining marks with their base', () => {
    expect(clusters('e\u0301a😀')).toEqual(['e\u0301', 'a', '😀']);
  });
});

describe('wrapText', () => {
  it('breaks between CJK characters and after spaces', () => {
    expect(wrapText('一二三四五六', 6, mono)).toEqual(['一二三', '四五六']);
    expect(wrapText('hello world foo', 11, mono)).toEqual(['hello world', 'foo']);
    expect(wrapText('hello world', 7, mono)).toEqual(['hello', 'world']);
    expect(wrapText('中文mixed英文', 8, mono)).toEqual(['中文', 'mixed英', '文']);
  });

  it('keeps closing punctuation off the line start and opening punctuation off the line end', () => {
    // 。 may not start a line: 三 moves down with it
    expect(wrapText('一二三。四', 6, mono)).toEqual(['一二', '三。四']);
    // 《 may not end a line
    expect(wrapText('一二《三》', 6, mono)).toEqual(['一二', '《三》']);
  });

  it('breaks a word longer than the line between characters', () => {
    expect(wrapText('abcdefghij', 4, mono)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('ab abcdefghij', 4, mono)).toEqual(['ab', 'abcd', 'efgh', 'ij']);
  });

  it('puts a cluster wider than the line on a line of its own', () => {
    expect(wrapText('一二', 1, mono)).toEqual(['一', '二']);
  });

  it('keeps explicit line breaks, empty lines and leading spaces; drops trailing spaces', () => {
    expect(wrapText('  一\n\n二  ', 10, mono)).toEqual(['  一', '', '二']);
    expect(wrapText('', 10, mono)).toEqual(['']);
    expect(wrapText('  abcdefgh', 4, mono)).toEqual(['abcd', 'efgh']);
    expect(wrapText(' 一', 2, mono)).toEqual(['一']);
    expect(wrapText(' 》一', 3, mono)).toEqual([' 》', '一']);
  });

  it('indents the first line of each paragraph', () => {
    expect(wrapText('一二三四五\n六七八', 6, mono, 4)).toEqual(['一', '二三四', '五', '六', '七八']);
  });

  it('never loses or reorders non-space characters and respects the width', () => {
    const unit = fc.constantFrom('一', '。', '（', '）', 'a', 'b', ' ', 'x', '《', '》', '😀', '\n');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 80 }), fc.integer({ min: 2, max: 30 }), (s, width) => {
        const lines = wrapText(s, width, mono);
        expect(lines.join('').replace(/ /g, '')).toBe(s.replace(/[ \n]/g, ''));
        for (const l of lines) {
          const w = clusters(l).reduce((a, c) => a + mono(c), 0);
          expect(w).toBeLessThanOrEqual(width);
        }
      }),
    );
  });
});

describe('truncateText', () => {
  it('keeps text that fits and cuts the rest with an ellipsis', () => {
    expect(truncateText('abc', 3, mono)).toBe('abc');
    expect(truncateText('一二三四', 5, mono)).toBe('一…');
    expect(truncateText('一二三四', 6, mono)).toBe('一二…');
    expect(truncateText('ab cd', 4, mono)).toBe('ab…');
  });
});
