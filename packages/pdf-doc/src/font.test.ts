import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PdfDocError } from './errors';
import { CJK_FONT_ENV, DEFAULT_CJK_FONT_PATH, loadCjkFont, readPostscriptNames, resolveFontPath } from './font';
import { renderCertificate, renderPdf } from './index';
import { cleanTemp, pdfFonts, pdfText, qpdfCheck } from './testUtils';

afterAll(cleanTemp);

describe('the CJK font', () => {
  const saved = process.env[CJK_FONT_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[CJK_FONT_ENV];
    else process.env[CJK_FONT_ENV] = saved;
  });

  it('reads the faces of the WenQuanYi Micro Hei collection', () => {
    const parsed = readPostscriptNames(fs.readFileSync(DEFAULT_CJK_FONT_PATH));
    expect(parsed).toEqual({ names: ['WenQuanYiMicroHei', 'WenQuanYiMicroHeiMono'], collection: true });
    expect(loadCjkFont()).toMatchObject({ path: DEFAULT_CJK_FONT_PATH, family: 'WenQuanYiMicroHei' });
  });

  it('rejects bytes that are not a font', () => {
    expect(readPostscriptNames(Buffer.from('not a font at all'))).toBeUndefined();
    expect(readPostscriptNames(Buffer.from('ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10', 'latin1'))).toBeUndefined();
    // a truncated collection
    const ttc = fs.readFileSync(DEFAULT_CJK_FONT_PATH);
    expect(readPostscriptNames(ttc.subarray(0, 64))).toBeUndefined();
  });

  it('takes the path from the option, then YINXIN_CJK_FONT, then the default', () => {
    delete process.env[CJK_FONT_ENV];
    expect(resolveFontPath()).toBe(DEFAULT_CJK_FONT_PATH);
    process.env[CJK_FONT_ENV] = '/opt/fonts/x.ttc';
    expect(resolveFontPath()).toBe('/opt/fonts/x.ttc');
    expect(resolveFontPath('/elsewhere.ttf')).toBe('/elsewhere.ttf');
    process.env[CJK_FONT_ENV] = ' ';
    expect(resolveFontPath()).toBe(DEFAULT_CJK_FONT_PATH);
  });

  it('fails with PDF_FONT_MISSING when the file is absent (option or environment)', async () => {
    const spec = { title: '标题', blocks: [] };
    const viaOption = await renderPdf(spec, { fontPath: '/nonexistent/wqy.ttc' }).catch(e => e);
    expect(viaOption).toBeInstanceOf(PdfDocError);
    expect(viaOption.code).toBe('PDF_FONT_MISSING');
    expect(viaOption.message).toMatch(/\/nonexistent\/wqy\.ttc does not exist; install the Debian package fonts-wqy-microhei/);
    process.env[CJK_FONT_ENV] = '/nonexistent/from-env.ttc';
    await expect(renderPdf(spec)).rejects.toMatchObject({
      code: 'PDF_FONT_MISSING',
      message: expect.stringContaining('/nonexistent/from-env.ttc'),
    });
    await expect(
      renderCertificate({ title: '证书', recipient: '张三', body: '', issuer: '中心', date: '2026', serial: '1' }),
    ).rejects.toMatchObject({ code: 'PDF_FONT_MISSING' });
  });

  it('fails with PDF_FONT_MISSING for a file that is not a usable font', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-doc-font-'));
    try {
      const junk = path.join(dir, 'junk.ttf');
      fs.writeFileSync(junk, 'this is not a font');
      await expect(renderPdf({ title: 't', blocks: [] }, { fontPath: junk })).rejects.toMatchObject({
        code: 'PDF_FONT_MISSING',
        message: expect.stringMatching(/is not a TrueType\/OpenType font/),
      });
      await expect(renderPdf({ title: 't', blocks: [] }, { fontPath: dir })).rejects.toMatchObject({
        code: 'PDF_FONT_MISSING',
        message: expect.stringMatching(/is not a file/),
      });
      await expect(
        renderPdf({ title: 't', blocks: [] }, { fontPath: DEFAULT_CJK_FONT_PATH, fontFamily: 'NoSuchFace' }),
      ).rejects.toMatchObject({
        code: 'PDF_FONT_MISSING',
        message: expect.stringMatching(/has no face named NoSuchFace \(it has WenQuanYiMicroHei, WenQuanYiMicroHeiMono\)/),
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses another face of the collection, and a font named by the environment', async () => {
    const mono = await renderPdf({ title: '等宽字体', blocks: [] }, { fontFamily: 'WenQuanYiMicroHeiMono' });
    expect(qpdfCheck(mono).status).toBe(0);
    expect(pdfFonts(mono)[0].name).toMatch(/\+WenQuanYiMicroHeiMono$/);
    expect(pdfText(mono)).toContain('等宽字体');
    process.env[CJK_FONT_ENV] = DEFAULT_CJK_FONT_PATH;
    const env = await renderPdf({ title: '环境变量', blocks: [] });
    expect(pdfText(env)).toContain('环境变量');
  });
});
