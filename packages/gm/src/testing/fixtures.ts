/* Test helpers: the shared interop corpus, a small SM2/RSA PKI, and an openssl runner. */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeTbsCertificate, signCertificate } from '../certificate';
import { ext, keyIdentifierOf, type ExtensionInput } from '../extensions';
import { OIDS } from '../oids';
import { encodeName, type NameAttribute } from '../names';
import { randomSerial } from '../bytes';
import { rsaSigner, sm2Signer, type Signer } from '../signer';
import { sm2GenerateKeyPair, type Sm2KeyPair } from '../sm2';

/** the shared interop corpus (see PROVENANCE.md there) */
export const INTEROP_DIR = process.env.YINXIN_INTEROP_DIR ?? '/work/shared/testdata/interop';
/** reads an interop file */
export const interop = (name: string): Buffer => readFileSync(join(INTEROP_DIR, name));

/** a certificate with the key that signs as that subject */
export interface TestCa {
  name: NameAttribute[];
  signer: Signer;
  pair?: Sm2KeyPair;
  cert: Uint8Array;
}

const DAY = 86_400_000;

/** issues a certificate (self-signed when `issuer` is undefined) */
export async function issue(opts: {
  subject: NameAttribute[];
  subjectSigner: Signer;
  issuer?: TestCa;
  ca?: boolean;
  pathLen?: number;
  extensions?: ExtensionInput[];
  notBefore?: Date;
  notAfter?: Date;
}): Promise<Uint8Array> {
  const issuerSigner = opts.issuer?.signer ?? opts.subjectSigner;
  const issuerName = opts.issuer?.name ?? opts.subject;
  const exts: ExtensionInput[] = opts.extensions ?? [
    ext.basicConstraints(!!opts.ca, opts.ca ? opts.pathLen : undefined),
    ext.keyUsage(opts.ca ? ['keyCertSign', 'cRLSign'] : ['digitalSignature', 'nonRepudiation']),
    ext.subjectKeyIdentifier(opts.subjectSigner.spki),
    ext.authorityKeyIdentifier(keyIdentifierOf(issuerSigner.spki)),
  ];
  const now = Date.now();
  const tbs = encodeTbsCertificate({
    serialNumber: randomSerial(),
    issuer: encodeName(issuerName),
    subject: encodeName(opts.subject),
    notBefore: opts.notBefore ?? new Date(now - DAY),
    notAfter: opts.notAfter ?? new Date(now + 365 * DAY),
    subjectPublicKeyInfo: opts.subjectSigner.spki,
    extensions: exts,
    signatureAlgorithm: issuerSigner.signatureAlgorithm,
  });
  return signCertificate(tbs, issuerSigner);
}

/** a self-signed SM2 CA */
export async function makeSm2Ca(cn = '测试根 CA'): Promise<TestCa> {
  const pair = sm2GenerateKeyPair();
  const signer = sm2Signer(pair);
  const name: NameAttribute[] = [
    { type: 'C', value: 'CN' },
    { type: 'O', value: '印信测试' },
    { type: 'CN', value: cn },
  ];
  return { name, signer, pair, cert: await issue({ subject: name, subjectSigner: signer, ca: true }) };
}

/** a self-signed RSA-2048 CA */
export async function makeRsaCa(): Promise<TestCa & { privateKey: import('node:crypto').KeyObject }> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signer = rsaSigner(privateKey);
  const name: NameAttribute[] = [
    { type: 'C', value: 'CN' },
    { type: 'O', value: 'yinxin test' },
    { type: 'CN', value: 'RSA test root' },
  ];
  return { name, signer, privateKey, cert: await issue({ subject: name, subjectSigner: signer, ca: true }) };
}

/** a fresh key of the CA's algorithm (RSA-2048 or SM2) */
export function freshSigner(like: Signer): { signer: Signer; pair?: Sm2KeyPair; privateKey?: import('node:crypto').KeyObject } {
  if (like.algorithm === 'SM2') {
    const pair = sm2GenerateKeyPair();
    return { signer: sm2Signer(pair), pair };
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { signer: rsaSigner(privateKey), privateKey };
}

/** an end-entity certificate issued by `ca`, with the key that signs as it */
export async function makeLeaf(ca: TestCa, cn = 'leaf'): Promise<TestCa> {
  const { signer, pair } = freshSigner(ca.signer);
  const name: NameAttribute[] = [{ type: 'CN', value: cn }];
  return { name, signer, pair, cert: await issue({ subject: name, subjectSigner: signer, issuer: ca }) };
}

/** a delegated OCSP responder certificate of `ca`: EKU id-kp-OCSPSigning and id-pkix-ocsp-nocheck */
export async function makeOcspResponder(ca: TestCa, opts?: { extensions?: ExtensionInput[] }): Promise<TestCa> {
  const { signer, pair } = freshSigner(ca.signer);
  const name: NameAttribute[] = [{ type: 'O', value: '印信测试' }, { type: 'CN', value: 'OCSP responder' }];
  const extensions = opts?.extensions ?? [
    ext.basicConstraints(false),
    ext.keyUsage(['digitalSignature']),
    ext.extKeyUsage([OIDS.ocspSigning]),
    ext.ocspNoCheck(),
    ext.subjectKeyIdentifier(signer.spki),
    ext.authorityKeyIdentifier(keyIdentifierOf(ca.signer.spki)),
  ];
  return { name, signer, pair, cert: await issue({ subject: name, subjectSigner: signer, issuer: ca, extensions }) };
}

/** a TSA certificate of `ca`: critical EKU id-kp-timeStamping only (RFC 3161 §2.3) */
export async function makeTsa(
  ca: TestCa,
  opts?: { extensions?: ExtensionInput[]; notBefore?: Date; notAfter?: Date },
): Promise<TestCa & { privateKey?: import('node:crypto').KeyObject }> {
  const { signer, pair, privateKey } = freshSigner(ca.signer);
  const name: NameAttribute[] = [{ type: 'C', value: 'CN' }, { type: 'O', value: '印信测试' }, { type: 'CN', value: 'TSA' }];
  const extensions = opts?.extensions ?? [
    ext.basicConstraints(false),
    ext.keyUsage(['digitalSignature', 'nonRepudiation']),
    ext.extKeyUsage([OIDS.timeStamping], { critical: true }),
    ext.subjectKeyIdentifier(signer.spki),
    ext.authorityKeyIdentifier(keyIdentifierOf(ca.signer.spki)),
  ];
  return {
    name,
    signer,
    pair,
    privateKey,
    cert: await issue({ subject: name, subjectSigner: signer, issuer: ca, extensions, notBefore: opts?.notBefore, notAfter: opts?.notAfter }),
  };
}

/** true when an `openssl` binary is available */
export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

/**
 * runs openssl (one command, or several in sequence, stopping at the first failure) in a temp
 * directory holding `files`; returns the exit status and output of the last command run
 */
export function openssl(
  args: string[] | string[][],
  files: Record<string, string | Uint8Array>,
): { status: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'gm-openssl-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const cmds = Array.isArray(args[0]) ? (args as string[][]) : [args as string[]];
    let result = { status: -1, out: '' };
    for (const cmd of cmds) {
      const r = spawnSync('openssl', cmd, { cwd: dir, encoding: 'utf8' });
      result = { status: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
      if (result.status !== 0) break;
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

