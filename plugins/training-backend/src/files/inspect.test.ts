import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ApiError } from '@yinxin/ops-node';
import type { FileFormat } from '@yinxin/plugin-training-common';
import { inspectFile } from './inspect';
import { findExecutable } from './tools';
import { makeDocx, makePptx, writeZip } from '../testing/zipWriter';
import { tinyPdf } from '../testing/tinyPdf';
import { oleWith } from '../testing/ole';

/** Every temporary directory of this file, removed at the end. */
const parent = mkdtempSync(join(tmpdir(), 'yinxin-training-unit-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const pdftotext = findExecutable(['pdftotext']);
const dir = parent;
let n = 0;
async function inspect(content: Buffer, fileName: string, expected: FileFormat, tools = { pdftotext }) {
  const path = join(dir, `f${n++}`);
  writeFileSync(path, content);
  return inspectFile({ path, size: content.length, head: content.subarray(0, 4096) }, fileName, expected, tools);
}
const reasonOf = (p: Promise<unknown>) => p.then(() => 'accepted', (e: ApiError) => (e.details as { reason: string }).reason);

describe('inspecting uploads', () => {
  it('extracts text from PDF, Word and PowerPoint', async () => {
    expect(await inspect(tinyPdf(['数字证书', '申请流程']), 'a.pdf', 'pdf')).toEqual({ format: 'pdf', text: '数字证书\n申请流程', textStatus: 'extracted' });
    expect((await inspect(makeDocx(['一', '二']), 'a.docx', 'docx')).text).toBe('一\n二');
    expect((await inspect(makePptx([['甲'], ['乙']]), 'a.pptx', 'pptx')).text).toBe('甲\n\n乙');
    expect(await inspect(makeDocx([]), 'a.docx', 'docx')).toMatchObject({ text: '', textStatus: 'empty' });
  });

  it('accepts PDFs without indexing them when pdftotext is missing', async () => {
    expect(await inspect(tinyPdf(['x']), 'a.pdf', 'pdf', { pdftotext: undefined })).toEqual({ format: 'pdf', text: '', textStatus: 'unavailable' });
    expect(await inspect(tinyPdf(['x']), 'a.pdf', 'pdf', { pdftotext: '/nonexistent/pdftotext' })).toMatchObject({ textStatus: 'unavailable' });
  });

  it('recognises legacy .doc and .ppt by their streams', async () => {
    expect(await inspect(oleWith('WordDocument'), 'a.doc', 'doc')).toEqual({ format: 'doc', text: '', textStatus: 'unsupported' });
    expect((await inspect(oleWith('PowerPoint Document'), 'a.ppt', 'ppt')).format).toBe('ppt');
    expect(await reasonOf(inspect(oleWith('PowerPoint Document'), 'a.doc', 'doc'))).toBe('FILE_TYPE_MISMATCH');
    expect(await reasonOf(inspect(oleWith('Workbook'), 'a.doc', 'doc'))).toBe('FILE_TYPE_MISMATCH');
  });

  it('refuses disguised and damaged files with the reason', async () => {
    const xlsx = writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<w/>' }]);
    const e = await inspect(xlsx, '表格.docx', 'docx').catch(x => x);
    expect(e.details).toMatchObject({ reason: 'FILE_TYPE_MISMATCH', en: expect.stringContaining('an Excel workbook') });
    expect(await reasonOf(inspect(Buffer.from('PK\x03\x04garbage'), 'a.docx', 'docx'))).toBe('FILE_UNREADABLE');
    expect(await reasonOf(inspect(Buffer.from('PK\x03\x04garbage'), 'a.pdf', 'pdf'))).toBe('FILE_TYPE_MISMATCH');
    expect(await reasonOf(inspect(makeDocx(['x']), 'a.mp4', 'mp4'))).toBe('FILE_TYPE_MISMATCH');
    expect(await reasonOf(inspect(Buffer.from('<html><script>alert(1)</script>'), 'a.png', 'png'))).toBe('FILE_TYPE_MISMATCH');
  });

  it('accepts or refuses any bytes with a reason, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 300 }).map(b => Buffer.from(b)),
          fc.uint8Array({ maxLength: 200 }).map(b => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(b)])),
          fc.uint8Array({ maxLength: 200 }).map(b => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(b)])),
        ),
        fc.constantFrom<FileFormat>('pdf', 'docx', 'pptx', 'doc', 'mp4', 'png'),
        async (content, format) => {
          const r = await reasonOf(inspect(content, `x.${format}`, format));
          expect(['accepted', 'FILE_TYPE_MISMATCH', 'FILE_UNREADABLE', 'ARCHIVE_LIMITS', 'FILE_EMPTY']).toContain(r);
        },
      ),
      { numRuns: 60 },
    );
  });
});
