/*
 * Test support: a certification authority inside the test process, built from gm (SM2 root that
 * issues directly), for unit tests of the seal services that need an injected clock. It certifies
 * CSRs and answers status; the seal plugin's integration tests use the real CA plugin instead.
 */
import {
  encodeName,
  encodeTbsCertificate,
  ext,
  keyIdentifierOf,
  parseCsr,
  pemEncode,
  randomSerial,
  signCertificate,
  sm2GenerateKeyPair,
  sm2Signer,
  toHex,
} from '@yinxin/gm';
import type { CaCertificate, CaCertificateStatus, CaGateway, CertifiedKey } from '../ca/CaClient';

const DAY = 86_400_000;
const ISSUER_ID = '00000000-0000-4000-8000-00000000000a';

/** A CaGateway answered by a CA in this process; `revoked` lists what the seal plugin revoked. */
export async function inProcessCa(clock: () => Date): Promise<CaGateway & { revoked: string[]; rootPem: string }> {
  const signer = sm2Signer(sm2GenerateKeyPair());
  const name = encodeName([{ type: 'C', value: 'CN' }, { type: 'O', value: '测试' }, { type: 'CN', value: '测试根 CA' }]);
  const rootDer = await signCertificate(
    encodeTbsCertificate({
      serialNumber: randomSerial(),
      issuer: name,
      subject: name,
      notBefore: new Date(clock().getTime() - 365 * DAY),
      notAfter: new Date(clock().getTime() + 10 * 365 * DAY),
      subjectPublicKeyInfo: signer.spki,
      extensions: [ext.basicConstraints(true), ext.keyUsage(['keyCertSign', 'cRLSign']), ext.subjectKeyIdentifier(signer.spki)],
      signatureAlgorithm: signer.signatureAlgorithm,
    }),
    signer,
  );
  const issued = new Map<string, { serial: string; status: 'good' | 'revoked'; revocationTime?: string; pem: string; subject: string; notBefore: string; notAfter: string }>();
  const revoked: string[] = [];
  return {
    revoked,
    rootPem: pemEncode('CERTIFICATE', rootDer),
    async certify(req): Promise<CertifiedKey> {
      const csr = parseCsr(req.csrPem);
      const now = clock();
      const serial = randomSerial();
      const der = await signCertificate(
        encodeTbsCertificate({
          serialNumber: serial,
          issuer: name,
          subject: encodeName([{ type: 'CN', value: req.commonName }]),
          notBefore: new Date(now.getTime() - 60_000),
          notAfter: new Date(now.getTime() + (req.validityDays ?? 365) * DAY),
          subjectPublicKeyInfo: csr.publicKey.spki,
          extensions: [ext.basicConstraints(false), ext.keyUsage(['digitalSignature', 'nonRepudiation']), ext.authorityKeyIdentifier(keyIdentifierOf(signer.spki))],
          signatureAlgorithm: signer.signatureAlgorithm,
        }),
        signer,
      );
      const certificateId = `00000000-0000-4000-8000-${toHex(serial).slice(0, 12).padStart(12, '0')}`;
      issued.set(certificateId, {
        serial: toHex(serial).replace(/^0+/, ''),
        status: 'good',
        pem: pemEncode('CERTIFICATE', der),
        subject: `CN=${req.commonName}`,
        notBefore: new Date(now.getTime() - 60_000).toISOString(),
        notAfter: new Date(now.getTime() + (req.validityDays ?? 365) * DAY).toISOString(),
      });
      return { certificateId, issuerId: ISSUER_ID, serial: toHex(serial), certificatePem: pemEncode('CERTIFICATE', der), chainPem: [pemEncode('CERTIFICATE', rootDer)], notAfter: new Date(now.getTime() + 365 * DAY).toISOString() };
    },
    async certificate(id: string): Promise<CaCertificate | undefined> {
      const c = issued.get(id);
      if (!c) return undefined;
      return { id, serial: c.serial, issuerId: ISSUER_ID, subjectDn: c.subject, usage: 'sign', keyAlgorithm: 'SM2', status: c.status, notBefore: c.notBefore, notAfter: c.notAfter, fingerprintSm3: '', pem: c.pem, revokedAt: c.revocationTime };
    },
    async status(_issuerId: string, serial: string): Promise<CaCertificateStatus> {
      const c = [...issued.values()].find(x => x.serial === serial.replace(/^0+/, ''));
      return c ? { status: c.status, revocationTime: c.revocationTime } : { status: 'unknown' };
    },
    async revokeCertified(certificateId: string): Promise<void> {
      const c = issued.get(certificateId);
      if (c) Object.assign(c, { status: 'revoked', revocationTime: clock().toISOString() });
      revoked.push(certificateId);
    },
    async timestamp(): Promise<Uint8Array> {
      throw new Error('no TSA in the in-process CA');
    },
  };
}
