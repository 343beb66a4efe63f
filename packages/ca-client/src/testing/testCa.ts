/* Test-only: a tiny SM2 CA built from gm primitives, issuing what the real CA issues. */
import { randomBytes } from 'node:crypto';
import {
  buildCsrResponse,
  buildSm2EnvelopedKey,
  encodeName,
  encodeSm2PublicKeySpki,
  encodeTbsCertificate,
  ext,
  fromHex,
  keyIdentifierOf,
  parseCsr,
  pemEncode,
  randomSerial,
  signCertificate,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2Signer,
  sm3,
  toHex,
  type KeyUsageFlag,
  type NameAttribute,
  type Signer,
  type Sm2KeyPair,
} from '@yinxin/gm';
import type { IssuanceResponse } from '@yinxin/plugin-ca-common';

const DAY = 86_400_000;

/** A self-signed SM2 CA. */
export interface TestCa {
  name: NameAttribute[];
  signer: Signer;
  cert: Uint8Array;
}

async function certify(ca: { name: NameAttribute[]; signer: Signer }, subject: NameAttribute[], spki: Uint8Array, usage: KeyUsageFlag[], isCa = false) {
  const tbs = encodeTbsCertificate({
    serialNumber: randomSerial(),
    issuer: encodeName(ca.name),
    subject: encodeName(subject),
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + 365 * DAY),
    subjectPublicKeyInfo: spki,
    extensions: [
      ext.basicConstraints(isCa),
      ext.keyUsage(usage),
      ext.subjectKeyIdentifier(spki),
      ext.authorityKeyIdentifier(keyIdentifierOf(ca.signer.spki)),
    ],
    signatureAlgorithm: ca.signer.signatureAlgorithm,
  });
  return signCertificate(tbs, ca.signer);
}

/** Makes a self-signed SM2 CA. */
export async function makeTestCa(): Promise<TestCa> {
  const signer = sm2Signer(sm2GenerateKeyPair());
  const name: NameAttribute[] = [
    { type: 'C', value: 'CN' },
    { type: 'O', value: '印信测试' },
    { type: 'CN', value: '测试 SM2 CA' },
  ];
  return { name, signer, cert: await certify({ name, signer }, name, signer.spki, ['keyCertSign', 'cRLSign'], true) };
}

/** Inputs of {@link issueFor}; each can be bent to build broken responses. */
export interface IssueOptions {
  /** Public key the signing certificate certifies (default: the CSR's). */
  signPublicKey?: Uint8Array;
  /** Public key the envelope is encrypted to (default: the CSR's). */
  envelopeRecipient?: Uint8Array;
  /** The KMC's encryption key pair (default: fresh). */
  encPair?: Sm2KeyPair;
  /** Public key the encryption certificate certifies (default: encPair's). */
  encCertPublicKey?: Uint8Array;
  /** Leave the envelope out. */
  noEnvelope?: boolean;
  /** Leave the encryption certificate out. */
  noEncCert?: boolean;
  /** The unlock key K (default: fresh 16 bytes); `null` leaves tokenUnlockKey out. */
  unlockKey?: Uint8Array | null;
  /** Public key K is encrypted to (default: the CSR's). */
  unlockKeyRecipient?: Uint8Array;
}

/** What {@link issueFor} made, including the secrets the test needs to check. */
export interface Issued {
  response: IssuanceResponse;
  encPair: Sm2KeyPair;
  unlockKey?: Uint8Array;
  signCertPem: string;
  encCertPem?: string;
}

/** Issues a GM/T 0015 dual pair for a CSR, as the CA does, packed into an IssuanceResponse. */
export async function issueFor(ca: TestCa, csrPem: string, o: IssueOptions = {}): Promise<Issued> {
  const csr = parseCsr(csrPem);
  if (!csr.signatureValid || csr.publicKey.algorithm !== 'SM2') throw new Error('bad test CSR');
  const csrKey = csr.publicKey.publicKey;
  const signCert = await certify(ca, csr.subject, encodeSm2PublicKeySpki(o.signPublicKey ?? csrKey), ['digitalSignature', 'nonRepudiation']);
  const encPair = o.encPair ?? sm2GenerateKeyPair();
  const encCert = await certify(ca, csr.subject, encodeSm2PublicKeySpki(o.encCertPublicKey ?? encPair.publicKey), ['keyEncipherment', 'dataEncipherment', 'keyAgreement']);
  const envelopedKey = o.noEnvelope ? undefined : buildSm2EnvelopedKey({ keyPair: encPair, recipientPublicKey: o.envelopeRecipient ?? csrKey });
  const unlockKey = o.unlockKey === null ? undefined : o.unlockKey ?? randomBytes(16);
  const der = buildCsrResponse({
    signCertificates: [signCert, ca.cert],
    envelopedKey,
    encryptCertificates: o.noEncCert ? undefined : [encCert],
  });
  const signCertPem = pemEncode('CERTIFICATE', signCert);
  const encCertPem = o.noEncCert ? undefined : pemEncode('CERTIFICATE', encCert);
  return {
    response: {
      csrResponse: Buffer.from(der).toString('base64'),
      certificatesPem: encCertPem ? [signCertPem, encCertPem] : [signCertPem],
      chainPem: [pemEncode('CERTIFICATE', ca.cert)],
      tokenUnlockKey: unlockKey ? Buffer.from(sm2Encrypt(o.unlockKeyRecipient ?? csrKey, unlockKey)).toString('base64') : undefined,
    },
    encPair,
    unlockKey,
    signCertPem,
    encCertPem,
  };
}

/**
 * The CA's unlock response, computed independently of the token's code from the protocol text:
 * SM2Encrypt(challenge, "YXUNLK01" ‖ SM3(UTF-8 serial ‖ challenge) ‖ K), hex.
 */
export function unlockResponseFor(serial: string, challengeHex: string, k: Uint8Array, o: { magic?: string; bindSerial?: string; encryptTo?: string } = {}): string {
  const challenge = fromHex(challengeHex);
  const plain = Buffer.concat([
    Buffer.from(o.magic ?? 'YXUNLK01', 'ascii'),
    Buffer.from(sm3(Buffer.concat([Buffer.from(o.bindSerial ?? serial, 'utf8'), challenge]))),
    Buffer.from(k),
  ]);
  return toHex(sm2Encrypt(fromHex(o.encryptTo ?? challengeHex), plain));
}
