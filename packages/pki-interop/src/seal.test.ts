/*
 * The BouncyCastle seal checker (seal, ses, cms subcommands).
 *
 * 1. On the interop corpus its verdicts match PROVENANCE.md (sections "Electronic seals" and
 *    "Seal signatures"), including the two --data cases that must fail.
 * 2. Changed bytes make it fail, and bad input is exit 1 with an error (never a usage error).
 * 3. Structures the corpus lacks (a v1 SES_Signature, certListType 2, an RSA seal maker, the
 *    extDatas variants, a v4 timeStamp) are built here with a small DER writer and signed by
 *    OpenSSL (SM2 with the GM/T 0009 default ID, RSA, an OpenSSL TSA), so BouncyCastle checks
 *    what another implementation signed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bcCheck, bcCompile } from './bouncyCastle';
import { interopFile } from './interop';
import { runOpenssl, SM2_DEFAULT_ID } from './openssl';
import { pemToDer, scratchDir } from './testUtil';

jest.setTimeout(120_000);

const seal = (bytes: Uint8Array, ...args: string[]) =>
  bcCheck('seal', [...args, 's.esl'], { files: { 's.esl': bytes } });
const ses = (bytes: Uint8Array, data?: Uint8Array, ...args: string[]) =>
  bcCheck('ses', [...(data ? ['--data', 'data.bin'] : []), ...args, 'sig.dat'], {
    files: { 'sig.dat': bytes, ...(data ? { 'data.bin': data } : {}) },
  });

describe('BouncyCastle seal checker on the interop corpus', () => {
  it.each([
    ['ofdrw-UserV1.esl', 1, 'OFDR&WTest', 'SEQUENCE { esealInfo, cert, signatureAlgorithm }', 'UTCTime', 'PNG'],
    ['ofdrw-UserV4.esl', 4, 'OFDR&WTest', 'SES_SealInfo', 'GeneralizedTime', 'PNG'],
    ['ofdrw-draw_param_ref-GOMAIN-Seal.esl', 4, 'GOMAIN', 'SES_SealInfo', 'GeneralizedTime', 'ofd'],
    ['ofdrw-keyword-tongz-Seal.esl', 4, 'SHANDONG.TONGZHIWEIYE', 'SES_SealInfo', 'GeneralizedTime', 'PNG'],
  ])('seal %s: v%d from %s, maker signature valid over %s', async (file, version, vid, signedOver, timeType, picture) => {
    const r = await seal(interopFile(file));
    expect(r.result).toMatchObject({
      version,
      header: { id: 'ES', version, vid },
      signatureAlgorithm: '1.2.156.10197.1.501',
      signedOver,
      makerSignatureValid: true,
      property: { certListType: 1, certCount: 1, timeType },
      picture: { type: picture },
      der: true,
    });
    expect(r.result.makerSubject).toMatch(/^CN=/);
    expect(r.exitCode).toBe(0);
    expect(r.ok).toBe(true);
  });

  it('seal --at: inside the validity period passes, after validEnd fails with the signature still valid', async () => {
    const file = interopFile('ofdrw-UserV4.esl');
    const inside = await seal(file, '--at', '2021-01-01T00:00:00Z');
    expect(inside.result).toMatchObject({
      property: { validStart: '2020-04-22T02:09:00Z', validEnd: '2022-04-22T02:09:00Z' },
      validAt: true,
    });
    expect(inside.ok).toBe(true);
    const after = await seal(file, '--at', '2022-04-22T02:09:01Z');
    expect(after.result).toMatchObject({ makerSignatureValid: true, validAt: false, error: 'failed: validAt' });
    expect(after.exitCode).toBe(1);
  });

  // PROVENANCE.md: every SES file verifies alone; with --data the hash matches for the data it
  // signs, and not for ofdrw's placeholder (dataHash = zeros) or another Signature.xml
  // (PROVENANCE ran that case with ofdrw-DianJu-Signature.xml, which is not in the corpus).
  it.each([
    ['ofdrw-1-GOMAIN-SignedValue.dat', 'ofdrw-1-GOMAIN-Signature.xml', true, '2020-07-23T13:09:07Z'],
    ['ofdrw-draw_param_ref-GOMAIN-SignedValue.dat', 'ofdrw-draw_param_ref-GOMAIN-Signature.xml', true, '2020-03-05T03:21:31Z'],
    ['ofdrw-keyword-tongz-Sign1-SignedValue.dat', 'ofdrw-keyword-tongz-Sign1-Signature.xml', true, '2020-06-20T09:18:49Z'],
    ['ofdrw-SignedValueV4.dat', 'ofdrw-SignedValueV4-Signature.xml', false, '2020-10-12T11:14:03Z'],
    ['ofdrw-1-GOMAIN-SignedValue.dat', 'ofdrw-draw_param_ref-GOMAIN-Signature.xml', false, '2020-07-23T13:09:07Z'],
  ])('ses %s with --data %s: dataHashMatches = %s', async (file, data, matches, signTime) => {
    const checks = { version: 4, signatureValid: true, sealMakerValid: true, signerInSealList: true, timeStampPresent: false };
    const alone = await ses(interopFile(file));
    expect(alone.result).toMatchObject({ ...checks, signTime, propertyInfo: expect.stringMatching(/^\/Doc_0\/Signs\/Sign_\d\/Signature\.xml$/) });
    expect(alone.result.dataHashMatches).toBeUndefined();
    expect(alone.exitCode).toBe(0);
    const r = await ses(interopFile(file), interopFile(data));
    expect(r.result).toMatchObject({ ...checks, dataHashAlgorithm: 'SM3', dataHashMatches: matches });
    expect(r.exitCode).toBe(matches ? 0 : 1);
    expect(r.ok).toBe(matches);
    if (!matches) expect(r.result.error).toBe('failed: dataHashMatches');
  });

  it('ses: vendor variants are reported (tongz raw r||s signature and [0] TBS extDatas, GOMAIN seal extDatas)', async () => {
    const tongz = await ses(interopFile('ofdrw-keyword-tongz-Sign1-SignedValue.dat'));
    expect(tongz.result).toMatchObject({
      signatureEncoding: 'raw r||s',
      extDatas: { form: '[0] EXPLICIT', count: 1, extensions: [{ id: '1.3.6.1.5.5.7.1.4', critical: true }] },
      seal: { makerSignatureEncoding: 'DER SM2Signature', makerSignatureValid: true },
    });
    const gomain = await ses(interopFile('ofdrw-1-GOMAIN-SignedValue.dat'));
    expect(gomain.result.seal).toMatchObject({
      vid: 'GOMAIN',
      picture: { type: 'ofd', detected: 'ZIP (OFD)' },
      extDatas: { form: 'untagged', extensions: [{ id: '1.2.156.10197.6.7.2.2.1', critical: false, defaultFalseEncoded: true }] },
    });
  });

  it('ses --signer-cert-out writes the signer certificate (ofdrw SignedValueV4 is signed by the ofdrw USER certificate)', async () => {
    const s = scratchDir('ses-cert');
    try {
      const out = join(s.dir, 'signer.pem');
      const r = await ses(interopFile('ofdrw-SignedValueV4.dat'), undefined, '--signer-cert-out', out);
      expect(r.ok).toBe(true);
      expect(pemToDer(readFileSync(out))).toEqual(pemToDer(interopFile('ofdrw-USER-cert.pem')));
      expect(r.result).toMatchObject({ signerSerial: '1719D2DAB60', signerMatchedBy: 'certificate bytes' });
    } finally {
      s.cleanup();
    }
  });
});

describe('BouncyCastle seal checker on changed bytes and bad input', () => {
  it.each(['ofdrw-UserV1.esl', 'ofdrw-UserV4.esl'])('seal %s: a changed picture byte makes the maker signature invalid', async file => {
    const bytes = Buffer.from(interopFile(file));
    bytes[bytes.indexOf(Buffer.from('IHDR')) + 20] ^= 1;
    const r = await seal(bytes);
    expect(r.result).toMatchObject({ makerSignatureValid: false });
    expect(r.exitCode).toBe(1);
    expect(r.result.error).toBe('failed: makerSignatureValid');
  });

  it('ses: a changed propertyInfo breaks the signature only; a changed seal picture breaks both', async () => {
    const sig = Buffer.from(interopFile('ofdrw-1-GOMAIN-SignedValue.dat'));
    const prop = Buffer.from(sig);
    prop[prop.indexOf(Buffer.from('/Doc_0/Signs/Sign_0')) + 5] = 0x31;
    const r1 = await ses(prop);
    expect(r1.result).toMatchObject({ propertyInfo: '/Doc_1/Signs/Sign_0/Signature.xml', signatureValid: false, sealMakerValid: true, signerInSealList: true });
    expect(r1.exitCode).toBe(1);
    expect(r1.result.error).toBe('failed: signatureValid');

    const v4 = Buffer.from(interopFile('ofdrw-SignedValueV4.dat'));
    v4[v4.indexOf(Buffer.from('IHDR')) + 20] ^= 1;
    const r2 = await ses(v4);
    expect(r2.result).toMatchObject({ signatureValid: false, sealMakerValid: false, seal: { makerSignatureValid: false } });
    expect(r2.exitCode).toBe(1);
  });

  it.each([
    ['garbage', Buffer.from('garbage')],
    ['an empty file', Buffer.alloc(0)],
    ['a truncated seal', interopFile('ofdrw-UserV4.esl').subarray(0, 500)],
    ['a truncated signature', interopFile('ofdrw-1-GOMAIN-SignedValue.dat').subarray(0, 3000)],
    ['a certificate', pemToDer(interopFile('ofdrw-USER-cert.pem'))],
    ['trailing bytes', Buffer.concat([interopFile('ofdrw-UserV4.esl'), Buffer.from([0])])],
  ])('seal and ses on %s: exit 1 with an error', async (_, bytes) => {
    for (const r of [await seal(bytes), await ses(bytes)]) {
      expect(r.exitCode).toBe(1);
      expect(r.result.error).toEqual(expect.any(String));
    }
  });

  it('a seal given to ses and a signature given to seal: exit 1 with an error', async () => {
    const r1 = await ses(interopFile('ofdrw-UserV4.esl'));
    expect(r1.exitCode).toBe(1);
    expect(r1.result.error).toMatch(/TBS_Sign/);
    const r2 = await seal(interopFile('ofdrw-1-GOMAIN-SignedValue.dat'));
    expect(r2.exitCode).toBe(1);
    expect(r2.result.error).toMatch(/SES_Header/);
  });

  it('cms: garbage fails (the evidence it accepts is tested where it is made, in plugins/seal-backend)', async () => {
    const r = await bcCheck('cms', ['s.p7m'], { files: { 's.p7m': Buffer.from('garbage') } });
    expect(r.exitCode).toBe(1);
  });
});

// ---------------------------------------------------------------- structures built here

/** A minimal DER writer: enough for seals (definite lengths, small integers). */
const der = {
  tlv(tag: number, ...parts: Uint8Array[]): Buffer {
    const body = Buffer.concat(parts);
    const n = body.length;
    const len =
      n < 0x80
        ? [n]
        : n < 0x100
          ? [0x81, n]
          : n < 0x10000
            ? [0x82, n >> 8, n & 0xff]
            : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
    return Buffer.concat([Buffer.from([tag, ...len]), body]);
  },
  seq: (...p: Uint8Array[]) => der.tlv(0x30, ...p),
  int: (n: number) => der.tlv(0x02, Buffer.from([n])), // 0..127
  bool: (b: boolean) => der.tlv(0x01, Buffer.from([b ? 0xff : 0])),
  ia5: (s: string) => der.tlv(0x16, Buffer.from(s, 'latin1')),
  printable: (s: string) => der.tlv(0x13, Buffer.from(s, 'latin1')),
  utf8: (s: string) => der.tlv(0x0c, Buffer.from(s, 'utf8')),
  octets: (b: Uint8Array) => der.tlv(0x04, b),
  bits: (b: Uint8Array) => der.tlv(0x03, Buffer.from([0]), b),
  gt: (s: string) => der.tlv(0x18, Buffer.from(s, 'latin1')),
  explicit0: (...p: Uint8Array[]) => der.tlv(0xa0, ...p),
  oid: (hex: string) => der.tlv(0x06, Buffer.from(hex, 'hex')),
};
const SM3_WITH_SM2 = der.oid('2a811ccf55018375'); // 1.2.156.10197.1.501
const SHA256_WITH_RSA = der.oid('2a864886f70d01010b'); // 1.2.840.113549.1.1.11
const hash = (alg: string, data: Uint8Array) => createHash(alg).update(data).digest();

describe('BouncyCastle seal checker on structures built here and signed by OpenSSL', () => {
  const s = scratchDir('seal-built');
  const file = (name: string) => join(s.dir, name);
  const o = async (...args: string[]) => {
    const r = await runOpenssl(args, undefined, { cwd: s.dir });
    if (r.code !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
    return r;
  };
  /** OpenSSL signs: SM3withSM2 with the default ID (DER), or SHA256withRSA. */
  const sign = async (key: string, tbs: Uint8Array, sm2: boolean) => {
    writeFileSync(file('tbs.bin'), tbs);
    const alg = sm2 ? ['-sm3', '-sigopt', `distid:${SM2_DEFAULT_ID}`] : ['-sha256'];
    await o('dgst', ...alg, '-sign', key, '-out', 'sig.bin', 'tbs.bin');
    return readFileSync(file('sig.bin'));
  };
  /** An RFC 3161 token from an OpenSSL TSA over SHA-256(bytes). */
  const timeStamp = async (bytes: Uint8Array) => {
    await o('ts', '-query', '-digest', hash('sha256', bytes).toString('hex'), '-sha256', '-cert', '-no_nonce', '-out', 'q.tsq');
    await o('ts', '-reply', '-config', 'tsa.cnf', '-queryfile', 'q.tsq', '-token_out', '-out', 'token.der');
    return readFileSync(file('token.der'));
  };

  let userCert: Buffer; // ofdrw USER certificate: in ofdrw-UserV1.esl's certList
  let otherCert: Buffer; // ofdrw sign_cert: not in any list
  let rsaCert: Buffer; // an RSA seal maker and signer made here
  const data = Buffer.from('<?xml version="1.0"?><ofd:Signature>built here</ofd:Signature>');

  beforeAll(async () => {
    await bcCompile();
    userCert = pemToDer(interopFile('ofdrw-USER-cert.pem'));
    otherCert = pemToDer(interopFile('ofdrw-sign_cert.pem'));
    writeFileSync(file('user.p12'), interopFile('ofdrw-USER.p12'));
    await o('pkcs12', '-legacy', '-in', 'user.p12', '-nocerts', '-nodes', '-passin', 'pass:777777', '-out', 'user.key');
    writeFileSync(file('other.key'), interopFile('ofdrw-sign_key.pem'));
    await o('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'rsa.key', '-out', 'rsa.pem', '-subj', '/CN=Interop RSA seal maker', '-days', '2');
    rsaCert = pemToDer(readFileSync(file('rsa.pem')));
    await o('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.pem', '-subj', '/CN=Interop TSA', '-days', '2',
      '-addext', 'extendedKeyUsage=critical,timeStamping');
    writeFileSync(file('tsaserial'), '01\n');
    writeFileSync(
      file('tsa.cnf'),
      [
        '[ tsa ]',
        'default_tsa = tsa1',
        '[ tsa1 ]',
        'serial = ./tsaserial',
        'signer_cert = ./tsa.pem',
        'signer_key = ./tsa.key',
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.1',
        'digests = sha256',
        'accuracy = secs:1',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => s.cleanup());

  /** v1 SES_Signature over ofdrw-UserV1.esl, signed by OpenSSL with `key`. */
  const v1Signature = async (timeInfo: Uint8Array, cert: Buffer, key: string) => {
    const tbs = der.seq(
      der.int(1),
      interopFile('ofdrw-UserV1.esl'),
      der.bits(timeInfo),
      der.bits(hash('sm3', data)),
      der.ia5('/Doc_0/Signs/Sign_0/Signature.xml'),
      der.octets(cert),
      SM3_WITH_SM2,
    );
    return der.seq(tbs, der.bits(await sign(key, tbs, true)));
  };

  it.each([
    ['yyyy-MM-dd HH:mm:ss text (ofdrw)', Buffer.from('2021-03-04 13:14:15'), 'yyyy-MM-dd HH:mm:ss text (read as +08:00)', '2021-03-04T05:14:15Z'],
    ['UTCTime text', Buffer.from('210304051415Z'), 'UTCTime text', '2021-03-04T05:14:15Z'],
    ['a DER GeneralizedTime', der.gt('20210304051415Z'), 'DER GeneralizedTime', '2021-03-04T05:14:15Z'],
  ])('v1 SES_Signature with timeInfo as %s: valid, sign time decoded', async (_, timeInfo, format, signTime) => {
    const sig = await v1Signature(timeInfo, userCert, 'user.key');
    const r = await ses(sig, data);
    expect(r.result).toMatchObject({
      version: 1,
      tbsVersion: 1,
      timeInfoFormat: format,
      signTime,
      signatureValid: true,
      sealMakerValid: true,
      signerInSealList: true,
      signerMatchedBy: 'certificate bytes',
      dataHashMatches: true,
      sealValidAtSignTime: true,
      seal: { version: 1, vid: 'OFDR&WTest' },
    });
    expect(r.ok).toBe(true);
    const other = await ses(sig, Buffer.from('other data'));
    expect(other.result).toMatchObject({ signatureValid: true, dataHashMatches: false });
    expect(other.exitCode).toBe(1);
  });

  it('v1 SES_Signature by a certificate that is not in the seal list: signature valid, signerInSealList false', async () => {
    const r = await ses(await v1Signature(Buffer.from('2021-03-04 13:14:15'), otherCert, 'other.key'), data);
    expect(r.result).toMatchObject({ signatureValid: true, sealMakerValid: true, signerInSealList: false, dataHashMatches: true });
    expect(r.result.error).toBe('failed: signerInSealList');
    expect(r.exitCode).toBe(1);
  });

  /** A v4 seal with certListType 2 (SM3 of the USER certificate, SHA-256 of the RSA one), made by the RSA maker. */
  const v4Seal = async (extDatas?: Buffer) => {
    const sealInfo = der.seq(
      der.seq(der.ia5('ES'), der.int(4), der.ia5('YinxinInterop')),
      der.ia5('BUILT-0001'),
      der.seq(
        der.int(1),
        der.utf8('互操作测试章'),
        der.int(2),
        der.seq(
          der.seq(der.printable('sm3'), der.octets(hash('sm3', userCert))),
          der.seq(der.printable('SHA256'), der.octets(hash('sha256', rsaCert))),
        ),
        der.gt('20210101000000Z'),
        der.gt('20210101000000Z'),
        der.gt('20310101000000Z'),
      ),
      der.seq(der.ia5('PNG'), der.octets(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), der.int(40), der.int(40)),
      ...(extDatas ? [extDatas] : []),
    );
    return der.seq(sealInfo, der.octets(rsaCert), SHA256_WITH_RSA, der.bits(await sign('rsa.key', sealInfo, false)));
  };
  const extList = der.seq(der.seq(der.oid('2a0304'), der.bool(true), der.octets(Buffer.from('vendor')))); // 1.2.3.4

  it.each([
    ['untagged', extList],
    ['[0] EXPLICIT', der.explicit0(extList)],
    ['[0] IMPLICIT', der.tlv(0xa0, extList.subarray(2))],
    ['OCTET STRING-wrapped', der.octets(extList)],
  ])('v4 seal, RSA maker, certListType 2, extDatas %s: maker signature valid', async (form, ext) => {
    const r = await seal(await v4Seal(ext));
    expect(r.result).toMatchObject({
      version: 4,
      signatureAlgorithm: '1.2.840.113549.1.1.11',
      makerSignatureEncoding: 'PKCS#1',
      makerSignatureValid: true,
      makerSubject: 'CN=Interop RSA seal maker',
      property: { certListType: 2, certCount: 2, certDigestTypes: ['sm3', 'SHA256'] },
      extDatas: { form, count: 1, extensions: [{ id: '1.2.3.4', critical: true, bytes: 6 }] },
    });
    expect(r.ok).toBe(true);
  });

  /** A v4 SES_Signature over a v4 seal, optionally with a timeStamp [0] EXPLICIT BIT STRING. */
  const v4Signature = async (
    sealDer: Buffer,
    signer: { cert: Buffer; key: string; sm2: boolean },
    stamp?: (sig: Buffer) => Promise<Buffer>,
  ) => {
    const tbs = der.seq(
      der.int(4),
      sealDer,
      der.gt('20250601080000Z'),
      der.bits(hash(signer.sm2 ? 'sm3' : 'sha256', data)),
      der.ia5('/Doc_0/Signs/Sign_0/Signature.xml'),
      der.explicit0(extList),
    );
    const value = await sign(signer.key, tbs, signer.sm2);
    return der.seq(
      tbs,
      der.octets(signer.cert),
      signer.sm2 ? SM3_WITH_SM2 : SHA256_WITH_RSA,
      der.bits(value),
      ...(stamp ? [der.explicit0(der.bits(await stamp(value)))] : []),
    );
  };

  it('v4 SES_Signature by an SM2 signer listed by SM3 hash, with a timeStamp over the signature value', async () => {
    const sealDer = await v4Seal();
    const sig = await v4Signature(sealDer, { cert: userCert, key: 'user.key', sm2: true }, timeStamp);
    const r = await ses(sig, data);
    expect(r.result).toMatchObject({
      version: 4,
      signTime: '2025-06-01T08:00:00Z',
      signatureValid: true,
      sealMakerValid: true,
      signerInSealList: true,
      signerMatchedBy: 'certificate hash (sm3)',
      dataHashAlgorithm: 'SM3',
      dataHashMatches: true,
      extDatas: { form: '[0] EXPLICIT', count: 1 },
      timeStampPresent: true,
      timeStampForm: '[0] EXPLICIT BIT STRING',
      timeStampImprintAlgorithm: 'SHA-256',
      timeStampImprintMatches: true,
      timeStampSignatureValid: true,
      timeStampTsa: 'CN=Interop TSA',
    });
    expect(r.ok).toBe(true);

    // a token over other bytes: the imprint does not match
    const wrong = await v4Signature(sealDer, { cert: userCert, key: 'user.key', sm2: true }, () => timeStamp(Buffer.from('not the signature')));
    const w = await ses(wrong, data);
    expect(w.result).toMatchObject({ signatureValid: true, timeStampImprintMatches: false, timeStampSignatureValid: true });
    expect(w.result.error).toBe('failed: timeStampImprintMatches');
    expect(w.exitCode).toBe(1);

    // a timeStamp that is not a token
    const junk = await v4Signature(sealDer, { cert: userCert, key: 'user.key', sm2: true }, async () => Buffer.from('junk'));
    const j = await ses(junk, data);
    expect(j.result).toMatchObject({ signatureValid: true, timeStampPresent: true, timeStampParsed: false });
    expect(j.exitCode).toBe(1);
  });

  it('v4 SES_Signature by an RSA signer listed by SHA-256 hash: dataHash is SHA-256; an unlisted SM2 signer fails', async () => {
    const sealDer = await v4Seal();
    const r = await ses(await v4Signature(sealDer, { cert: rsaCert, key: 'rsa.key', sm2: false }), data);
    expect(r.result).toMatchObject({
      signatureValid: true,
      signatureEncoding: 'PKCS#1',
      signerInSealList: true,
      signerMatchedBy: 'certificate hash (SHA256)',
      dataHashAlgorithm: 'SHA-256',
      dataHashMatches: true,
      timeStampPresent: false,
    });
    expect(r.ok).toBe(true);
    const unlisted = await ses(await v4Signature(sealDer, { cert: otherCert, key: 'other.key', sm2: true }), data);
    expect(unlisted.result).toMatchObject({ signatureValid: true, signerInSealList: false });
    expect(unlisted.exitCode).toBe(1);
  });
});
