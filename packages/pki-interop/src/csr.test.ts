import { bcCheck, bcCompile } from './bouncyCastle';
import { interopPath } from './interop';
import { runOpenssl } from './openssl';
import { derToPem, pemToDer, scratchDir } from './testUtil';

jest.setTimeout(120_000);

const s = scratchDir('csr');
const o = async (...args: string[]) => {
  const r = await runOpenssl(args, undefined, { cwd: s.dir });
  if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  return r;
};
beforeAll(async () => {
  await bcCompile();
  await o(
    'req',
    '-new',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=RSA CSR/O=印信',
    '-utf8',
    '-keyout',
    'rsa.key',
    '-out',
    'rsa.csr',
  );
  await o(
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:SM2',
    '-out',
    'sm2.key',
  );
  await o(
    'req',
    '-new',
    '-key',
    'sm2.key',
    '-subj',
    '/CN=SM2 CSR',
    '-out',
    'sm2-openssl-default.csr',
  );
  await o(
    'req',
    '-new',
    '-key',
    'sm2.key',
    '-subj',
    '/CN=SM2 CSR',
    '-sigopt',
    'distid:1234567812345678',
    '-out',
    'sm2.csr',
  );
});
afterAll(() => s.cleanup());
const csr = (file: string, content: string | Uint8Array = s.read(file)) =>
  bcCheck('csr', [file], { files: { [file]: content } });

describe('csr', () => {
  it('verifies an openssl RSA CSR and refuses it with one signature byte changed', async () => {
    const r = await csr('rsa.csr');
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({
      keyAlgorithm: 'RSA',
      signatureAlgorithm: '1.2.840.113549.1.1.11',
    });
    expect(r.result.subject).toContain('CN=RSA CSR');
    const der = pemToDer(s.read('rsa.csr'), 'CERTIFICATE REQUEST');
    der[der.length - 1] ^= 0x01;
    expect(
      (await csr('bad.csr', derToPem(der, 'CERTIFICATE REQUEST'))).ok,
    ).toBe(false);
    // DER input is accepted too.
    expect(
      (await csr('rsa.der', pemToDer(s.read('rsa.csr'), 'CERTIFICATE REQUEST')))
        .ok,
    ).toBe(true);
  });

  it('verifies an openssl SM2 CSR signed with the GM/T 0009 default ID', async () => {
    const r = await csr('sm2.csr');
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({
      subject: 'CN=SM2 CSR',
      keyAlgorithm: 'EC/SM2',
      signatureAlgorithm: '1.2.156.10197.1.501',
    });
  });

  it('refuses an SM2 CSR from `openssl req` without -sigopt distid: OpenSSL 3.0 signs with an empty ID', async () => {
    // OpenSSL's own `req -verify` accepts it only without -vfyopt distid:1234567812345678, i.e.
    // OpenSSL, not BouncyCastle, departs from GM/T 0009 here.
    const r = await csr('sm2-openssl-default.csr');
    expect(r).toMatchObject({ ok: false, exitCode: 1 });
    expect(r.result.signatureValid).toBe(false);
    const lax = await o(
      'req',
      '-verify',
      '-noout',
      '-in',
      'sm2-openssl-default.csr',
    );
    expect(lax.stdout + lax.stderr).toMatch(/verify OK/);
    const strict = await runOpenssl(
      [
        'req',
        '-verify',
        '-noout',
        '-vfyopt',
        'distid:1234567812345678',
        '-in',
        'sm2-openssl-default.csr',
      ],
      undefined,
      { cwd: s.dir },
    );
    expect(strict.stdout + strict.stderr).toMatch(/verify failure/);
  });

  it('verifies the third-party Tongsuo SM2 CSR (SPKI algorithm 1.2.156.10197.1.301, a variant)', async () => {
    const r = await bcCheck('csr', [interopPath('tongsuo-sm2-csr.pem')]);
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({
      keyAlgorithm: 'SM2',
      spkiVariant: expect.stringContaining('1.2.156.10197.1.301'),
    });
  });
});
