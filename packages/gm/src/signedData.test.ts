import { buildSignedData, verifySignedData } from './signedData';
import { makeLeaf, makeRsaCa, makeSm2Ca } from './testing/fixtures';
import { OIDS } from './oids';

describe.each([
  ['SM2', makeSm2Ca],
  ['RSA', makeRsaCa],
] as const)('signed evidence (%s)', (_name, makeCa) => {
  it('round-trips the content, signer and signing time; a changed byte of content or signature fails', async () => {
    const ca = await makeCa();
    const leaf = await makeLeaf(ca, '印章状态服务');
    const content = Buffer.from(JSON.stringify({ seal: '3501000012345', status: 'active' }));
    const at = new Date('2026-11-29T01:00:00Z');
    const der = Buffer.from(await buildSignedData({ content, signer: leaf.signer, signerCertificate: leaf.cert, chain: [ca.cert], signingTime: at }));
    const v = verifySignedData(der);
    expect(v).toMatchObject({ valid: true, contentType: OIDS.pkcs7Data });
    expect(Buffer.from(v.content!)).toEqual(content);
    expect(v.signingTime?.toISOString()).toBe(at.toISOString());
    expect(v.certificates).toHaveLength(2);
    expect(Buffer.from(v.signerCertificate!.der)).toEqual(Buffer.from(leaf.cert));

    const changedContent = Buffer.from(der);
    const at2 = changedContent.indexOf(Buffer.from('active'));
    changedContent[at2] = 0x41;
    expect(verifySignedData(changedContent)).toMatchObject({ valid: false, problem: 'messageDigest does not match the content' });
    const changedSig = Buffer.from(der);
    changedSig[changedSig.length - 5] ^= 1;
    expect(verifySignedData(changedSig).valid).toBe(false);
  });

  it('refuses a signer whose key is not the certificate’s; malformed and oversized input throw GmError', async () => {
    const ca = await makeCa();
    const leaf = await makeLeaf(ca);
    await expect(buildSignedData({ content: Buffer.from('x'), signer: ca.signer, signerCertificate: leaf.cert, signingTime: new Date() })).rejects.toMatchObject({ code: 'GM_KEY_MISMATCH' });
    expect(() => verifySignedData(Buffer.from('garbage'))).toThrow(expect.objectContaining({ code: 'GM_DECODE' }));
    const der = await buildSignedData({ content: Buffer.from('x'), signer: leaf.signer, signerCertificate: leaf.cert, signingTime: new Date() });
    expect(() => verifySignedData(der, { maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });
});
