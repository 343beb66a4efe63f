import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ApiError } from '@yinxin/ops-node';
import { pdfDocRenderers, render } from './pdfDoc';
import { findExecutable } from '../files/tools';

/** Every temporary directory of this file, removed at the end. */
const parent = mkdtempSync(join(tmpdir(), 'yinxin-training-unit-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const pdftotext = findExecutable(['pdftotext']);
const textOf = (pdf: Buffer) => {
  const file = join(mkdtempSync(join(parent, 'pdfdoc-')), 'x.pdf');
  writeFileSync(file, pdf);
  return execFileSync(pdftotext!, ['-q', '-enc', 'UTF-8', file, '-']).toString('utf8');
};

describe('@yinxin/pdf-doc adapter', () => {
  const renderers = pdfDocRenderers();

  (pdftotext ? it : it.skip)('renders a certificate of completion with @yinxin/pdf-doc', async () => {
    const pdf = await render(renderers.renderCertificate, 'renderCertificate', {
      title: '培训结业证书',
      recipient: '张三',
      body: '审批一科 张三 于 2026年12月1日 参加「证书申请实操」培训（2 小时），经考勤合格，特发此证。',
      issuer: '省电子签名服务项目组',
      date: '2026年12月1日',
      serial: 'PX2026-0123456789ABCDEF',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(pdf);
    expect(text).toContain('张三');
    expect(text).toContain('PX2026-0123456789ABCDEF');
  });

  (pdftotext ? it : it.skip)('renders a report table with @yinxin/pdf-doc, and maps its input errors to 4xx', async () => {
    const pdf = await render(renderers.renderPdf, 'renderPdf', { title: '培训记录', blocks: [{ kind: 'table', columns: [{ title: '部门' }, { title: '人数' }], rows: [['审批一科', '3']] }] });
    expect(textOf(pdf)).toContain('审批一科');
    const tooMany = Array.from({ length: 20_001 }, () => ['x', '1']);
    await expect(render(renderers.renderPdf, 'renderPdf', { title: 't', blocks: [{ kind: 'table', columns: [{ title: 'a' }, { title: 'b' }], rows: tooMany }] })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses with RENDERER_UNAVAILABLE while a renderer is missing', async () => {
    const e = await render(undefined, 'renderCertificate', {}).catch(x => x);
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.details.reason]).toEqual([503, 'UPSTREAM_UNAVAILABLE', 'RENDERER_UNAVAILABLE']);
  });
});
