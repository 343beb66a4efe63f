import fc from 'fast-check';
import { ZipReader } from './zip';
import { cleanText, decodeXmlEntities, docxText, pptxText, truncateText, xmlText } from './text';
import { makeDocx, makePptx } from '../testing/zipWriter';

const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('text from outside', () => {
  it('cleans pdftotext output: pages, control characters, spaces, bad UTF-8', () => {
    const raw = Buffer.concat([Buffer.from('第一页  标题\r\n正文\t内容\u0007\f第二页'), Buffer.from([0xff, 0xfe]), Buffer.from('\n\n\n\n\n结束  ')]);
    expect(cleanText(raw)).toBe('第一页 标题\n正文 内容\n\n第二页\n\n\n结束');
    expect(cleanText('   ')).toBe('');
  });

  it('keeps cleaned text valid, bounded and stable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }).map(a => Buffer.from(a) as Buffer | string), fc.string({ unit: 'binary', maxLength: 300 })), fc.integer({ min: 1, max: 200 }), (input, max) => {
        const out = cleanText(input, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(hasLoneSurrogate(out)).toBe(false);
        expect(/[\u0000-\u0009\u000b-\u001f\u007f\ufffd]/.test(out)).toBe(false);
        expect(out).toBe(out.trim());
        expect(cleanText(out, max)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts without splitting a surrogate pair', () => {
    expect(truncateText('a𠀀b', 2)).toBe('a');
    expect(truncateText('a𠀀b', 3)).toBe('a𠀀');
  });

  it('decodes XML entities, dropping invalid references', () => {
    expect(decodeXmlEntities('a&amp;b&lt;&#x4E2D;&#25991;&#0;&#xD800;&#x110000;&bogus;')).toBe('a&b<中文&bogus;');
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 100 }), s => expect(hasLoneSurrogate(decodeXmlEntities(s.replace(/[\ud800-\udfff]/g, '')))).toBe(false)));
  });

  it('reads the text of Word and PowerPoint parts', () => {
    expect(docxText(ZipReader.open(makeDocx(['数字证书申请流程', 'USB-key 使用 & 注意事项'])))).toBe('数字证书申请流程\nUSB-key 使用 & 注意事项');
    expect(pptxText(ZipReader.open(makePptx([['第一张'], ['第二张', '要点'], ['第三张']]).subarray(0)))).toBe('第一张\n\n第二张\n要点\n\n第三张');
    expect(xmlText('<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t><![CDATA[<c>]]></w:t></w:r></w:p>', { text: 'w:t', paragraph: 'w:p', lineBreaks: ['w:br'], tab: 'w:tab' })).toBe('a b\n<c>\n');
  });

  it('never throws on hostile XML, stays bounded and linear', () => {
    const rules = { text: 'w:t', paragraph: 'w:p', lineBreaks: ['w:br'] };
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<w:t>', '</w:t>', '<w:p/>', '<', '>', '&amp;', '&#x4e2d;', 'x', '中', '<![CDATA[', ']]>', '<!--', '<?x?>', '/'), { maxLength: 200 }), parts => {
        const out = xmlText(parts.join(''), rules, 100);
        expect(out.length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 2000 },
    );
    const start = Date.now();
    xmlText('<a'.repeat(200_000), rules);
    xmlText('<![CDATA['.repeat(50_000), rules);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
