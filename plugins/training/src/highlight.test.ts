import { highlight, queryTerms } from './highlight';

describe('queryTerms', () => {
  it('takes the phrase, its words and the bigrams of Chinese', () => {
    expect(queryTerms('电子印章')).toEqual(['电子印章', '电子', '子印', '印章']);
    expect(queryTerms(' USB-key 使用 ')).toEqual(expect.arrayContaining(['usb-key 使用', 'usb-key', 'usb', 'key', '使用']));
    expect(queryTerms('')).toEqual([]);
  });

  it('keeps a single Chinese character but not a single letter', () => {
    expect(queryTerms('章')).toEqual(['章']);
    expect(queryTerms('a')).toEqual([]);
  });
});

describe('highlight', () => {
  it('marks the phrase', () => {
    expect(highlight('本章介绍电子印章的申请流程', '电子印章')).toEqual([
      { text: '本章介绍', hit: false },
      { text: '电子印章', hit: true },
      { text: '的申请流程', hit: false },
    ]);
  });

  it('marks bigrams found apart and words in any case', () => {
    const segments = highlight('印章与电子证书 USB Key', '电子印章 usb');
    expect(segments.filter(s => s.hit).map(s => s.text)).toEqual(['印章', '电子', 'USB']);
    expect(segments.map(s => s.text).join('')).toBe('印章与电子证书 USB Key');
  });

  it('returns the text unmarked when nothing matches, and nothing for no text', () => {
    expect(highlight('无关内容', '证书')).toEqual([{ text: '无关内容', hit: false }]);
    expect(highlight('', '证书')).toEqual([]);
  });
});
