import { DOC_MARGINS } from './document';
import { PdfDocError } from './errors';
import { PDF_LIMITS, renderPdf, type PdfBlock, type PdfDocSpec } from './index';
import { cleanTemp, pdfFonts, pdfInfo, pdfText, pdfWords, qpdfCheck, squeeze, type WordBox } from './testUtils';

afterAll(cleanTemp);

const createdAt = new Date('2026-12-01T08:00:00Z');

/** Pages of `pdfinfo`. */
const pageCount = (pdf: Buffer) => Number(pdfInfo(pdf).Pages);

/** Asserts every word lies inside the content area, or (footer) inside the bottom margin. */
function expectInsideMargins(pdf: Buffer): WordBox[] {
  const { pages, words } = pdfWords(pdf);
  const tol = 0.5;
  for (const wd of words) {
    const { width, height } = pages[wd.page - 1];
    expect(wd.xMin).toBeGreaterThanOrEqual(DOC_MARGINS.left - tol);
    expect(wd.xMax).toBeLessThanOrEqual(width - DOC_MARGINS.right + tol);
    expect(wd.yMin).toBeGreaterThanOrEqual(DOC_MARGINS.top - tol);
    if (wd.yMin < height - DOC_MARGINS.bottom) {
      // body text ends above the bottom margin
      expect(wd.yMax).toBeLessThanOrEqual(height - DOC_MARGINS.bottom + tol);
    } else {
      // the footer stays on the page
      expect(wd.yMax).toBeLessThanOrEqual(height - 10);
    }
  }
  return words;
}

describe('renderPdf', () => {
  const roster: PdfDocSpec = {
    title: '二〇二六年十二月值班表',
    subtitle: '电子签章服务中心 · 运维部',
    author: '运维部 Ops',
    footer: '内部资料 Internal',
    createdAt,
    blocks: [
      { kind: 'heading', text: '一、值班说明' },
      {
        kind: 'paragraph',
        text: '值班人员须于 08:30 前到岗，遇到 CA 证书签发（OCSP、TSA）故障时按预案处理。Contact the on-call engineer by phone.',
      },
      { kind: 'keyValues', items: [['负责人', '王小明'], ['联系电话', '010-8888 6666'], ['Email', 'ops@example.cn']] },
      { kind: 'heading', text: '二、排班明细', level: 2 },
      {
        kind: 'table',
        columns: [{ title: '日期' }, { title: '值班人员' }, { title: '备注', width: 3 }],
        rows: [
          ['12月1日', '张伟', '早班 Early shift'],
          ['12月2日', '李娜', '晚班，含周末巡检'],
        ],
      },
    ],
  };

  it('produces a PDF that qpdf accepts, with the Chinese text extractable by pdftotext', async () => {
    const pdf = await renderPdf(roster);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const check = qpdfCheck(pdf);
    expect(check.output).toContain('No syntax or stream encoding errors');
    expect(check.status).toBe(0);
    // pdftotext breaks lines where they wrap and drops some spaces between CJK and digits
    const text = squeeze(pdfText(pdf));
    for (const s of [
      '二〇二六年十二月值班表',
      '电子签章服务中心 · 运维部',
      '一、值班说明',
      '二、排班明细',
      '值班人员须于 08:30 前到岗，遇到 CA 证书签发（OCSP、TSA）故障时按预案处理。',
      'Contact the on-call engineer by phone.',
      '王小明',
      '010-8888 6666',
      'ops@example.cn',
      '张伟',
      '早班 Early shift',
      '晚班，含周末巡检',
      '内部资料 Internal',
      '第 1 页 / 共 1 页',
    ]) {
      expect(text).toContain(squeeze(s));
    }
    // and the spaces between Latin words survive
    expect(pdfText(pdf)).toContain('Contact the on-call');
  });

  it('sets the document information and embeds a subset of WenQuanYi Micro Hei with a ToUnicode map', async () => {
    const pdf = await renderPdf(roster);
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('二〇二六年十二月值班表');
    expect(info.Author).toBe('运维部 Ops');
    expect(info.Subject).toBe('电子签章服务中心 · 运维部');
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)/);
    expect(new Date(info.CreationDate).getTime()).toBe(createdAt.getTime());
    const fonts = pdfFonts(pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0].name).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
    expect(fonts[0]).toMatchObject({ type: 'CID TrueType', emb: 'yes', sub: 'yes', uni: 'yes' });
    // a subset: far smaller than the 5 MB collection
    expect(pdf.length).toBeLessThan(100_000);
  });

  it('is byte-identical for the same spec and createdAt', async () => {
    const a = await renderPdf(roster);
    const b = await renderPdf({ ...roster });
    expect(Buffer.compare(a, b)).toBe(0);
    const c = await renderPdf({ ...roster, createdAt: new Date('2027-01-01T00:00:00Z') });
    expect(Buffer.compare(a, c)).not.toBe(0);
  });

  it('lays out A4 landscape', async () => {
    const pdf = await renderPdf({ ...roster, landscape: true });
    expect(pdfInfo(pdf)['Page size']).toMatch(/^841\.8\d x 595\.2\d pts \(A4\)/);
    expect(qpdfCheck(pdf).status).toBe(0);
    expectInsideMargins(pdf);
  });

  describe('a long table', () => {
    const note = (i: number) =>
      i % 9 === 0 ? `第${i}行的长备注：含有 English words 与中文混排的说明文字，需要在单元格内自动换行，且不能超出表格的边界。` : '正常';
    const rows = Array.from({ length: 260 }, (_, i) => [`R${String(i + 1).padStart(4, '0')}`, `员工${i + 1}`, note(i + 1)]);
    const spec: PdfDocSpec = {
      title: '考勤报表',
      footer: '电子签章服务中心',
      createdAt,
      blocks: [
        {
          kind: 'table',
          columns: [{ title: '记录编号' }, { title: '人员姓名' }, { title: '考勤备注', width: 4 }],
          rows,
        },
      ],
    };
    let pdf: Buffer;
    beforeAll(async () => {
      pdf = await renderPdf(spec);
    });

    it('spans several pages, with the header row and "第 n 页 / 共 m 页" on each', () => {
      expect(qpdfCheck(pdf).status).toBe(0);
      const pages = pageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(4);
      for (let n = 1; n <= pages; n++) {
        const t = squeeze(pdfText(pdf, n));
        expect(t).toContain('记录编号');
        expect(t).toContain('人员姓名');
        expect(t).toContain('考勤备注');
        expect(t).toContain(`第${n}页/共${pages}页`);
        expect(t).toContain('电子签章服务中心');
        // the header comes before the rows of the page
        expect(t.indexOf('考勤备注')).toBeLessThan(t.search(/R\d{4}/));
      }
    });

    it('keeps every row, once, in order', () => {
      const t = pdfText(pdf);
      let last = -1;
      for (const [id, name] of rows) {
        const at = t.indexOf(id);
        expect(at).toBeGreaterThan(last);
        expect(t.indexOf(id, at + 1)).toBe(-1);
        expect(t).toContain(name);
        last = at;
      }
      expect(squeeze(t)).toContain(squeeze(note(9)));
    });

    it('draws nothing outside the page margins', () => {
      expectInsideMargins(pdf);
    });
  });

  it('wraps long cells inside their column, whatever the text', async () => {
    const url = 'https://example.cn/verify?serial=' + 'A1B2C3D4E5'.repeat(12);
    const pdf = await renderPdf({
      title: '',
      createdAt,
      blocks: [
        {
          kind: 'table',
          columns: [{ title: '链接', width: 1 }, { title: '说明', width: 5 }, { title: '金额', width: 1, align: 'right' }],
          rows: [
            [url, '短', '1,234.00'],
            ['甲乙丙丁戊己庚辛壬癸'.repeat(3), `${'x'.repeat(300)} 尾`, '99'],
          ],
        },
      ],
    });
    expect(qpdfCheck(pdf).status).toBe(0);
    const words = expectInsideMargins(pdf);
    // the first column is 1/7 of the content width
    const contentWidth = 595.28 - DOC_MARGINS.left - DOC_MARGINS.right;
    const firstRight = DOC_MARGINS.left + contentWidth / 7;
    const inFirst = words.filter(w => w.xMin < firstRight - 1 && !/页/.test(w.text));
    expect(inFirst.length).toBeGreaterThan(5);
    for (const w of inFirst) expect(w.xMax).toBeLessThanOrEqual(firstRight + 0.5);
    // the URL's pieces, top to bottom, make up the URL
    const pieces = inFirst.filter(w => /^[\x21-\x7e]+$/.test(w.text)).sort((a, b) => a.yMin - b.yMin);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.map(w => w.text).join('')).toBe(url);
    // right-aligned amounts end at the column's right edge (less padding)
    const amount = words.find(w => w.text === '1,234.00')!;
    expect(amount.xMax).toBeGreaterThan(595.28 - DOC_MARGINS.right - 12);
  });

  it('splits a row taller than a page across pages, repeating the header', async () => {
    const tokens = Array.from({ length: 700 }, (_, i) => `〔${i}〕甲乙丙丁`);
    const pdf = await renderPdf({
      title: '培训记录',
      createdAt,
      blocks: [
        { kind: 'paragraph', text: '以下为培训内容全文。' },
        { kind: 'table', columns: [{ title: '课程' }, { title: '内容', width: 4 }], rows: [['电子签章', tokens.join('')], ['结束', '完']] },
      ],
    });
    expect(qpdfCheck(pdf).status).toBe(0);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(3);
    const { words } = pdfWords(pdf);
    for (let n = 1; n <= pages; n++) {
      const onPage = words.filter(w => w.page === n);
      const header = onPage.filter(w => w.text === '课程' || w.text === '内容');
      expect(header).toHaveLength(2);
      const body = onPage.filter(w => w.text.includes('〔'));
      expect(body.length).toBeGreaterThan(0);
      for (const w of body) expect(w.yMin).toBeGreaterThan(Math.max(...header.map(h => h.yMax)));
    }
    // without the title, paragraph, header and footers, the pages hold the cells' text in order
    const body = Array.from({ length: pages }, (_, i) =>
      squeeze(pdfText(pdf, i + 1))
        .replace(/^培训记录以下为培训内容全文。/, '')
        .replace(/第\d+页\/共\d+页$/, '')
        .replace('课程', '')
        .replace('内容', '')
        .replace('电子签章', ''),
    ).join('');
    expect(body).toBe(`${tokens.join('')}结束完`);
    expectInsideMargins(pdf);
  });

  it('prints the footer and page numbers as asked', async () => {
    const blocks: PdfBlock[] = [{ kind: 'paragraph', text: '第一页' }, { kind: 'pageBreak' }, { kind: 'paragraph', text: '第二页' }];
    const numbered = await renderPdf({ title: '页码', blocks, createdAt });
    expect(pageCount(numbered)).toBe(2);
    expect(squeeze(pdfText(numbered, 1))).toContain('第1页/共2页');
    expect(squeeze(pdfText(numbered, 2))).toContain('第2页/共2页');
    const footerOnly = await renderPdf({ title: '页码', blocks, footer: '仅页脚', pageNumbers: false, createdAt });
    expect(pdfText(footerOnly, 2)).toContain('仅页脚');
    expect(squeeze(pdfText(footerOnly))).not.toContain('页/共');
    const long = await renderPdf({ title: '页码', blocks, footer: '很长的页脚'.repeat(40), createdAt });
    const t = pdfText(long, 2);
    expect(t).toContain('…');
    expect(squeeze(t)).toContain('第2页/共2页');
    expectInsideMargins(long);
  });

  it('breaks pages on request without blank pages, and flows long paragraphs', async () => {
    const pdf = await renderPdf({
      title: '分页',
      createdAt,
      blocks: [
        { kind: 'pageBreak' },
        { kind: 'pageBreak' },
        { kind: 'paragraph', text: '第二页内容' },
        { kind: 'pageBreak' },
        { kind: 'paragraph', text: '一段很长的文字。'.repeat(900), size: 12 },
        { kind: 'spacer', height: 5000 },
        { kind: 'heading', text: '末尾标题' },
      ],
    });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(squeeze(pdfText(pdf, 1))).toContain('分页');
    expect(squeeze(pdfText(pdf, 2))).toContain('第二页内容');
    expect(squeeze(pdfText(pdf, 3))).toMatch(/^一段很长的文字。/);
    expect(squeeze(pdfText(pdf, pages))).toMatch(/^末尾标题/);
    // no blank pages: every page has more than its footer (第n页/共m页, 7 characters)
    for (let n = 1; n <= pages; n++) expect(squeeze(pdfText(pdf, n)).length).toBeGreaterThan(7);
    expectInsideMargins(pdf);
  });

  it('removes control characters and draws □ for characters the font lacks', async () => {
    const pdf = await renderPdf({
      title: '控制\u0000字符\u0007测试',
      createdAt,
      blocks: [{ kind: 'paragraph', text: 'A\u0000B\u001bC\u202eD\u200bE\ufeffF 表情😀 孤\ud800立' }],
    });
    expect(qpdfCheck(pdf).status).toBe(0);
    const t = pdfText(pdf);
    expect(t).toContain('控制字符测试');
    // the lone surrogate became U+FFFD, which the font has
    expect(t).toContain('ABCDEF 表情□ 孤\ufffd立');
    expect(t).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f]/);
    expect(pdfInfo(pdf).Title).toBe('控制字符测试');
  });

  it('renders an empty document as one page', async () => {
    const pdf = await renderPdf({ title: '', blocks: [], createdAt });
    expect(qpdfCheck(pdf).status).toBe(0);
    expect(pageCount(pdf)).toBe(1);
    expect(squeeze(pdfText(pdf))).toBe('第1页/共1页');
  });

  describe('limits', () => {
    const table = (n: number): PdfBlock => ({ kind: 'table', columns: [{ title: 'n' }], rows: Array.from({ length: n }, () => ['x']) });

    it('refuses more than 20,000 table rows before rendering anything', async () => {
      expect(PDF_LIMITS.maxTableRows).toBe(20_000);
      const t0 = Date.now();
      await expect(renderPdf({ title: 't', blocks: [table(20_001)] })).rejects.toMatchObject({ code: 'PDF_TOO_LARGE' });
      await expect(renderPdf({ title: 't', blocks: [table(10_000), table(10_001)] })).rejects.toMatchObject({
        code: 'PDF_TOO_LARGE',
      });
      await expect(
        renderPdf({ title: 't', blocks: [table(19_999), { kind: 'keyValues', items: [['a', 'b'], ['c', 'd']] }] }),
      ).rejects.toMatchObject({ code: 'PDF_TOO_LARGE' });
      expect(Date.now() - t0).toBeLessThan(2000);
    });

    it('refuses more than 2,000,000 characters in total', async () => {
      expect(PDF_LIMITS.maxChars).toBe(2_000_000);
      const big = '字'.repeat(1_000_000);
      const err = await renderPdf({
        title: '标题',
        blocks: [{ kind: 'paragraph', text: big }, { kind: 'table', columns: [{ title: 'c' }], rows: [[big]] }],
      }).catch(e => e);
      expect(err).toBeInstanceOf(PdfDocError);
      expect(err.code).toBe('PDF_TOO_LARGE');
      expect(err.message).toMatch(/2000000 characters .*blocks\[1\]\.rows\[0\]\[0\]/);
      await expect(renderPdf({ title: 'x'.repeat(2_000_001), blocks: [] })).rejects.toMatchObject({ code: 'PDF_TOO_LARGE' });
    });

    it('applies lower limits from the options, including pages', async () => {
      await expect(
        renderPdf({ title: 't', blocks: [table(11)] }, { limits: { maxTableRows: 10 } }),
      ).rejects.toMatchObject({ code: 'PDF_TOO_LARGE' });
      await expect(
        renderPdf({ title: 't', blocks: [table(200)] }, { limits: { maxPages: 2 } }),
      ).rejects.toMatchObject({ code: 'PDF_TOO_LARGE', message: expect.stringMatching(/more than 2 pages/) });
      // higher limits than the defaults are ignored
      await expect(
        renderPdf({ title: 't', blocks: [table(20_001)] }, { limits: { maxTableRows: 1e9 } }),
      ).rejects.toMatchObject({ code: 'PDF_TOO_LARGE' });
    });
  });

  it('refuses malformed specs with PDF_BAD_INPUT naming the field', async () => {
    const base = { title: 't', createdAt };
    const cases: Array<[unknown, RegExp]> = [
      [null, /spec must be an object/],
      [{ blocks: [] }, /^title must be a string/],
      [{ ...base, blocks: {} }, /blocks must be an array/],
      [{ ...base, blocks: [{ kind: 'image' }] }, /blocks\[0\]\.kind "image"/],
      [{ ...base, blocks: [{ kind: 'heading', text: 'h', level: 3 }] }, /blocks\[0\]\.level/],
      [{ ...base, blocks: [{ kind: 'paragraph', text: 'p', size: 100 }] }, /blocks\[0\]\.size/],
      [{ ...base, blocks: [{ kind: 'paragraph', text: 'p', align: 'justify' }] }, /blocks\[0\]\.align/],
      [{ ...base, blocks: [{ kind: 'table', columns: [], rows: [] }] }, /columns must be a non-empty array/],
      [{ ...base, blocks: [{ kind: 'table', columns: [{ title: 'a' }], rows: [[1]] }] }, /rows\[0\]\[0\] must be a string/],
      [{ ...base, blocks: [{ kind: 'table', columns: [{ title: 'a' }], rows: [['a', 'b']] }] }, /rows\[0\] has 2 cells for 1 columns/],
      // eslint-disable-next-line no-sparse-arrays
      [{ ...base, blocks: [{ kind: 'table', columns: [{ title: 'a' }], rows: [['a'], , ['b']] }] }, /rows\[1\] must be an array/],
      [{ ...base, blocks: [{ kind: 'table', columns: [{ title: 'a', width: 0 }], rows: [] }] }, /width must be a positive/],
      [{ ...base, blocks: [{ kind: 'keyValues', items: [['a']] }] }, /items\[0\] must be a \[label, value\] pair/],
      [{ ...base, blocks: [{ kind: 'spacer', height: -1 }] }, /height must be a non-negative/],
      [{ ...base, createdAt: new Date(NaN), blocks: [] }, /createdAt must be a valid Date/],
      [
        { ...base, blocks: [{ kind: 'table', columns: Array.from({ length: 40 }, (_, i) => ({ title: `c${i}` })), rows: [] }] },
        /40 columns do not fit the page width \(at most 26\)/,
      ],
    ];
    for (const [spec, message] of cases) {
      const err = await renderPdf(spec as PdfDocSpec).catch(e => e);
      expect(err).toBeInstanceOf(PdfDocError);
      expect({ code: err.code, message: err.message }).toEqual({ code: 'PDF_BAD_INPUT', message: expect.stringMatching(message) });
    }
  });
});
