import { generateKeyPairSync } from 'node:crypto';
import {
  ExtensionInput,
  encodeName,
  encodeSm2PublicKeySpki,
  encodeTbsCertificate,
  ext,
  keyIdentifierOf,
  parseTbsCertificate,
  randomSerial,
  sm2GenerateKeyPair,
  sm2Signer,
} from '@yinxin/gm';
import { CERTIFICATE_PROFILES } from './profiles';
import { lintCertificate } from './lint';
import { LintError, issueCertificate, profileExtensions } from '../ca/CertificateFactory';

const urls = { httpBase: 'http://ca.test/api/ca/public', ldapBase: 'ldap://ldap.test' };
const now = new Date('2026-11-28T00:00:00Z');
const year = 365 * 86_400_000;

async function makeIssuer() {
  const pair = sm2GenerateKeyPair();
  const signer = sm2Signer(pair);
  const { info } = await issueCertificate(
    {
      profile: CERTIFICATE_PROFILES['root-ca'],
      keyAlgorithm: 'SM2',
      serial: randomSerial(),
      subjectDer: encodeName([{ type: 'C', value: 'CN' }, { type: 'CN', value: '测试根' }]),
      subjectSpki: signer.spki,
      notBefore: now,
      notAfter: new Date(now.getTime() + 10 * year),
      selfSigned: { id: 'root', signer, algorithm: 'SM2' },
    },
    urls,
  );
  return { id: 'root', certificate: info, algorithm: 'SM2' as const, signer };
}

describe('profile lints', () => {
  let issuer: Awaited<ReturnType<typeof makeIssuer>>;
  beforeAll(async () => {
    issuer = await makeIssuer();
  });

  const subjectSpki = () => encodeSm2PublicKeySpki(sm2GenerateKeyPair().publicKey);
  const request = (usage: keyof typeof CERTIFICATE_PROFILES, spki = subjectSpki()) => ({
    profile: CERTIFICATE_PROFILES[usage],
    keyAlgorithm: 'SM2' as const,
    serial: randomSerial(),
    subjectDer: encodeName([{ type: 'C', value: 'CN' }, { type: 'O', value: '某厅' }, { type: 'CN', value: '李四' }]),
    subjectSpki: spki,
    notBefore: now,
    notAfter: new Date(now.getTime() + year),
    identity: { idNumber: '11010519491231002X' },
    issuer,
  });
  const lintOf = (req: ReturnType<typeof request>, patch: (e: ExtensionInput[]) => ExtensionInput[] = e => e, t: Partial<{ serial: Uint8Array; notAfter: Date; issuerDer: Uint8Array }> = {}) => {
    const tbs = encodeTbsCertificate({
      serialNumber: t.serial ?? req.serial,
      issuer: t.issuerDer ?? issuer.certificate.subjectDer,
      subject: req.subjectDer,
      notBefore: req.notBefore,
      notAfter: t.notAfter ?? req.notAfter,
      subjectPublicKeyInfo: req.subjectSpki,
      extensions: patch(profileExtensions(req, urls)),
      signatureAlgorithm: issuer.signer.signatureAlgorithm,
    });
    return lintCertificate(parseTbsCertificate(tbs), { profile: req.profile, keyAlgorithm: req.keyAlgorithm, issuer: issuer.certificate, issuerAlgorithm: 'SM2' }).map(v => v.code);
  };

  it('passes every profile as built', () => {
    for (const usage of ['sign', 'encrypt', 'ocsp', 'tsa', 'seal-maker', 'issuing-ca'] as const) expect([usage, lintOf(request(usage))]).toEqual([usage, []]);
  });

  it('finds wrong key usage, a signing bit on an encryption certificate, missing identifiers and pointers', () => {
    const req = request('encrypt');
    const withKu = (flags: Parameters<typeof ext.keyUsage>[0]) => (e: ExtensionInput[]) => e.map(x => (x.oid === '2.5.29.15' ? ext.keyUsage(flags) : x));
    expect(lintOf(req, withKu(['digitalSignature', 'keyEncipherment']))).toEqual(expect.arrayContaining(['keyUsage.bits', 'keyUsage.dual']));
    expect(lintOf(request('sign'), withKu(['digitalSignature', 'nonRepudiation', 'keyEncipherment']))).toEqual(expect.arrayContaining(['keyUsage.bits', 'keyUsage.dual']));
    expect(lintOf(req, e => e.filter(x => x.oid !== '2.5.29.35'))).toContain('aki');
    expect(lintOf(req, e => e.filter(x => x.oid !== '2.5.29.14'))).toContain('ski');
    expect(lintOf(req, e => e.filter(x => x.oid !== '2.5.29.31'))).toContain('crlDistributionPoints');
    expect(lintOf(req, e => e.map(x => (x.oid === '2.5.29.15' ? { ...x, critical: false } : x)))).toContain('keyUsage.critical');
    expect(lintOf(request('ocsp'), e => e.filter(x => x.oid !== '1.3.6.1.5.5.7.48.1.5'))).toContain('ocspNoCheck');
  });

  it('finds short serials, validity beyond the issuer and a wrong issuer name', () => {
    const req = request('sign');
    expect(lintOf(req, undefined, { serial: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) })).toContain('serial.entropy');
    expect(lintOf(req, undefined, { notAfter: new Date(now.getTime() + 20 * year) })).toContain('validity.issuer');
    expect(lintOf(req, undefined, { issuerDer: encodeName([{ type: 'CN', value: '别的 CA' }]) })).toContain('issuer.name');
  });

  it('finds small RSA keys and keys of the wrong algorithm', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const codes = lintOf({ ...request('sign', spki) });
    expect(codes).toEqual(expect.arrayContaining(['key.algorithm', 'key.size']));
  });

  it('signs nothing when a lint fails', async () => {
    const sign = jest.spyOn(issuer.signer, 'sign');
    const req = { ...request('sign'), notAfter: new Date(now.getTime() + 30 * year) };
    await expect(issueCertificate(req, urls)).rejects.toBeInstanceOf(LintError);
    expect(sign).not.toHaveBeenCalled();
    sign.mockRestore();
  });

  it('keeps the SKI equal to RFC 5280 method 1', () => {
    const spki = subjectSpki();
    const codes = lintOf(request('sign', spki), e => e.map(x => (x.oid === '2.5.29.14' ? ext.subjectKeyIdentifier(encodeSm2PublicKeySpki(sm2GenerateKeyPair().publicKey)) : x)));
    expect(codes).toContain('ski.value');
    expect(keyIdentifierOf(spki)).toHaveLength(20);
  });
});
