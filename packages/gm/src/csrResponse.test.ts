import { TAG, children, derSeq, rawOf, readRoot } from './der';
import { buildSm2EnvelopedKey } from './envelope';
import { buildCsrResponse, parseCsrResponse } from './csrResponse';
import { GmError } from './errors';
import { sm2GenerateKeyPair, sm2Signer } from './index';
import { issue, makeSm2Ca } from './testing/fixtures';
import { tlv } from './der';

describe('GM/T 0092 CSRResponse', () => {
  it('round trips sign certificate, envelope and encryption certificate; [0] wraps the envelope (emmansun)', async () => {
    const ca = await makeSm2Ca();
    const signing = sm2GenerateKeyPair();
    const encPair = sm2GenerateKeyPair();
    const signCert = await issue({ subject: [{ type: 'CN', value: 'sign' }], subjectSigner: sm2Signer(signing), issuer: ca });
    const encCert = await issue({ subject: [{ type: 'CN', value: 'enc' }], subjectSigner: sm2Signer(encPair), issuer: ca });
    const envelopedKey = buildSm2EnvelopedKey({ keyPair: encPair, recipientPublicKey: signing.publicKey });
    const der = buildCsrResponse({ signCertificates: [signCert, ca.cert], envelopedKey, encryptCertificates: [encCert] });
    const top = children(der, readRoot(der, TAG.SEQUENCE));
    expect(top.map(t => t.tag)).toEqual([0x31, 0xa0, 0xa1]);
    expect(Buffer.from(rawOf(der, top[1]))).toEqual(tlv(0xa0, envelopedKey)); // [0] { SEQUENCE … }
    expect(children(der, top[2]).map(t => t.tag)).toEqual([0x30]); // [1] IMPLICIT SET OF
    const p = parseCsrResponse(der);
    expect(p.signCertificates).toEqual([Buffer.from(signCert), Buffer.from(ca.cert)]);
    expect(p.envelopedKey).toEqual(Buffer.from(envelopedKey));
    expect(p.encryptCertificates).toEqual([Buffer.from(encCert)]);
    // sign certificate only
    expect(parseCsrResponse(buildCsrResponse({ signCertificates: [signCert] }))).toEqual({ signCertificates: [Buffer.from(signCert)] });
  });

  it('also reads a strictly IMPLICIT [0] and an explicit [1]', async () => {
    const ca = await makeSm2Ca();
    const envelopedKey = buildSm2EnvelopedKey({ keyPair: sm2GenerateKeyPair(), recipientPublicKey: sm2GenerateKeyPair().publicKey });
    const inner = children(envelopedKey, readRoot(envelopedKey, TAG.SEQUENCE)).map(t => rawOf(envelopedKey, t));
    const der = derSeq(tlv(0x31, ca.cert), tlv(0xa0, ...inner), tlv(0xa1, tlv(0x31, ca.cert)));
    const p = parseCsrResponse(der);
    expect(p.envelopedKey).toEqual(Buffer.from(envelopedKey));
    expect(p.encryptCertificates).toEqual([Buffer.from(ca.cert)]);
  });

  it('garbage and oversize give GmError', () => {
    expect(() => parseCsrResponse(Buffer.from('garbage'))).toThrow(GmError);
    expect(() => parseCsrResponse(derSeq(tlv(0x31)))).toThrow(GmError);
    expect(() => parseCsrResponse(Buffer.alloc(2 * 1024 * 1024))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
    expect(() => buildCsrResponse({ signCertificates: [] })).toThrow(GmError);
  });
});
