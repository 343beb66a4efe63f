import { createHash } from 'node:crypto';
import { toHex } from './bytes';
import { GmError } from './errors';
import { encodeTbsCertificate, parseCertificate, parseTbsCertificate, signCertificate, signParsedCertificate, verifyCertificateSignature } from './certificate';
import { ext, keyIdentifierOf } from './extensions';
import { decodeSm2PrivateKey, encodeSm2PublicKeySpki } from './keys';
import { encodeName } from './names';
import { OIDS } from './oids';
import { pemEncode } from './pem';
import { sm2Signer } from './signer';
import { sm2GenerateKeyPair } from './sm2';
import { hasOpenssl, interop, issue, makeRsaCa, makeSm2Ca, openssl } from './testing/fixtures';
import { rsaSigner } from './signer';
import { generateKeyPairSync } from 'node:crypto';

describe('interop certificates (Tencent Kona SM test PKI)', () => {
  const ca = parseCertificate(interop('kona-ca-sm2sm2.crt'));
  const intca = parseCertificate(interop('kona-intca-sm2sm2-sm2sm2.crt'));
  const ee = parseCertificate(interop('kona-ee-sm2sm2-sm2sm2-sm2sm2.crt'));

  it('parses the chain', () => {
    expect(ca.subject).toEqual([{ type: 'CN', value: 'ca-sm2sm2' }]);
    expect(intca.issuerDer).toEqual(ca.subjectDer);
    expect(ee.issuerDer).toEqual(intca.subjectDer);
    expect(ca.version).toBe(3);
    expect(ca.serialHex).toBe('512a57e48979c96965c37c9bda25efc519718910');
    expect(ca.publicKey.algorithm).toBe('SM2');
    expect(ca.signatureAlgorithmOid).toBe(OIDS.sm3WithSm2);
    expect(ca.basicConstraints).toEqual({ ca: true });
    expect(ca.keyUsage).toEqual(['digitalSignature', 'keyCertSign', 'cRLSign']);
    expect(ca.notAfter.toISOString()).toBe('2031-09-09T20:15:16.000Z');
  });

  it('verifies every link, and not across links', () => {
    expect(verifyCertificateSignature(ca, ca.publicKey.spki)).toBe(true);
    expect(verifyCertificateSignature(intca, ca.publicKey.spki)).toBe(true);
    expect(verifyCertificateSignature(ee, intca.publicKey.spki)).toBe(true);
    expect(verifyCertificateSignature(ee, ca.publicKey.spki)).toBe(false);
    expect(verifyCertificateSignature(interop('kona-ee-sm2sm2-sm2sm2-sm2sm2.crt'), intca.publicKey.spki)).toBe(true); // PEM bytes after a text dump
  });

  it('a tampered copy does not verify', () => {
    const der = Buffer.from(ee.der);
    const i = der.indexOf(Buffer.from('ee-sm2sm2'));
    der[i] = 'E'.charCodeAt(0);
    const t = parseCertificate(der);
    expect(t.subject[0].value).toBe('Ee-sm2sm2-sm2sm2-sm2sm2');
    expect(verifyCertificateSignature(t, intca.publicKey.spki)).toBe(false);
    const sig = Buffer.from(ee.der);
    sig[sig.length - 3] ^= 1;
    expect(verifyCertificateSignature(sig, intca.publicKey.spki)).toBe(false);
  });

  it("the ee private key matches the ee certificate's public key", () => {
    const pair = decodeSm2PrivateKey(interop('kona-ee-sm2sm2-sm2sm2-sm2sm2.key').toString());
    expect(ee.publicKey.algorithm === 'SM2' && toHex(ee.publicKey.publicKey)).toBe(toHex(pair.publicKey));
  });
});

describe('other interop certificates', () => {
  it('ofdrw ROOT and USER certificates parse and the link verifies', () => {
    const root = parseCertificate(interop('ofdrw-ROOT-cert.pem').toString());
    const user = parseCertificate(interop('ofdrw-USER-cert.pem').toString());
    expect(root.subject.map(a => a.type)).toEqual(['C', 'O', 'ST', 'L', 'CN']);
    expect(user.issuerDer).toEqual(root.subjectDer);
    expect(user.serialHex).toBe('01719d2dab60');
    expect(verifyCertificateSignature(user, root.publicKey.spki)).toBe(true);
    expect(verifyCertificateSignature(root, root.publicKey.spki)).toBe(true);
  });

  it('tjfoc (DER-in-PEM with Chinese names) and Tongsuo chains verify', () => {
    const ca = parseCertificate(interop('tjfoc-SM2-CA.cer'));
    expect(ca.subject.find(a => a.type === 'O')?.value).toBe('测试CA');
    for (const f of ['tjfoc-sm2-sign-cert.cer', 'tjfoc-sm2-enc-cert.cer']) {
      expect(verifyCertificateSignature(interop(f), ca.publicKey.spki)).toBe(true);
    }
    const root = parseCertificate(interop('tongsuo-sm2-root-cert.pem'));
    expect(verifyCertificateSignature(interop('tongsuo-sm2-cert.pem'), root.publicKey.spki)).toBe(true);
    expect(parseCertificate(interop('tongsuo-sm2-cert.pem')).notAfter.getUTCFullYear()).toBe(2050); // GeneralizedTime
  });
});

describe('issuing certificates', () => {
  it('builds a v3 SM2 certificate with every extension and parses it back', async () => {
    const ca = await makeSm2Ca();
    const sub = sm2GenerateKeyPair();
    const spki = encodeSm2PublicKeySpki(sub.publicKey);
    const tbs = encodeTbsCertificate({
      serialNumber: Buffer.from('00ff01', 'hex'),
      issuer: encodeName(ca.name),
      subject: encodeName([{ type: 'C', value: 'CN' }, { type: 'O', value: '某某厅' }, { type: 'CN', value: '张三' }]),
      notBefore: new Date('2025-01-01T00:00:00.999Z'),
      notAfter: new Date('2050-01-01T00:00:00Z'),
      subjectPublicKeyInfo: spki,
      extensions: [
        ext.basicConstraints(false),
        ext.keyUsage(['digitalSignature', 'nonRepudiation']),
        ext.extKeyUsage([OIDS.clientAuth, OIDS.emailProtection]),
        ext.subjectKeyIdentifier(spki),
        ext.authorityKeyIdentifier(keyIdentifierOf(ca.signer.spki)),
        ext.crlDistributionPoints(['http://crl.example.cn/ca.crl', 'ldap://ldap.example.cn/cn=ca?certificateRevocationList']),
        ext.authorityInfoAccess({ ocsp: ['http://ocsp.example.cn'], caIssuers: ['http://ca.example.cn/ca.cer'] }),
        ext.subjectAltName({ email: ['zs@example.cn'], dns: ['a.example.cn'], uri: ['https://example.cn'] }),
        ext.identity(OIDS.identityCode, '330106199001011234'),
        ext.identity(OIDS.organizationCode, '统一社会信用代码X'),
        ext.certificatePolicies(['1.2.156.112559.1.1.1']),
      ],
      signatureAlgorithm: ca.signer.signatureAlgorithm,
    });
    const der = await signCertificate(tbs, ca.signer);
    const c = parseCertificate(der);
    expect(c.version).toBe(3);
    expect(c.serialHex).toBe('ff01');
    expect(c.notBefore.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(c.notAfter.toISOString()).toBe('2050-01-01T00:00:00.000Z');
    expect(c.tbs).toEqual(Buffer.from(tbs));
    expect(c.signatureAlgorithmParamsPresent).toBe(false);
    expect(c.tbsSignatureAlgorithmOid).toBe(OIDS.sm3WithSm2);
    expect(c.basicConstraints).toEqual({ ca: false });
    expect(c.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(c.extKeyUsage).toEqual([OIDS.clientAuth, OIDS.emailProtection]);
    expect(c.subjectKeyIdentifier).toEqual(createHash('sha1').update(sub.publicKey).digest());
    expect(c.authorityKeyIdentifier).toEqual(Buffer.from(keyIdentifierOf(ca.signer.spki)));
    expect(c.crlDistributionPoints).toEqual(['http://crl.example.cn/ca.crl', 'ldap://ldap.example.cn/cn=ca?certificateRevocationList']);
    expect(c.authorityInfoAccess).toEqual({ ocsp: ['http://ocsp.example.cn'], caIssuers: ['http://ca.example.cn/ca.cer'] });
    expect(c.subjectAltName).toEqual({ email: ['zs@example.cn'], dns: ['a.example.cn'], uri: ['https://example.cn'], ip: [] });
    expect(c.identities).toEqual([
      { oid: OIDS.identityCode, value: '330106199001011234' },
      { oid: OIDS.organizationCode, value: '统一社会信用代码X' },
    ]);
    expect(c.certificatePolicies).toEqual(['1.2.156.112559.1.1.1']);
    expect(c.extensions.find(e => e.oid === OIDS.keyUsage)?.critical).toBe(true);
    expect(c.extensions.find(e => e.oid === OIDS.identityCode)?.value[0]).toBe(0x13); // PrintableString
    expect(c.extensions.find(e => e.oid === OIDS.organizationCode)?.value[0]).toBe(0x0c); // UTF8String
    expect(verifyCertificateSignature(c, ca.signer.spki)).toBe(true);
    // GeneralizedTime from 2050 (RFC 5280)
    expect(Buffer.from(tbs).includes(Buffer.from('20500101000000Z'))).toBe(true);
    expect(Buffer.from(tbs).includes(Buffer.from('250101000000Z'))).toBe(true);
  });

  it('refuses a TBS whose algorithm is not the signer’s, and bad templates', async () => {
    const ca = await makeSm2Ca();
    const rsa = rsaSigner(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const t = {
      serialNumber: Buffer.of(1),
      issuer: encodeName(ca.name),
      subject: encodeName(ca.name),
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 1000),
      subjectPublicKeyInfo: ca.signer.spki,
      extensions: [],
      signatureAlgorithm: rsa.signatureAlgorithm,
    };
    await expect(signCertificate(encodeTbsCertificate(t), ca.signer)).rejects.toThrow(GmError);
    expect(() => encodeTbsCertificate({ ...t, serialNumber: Buffer.alloc(3) })).toThrow(GmError);
    expect(() => encodeTbsCertificate({ ...t, serialNumber: Buffer.alloc(21, 1) })).toThrow(GmError);
    expect(() => encodeTbsCertificate({ ...t, notAfter: new Date(0) })).toThrow(GmError);
    expect(() => encodeTbsCertificate({ ...t, extensions: [ext.ocspNoCheck(), ext.ocspNoCheck()] })).toThrow(GmError);
    expect(() => encodeTbsCertificate({ ...t, issuer: Buffer.from('garbage') })).toThrow(GmError);
  });

  it('parseCertificate throws GmError on garbage and oversize input', () => {
    expect(() => parseCertificate(Buffer.from('garbage'))).toThrow(GmError);
    expect(() => parseCertificate('')).toThrow(GmError);
    expect(() => parseCertificate(interop('kona-ca-sm2sm2.crt'), { maxBytes: 100 })).toThrow(
      expect.objectContaining({ code: 'GM_TOO_LARGE' }),
    );
  });

  (hasOpenssl ? it : it.skip)('openssl 3 verifies one of our SM2 certificate links (distid 1234567812345678)', async () => {
    const ca = await makeSm2Ca();
    const ee = await issue({
      subject: [{ type: 'C', value: 'CN' }, { type: 'CN', value: '张三' }],
      subjectSigner: sm2Signer(sm2GenerateKeyPair()),
      issuer: ca,
    });
    const files = { 'ca.pem': pemEncode('CERTIFICATE', ca.cert), 'ee.pem': pemEncode('CERTIFICATE', ee) };
    const ok = openssl(['verify', '-partial_chain', '-vfyopt', 'distid:1234567812345678', '-CAfile', 'ca.pem', 'ee.pem'], files);
    expect(ok.out).toContain('ee.pem: OK');
    expect(ok.status).toBe(0);
    // and it fails against another CA of the same name
    const other = await makeSm2Ca();
    const bad = openssl(['verify', '-partial_chain', '-vfyopt', 'distid:1234567812345678', '-CAfile', 'ca.pem', 'ee.pem'], {
      ...files,
      'ca.pem': pemEncode('CERTIFICATE', other.cert),
    });
    expect(bad.status).not.toBe(0);
  });

  (hasOpenssl ? it : it.skip)('openssl verifies an RSA chain root → intermediate → leaf', async () => {
    const root = await makeRsaCa();
    const interKey = rsaSigner(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const interName = [{ type: 'CN' as const, value: 'RSA intermediate' }];
    const interCert = await issue({ subject: interName, subjectSigner: interKey, issuer: root, ca: true });
    const inter = { name: interName, signer: interKey, cert: interCert };
    const leaf = await issue({
      subject: [{ type: 'CN', value: 'leaf.example.cn' }],
      subjectSigner: rsaSigner(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
      issuer: inter,
    });
    expect(verifyCertificateSignature(leaf, interKey.spki)).toBe(true);
    expect(parseCertificate(leaf).signatureAlgorithmParamsPresent).toBe(true);
    const r = openssl(['verify', '-CAfile', 'root.pem', '-untrusted', 'inter.pem', 'leaf.pem'], {
      'root.pem': pemEncode('CERTIFICATE', root.cert),
      'inter.pem': pemEncode('CERTIFICATE', interCert),
      'leaf.pem': pemEncode('CERTIFICATE', leaf),
    });
    expect(r.out).toContain('leaf.pem: OK');
    expect(r.status).toBe(0);
  });
});

describe('signParsedCertificate', () => {
  it('gives what parsing the signed certificate gives, for SM2 and RSA issuers', async () => {
    for (const ca of [await makeSm2Ca('签发'), await makeRsaCa()]) {
      const subject = sm2GenerateKeyPair();
      const tbs = encodeTbsCertificate({
        serialNumber: Buffer.from([0x42, 0x01]),
        issuer: encodeName(ca.name),
        subject: encodeName([{ type: 'CN', value: '张三' }]),
        notBefore: new Date('2026-01-01T00:00:00Z'),
        notAfter: new Date('2027-01-01T00:00:00Z'),
        subjectPublicKeyInfo: encodeSm2PublicKeySpki(subject.publicKey),
        extensions: [ext.keyUsage(['digitalSignature'])],
        signatureAlgorithm: ca.signer.signatureAlgorithm,
      });
      const tbsInfo = parseTbsCertificate(tbs);
      expect(Buffer.from(tbsInfo.tbs).equals(Buffer.from(tbs))).toBe(true);
      expect(tbsInfo.signature.length).toBe(0);
      const signed = await signParsedCertificate(tbsInfo, ca.signer);
      expect(signed).toEqual(parseCertificate(signed.der));
      expect(verifyCertificateSignature(signed.der, ca.signer.spki)).toBe(true);
    }
  });
});
