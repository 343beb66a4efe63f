import { generateKeyPairSync } from 'node:crypto';
import { sm2 as smCrypto } from 'sm-crypto';
import { toHex } from './bytes';
import { buildCsr, parseCsr } from './csr';
import { GmError } from './errors';
import { ext } from './extensions';
import { OIDS } from './oids';
import { pemEncode } from './pem';
import { rsaSigner, sm2Signer } from './signer';
import { sm2GenerateKeyPair } from './sm2';
import { splitSigned } from './signed';
import { hasOpenssl, interop, openssl } from './testing/fixtures';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';

const subject = [
  { type: 'C' as const, value: 'CN' },
  { type: 'O' as const, value: '某某厅' },
  { type: 'CN' as const, value: '张三' },
];

describe('PKCS#10 CSRs', () => {
  it('builds an SM2 CSR with a challenge password and requested extensions, and parses it', async () => {
    const pair = sm2GenerateKeyPair();
    const der = await buildCsr({
      subject,
      signer: sm2Signer(pair),
      challengePassword: 'revoke-Me-123',
      extensions: [ext.keyUsage(['digitalSignature']), ext.subjectAltName({ email: ['zs@example.cn'] })],
    });
    const csr = parseCsr(der);
    expect(csr.signatureValid).toBe(true);
    expect(csr.subject.map(a => a.value)).toEqual(['CN', '某某厅', '张三']);
    expect(csr.publicKey.algorithm === 'SM2' && toHex(csr.publicKey.publicKey)).toBe(toHex(pair.publicKey));
    expect(csr.signatureAlgorithmOid).toBe(OIDS.sm3WithSm2);
    expect(csr.challengePassword).toBe('revoke-Me-123');
    expect(csr.requestedExtensions.map(e => e.oid)).toEqual([OIDS.keyUsage, OIDS.subjectAltName]);
    // PEM and base64 input
    expect(parseCsr(pemEncode('CERTIFICATE REQUEST', der)).signatureValid).toBe(true);
    expect(parseCsr(Buffer.from(der).toString('base64')).signatureValid).toBe(true);
    expect(parseCsr(pemEncode('NEW CERTIFICATE REQUEST', der)).signatureValid).toBe(true);
    // an independent ASN.1 reader agrees on the structure
    const p = AsnConvert.parse(Buffer.from(der), CertificationRequest);
    expect(p.certificationRequestInfo.attributes).toHaveLength(2);
  });

  it('the proof-of-possession signature verifies in sm-crypto (default ID)', async () => {
    const pair = sm2GenerateKeyPair();
    const csr = parseCsr(await buildCsr({ subject, signer: sm2Signer(pair) }));
    const { signature } = splitSigned(csr.der);
    expect(smCrypto.doVerifySignature(Array.from(csr.info), toHex(signature), toHex(pair.publicKey), { der: true, hash: true })).toBe(true);
  });

  it('an RSA CSR verifies; a broken signature gives signatureValid false', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = Buffer.from(await buildCsr({ subject, signer: rsaSigner(privateKey) }));
    const csr = parseCsr(der);
    expect(csr.publicKey).toMatchObject({ algorithm: 'RSA', modulusBits: 2048 });
    expect(csr.signatureValid).toBe(true);
    der[der.length - 1] ^= 1;
    expect(parseCsr(der).signatureValid).toBe(false);
    const sm2 = Buffer.from(await buildCsr({ subject, signer: sm2Signer(sm2GenerateKeyPair()) }));
    const i = sm2.indexOf(Buffer.from('张三'));
    sm2[i] ^= 1; // still valid UTF-8? the first byte changes from e5 to e4: another CJK character
    expect(parseCsr(sm2).signatureValid).toBe(false);
  });

  it('garbage, truncation and oversize give GmError', async () => {
    const der = Buffer.from(await buildCsr({ subject, signer: sm2Signer(sm2GenerateKeyPair()) }));
    expect(() => parseCsr(Buffer.from('garbage'))).toThrow(GmError);
    expect(() => parseCsr('')).toThrow(GmError);
    expect(() => parseCsr(der.subarray(0, der.length - 1))).toThrow(GmError);
    expect(() => parseCsr(Buffer.concat([der, Buffer.of(0)]))).toThrow(GmError);
    expect(() => parseCsr(der, { maxBytes: 100 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
    expect(() => parseCsr('A'.repeat(100_000))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
    expect(() => parseCsr(undefined as unknown as string)).toThrow(GmError);
  });

  it('a CSR signed by another key than the one it carries is invalid', async () => {
    const a = sm2GenerateKeyPair();
    const b = sm2Signer(sm2GenerateKeyPair());
    const liar = { ...b, spki: sm2Signer(a).spki };
    expect(parseCsr(await buildCsr({ subject, signer: liar })).signatureValid).toBe(false);
  });

  it('parses the Tongsuo SM2 CSR (its signature does not use the default ID)', () => {
    const csr = parseCsr(interop('tongsuo-sm2-csr.pem'));
    expect(csr.publicKey.algorithm).toBe('SM2');
    expect(csr.subject.find(a => a.type === 'CN')?.value).toBe('SM2 certificate signing key');
    expect(typeof csr.signatureValid).toBe('boolean');
  });

  (hasOpenssl ? it : it.skip)('openssl verifies our SM2 CSR with distid 1234567812345678, and we verify openssl’s', async () => {
    const der = await buildCsr({ subject, signer: sm2Signer(sm2GenerateKeyPair()), challengePassword: 'pw' });
    const r = openssl(['req', '-verify', '-noout', '-in', 'r.pem', '-vfyopt', 'distid:1234567812345678'], {
      'r.pem': pemEncode('CERTIFICATE REQUEST', der),
    });
    expect(r.out).toMatch(/verify OK/);
    expect(r.status).toBe(0);
    const made = openssl(
      [
        ['genpkey', '-algorithm', 'ec', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', 'k.pem'],
        ['req', '-new', '-key', 'k.pem', '-subj', '/CN=openssl sm2', '-sm3', '-sigopt', 'distid:1234567812345678'],
      ],
      {},
    );
    expect(made.status).toBe(0);
    const csr = parseCsr(made.out);
    expect(csr.publicKey.algorithm).toBe('SM2');
    expect(csr.signatureValid).toBe(true);
  });

  (hasOpenssl ? it : it.skip)('wrong key types: P-256 CSR is EC-OTHER and not verified', () => {
    const made = openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'k.pem', '-subj', '/CN=p256'], {});
    expect(made.status).toBe(0);
    const csr = parseCsr(made.out);
    expect(csr.publicKey).toMatchObject({ algorithm: 'EC-OTHER', oid: OIDS.prime256v1 });
    expect(csr.signatureValid).toBe(false);
  });
});
