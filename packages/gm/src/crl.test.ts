import { parseCertificate } from './certificate';
import { encodeRevokedList, encodeTbsCrl, joinRevokedLists, parseCrl, parseTbsCrl, signCrl, verifyCrlSignature, type CrlEntry, type CrlEntryInput } from './crl';
import { GmError } from './errors';
import { ext, keyIdentifierOf } from './extensions';
import { encodeName } from './names';
import { OIDS } from './oids';
import { pemEncode } from './pem';
import { hasOpenssl, interop, makeRsaCa, makeSm2Ca, openssl } from './testing/fixtures';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList } from '@peculiar/asn1-x509';

describe('interop CRLs (Tencent Kona)', () => {
  const ca = parseCertificate(interop('kona-ca-sm2sm2.crt'));
  const intca = parseCertificate(interop('kona-intca-sm2sm2-sm2sm2.crt'));

  it('parses and verifies the empty CA CRL against its issuer only', () => {
    const crl = parseCrl(interop('kona-ca-sm2sm2-empty.crl'));
    expect(crl.entries).toEqual([]);
    expect(crl.issuerDer).toEqual(ca.subjectDer);
    expect(crl.thisUpdate.toISOString()).toBe('2021-11-19T18:54:24.000Z');
    expect(verifyCrlSignature(interop('kona-ca-sm2sm2-empty.crl'), ca.publicKey.spki)).toBe(true);
    expect(verifyCrlSignature(interop('kona-ca-sm2sm2-empty.crl'), intca.publicKey.spki)).toBe(false);
  });

  it('parses the CRL revoking the intermediate CA (superseded) and verifies it', () => {
    const crl = parseCrl(interop('kona-intca-sm2sm2-sm2sm2.crl'));
    expect(crl.entries).toEqual([
      { serialHex: '66b3f01773ea5860dcae155b7bcad7e03c099845', revocationDate: new Date('2021-11-09T09:29:04Z'), reason: 4 },
    ]);
    expect(crl.entries[0].serialHex).toBe(intca.serialHex);
    expect(verifyCrlSignature(interop('kona-intca-sm2sm2-sm2sm2.crl'), ca.publicKey.spki)).toBe(true);
    const tampered = Buffer.from(crl.der);
    tampered[tampered.indexOf(Buffer.from('211109092904Z'))] ^= 1;
    expect(verifyCrlSignature(tampered, ca.publicKey.spki)).toBe(false);
  });
});

describe('issuing CRLs', () => {
  const serial = (h: string) => Buffer.from(h, 'hex');

  it('round trips entries, reasons, invalidity dates and extensions', async () => {
    const ca = await makeSm2Ca();
    const entries: CrlEntryInput[] = [
      { serialNumber: serial('01'), revocationDate: new Date('2025-03-01T08:00:00Z') },
      { serialNumber: serial('00ff'), revocationDate: new Date('2025-03-02T08:00:00Z'), reason: 1 },
      { serialNumber: serial('7fffffffffffffffffffffffffffffff'), revocationDate: new Date('2051-01-01T00:00:00Z'), reason: 0 },
      {
        serialNumber: serial('80' + '11'.repeat(18)),
        revocationDate: new Date('2025-03-03T08:00:00Z'),
        reason: 10,
        invalidityDate: new Date('2025-02-28T00:00:00Z'),
      },
      { serialNumber: serial('0a'), revocationDate: new Date('2025-03-04T08:00:00Z'), invalidityDate: new Date('2025-02-27T12:34:56Z') },
    ];
    const tbs = encodeTbsCrl({
      issuer: encodeName(ca.name),
      thisUpdate: new Date('2025-03-05T00:00:00Z'),
      nextUpdate: new Date('2025-03-06T00:00:00Z'),
      entries,
      extensions: [
        ext.authorityKeyIdentifier(keyIdentifierOf(ca.signer.spki)),
        ext.crlNumber(12345678901234567890n),
        ext.issuingDistributionPoint({ url: 'http://crl.example.cn/ca.crl', onlyUserCerts: true }),
      ],
      signatureAlgorithm: ca.signer.signatureAlgorithm,
    });
    const der = await signCrl(tbs, ca.signer);
    const crl = parseCrl(der);
    expect(crl.version).toBe(2);
    expect(crl.crlNumber).toBe(12345678901234567890n);
    expect(crl.authorityKeyIdentifier).toEqual(Buffer.from(keyIdentifierOf(ca.signer.spki)));
    expect(crl.nextUpdate?.toISOString()).toBe('2025-03-06T00:00:00.000Z');
    expect(crl.entries).toEqual([
      { serialHex: '01', revocationDate: new Date('2025-03-01T08:00:00Z') },
      { serialHex: 'ff', revocationDate: new Date('2025-03-02T08:00:00Z'), reason: 1 },
      { serialHex: '7fffffffffffffffffffffffffffffff', revocationDate: new Date('2051-01-01T00:00:00Z') },
      {
        serialHex: '80' + '11'.repeat(18),
        revocationDate: new Date('2025-03-03T08:00:00Z'),
        reason: 10,
        invalidityDate: new Date('2025-02-28T00:00:00Z'),
      },
      { serialHex: '0a', revocationDate: new Date('2025-03-04T08:00:00Z'), invalidityDate: new Date('2025-02-27T12:34:56Z') },
    ]);
    expect(crl.extensions.find(e => e.oid === OIDS.issuingDistributionPoint)?.critical).toBe(true);
    expect(verifyCrlSignature(der, ca.signer.spki)).toBe(true);
    expect(verifyCrlSignature(der, (await makeSm2Ca()).signer.spki)).toBe(false);
    // an independent ASN.1 reader agrees with the hand-written entry encoder
    const p = AsnConvert.parse(Buffer.from(der), CertificateList);
    const revoked = p.tbsCertList.revokedCertificates ?? [];
    expect(revoked.map(r => Buffer.from(r.userCertificate).toString('hex'))).toEqual(['01', '00ff', '7fffffffffffffffffffffffffffffff', '0080' + '11'.repeat(18), '0a']);
    expect(revoked[2].revocationDate.generalTime?.toISOString()).toBe('2051-01-01T00:00:00.000Z');
    expect(revoked[3].crlEntryExtensions?.map(e => e.extnID)).toEqual([OIDS.crlReason, OIDS.invalidityDate]);
  });

  it('an empty CRL omits revokedCertificates; a delta CRL carries its indicator', async () => {
    const ca = await makeSm2Ca();
    const tbs = encodeTbsCrl({
      issuer: encodeName(ca.name),
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 3600_000),
      entries: [],
      extensions: [ext.crlNumber(2n), ext.deltaCrlIndicator(1n)],
      signatureAlgorithm: ca.signer.signatureAlgorithm,
    });
    const crl = parseCrl(await signCrl(tbs, ca.signer));
    expect(crl.entries).toEqual([]);
    expect(crl.deltaCrlIndicator).toBe(1n);
    expect(crl.extensions.find(e => e.oid === OIDS.deltaCrlIndicator)?.critical).toBe(true);
  });

  it('refuses bad entries and a TBS for another algorithm', async () => {
    const ca = await makeSm2Ca();
    const rsa = await makeRsaCa();
    const base = {
      issuer: encodeName(ca.name),
      thisUpdate: new Date(),
      nextUpdate: new Date(Date.now() + 1000),
      extensions: [],
      signatureAlgorithm: ca.signer.signatureAlgorithm,
    };
    const d = new Date();
    expect(() => encodeTbsCrl({ ...base, entries: [{ serialNumber: Buffer.alloc(2), revocationDate: d }] })).toThrow(GmError);
    expect(() => encodeTbsCrl({ ...base, entries: [{ serialNumber: Buffer.alloc(21, 1), revocationDate: d }] })).toThrow(GmError);
    expect(() => encodeTbsCrl({ ...base, entries: [{ serialNumber: Buffer.of(1), revocationDate: d, reason: 7 }] })).toThrow(GmError);
    expect(() => encodeTbsCrl({ ...base, entries: [{ serialNumber: Buffer.of(1), revocationDate: new Date(NaN) }] })).toThrow(GmError);
    await expect(signCrl(encodeTbsCrl({ ...base, entries: [] }), rsa.signer)).rejects.toThrow(GmError);
  });

  it('parseCrl throws GmError on garbage and oversize input', () => {
    expect(() => parseCrl(Buffer.from('garbage'))).toThrow(GmError);
    expect(() => parseCrl(interop('kona-ca-sm2sm2-empty.crl'), { maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
    expect(verifyCrlSignature(Buffer.from('garbage'), Buffer.alloc(0))).toBe(false);
  });

  it('encodes and signs a CRL of 1,000,000 entries (speed: see the CRL benchmark)', async () => {
    const n = 1_000_000;
    const pool = Buffer.alloc(16 * n);
    for (let i = 0; i < pool.length; i += 4) pool.writeUInt32BE((i * 2654435761) >>> 0, i);
    const base = Date.parse('2025-01-01T00:00:00Z');
    const entries: CrlEntryInput[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const s = pool.subarray(i * 16, i * 16 + 16);
      s[0] = (s[0] & 0x7f) | 1;
      entries[i] = { serialNumber: s, revocationDate: new Date(base + i * 1000), ...(i % 3 ? { reason: i % 6 } : {}) };
    }
    const list = encodeRevokedList(entries);
    expect(list.length).toBeGreaterThan(n * 30);
    const ca = await makeSm2Ca();
    const der = await signCrl(
      encodeTbsCrl({
        issuer: encodeName(ca.name),
        thisUpdate: new Date(base),
        nextUpdate: new Date(base + 86400_000),
        entries,
        extensions: [ext.crlNumber(1n)],
        signatureAlgorithm: ca.signer.signatureAlgorithm,
      }),
      ca.signer,
    );
    expect(verifyCrlSignature(der, ca.signer.spki)).toBe(true);
    // the last entry is where we expect it (the full parse is exercised on smaller CRLs)
    const last = Buffer.from(der).lastIndexOf(Buffer.from(entries[n - 1].serialNumber));
    expect(last).toBeGreaterThan(der.length - 200);
  }, 120_000);

  (hasOpenssl ? it : it.skip)('openssl verifies an RSA CRL and reads an SM2 CRL', async () => {
    const rsa = await makeRsaCa();
    const der = await signCrl(
      encodeTbsCrl({
        issuer: encodeName(rsa.name),
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + 86400_000),
        entries: [{ serialNumber: Buffer.of(0x12, 0x34), revocationDate: new Date(), reason: 1 }],
        extensions: [ext.crlNumber(7n)],
        signatureAlgorithm: rsa.signer.signatureAlgorithm,
      }),
      rsa.signer,
    );
    const r = openssl(['crl', '-in', 'c.pem', '-CAfile', 'ca.pem', '-noout'], {
      'c.pem': pemEncode('X509 CRL', der),
      'ca.pem': pemEncode('CERTIFICATE', rsa.cert),
    });
    expect(r.out).toMatch(/verify OK/);
    const sm2 = await makeSm2Ca();
    const sm2Crl = await signCrl(
      encodeTbsCrl({
        issuer: encodeName(sm2.name),
        thisUpdate: new Date(),
        nextUpdate: new Date(Date.now() + 86400_000),
        entries: [{ serialNumber: Buffer.of(0x56), revocationDate: new Date(), reason: 4 }],
        extensions: [ext.crlNumber(8n)],
        signatureAlgorithm: sm2.signer.signatureAlgorithm,
      }),
      sm2.signer,
    );
    // OpenSSL 3.0 cannot check SM2 CRL signatures (design §7); it must at least read the CRL.
    const t = openssl(['crl', '-in', 'c.pem', '-noout', '-text'], { 'c.pem': pemEncode('X509 CRL', sm2Crl) });
    expect(t.status).toBe(0);
    expect(t.out).toMatch(/Serial Number: 56/);
    expect(t.out).toMatch(/Superseded/);
  });
});

describe('long CRLs in chunks', () => {
  const entries: CrlEntryInput[] = Array.from({ length: 250 }, (_, i) => ({
    serialNumber: Buffer.from([0x7f, i >> 8, i & 0xff, 0x01]),
    revocationDate: new Date(Date.UTC(2026, 10, 1, 0, 0, i)),
    reason: i % 4 === 0 ? undefined : (i % 3) + 1,
    invalidityDate: i % 5 === 0 ? new Date(Date.UTC(2026, 9, 1)) : undefined,
  }));
  const header = {
    issuer: encodeName([{ type: 'CN', value: '分块 CA' }]),
    thisUpdate: new Date('2026-11-28T00:00:00Z'),
    nextUpdate: new Date('2026-11-29T00:00:00Z'),
    extensions: [ext.crlNumber(7n)],
    signatureAlgorithm: { oid: OIDS.sm3WithSm2, nullParams: false },
  };

  it('joins chunk encodings into exactly the list of all entries', () => {
    const chunks = [entries.slice(0, 1), entries.slice(1, 130), entries.slice(130, 130), entries.slice(130)];
    expect(joinRevokedLists(chunks.map(encodeRevokedList)).equals(encodeRevokedList(entries))).toBe(true);
    expect(joinRevokedLists([]).equals(Buffer.from([0x30, 0x00]))).toBe(true);
    expect(() => joinRevokedLists([Buffer.from([0x04, 0x00])])).toThrow(GmError);
  });

  it('takes an encoded list in place of entries, and leaves an empty one out', () => {
    const direct = Buffer.from(encodeTbsCrl({ ...header, entries }));
    expect(Buffer.from(encodeTbsCrl({ ...header, revokedList: encodeRevokedList(entries) })).equals(direct)).toBe(true);
    const none = Buffer.from(encodeTbsCrl({ ...header, entries: [] }));
    expect(Buffer.from(encodeTbsCrl({ ...header, revokedList: joinRevokedLists([]) })).equals(none)).toBe(true);
    expect(() => encodeTbsCrl({ ...header, entries, revokedList: encodeRevokedList(entries) })).toThrow(GmError);
  });

  it('hands entries to onEntry one by one instead of collecting them', () => {
    const tbs = encodeTbsCrl({ ...header, entries });
    const seen: CrlEntry[] = [];
    const streamed = parseTbsCrl(tbs, { onEntry: e => seen.push(e) });
    expect(streamed.entries).toEqual([]);
    expect(seen).toEqual(parseTbsCrl(tbs).entries);
    expect(seen).toHaveLength(250);
    expect(streamed.crlNumber).toBe(7n);
  });
});
