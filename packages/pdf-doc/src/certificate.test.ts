import { PdfDocError } from './errors';
import { renderCertificate, type CertificateSpec } from './index';
import { cleanTemp, pdfInfo, pdfText, pdfWords, qpdfCheck, squeeze } from './testUtils';

afterAll(cleanTemp);

const spec: CertificateSpec = {
  title: '培训结业证书',
  recipient: '张三',
  body: '该同志于二〇二六年十一月参加电子签章业务培训（Electronic Seal Training），完成全部课程，考核合格，特发此证。',
  issuer: '某某市电子签章服务中心',
  date: '二〇二六年十二月三十一日',
  serial: 'YX-2026-000123',
  createdAt: new Date('2026-12-31T02:00:00Z'),
};

/** Every word lies inside the inner border (30 pt from the page edges). */
function expectInsideBorder(pdf: Buffer): void {
  const { pages, words } = pdfWords(pdf);
  expect(pages).toHaveLength(1);
  const { width, height } = pages[0];
  expect(words.length).toBeGreaterThan(0);
  for (const w of words) {
    expect(w.xMin).toBeGreaterThan(30);
    expect(w.yMin).toBeGreaterThan(30);
    expect(w.xMax).toBeLessThan(width - 30);
    expect(w.yMax).toBeLessThan(height - 30);
  }
}

describe('renderCertificate', () => {
  it('is one landscape A4 page that qpdf accepts, with all fields extractable', async () => {
    const pdf = await renderCertificate(spec);
    expect(qpdfCheck(pdf).status).toBe(0);
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^841\.8\d x 595\.2\d pts \(A4\)/);
    expect(info.Title).toBe('培训结业证书');
    expect(info.Author).toBe('某某市电子签章服务中心');
    expect(info.Subject).toBe('张三');
    expect(info.Keywords).toBe('YX-2026-000123');
    const text = squeeze(pdfText(pdf));
    for (const s of [spec.title, spec.recipient, spec.body, spec.issuer, spec.date, `证书编号：${spec.serial}`]) {
      expect(text).toContain(squeeze(s));
    }
    expectInsideBorder(pdf);
  });

  it('centres the large title at the top', async () => {
    const pdf = await renderCertificate(spec);
    const { pages, words } = pdfWords(pdf);
    const title = words.find(w => w.text === '培训结业证书')!;
    expect(title).toBeDefined();
    expect((title.xMin + title.xMax) / 2).toBeCloseTo(pages[0].width / 2, 0);
    // the largest text on the page, above everything else
    const height = title.yMax - title.yMin;
    for (const w of words.filter(x => x !== title)) {
      expect(w.yMax - w.yMin).toBeLessThan(height);
      expect(w.yMin).toBeGreaterThan(title.yMax);
    }
  });

  it('is byte-identical for the same spec', async () => {
    expect(Buffer.compare(await renderCertificate(spec), await renderCertificate({ ...spec }))).toBe(0);
  });

  it('shrinks long fields to stay on one page', async () => {
    const pdf = await renderCertificate({
      ...spec,
      title: '电子签章业务高级培训结业证书（第二期）',
      recipient: '欧阳娜娜 Nana Ouyang',
      body: `${'该同志参加电子签章业务培训，完成全部课程。'.repeat(12)}\n特发此证。`,
      issuer: '某某市人力资源和社会保障局职业技能鉴定指导中心电子签章服务部',
    });
    expect(qpdfCheck(pdf).status).toBe(0);
    expect(pdfInfo(pdf).Pages).toBe('1');
    expect(squeeze(pdfText(pdf))).toContain('特发此证。');
    expectInsideBorder(pdf);
  });

  it('refuses empty, malformed or unfittable fields with PDF_BAD_INPUT', async () => {
    const cases: Array<[Partial<Record<keyof CertificateSpec, unknown>>, RegExp]> = [
      [{ recipient: '  ' }, /recipient must not be empty/],
      [{ serial: '\u0000' }, /serial must not be empty/],
      [{ title: 42 }, /title must be a string/],
      [{ createdAt: 'today' }, /createdAt must be a valid Date/],
      [{ title: '证书'.repeat(30) }, /title is too long/],
      [{ body: '很长的正文。'.repeat(200) }, /body is too long/],
      [{ issuer: '中心'.repeat(60) }, /issuer is too long/],
    ];
    for (const [patch, message] of cases) {
      const err = await renderCertificate({ ...spec, ...patch } as CertificateSpec).catch(e => e);
      expect(err).toBeInstanceOf(PdfDocError);
      expect({ code: err.code, message: err.message }).toEqual({ code: 'PDF_BAD_INPUT', message: expect.stringMatching(message) });
    }
  });

  it('removes control characters from the fields', async () => {
    const pdf = await renderCertificate({ ...spec, recipient: '李\u0000四\u202e', body: '正文\u0007内容' });
    const text = squeeze(pdfText(pdf));
    expect(text).toContain('李四');
    expect(text).toContain('正文内容');
  });
});
