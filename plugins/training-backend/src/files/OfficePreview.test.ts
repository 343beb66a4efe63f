import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStore } from './FileStore';
import { OfficePreview } from './OfficePreview';
import { findExecutable } from './tools';
import { makeDocx } from '../testing/zipWriter';

/** Every temporary directory of this file, removed at the end. */
const parent = mkdtempSync(join(tmpdir(), 'yinxin-training-unit-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

/** A stand-in for soffice that writes a PDF named after its input into --outdir, counting its runs. */
function fakeSoffice(dir: string, behaviour: 'pdf' | 'nothing'): string {
  const script = join(dir, 'soffice');
  writeFileSync(
    script,
    `#!/bin/sh
echo run >> "${dir}/runs"
out=""; last=""
while [ $# -gt 0 ]; do
  if [ "$1" = "--outdir" ]; then out="$2"; shift; fi
  last="$1"; shift
done
base=$(basename "$last"); base="\${base%.*}"
${behaviour === 'pdf' ? 'printf "%%PDF-1.4 fake" > "$out/$base.pdf"' : 'exit 1'}
`,
  );
  chmodSync(script, 0o755);
  return script;
}

async function storeWithDocx() {
  const store = new FileStore(mkdtempSync(join(parent, 'preview-')));
  await store.init();
  const key = store.newKey();
  writeFileSync(store.pathOf(key), makeDocx(['预览']));
  return { store, key };
}

describe('office previews', () => {
  it('says previews are unavailable without LibreOffice', async () => {
    const { store, key } = await storeWithDocx();
    const preview = new OfficePreview(store, undefined);
    expect(preview.available).toBe(false);
    await expect(preview.pdfOf(key, 'docx')).rejects.toMatchObject({ status: 503, details: { reason: 'PREVIEW_UNAVAILABLE', cause: 'not-installed', zh: expect.stringContaining('未安装 LibreOffice') } });
  });

  it('converts once, one conversion at a time, caches the PDF and cleans its work directory', async () => {
    const { store, key } = await storeWithDocx();
    const dir = mkdtempSync(join(parent, 'fake-soffice-'));
    const preview = new OfficePreview(store, fakeSoffice(dir, 'pdf'));
    const [a, b] = await Promise.all([preview.pdfOf(key, 'docx'), preview.pdfOf(key, 'docx')]);
    expect(a).toBe(b);
    expect(await preview.pdfOf(key, 'docx')).toBe(a);
    expect(readFileSync(join(dir, 'runs'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await store.listAll()).sort()).toEqual([`files/${key}`, `previews/${key}.pdf`]);
  });

  it('answers PREVIEW_UNAVAILABLE when the conversion produces no PDF', async () => {
    const { store, key } = await storeWithDocx();
    const preview = new OfficePreview(store, fakeSoffice(mkdtempSync(join(parent, 'fake-soffice-')), 'nothing'));
    await expect(preview.pdfOf(key, 'docx')).rejects.toMatchObject({
      details: { reason: 'PREVIEW_UNAVAILABLE', cause: 'failed', zh: expect.stringContaining('转换此文件失败'), en: expect.not.stringContaining('not installed') },
    });
    expect(await store.listAll()).toEqual([`files/${key}`]);
  });

  const soffice = findExecutable(['soffice', 'libreoffice']);
  (soffice ? it : it.skip)('converts a real Word document with LibreOffice', async () => {
    const { store, key } = await storeWithDocx();
    const pdf = await new OfficePreview(store, soffice).pdfOf(key, 'docx');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
