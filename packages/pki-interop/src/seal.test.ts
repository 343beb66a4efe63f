/*
 * The BouncyCastle seal checker (seal, ses, cms subcommands) on the interop corpus: its verdicts
 * match PROVENANCE.md, and changed bytes make it fail (so that a pass means something).
 */
import { bcCheck } from './bouncyCastle';
import { interopFile } from './interop';

jest.setTimeout(120_000);

describe('BouncyCastle seal checker', () => {
  it.each([
    ['ofdrw-UserV1.esl', 1, 'OFDR&WTest'],
    ['ofdrw-UserV4.esl', 4, 'OFDR&WTest'],
    ['ofdrw-draw_param_ref-GOMAIN-Seal.esl', 4, 'GOMAIN'],
    ['ofdrw-keyword-tongz-Seal.esl', 4, 'SHANDONG.TONGZHIWEIYE'],
  ])('seal %s: v%d from %s, maker signature valid', async (file, version, vid) => {
    const r = await bcCheck('seal', ['s.esl'], { files: { 's.esl': interopFile(file) } });
    expect(r.result).toMatchObject({ version, vid, makerSignatureValid: true });
    expect(r.ok).toBe(true);
  });

  it.each([
    ['ofdrw-1-GOMAIN-SignedValue.dat', 'ofdrw-1-GOMAIN-Signature.xml', true],
    ['ofdrw-draw_param_ref-GOMAIN-SignedValue.dat', 'ofdrw-draw_param_ref-GOMAIN-Signature.xml', true],
    ['ofdrw-keyword-tongz-Sign1-SignedValue.dat', 'ofdrw-keyword-tongz-Sign1-Signature.xml', true],
    ['ofdrw-SignedValueV4.dat', 'ofdrw-SignedValueV4-Signature.xml', false],
    ['ofdrw-1-GOMAIN-SignedValue.dat', 'ofdrw-draw_param_ref-GOMAIN-Signature.xml', false],
  ])('ses %s with %s: data hash matches = %s', async (file, data, matches) => {
    const r = await bcCheck('ses', ['--data', 'data.xml', 'sig.dat'], { files: { 'sig.dat': interopFile(file), 'data.xml': interopFile(data) } });
    expect(r.result).toMatchObject({ version: 4, signatureValid: true, sealMakerValid: true, signerInSealList: true, dataHashMatches: matches });
    expect(r.ok).toBe(matches);
    const alone = await bcCheck('ses', ['sig.dat'], { files: { 'sig.dat': interopFile(file) } });
    expect(alone.ok).toBe(true);
  });

  it('fails on a changed picture, a changed propertyInfo, and garbage (exit 1, never a usage error)', async () => {
    const seal = Buffer.from(interopFile('ofdrw-UserV4.esl'));
    seal[seal.indexOf(Buffer.from('IHDR')) + 20] ^= 1;
    const r1 = await bcCheck('seal', ['s.esl'], { files: { 's.esl': seal } });
    expect(r1.result.makerSignatureValid).toBe(false);
    expect(r1.exitCode).toBe(1);
    const sig = Buffer.from(interopFile('ofdrw-1-GOMAIN-SignedValue.dat'));
    sig[sig.indexOf(Buffer.from('/Doc_0/Signs/Sign_0')) + 5] = 0x31;
    const r2 = await bcCheck('ses', ['sig.dat'], { files: { 'sig.dat': sig } });
    expect(r2.result).toMatchObject({ signatureValid: false });
    expect(r2.exitCode).toBe(1);
    for (const bytes of [Buffer.from('garbage'), interopFile('ofdrw-UserV4.esl').subarray(0, 500)]) {
      const r = await bcCheck('seal', ['s.esl'], { files: { 's.esl': bytes } });
      expect(r.exitCode).toBe(1);
      expect(r.result.error).toBeDefined();
    }
  });

  it('cms: garbage and a certs-only message fail (the evidence it accepts is tested where it is made, in plugins/seal-backend)', async () => {
    const r = await bcCheck('cms', ['s.p7m'], { files: { 's.p7m': Buffer.from('garbage') } });
    expect(r.exitCode).toBe(1);
  });
});
