import fc from 'fast-check';
import { DOC_MARGINS } from './document';
import { renderPdf, type PdfBlock, type PdfDocSpec } from './index';
import { cleanTemp, pdfInfo, pdfText, pdfWords, qpdfCheck, squeeze } from './testUtils';

afterAll(cleanTemp);

/** Characters that stress the text path: controls, format characters, emoji, CJK, lone surrogates. */
const unit = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u00ad'),
  fc.constantFrom('\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\u2028', '\ufe0f', '\u0301', '\u3000', '\u00a0'),
  fc.constantFrom('😀', '👨‍👩‍👧', '🇨🇳', '👍🏽', '𠀀', '𪚥', '\ud800', '\udfff', '\uffff', '\ue000'),
  fc.integer({ min: 0x4e00, max: 0x9fa5 }).map(c => String.fromCodePoint(c)),
  fc.constantFrom('，', '。', '（', '）', '《', '》', '“', '”', ' ', ' ', '-', '/'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
);
const text = (maxLength: number) => fc.string({ unit, maxLength });

const block: fc.Arbitrary<PdfBlock> = fc.oneof(
  fc.record({ kind: fc.constant('heading' as const), text: text(40), level: fc.constantFrom(1 as const, 2 as const) }),
  fc.record({
    kind: fc.constant('paragraph' as const),
    text: text(300),
    align: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
    size: fc.double({ min: 6, max: 48, noNaN: true }),
  }),
  fc.integer({ min: 1, max: 6 }).chain(n =>
    fc.record({
      kind: fc.constant('table' as const),
      columns: fc.array(
        fc.record({
          title: text(30),
          width: fc.double({ min: 0.01, max: 100, noNaN: true }),
          align: fc.constantFrom('left' as const, 'center' as const, 'right' as const),
        }),
        { minLength: n, maxLength: n },
      ),
      rows: fc.array(fc.array(text(80), { maxLength: n }), { maxLength: 25 }),
    }),
  ),
  fc.record({
    kind: fc.constant('keyValues' as const),
    items: fc.array(fc.tuple(text(20), text(120)), { maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('spacer' as const), height: fc.double({ min: 0, max: 2000, noNaN: true }) }),
  fc.constant({ kind: 'pageBreak' as const }),
);

const docSpec: fc.Arbitrary<PdfDocSpec> = fc.record(
  {
    title: text(60),
    subtitle: text(60),
    author: text(20),
    footer: text(80),
    landscape: fc.boolean(),
    pageNumbers: fc.boolean(),
    blocks: fc.array(block, { maxLength: 8 }),
    createdAt: fc.constant(new Date('2026-12-01T00:00:00Z')),
  },
  { requiredKeys: ['title', 'blocks'] },
);

describe('renderPdf on random input', () => {
  it('never crashes and always produces a PDF that qpdf accepts, with nothing off the page', async () => {
    await fc.assert(
      fc.asyncProperty(docSpec, async spec => {
        const pdf = await renderPdf(spec);
        const check = qpdfCheck(pdf);
        expect(check.output).toContain('No syntax or stream encoding errors');
        expect(check.status).toBe(0);
        const pages = Number(pdfInfo(pdf).Pages);
        expect(pages).toBeGreaterThanOrEqual(1);
        const t = pdfText(pdf);
        // no control characters come back out (pdftotext separates pages with form feeds)
        expect(t).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/);
        if (spec.pageNumbers !== false) expect(squeeze(t)).toContain(`第${pages}页/共${pages}页`);
        const { pages: sizes, words } = pdfWords(pdf);
        for (const w of words) {
          const { width, height } = sizes[w.page - 1];
          expect(w.xMin).toBeGreaterThanOrEqual(DOC_MARGINS.left - 0.5);
          expect(w.xMax).toBeLessThanOrEqual(width - DOC_MARGINS.right + 0.5);
          expect(w.yMin).toBeGreaterThanOrEqual(DOC_MARGINS.top - 0.5);
          expect(w.yMax).toBeLessThanOrEqual(height - 10);
        }
      }),
      { numRuns: 15 },
    );
  });
});
