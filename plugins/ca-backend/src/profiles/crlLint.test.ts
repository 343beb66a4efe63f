import { CrlEntryInput, encodeName, encodeTbsCrl, ext, keyIdentifierOf, parseCertificate, signCertificate, encodeTbsCertificate, sm2GenerateKeyPair, sm2Signer, OIDS } from '@yinxin/gm';
import { lintCrl } from './crlLint';

describe('lintCrl', () => {
  const pair = sm2GenerateKeyPair();
  const signer = sm2Signer(pair);
  const name = encodeName([{ type: 'CN', value: '检查 CA' }]);
  let issuer: ReturnType<typeof parseCertificate>;
  beforeAll(async () => {
    const tbs = encodeTbsCertificate({
      serialNumber: Buffer.from([1]),
      issuer: name,
      subject: name,
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2036-01-01T00:00:00Z'),
      subjectPublicKeyInfo: signer.spki,
      extensions: [ext.basicConstraints(true), ext.keyUsage(['keyCertSign', 'cRLSign']), ext.subjectKeyIdentifier(signer.spki)],
      signatureAlgorithm: signer.signatureAlgorithm,
    });
    issuer = parseCertificate(await signCertificate(tbs, signer));
  });
  const entry = (serial: number[], reason?: number): CrlEntryInput => ({ serialNumber: Buffer.from(serial), revocationDate: new Date('2026-11-01T00:00:00Z'), reason });
  const tbs = (o: { entries?: CrlEntryInput[]; number?: bigint; delta?: bigint; idp?: boolean; next?: string } = {}) =>
    encodeTbsCrl({
      issuer: name,
      thisUpdate: new Date('2026-11-28T00:00:00Z'),
      nextUpdate: new Date(o.next ?? '2026-11-29T00:00:00Z'),
      entries: o.entries ?? [entry([0x10, 1]), entry([0x10, 2], 1)],
      extensions: [
        ext.authorityKeyIdentifier(keyIdentifierOf(signer.spki)),
        ext.crlNumber(o.number ?? 5n),
        ...(o.delta !== undefined ? [ext.deltaCrlIndicator(o.delta)] : []),
        ...(o.idp === false ? [] : [ext.issuingDistributionPoint({ url: 'http://ca.test/crl/x.crl' })]),
      ],
      signatureAlgorithm: signer.signatureAlgorithm,
    });
  const ctx = (o: Partial<Parameters<typeof lintCrl>[1]> = {}) => ({
    kind: 'full' as const,
    number: 5,
    issuer,
    signatureAlgorithmOid: OIDS.sm3WithSm2,
    entryCount: 2,
    ...o,
  });
  const codes = (t: Uint8Array, c = ctx()) => lintCrl(t, c).map(v => v.code);

  it('passes a well-formed full and delta CRL', () => {
    expect(codes(tbs())).toEqual([]);
    expect(codes(tbs({ delta: 4n, entries: [entry([0x10, 1], 8)] }), ctx({ kind: 'delta', baseNumber: 4, entryCount: 1 }))).toEqual([]);
  });

  it('names each broken rule', () => {
    expect(codes(tbs({ number: 6n }))).toEqual(['crl.number']);
    expect(codes(tbs({ idp: false }))).toEqual(['crl.idp']);
    expect(codes(tbs({ delta: 4n }))).toEqual(['crl.delta']);
    expect(codes(tbs(), ctx({ kind: 'delta', baseNumber: 4 }))).toEqual(['crl.delta']);
    expect(codes(tbs({ next: '2040-01-01T00:00:00Z' }))).toEqual(['crl.nextUpdate']);
    expect(codes(tbs({ entries: [entry([0x10, 2]), entry([0x10, 2])] }))).toEqual(['crl.entries']);
    expect(codes(tbs({ entries: [entry([0x10, 2]), entry([0x10, 1])] }))).toEqual(['crl.entries']);
    expect(codes(tbs({ entries: [entry([0x10, 1], 8), entry([0x10, 2])] }))).toEqual(['crl.reason']);
    expect(codes(tbs(), ctx({ entryCount: 3 }))).toEqual(['crl.entries']);
    expect(codes(tbs(), ctx({ signatureAlgorithmOid: OIDS.sha256WithRsa }))).toEqual(['crl.signature']);
  });
});
