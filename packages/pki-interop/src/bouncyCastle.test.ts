import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcCheck, bcCompile } from './bouncyCastle';
import { interopFile, interopPath } from './interop';
import { runOpenssl } from './openssl';
import { derToPem, pemToDer, scratchDir } from './testUtil';

jest.setTimeout(120_000);

// Tencent Kona SM test PKI (third-party, made with OpenSSL/Tongsuo): ca -> intca -> ee, all SM2.
const CA = interopPath('kona-ca-sm2sm2.crt');
const INT = interopPath('kona-intca-sm2sm2-sm2sm2.crt');
const EE = interopPath('kona-ee-sm2sm2-sm2sm2-sm2sm2.crt');
const EE_KEY = interopPath('kona-ee-sm2sm2-sm2sm2-sm2sm2.key');
// Despite its name this CRL is issued by the ROOT (CN=ca-sm2sm2) and revokes the intermediate
// (serial 66B3F017..., reason superseded).
const INT_CRL = interopPath('kona-intca-sm2sm2-sm2sm2.crl');
const hex = (s: string) => Buffer.from(s).toString('hex');

beforeAll(() => bcCompile());

describe('chain (BouncyCastle PKIX) on the Kona SM2 chain', () => {
  it('validates the whole chain, leaf first or leaf last, and names each link', async () => {
    for (const order of [
      [EE, INT],
      [INT, EE],
    ]) {
      const r = await bcCheck('chain', ['--anchor', CA, ...order]);
      expect(r).toMatchObject({ ok: true, exitCode: 0 });
      expect(r.result.subjects).toEqual([
        'CN=ee-sm2sm2-sm2sm2-sm2sm2',
        'CN=intca-sm2sm2-sm2sm2',
      ]);
      expect(r.result.links[0].sigAlg).toBe('SM3WITHSM2');
    }
  });

  it('checks validity at --at: inside the 2021-2031 window passes, after it fails', async () => {
    expect(
      (
        await bcCheck('chain', [
          '--anchor',
          CA,
          '--at',
          '2022-01-01T00:00:00Z',
          EE,
          INT,
        ])
      ).ok,
    ).toBe(true);
    const late = await bcCheck('chain', [
      '--anchor',
      CA,
      '--at',
      '2032-01-01T00:00:00Z',
      EE,
      INT,
    ]);
    expect(late).toMatchObject({ ok: false, exitCode: 1 });
    expect(late.result.error).toMatch(/expired/);
  });

  it('fails without the intermediate, against another root, or with one signature byte changed', async () => {
    const missing = await bcCheck('chain', ['--anchor', CA, EE]);
    expect(missing).toMatchObject({ ok: false, exitCode: 1 });
    expect(
      (
        await bcCheck('chain', [
          '--anchor',
          interopPath('tongsuo-sm2-root-cert.pem'),
          EE,
          INT,
        ])
      ).ok,
    ).toBe(false);

    const der = pemToDer(interopFile('kona-ee-sm2sm2-sm2sm2-sm2sm2.crt'));
    der[der.length - 1] ^= 0x01; // last byte of s in the signature value
    const bad = await bcCheck('chain', ['--anchor', CA, INT, 'ee.der'], {
      files: { 'ee.der': der },
    });
    expect(bad).toMatchObject({ ok: false, exitCode: 1 });
    expect(bad.result.failedSubject).toBe('CN=ee-sm2sm2-sm2sm2-sm2sm2');
    // The same DER file unchanged passes (the failure is the signature, not the DER input).
    const good = await bcCheck('chain', ['--anchor', CA, INT, 'ee.der'], {
      files: {
        'ee.der': pemToDer(interopFile('kona-ee-sm2sm2-sm2sm2-sm2sm2.crt')),
      },
    });
    expect(good.ok).toBe(true);
  });

  it('with --crl turns revocation on: the root CRL revokes the intermediate', async () => {
    const r = await bcCheck('chain', [
      '--anchor',
      CA,
      '--crl',
      INT_CRL,
      EE,
      INT,
    ]);
    expect(r).toMatchObject({ ok: false, exitCode: 1 });
    expect(r.result.revocation).toBe(true);
    expect(r.result.error).toMatch(/revocation.*superseded/);
    expect(r.result.failedSubject).toBe('CN=intca-sm2sm2-sm2sm2');
  });
});

describe('crl', () => {
  it('verifies the Kona CRL against its real issuer (the root) and refuses the intermediate', async () => {
    const r = await bcCheck('crl', ['--issuer', CA, INT_CRL]);
    expect(r.ok).toBe(true);
    expect(r.result).toMatchObject({
      issuer: 'CN=ca-sm2sm2',
      signatureAlgorithm: '1.2.156.10197.1.501',
      thisUpdate: '2021-11-09T09:29:14Z',
      nextUpdate: '2031-11-07T09:29:14Z',
      entryCount: 1,
      entries: [
        {
          serial: '66B3F01773EA5860DCAE155B7BCAD7E03C099845',
          reason: 'superseded',
        },
      ],
    });
    const wrong = await bcCheck('crl', ['--issuer', INT, INT_CRL]);
    expect(wrong).toMatchObject({ ok: false, exitCode: 1 });
    expect(wrong.result.signatureValid).toBe(false);
    expect(
      (
        await bcCheck('crl', [
          '--issuer',
          CA,
          interopPath('kona-ca-sm2sm2-empty.crl'),
        ])
      ).result.entryCount,
    ).toBe(0);
  });
});

describe('SM2 keys, ciphertext and signatures with the Kona end-entity key', () => {
  it('key-matches the own certificate only', async () => {
    expect(
      (await bcCheck('key-matches', ['--key', EE_KEY, '--cert', EE])).ok,
    ).toBe(true);
    expect(
      (await bcCheck('key-matches', ['--key', EE_KEY, '--cert', INT])).ok,
    ).toBe(false);
  });

  it('sm2-encrypt gives GM/T 0009 DER that sm2-decrypt and OpenSSL both open; changed ciphertext fails', async () => {
    const plain = hex('一卡通补贴数据');
    const enc = await bcCheck('sm2-encrypt', ['--cert', EE, '--hex', plain]);
    expect(enc.ok).toBe(true);
    const cipher = Buffer.from(enc.result.cipherHex, 'hex');
    const parsed = await runOpenssl(['asn1parse', '-inform', 'DER'], cipher);
    expect(parsed.stdout.match(/prim: (INTEGER|OCTET STRING)/g)).toEqual([
      'prim: INTEGER',
      'prim: INTEGER',
      'prim: OCTET STRING',
      'prim: OCTET STRING',
    ]);
    expect(parsed.stdout).toMatch(/l= {2}32 prim: OCTET STRING/);

    const dec = await bcCheck('sm2-decrypt', [
      '--key',
      EE_KEY,
      '--hex',
      enc.result.cipherHex,
    ]);
    expect(dec).toMatchObject({ ok: true, result: { plainHex: plain } });
    const viaOpenssl = await runOpenssl(
      ['pkeyutl', '-decrypt', '-inkey', EE_KEY],
      cipher,
    );
    expect(viaOpenssl.stdout).toBe('一卡通补贴数据');

    const flipped = Buffer.from(cipher);
    flipped[flipped.length - 1] ^= 0x01; // last byte of C2
    expect(
      (
        await bcCheck('sm2-decrypt', [
          '--key',
          EE_KEY,
          '--hex',
          flipped.toString('hex'),
        ])
      ).ok,
    ).toBe(false);
    const trailing = await bcCheck('sm2-decrypt', [
      '--key',
      EE_KEY,
      '--hex',
      `${enc.result.cipherHex}00`,
    ]);
    expect(trailing.ok).toBe(false);
    expect(trailing.result.error).toMatch(/DER/);
  });

  it('sm2-decrypt opens OpenSSL SM2 ciphertext', async () => {
    const pub = (await runOpenssl(['x509', '-pubkey', '-noout', '-in', EE]))
      .stdout;
    const s = scratchDir('sm2');
    try {
      writeFileSync(join(s.dir, 'pub.pem'), pub);
      const c = await runOpenssl(
        ['pkeyutl', '-encrypt', '-pubin', '-inkey', 'pub.pem'],
        '印信',
        { cwd: s.dir },
      );
      expect(c.code).toBe(0);
      expect(
        (
          await bcCheck('sm2-decrypt', [
            '--key',
            EE_KEY,
            '--hex',
            c.stdoutBytes.toString('hex'),
          ])
        ).result.plainHex,
      ).toBe(hex('印信'));
    } finally {
      s.cleanup();
    }
  });

  it('sm2-sign and sm2-verify use the default ID 1234567812345678 (cross-checked with OpenSSL)', async () => {
    const data = hex('签名数据');
    const sig = await bcCheck('sm2-sign', [
      '--key',
      EE_KEY,
      '--data-hex',
      data,
    ]);
    expect(sig.ok).toBe(true);
    expect(
      (
        await bcCheck('sm2-verify', [
          '--cert',
          EE,
          '--data-hex',
          data,
          '--sig-hex',
          sig.result.sigHex,
        ])
      ).ok,
    ).toBe(true);
    expect(
      (
        await bcCheck('sm2-verify', [
          '--cert',
          EE,
          '--data-hex',
          hex('别的数据'),
          '--sig-hex',
          sig.result.sigHex,
        ])
      ).ok,
    ).toBe(false);
    expect(
      (
        await bcCheck('sm2-verify', [
          '--cert',
          INT,
          '--data-hex',
          data,
          '--sig-hex',
          sig.result.sigHex,
        ])
      ).ok,
    ).toBe(false);

    // OpenSSL signs with the same ID when told (-sigopt distid); BC verifies it.
    const s = scratchDir('sm2');
    try {
      const ossl = await runOpenssl(
        ['dgst', '-sm3', '-sign', EE_KEY, '-sigopt', 'distid:1234567812345678'],
        Buffer.from(data, 'hex'),
        { cwd: s.dir },
      );
      expect(ossl.code).toBe(0);
      expect(
        (
          await bcCheck('sm2-verify', [
            '--cert',
            EE,
            '--data-hex',
            data,
            '--sig-hex',
            ossl.stdoutBytes.toString('hex'),
          ])
        ).ok,
      ).toBe(true);
      // Without the ID OpenSSL 3.0 uses an empty one, which is not GM/T 0009's default: BC refuses it.
      const noId = await runOpenssl(
        ['dgst', '-sm3', '-sign', EE_KEY],
        Buffer.from(data, 'hex'),
        { cwd: s.dir },
      );
      expect(noId.code).toBe(0);
      expect(
        (
          await bcCheck('sm2-verify', [
            '--cert',
            EE,
            '--data-hex',
            data,
            '--sig-hex',
            noId.stdoutBytes.toString('hex'),
          ])
        ).ok,
      ).toBe(false);
    } finally {
      s.cleanup();
    }
  });
});

describe('bcCheck itself', () => {
  it('throws on usage errors instead of reporting a failed check', async () => {
    await expect(bcCheck('no-such-check', [])).rejects.toThrow(
      /unknown subcommand/,
    );
    await expect(
      bcCheck('chain', ['--anchor', CA, '--typo', 'x', EE]),
    ).rejects.toThrow(/unknown option --typo/);
    await expect(
      bcCheck('chain', ['--anchor', 'missing.pem', EE]),
    ).rejects.toThrow(/no such file/);
    await expect(
      bcCheck('csr', ['../x'], { files: { '../x': 'x' } }),
    ).rejects.toThrow(/plain name/);
  });

  it('reads DER and PEM files written through `files`', async () => {
    const der = pemToDer(interopFile('kona-intca-sm2sm2-sm2sm2.crt'));
    const r = await bcCheck('chain', ['--anchor', 'ca.pem', 'int.der'], {
      files: {
        'ca.pem': derToPem(pemToDer(interopFile('kona-ca-sm2sm2.crt'))),
        'int.der': der,
      },
    });
    expect(r.ok).toBe(true);
  });

  it('fails loudly (does not skip) when the BouncyCastle jars are missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'yinxin-nojars-'));
    const saved = process.env.YINXIN_BC_JAR_DIR;
    process.env.YINXIN_BC_JAR_DIR = empty;
    try {
      await jest.isolateModulesAsync(async () => {
        const fresh: typeof import('./bouncyCastle') = require('./bouncyCastle');
        await expect(fresh.bcCheck('csr', ['x'])).rejects.toThrow(
          /install openjdk-17-jdk-headless libbcprov-java libbcpkix-java/,
        );
      });
    } finally {
      if (saved === undefined) delete process.env.YINXIN_BC_JAR_DIR;
      else process.env.YINXIN_BC_JAR_DIR = saved;
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('fails loudly when java is not on the PATH', async () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await jest.isolateModulesAsync(async () => {
        const fresh: typeof import('./bouncyCastle') = require('./bouncyCastle');
        await expect(fresh.bcCheck('csr', ['x'])).rejects.toThrow(
          /(java|javac) not found: install openjdk-17-jdk-headless/,
        );
      });
    } finally {
      process.env.PATH = saved;
    }
  });
});
