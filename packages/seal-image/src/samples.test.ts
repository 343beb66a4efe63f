/*
 * Renders the sample impressions. With YINXIN_UPDATE_SAMPLES=1 they are written to docs/seals/
 * (commit them); otherwise to a temporary directory, and the checked-in files must exist.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readPngDpi } from './pngChunks';
import { SAMPLE_SEALS, writeSamples } from './samples';
import { checkUploadedImpression } from './upload';

const docsDir = path.resolve(__dirname, '../../../docs/seals');

describe('sample impressions', () => {
  const update = process.env.YINXIN_UPDATE_SAMPLES === '1';
  const dir = update ? docsDir : fs.mkdtempSync(path.join(os.tmpdir(), 'seal-samples-'));
  afterAll(() => {
    if (!update) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('renders every sample as a valid transparent 300 dpi PNG and an SVG', () => {
    const written = writeSamples(dir);
    expect(written).toHaveLength(SAMPLE_SEALS.length * 2);
    for (const s of SAMPLE_SEALS) {
      const png = fs.readFileSync(path.join(dir, `${s.file}.png`));
      expect(readPngDpi(png)).toEqual({ x: 300, y: 300 });
      const checked = checkUploadedImpression(png, { opaque: 'require' });
      expect(checked.converted).toBe(false);
      expect(fs.readFileSync(path.join(dir, `${s.file}.svg`), 'utf8')).toMatch(/^<svg /);
    }
  });

  it('has the samples checked in under docs/seals', () => {
    for (const s of SAMPLE_SEALS) expect(fs.existsSync(path.join(docsDir, `${s.file}.png`))).toBe(true);
  });
});
