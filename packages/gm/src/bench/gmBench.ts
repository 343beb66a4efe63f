/*
 * Benchmark of the GM hot paths: SM2 sign/verify/encrypt/decrypt (ours on @noble/curves vs
 * sm-crypto 0.5.8), SM3 and SM4-GCM over 1 KiB, RSA-2048 signing, and building + signing one
 * SM2 certificate, one SM2 OCSP response (a responder's pre-signing), one SM2 timestamp token, and
 * making and verifying a v4 seal signature (SES_Signature). Run with `make bench` (scripts/bench.sh) or
 *   node --require @backstage/cli/config/nodeTransform.cjs packages/gm/src/bench/gmBench.ts
 * Prints a Markdown table. BENCH_GM_SECONDS sets the time per operation (default 1).
 */
import os from 'node:os';
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { sm2 as smCrypto } from 'sm-crypto';
import {
  OIDS,
  buildOcspResponse,
  buildSeal,
  buildSesSignature,
  verifySesSignature,
  buildTimeStampToken,
  certIdFor,
  encodeName,
  encodeSm2PublicKeySpki,
  encodeTbsCertificate,
  ext,
  keyIdentifierOf,
  randomSerial,
  signCertificate,
  sm2Decrypt,
  sm2Encrypt,
  sm2GenerateKeyPair,
  sm2Sign,
  sm2Signer,
  sm2Verify,
  sm3,
  sm4GcmSeal,
  toHex,
} from '../index';

/** One benchmark result. */
export interface GmBenchResult {
  /** operation and implementation */
  name: string;
  /** measured throughput on one core */
  opsPerSecond: number;
}

async function measure(name: string, fn: () => unknown | Promise<unknown>, seconds: number): Promise<GmBenchResult> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up (lazy tables, JIT)
  const budget = seconds * 1e9;
  const t0 = process.hrtime.bigint();
  let n = 0;
  let elapsed = 0;
  while (elapsed < budget || n < 5) {
    await fn();
    n++;
    elapsed = Number(process.hrtime.bigint() - t0);
  }
  return { name, opsPerSecond: n / (elapsed / 1e9) };
}

/**
 * Runs the GM benchmark and returns operations per second for each operation.
 * @param opts - `seconds` per operation (default `BENCH_GM_SECONDS` or 1)
 */
export async function runGmBench(opts?: { seconds?: number }): Promise<GmBenchResult[]> {
  const seconds = opts?.seconds ?? Number(process.env.BENCH_GM_SECONDS ?? 1);
  const pair = sm2GenerateKeyPair();
  const privHex = toHex(pair.privateKey);
  const pubHex = toHex(pair.publicKey);
  const msg = Buffer.alloc(256, 0x61);
  const key16 = Buffer.alloc(16, 7);
  const kib = Buffer.alloc(1024, 0x5a);
  const ourSig = sm2Sign(pair.privateKey, msg, { publicKey: pair.publicKey });
  const theirSig = smCrypto.doSignature(Array.from(msg), privHex, { der: true, hash: true, publicKey: pubHex });
  const ourCipher = sm2Encrypt(pair.publicKey, key16);
  const theirCipher = smCrypto.doEncrypt(Array.from(key16), pubHex, 1);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const caSigner = sm2Signer(sm2GenerateKeyPair());
  const caName = encodeName([{ type: 'C', value: 'CN' }, { type: 'O', value: '印信' }, { type: 'CN', value: 'Bench CA' }]);
  const caKeyId = keyIdentifierOf(caSigner.spki);
  const subjectSpki = encodeSm2PublicKeySpki(sm2GenerateKeyPair().publicKey);
  // one self-signed certificate that is both the OCSP responder and the TSA (critical EKU timeStamping)
  const serviceCert = await signCertificate(
    encodeTbsCertificate({
      serialNumber: randomSerial(),
      issuer: caName,
      subject: caName,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + 86_400_000),
      subjectPublicKeyInfo: caSigner.spki,
      extensions: [ext.basicConstraints(false), ext.extKeyUsage([OIDS.timeStamping], { critical: true })],
      signatureAlgorithm: caSigner.signatureAlgorithm,
    }),
    caSigner,
  );
  const certId = certIdFor({ issuerCert: serviceCert, serial: randomSerial() });
  const imprint = { hashAlgorithm: 'SM3' as const, hashedMessage: sm3(kib) };

  const results: GmBenchResult[] = [];
  const run = async (name: string, fn: () => unknown | Promise<unknown>, s = seconds) => {
    results.push(await measure(name, fn, s));
  };
  await run('SM2 sign (ours, @noble/curves)', () => sm2Sign(pair.privateKey, msg, { publicKey: pair.publicKey }));
  await run('SM2 sign (sm-crypto 0.5.8)', () => smCrypto.doSignature(Array.from(msg), privHex, { der: true, hash: true, publicKey: pubHex }));
  await run('SM2 verify (ours, @noble/curves)', () => sm2Verify(pair.publicKey, msg, ourSig));
  await run('SM2 verify (sm-crypto 0.5.8)', () => smCrypto.doVerifySignature(Array.from(msg), theirSig, pubHex, { der: true, hash: true }));
  await run('SM2 encrypt 16 B (ours, @noble/curves)', () => sm2Encrypt(pair.publicKey, key16));
  await run('SM2 encrypt 16 B (sm-crypto 0.5.8)', () => smCrypto.doEncrypt(Array.from(key16), pubHex, 1));
  await run('SM2 decrypt 16 B (ours, @noble/curves)', () => sm2Decrypt(pair.privateKey, ourCipher));
  await run('SM2 decrypt 16 B (sm-crypto 0.5.8)', () => smCrypto.doDecrypt(theirCipher, privHex, 1, { output: 'array' }));
  await run('SM3 1 KiB (node:crypto)', () => sm3(kib));
  await run('SM4-GCM seal 1 KiB (node:crypto)', () => sm4GcmSeal(key16, kib));
  await run('RSA-2048 sign, SHA-256 (node:crypto)', () => nodeSign('sha256', msg, rsa));
  await run('SM2 certificate: encode TBS + sign', async () => {
    const now = Date.now();
    const tbs = encodeTbsCertificate({
      serialNumber: randomSerial(),
      issuer: caName,
      subject: encodeName([{ type: 'C', value: 'CN' }, { type: 'O', value: '某某厅' }, { type: 'CN', value: '张三' }]),
      notBefore: new Date(now),
      notAfter: new Date(now + 365 * 86_400_000),
      subjectPublicKeyInfo: subjectSpki,
      extensions: [
        ext.basicConstraints(false),
        ext.keyUsage(['digitalSignature', 'nonRepudiation']),
        ext.subjectKeyIdentifier(subjectSpki),
        ext.authorityKeyIdentifier(caKeyId),
        ext.crlDistributionPoints(['http://crl.example.cn/ca.crl']),
      ],
      signatureAlgorithm: caSigner.signatureAlgorithm,
    });
    return signCertificate(tbs, caSigner);
  });
  await run('SM2 OCSP response: encode + sign (1 SingleResponse)', () => {
    const now = new Date();
    return buildOcspResponse(
      { responderCert: serviceCert, producedAt: now, responses: [{ certId, status: 'good', thisUpdate: now, nextUpdate: new Date(+now + 3_600_000) }] },
      caSigner,
    );
  });
  let tsSerial = 1n;
  await run('SM2 timestamp token: encode + sign', () =>
    buildTimeStampToken(
      { tstInfo: { policy: '1.2.156.1', imprint, serial: tsSerial++, genTime: new Date(), accuracy: { seconds: 1 } }, tsaCert: serviceCert },
      caSigner,
    ),
  );
  // seal signatures: a v4 seal with a 10 KiB picture, maker and signer the same bench key
  const seal = await buildSeal(
    4,
    {
      vid: 'BENCH',
      esId: '3501000000001',
      type: 1,
      name: '某某市人力资源和社会保障局',
      certificates: [serviceCert],
      createDate: new Date(),
      validStart: new Date(Date.now() - 86_400_000),
      validEnd: new Date(Date.now() + 86_400_000),
      picture: { type: 'PNG', data: Buffer.alloc(10 * 1024, 0x42), widthMm: 40, heightMm: 40 },
    },
    { certificate: serviceCert, signer: caSigner },
  );
  const sesInput = { seal, data: kib, propertyInfo: 'bench', signTime: new Date(), signerCertificate: serviceCert, signer: caSigner };
  const ses = await buildSesSignature(sesInput);
  await run('SES_Signature v4: check seal + build + sign (1 KiB data)', () => buildSesSignature({ ...sesInput, signTime: new Date() }));
  await run('SES_Signature v4: parse + verify (signature, seal, list, data hash)', () => {
    const v = verifySesSignature(ses, { data: kib });
    if (!v.valid) throw new Error('bench signature does not verify');
  });
  return results;
}

async function main() {
  const results = await runGmBench();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; one core\n`);
  console.log('| operation | ops/s |');
  console.log('|---|---:|');
  for (const r of results) console.log(`| ${r.name} | ${r.opsPerSecond.toFixed(r.opsPerSecond < 100 ? 1 : 0)} |`);
}

if (require.main === module) {
  main().catch(e => {
    process.stderr.write(`${String((e as Error).stack ?? e).slice(0, 2000)}\n`);
    process.exit(1);
  });
}
