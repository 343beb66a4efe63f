import { createHash } from 'node:crypto';
import { bcCheck, bcCompile } from '@yinxin/pki-interop';
import { toHex } from './bytes';
import { parseCertificate } from './certificate';
import { derAlgorithm, derCtx, derInteger, derOctets, derOid, derSeq } from './der';
import { GmError } from './errors';
import { ext } from './extensions';
import { OIDS } from './oids';
import { pemEncode } from './pem';
import {
  TIME_STAMP_FAILURE_BITS,
  buildTimeStampFailure,
  buildTimeStampReq,
  buildTimeStampResp,
  buildTimeStampToken,
  parseTimeStampReq,
  parseTimeStampResp,
  parseTimeStampToken,
  timeStampFailureOf,
  verifyTimeStampToken,
  type TimeStampFailureInfo,
  type TimeStampReqInfo,
  type TimeStampRespInput,
} from './tsp';
import { hasOpenssl, interop, makeRsaCa, makeSm2Ca, makeTsa, openssl, type TestCa } from './testing/fixtures';

jest.setTimeout(120_000);

const pem = (der: Uint8Array) => pemEncode('CERTIFICATE', der);
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof GmError ? e.code : `not a GmError: ${String(e)}`;
  }
  return 'no error';
};
const FAILURES = Object.keys(TIME_STAMP_FAILURE_BITS) as TimeStampFailureInfo[];
const POLICY = '1.2.156.112233.1.1';

let sm2Ca: TestCa;
let sm2Tsa: TestCa;
let rsaCa: TestCa;
let rsaTsa: Awaited<ReturnType<typeof makeTsa>>;
beforeAll(async () => {
  sm2Ca = await makeSm2Ca();
  sm2Tsa = await makeTsa(sm2Ca);
  rsaCa = await makeRsaCa();
  rsaTsa = await makeTsa(rsaCa);
});

function respInput(tsa: TestCa, req: TimeStampReqInfo, over: Partial<TimeStampRespInput['tstInfo']> = {}, more: Partial<TimeStampRespInput> = {}): TimeStampRespInput {
  return {
    tstInfo: {
      policy: req.reqPolicy ?? POLICY,
      imprint: req.messageImprint,
      serial: 0x0123456789abcdef0123n,
      genTime: new Date('2026-11-28T10:00:00.120Z'),
      accuracy: { seconds: 1, millis: 500 },
      ...(req.nonce !== undefined ? { nonce: req.nonce } : {}),
      tsaName: parseCertificate(tsa.cert).subjectDer,
      ...over,
    },
    tsaCert: tsa.cert,
    includeCerts: req.certReq,
    ...more,
  };
}

describe('TimeStampReq', () => {
  it('round trip: SHA-256 and SM3, policy, nonce of any size and sign, certReq', () => {
    const data = Buffer.from('印信时间戳');
    for (const hashAlgorithm of ['SHA-256', 'SM3'] as const) {
      for (const nonce of [1n, 0xfedcba9876543210fedcba9876543210n, -5n, 0x80n]) {
        const der = buildTimeStampReq({ hashAlgorithm, data, reqPolicy: POLICY, nonce, certReq: true });
        const r = parseTimeStampReq(der);
        expect(r).toMatchObject({ version: 1, reqPolicy: POLICY, nonce, certReq: true });
        expect(r.messageImprint.hashAlgorithm).toBe(hashAlgorithm);
        expect(toHex(r.messageImprint.hashedMessage)).toBe(createHash(hashAlgorithm === 'SM3' ? 'sm3' : 'sha256').update(data).digest('hex'));
      }
    }
    const minimal = parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SM3', hashedMessage: Buffer.alloc(32, 1) }));
    expect(minimal).toEqual({ der: expect.any(Buffer), version: 1, messageImprint: expect.any(Object), certReq: false });
    expect(parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SM3', data, nonce: true })).nonce).toBeGreaterThan(0n);
    expect(() => buildTimeStampReq({ hashAlgorithm: 'SM3' })).toThrow(GmError);
    expect(() => buildTimeStampReq({ hashAlgorithm: 'SM3', hashedMessage: Buffer.alloc(31) })).toThrow(GmError);
  });

  it('refusals carry the code of the PKIFailureInfo to answer', () => {
    const imprint = (oid: string, len: number, nullParams = true) => derSeq(derAlgorithm(oid, nullParams), derOctets(Buffer.alloc(len, 7)));
    const cases: Array<[Uint8Array, string, TimeStampFailureInfo]> = [
      [derSeq(derInteger(1), imprint(OIDS.sha1, 20)), 'GM_TSP_BAD_ALG', 'badAlg'],
      [derSeq(derInteger(1), imprint('1.2.3.4', 32)), 'GM_TSP_BAD_ALG', 'badAlg'],
      [derSeq(derInteger(1), imprint(OIDS.sha256, 20)), 'GM_TSP_BAD_DATA_FORMAT', 'badDataFormat'],
      [derSeq(derInteger(1), imprint(OIDS.sm3, 33, false)), 'GM_TSP_BAD_DATA_FORMAT', 'badDataFormat'],
      [derSeq(derInteger(2), imprint(OIDS.sha256, 32)), 'GM_TSP_BAD_DATA_FORMAT', 'badDataFormat'],
      [derSeq(derInteger(1), imprint(OIDS.sha256, 32), derCtx(0, derSeq(Buffer.from('06032a0304', 'hex'), derOctets(Buffer.of(5, 0))))), 'GM_TSP_UNACCEPTED_EXTENSION', 'unacceptedExtension'],
      [Buffer.from('30020201', 'hex'), 'GM_TSP_BAD_DATA_FORMAT', 'badDataFormat'],
      [Buffer.from('garbage'), 'GM_TSP_BAD_DATA_FORMAT', 'badDataFormat'],
    ];
    for (const [der, c, failure] of cases) {
      let err: unknown;
      try {
        parseTimeStampReq(der);
      } catch (e) {
        err = e;
      }
      expect((err as GmError).code).toBe(c);
      expect(timeStampFailureOf(err)).toBe(failure);
    }
    const withPolicy = buildTimeStampReq({ hashAlgorithm: 'SM3', data: Buffer.of(1), reqPolicy: '1.2.3' });
    expect(code(() => parseTimeStampReq(withPolicy, { acceptedPolicies: [POLICY] }))).toBe('GM_TSP_UNACCEPTED_POLICY');
    expect(parseTimeStampReq(withPolicy, { acceptedPolicies: ['1.2.3'] }).reqPolicy).toBe('1.2.3');
    expect(code(() => parseTimeStampReq(withPolicy, { maxBytes: 10 }))).toBe('GM_TOO_LARGE');
    expect(timeStampFailureOf(new Error('x'))).toBe('systemFailure');
  });
});

describe('failure responses', () => {
  it('set exactly the RFC 3161 bit of each PKIFailureInfo, in DER (trailing zero bits removed)', () => {
    expect(Buffer.from(buildTimeStampFailure('badAlg')).toString('hex')).toBe('30093007020102030207' + '80');
    expect(Buffer.from(buildTimeStampFailure('badDataFormat')).toString('hex')).toBe('30093007020102030202' + '04');
    expect(Buffer.from(buildTimeStampFailure('systemFailure')).toString('hex')).toBe('300c300a02010203050600000040');
    for (const f of FAILURES) {
      const r = parseTimeStampResp(buildTimeStampFailure(f, '拒绝'));
      expect(r).toMatchObject({ status: 'rejection', statusStrings: ['拒绝'], failInfo: [f], failInfoBits: [TIME_STAMP_FAILURE_BITS[f]] });
      expect(r.token).toBeUndefined();
    }
    expect(() => buildTimeStampFailure('nope' as never)).toThrow(GmError);
  });
});

describe('TimeStampResp and TimeStampToken', () => {
  it('SM2: round trip of every TSTInfo field, SM3 ESSCertIDv2, and our verifier', async () => {
    const req = parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SM3', data: Buffer.from('x'), nonce: 42n, certReq: true }));
    const der = await buildTimeStampResp(respInput(sm2Tsa, req, { ordering: true }), sm2Tsa.signer);
    const r = parseTimeStampResp(der);
    expect(r).toMatchObject({ status: 'granted', failInfo: [], failInfoBits: [] });
    const t = r.token!;
    expect(t.contentType).toBe(OIDS.pkcs7SignedData);
    expect(t.version).toBe(3);
    expect(t.tstInfo).toMatchObject({
      version: 1,
      policy: POLICY,
      serial: 0x0123456789abcdef0123n,
      genTimeText: '20261128100000.12Z',
      accuracy: { seconds: 1, millis: 500, micros: 0 },
      ordering: true,
      nonce: 42n,
      tsaName: sm2Tsa.name,
      extensions: [],
    });
    expect(t.tstInfo.genTime.toISOString()).toBe('2026-11-28T10:00:00.120Z');
    expect(t.tstInfo.messageImprint).toMatchObject({ hashAlgorithmOid: OIDS.sm3, hashAlgorithm: 'SM3' });
    expect(Buffer.from(t.tstInfo.messageImprint.hashedMessage)).toEqual(Buffer.from(req.messageImprint.hashedMessage));
    expect(Buffer.from(t.tstInfoDer).includes(Buffer.from(req.messageImprint.der))).toBe(true);
    expect(t.certificates).toEqual([Buffer.from(sm2Tsa.cert)]);
    expect(t.signer).toMatchObject({
      digestAlgorithmOid: OIDS.sm3,
      signatureAlgorithmOid: OIDS.sm3WithSm2,
      signingTime: new Date('2026-11-28T10:00:00Z'),
      issuerAndSerial: { serialHex: parseCertificate(sm2Tsa.cert).serialHex },
      essCertIds: [
        {
          version: 2,
          hashAlgorithmOid: OIDS.sm3,
          certHash: createHash('sm3').update(sm2Tsa.cert).digest('hex'),
          issuerSerial: { serialHex: parseCertificate(sm2Tsa.cert).serialHex },
        },
      ],
    });
    expect(verifyTimeStampToken(t)).toMatchObject({ valid: true });
    expect(verifyTimeStampToken(t.der, { tsaCert: sm2Tsa.cert }).valid).toBe(true);
    const other = await makeTsa(sm2Ca);
    expect(verifyTimeStampToken(t, { tsaCert: other.cert })).toMatchObject({ valid: false });
    const tampered = Buffer.from(t.der);
    tampered[tampered.indexOf(Buffer.from('20261128100000.12Z'))] ^= 1;
    expect(verifyTimeStampToken(tampered)).toMatchObject({ valid: false, problem: 'messageDigest does not match the content' });
  });

  it('RSA: the SHA-256 ESSCertIDv2 hash algorithm is the DEFAULT and is not encoded; no accuracy means whole seconds', async () => {
    const req = parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SHA-256', data: Buffer.from('x') }));
    const der = await buildTimeStampToken(respInput(rsaTsa, req, { accuracy: undefined, tsaName: undefined }), rsaTsa.signer);
    const t = parseTimeStampToken(der);
    expect(t.tstInfo.genTimeText).toBe('20261128100000Z');
    expect(t.tstInfo.accuracy).toBeUndefined();
    expect(t.tstInfo.tsa).toBeUndefined();
    expect(t.certificates).toEqual([]);
    expect(t.signer.signatureAlgorithmOid).toBe(OIDS.sha256WithRsa);
    expect(t.signer.essCertIds[0]).toMatchObject({ version: 2, hashAlgorithmOid: OIDS.sha256, certHash: createHash('sha256').update(rsaTsa.cert).digest('hex') });
    // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING (32), issuerSerial … } — starts with the OCTET STRING
    const hash = createHash('sha256').update(rsaTsa.cert).digest();
    const at = Buffer.from(der).indexOf(Buffer.concat([Buffer.of(0x04, 0x20), hash]));
    expect(at).toBeGreaterThan(0);
    expect(Buffer.from(der)[at - 2]).toBe(0x30); // SEQUENCE header of the ESSCertIDv2 right before it
    expect(verifyTimeStampToken(t)).toMatchObject({ valid: false, problem: 'the signer certificate is not in the token' });
    expect(verifyTimeStampToken(t, { tsaCert: rsaTsa.cert })).toMatchObject({ valid: true });
  });

  it('the GB/T 35275 profile names the content and algorithm with GM OIDs; our verifier reads it', async () => {
    const req = parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SM3', data: Buffer.from('x'), certReq: true }));
    const t = parseTimeStampResp(await buildTimeStampResp(respInput(sm2Tsa, req, {}, { cmsProfile: 'gbt35275' }), sm2Tsa.signer)).token!;
    expect(t).toMatchObject({ contentType: OIDS.gmSignedData, version: 1, signer: { signatureAlgorithmOid: OIDS.sm2Sign, digestAlgorithmOid: OIDS.sm3 } });
    expect(verifyTimeStampToken(t).valid).toBe(true);
    // the profile only matters for SM2
    const rsaReq = parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SHA-256', data: Buffer.from('x') }));
    const rsa = parseTimeStampToken(await buildTimeStampToken(respInput(rsaTsa, rsaReq, {}, { cmsProfile: 'gbt35275' }), rsaTsa.signer));
    expect(rsa.contentType).toBe(OIDS.pkcs7SignedData);
    await expect(buildTimeStampToken(respInput(sm2Tsa, req, {}, { cmsProfile: 'x' as never }), sm2Tsa.signer)).rejects.toThrow(GmError);
  });

  it('refuses a TSA certificate without a critical id-kp-timeStamping-only EKU, a foreign key, bad serials and accuracy', async () => {
    const req = parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SM3', data: Buffer.from('x') }));
    const nonCritical = await makeTsa(sm2Ca, { extensions: [ext.basicConstraints(false), ext.extKeyUsage([OIDS.timeStamping])] });
    await expect(buildTimeStampResp(respInput(nonCritical, req), nonCritical.signer)).rejects.toMatchObject({ code: 'GM_UNSUPPORTED' });
    const twoPurposes = await makeTsa(sm2Ca, { extensions: [ext.extKeyUsage([OIDS.timeStamping, OIDS.codeSigning], { critical: true })] });
    await expect(buildTimeStampResp(respInput(twoPurposes, req), twoPurposes.signer)).rejects.toMatchObject({ code: 'GM_UNSUPPORTED' });
    await expect(buildTimeStampResp(respInput(sm2Tsa, req), sm2Ca.signer)).rejects.toMatchObject({ code: 'GM_KEY_MISMATCH' });
    for (const over of [
      { serial: 0n },
      { serial: 1n << 160n },
      { serial: 'xyz' },
      { accuracy: { millis: 1000 } },
      { accuracy: {} },
      { genTime: new Date(NaN) },
      { policy: 'not an oid' },
    ]) {
      await expect(buildTimeStampResp(respInput(sm2Tsa, req, over), sm2Tsa.signer)).rejects.toThrow(GmError);
    }
    expect((await buildTimeStampResp(respInput(sm2Tsa, req, { serial: 'ff' }), sm2Tsa.signer)).length).toBeGreaterThan(0);
  });

  it('reads third-party tokens (esig/dss): fractional genTime, accuracy, nonce, tsa, RSA and RSASSA-PSS', () => {
    const a = parseTimeStampToken(interop('dss-archive_timestamp.tst'));
    expect(a.tstInfo).toMatchObject({
      policy: '1.3.6.1.4.1.2706.2.2.5.2.1.1.1',
      serial: 0x34979aca3c4bf2n,
      genTimeText: '20161128131626.266Z',
      accuracy: { seconds: 1, millis: 1, micros: 1 },
      nonce: 0x8c56fb2415bd274bn,
    });
    expect(a.tstInfo.genTime.toISOString()).toBe('2016-11-28T13:16:26.266Z');
    expect(a.signer).toMatchObject({ signatureAlgorithmOid: OIDS.rsaEncryption, digestAlgorithmOid: OIDS.sha256 });
    expect(a.signer.essCertIds[0]).toMatchObject({ version: 2, hashAlgorithmOid: OIDS.sha256 });
    expect(verifyTimeStampToken(a)).toMatchObject({ valid: true });
    const d = parseTimeStampToken(interop('dss-d-trust.tsr'));
    expect(d.tstInfo).toMatchObject({ policy: '0.4.0.2023.1.1', serial: 0x7dcf141188032b05112e05d334b8fd29n, ordering: false });
    expect(d.tstInfo.tsaName?.find(n => n.type === 'CN')?.value).toBe('D-TRUST TSU 12 2017');
    expect(d.tstInfo.extensions).toHaveLength(1);
    expect(d.certificates).toHaveLength(3);
    // RSASSA-PSS is not among the signatures we verify
    expect(verifyTimeStampToken(d)).toMatchObject({ valid: false, problem: 'signature does not verify' });
  });
});

(hasOpenssl ? describe : describe.skip)('OpenSSL and our RSA timestamps', () => {
  const files = () => ({ 'root.pem': pem(rsaCa.cert), 'tsa.pem': pem(rsaTsa.cert), 'data.txt': 'yinxin timestamp test data\n' });
  /** an OpenSSL-made TimeStampReq */
  const opensslQuery = (args: string[]) => {
    const r = openssl([['ts', '-query', '-data', 'data.txt', ...args, '-out', 'req.tsq'], ['base64', '-A', '-in', 'req.tsq']], files());
    expect(r.status).toBe(0);
    return Buffer.from(r.out.trim(), 'base64');
  };

  it('parses OpenSSL queries; OpenSSL prints and verifies our responses against query and data', async () => {
    for (const certReq of [true, false]) {
      const tsq = opensslQuery(['-sha256', ...(certReq ? ['-cert'] : [])]);
      const req = parseTimeStampReq(tsq);
      expect(req.certReq).toBe(certReq);
      expect(req.nonce).toBeGreaterThan(0n);
      expect(req.messageImprint.hashAlgorithm).toBe('SHA-256');
      expect(toHex(req.messageImprint.hashedMessage)).toBe(createHash('sha256').update(files()['data.txt']).digest('hex'));
      const resp = await buildTimeStampResp(respInput(rsaTsa, req, { genTime: new Date() }), rsaTsa.signer);
      const text = openssl(['ts', '-reply', '-in', 'resp.der', '-text'], { 'resp.der': resp });
      expect(text.status).toBe(0);
      expect(text.out).toContain('Status: Granted.');
      expect(text.out).toContain(`Policy OID: ${POLICY}`);
      expect(text.out).toContain('Serial number: 0x0123456789ABCDEF0123');
      expect(text.out).toContain('Accuracy: 0x01 seconds, 0x01F4 millis, unspecified micros');
      // OpenSSL prints whole bytes: a nonce whose hex has an odd number of digits gets a leading 0
      const nonceHex = req.nonce!.toString(16).toUpperCase();
      expect(text.out).toContain(`Nonce: 0x${nonceHex.length % 2 ? `0${nonceHex}` : nonceHex}`);
      expect(text.out).toMatch(/TSA: DirName:\/C=CN\/O=.+\/CN=TSA\n/);
      const v = openssl(['ts', '-verify', '-in', 'resp.der', '-queryfile', 'req.tsq', '-CAfile', 'root.pem', '-untrusted', 'tsa.pem'], {
        ...files(),
        'resp.der': resp,
        'req.tsq': tsq,
      });
      expect(v.out).toContain('Verification: OK');
      expect(v.status).toBe(0);
      const vd = openssl(['ts', '-verify', '-in', 'resp.der', '-data', 'data.txt', '-CAfile', 'root.pem', '-untrusted', 'tsa.pem'], {
        ...files(),
        'resp.der': resp,
      });
      expect(vd.out).toContain('Verification: OK');
    }
  });

  it('OpenSSL refuses a response with another nonce, a changed byte, or a TSA it does not trust', async () => {
    const tsq = opensslQuery(['-sha256', '-cert']);
    const req = parseTimeStampReq(tsq);
    const verify = (resp: Uint8Array, root = rsaCa.cert) =>
      openssl(['ts', '-verify', '-in', 'resp.der', '-queryfile', 'req.tsq', '-CAfile', 'root.pem', '-untrusted', 'tsa.pem'], {
        ...files(),
        'root.pem': pem(root),
        'resp.der': resp,
        'req.tsq': tsq,
      });
    const otherNonce = await buildTimeStampResp(respInput(rsaTsa, req, { nonce: req.nonce! + 1n, genTime: new Date() }), rsaTsa.signer);
    expect(verify(otherNonce).out).toMatch(/Verification: FAILED[\s\S]*nonce mismatch/);
    const good = await buildTimeStampResp(respInput(rsaTsa, req, { genTime: new Date() }), rsaTsa.signer);
    expect(verify(good).out).toContain('Verification: OK');
    const changed = Buffer.from(good);
    const policyAt = changed.indexOf(derOid(POLICY));
    expect(policyAt).toBeGreaterThan(0);
    changed[policyAt + 5] ^= 1; // inside the TSTInfo: the messageDigest no longer matches
    expect(verify(changed).out).toMatch(/Verification: FAILED/);
    const sig = Buffer.from(good);
    sig[sig.length - 1] ^= 1;
    expect(verify(sig).out).toMatch(/Verification: FAILED/);
    expect(verify(good, (await makeRsaCa()).cert).out).toMatch(/Verification: FAILED/);
  });

  it('OpenSSL prints the failure of every PKIFailureInfo we encode', () => {
    const texts: Record<TimeStampFailureInfo, string> = {
      badAlg: 'unrecognized or unsupported algorithm identifier',
      badRequest: 'transaction not permitted or supported',
      badDataFormat: 'the data submitted has the wrong format',
      timeNotAvailable: "the TSA's time source is not available",
      unacceptedPolicy: 'the requested TSA policy is not supported by the TSA',
      unacceptedExtension: 'the requested extension is not supported by the TSA',
      addInfoNotAvailable: 'the additional information requested could not be understood or is not available',
      systemFailure: 'the request cannot be handled due to system failure',
    };
    for (const f of FAILURES) {
      const r = openssl(['ts', '-reply', '-in', 'resp.der', '-text'], { 'resp.der': buildTimeStampFailure(f, `no: ${f}`) });
      expect(r.status).toBe(0);
      expect(r.out).toContain('Status: Rejected.');
      expect(r.out).toContain(`Status description: no: ${f}`);
      expect(r.out).toMatch(new RegExp(`Failure info: ${texts[f].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\\n`));
    }
  });

  it('we read and verify a response made by OpenSSL as TSA', async () => {
    const key = rsaTsa.privateKey!.export({ type: 'pkcs8', format: 'pem' }) as string;
    const cnf = [
      '[ tsa ]',
      'default_tsa = tsa1',
      '[ tsa1 ]',
      'serial = serial.txt',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'signer_digest = sha256',
      'accuracy = secs:1, millisecs:500',
      'ordering = yes',
      'tsa_name = yes',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n');
    const r = openssl(
      [
        ['ts', '-query', '-data', 'data.txt', '-sha256', '-cert', '-out', 'req.tsq'],
        ['ts', '-reply', '-config', 'ts.cnf', '-queryfile', 'req.tsq', '-inkey', 'tsa.key', '-signer', 'tsa.pem', '-out', 'resp.der'],
        ['base64', '-A', '-in', 'resp.der'],
      ],
      { ...files(), 'tsa.key': key, 'ts.cnf': cnf, 'serial.txt': '0A\n' },
    );
    expect(r.status).toBe(0);
    const resp = parseTimeStampResp(Buffer.from(r.out.trim(), 'base64'));
    expect(resp.status).toBe('granted');
    const t = resp.token!;
    expect(t.tstInfo).toMatchObject({ policy: '1.2.3.4.1', serial: 0x0bn, ordering: true, accuracy: { seconds: 1, millis: 500, micros: 0 } });
    expect(t.certificates).toEqual([Buffer.from(rsaTsa.cert)]);
    expect(t.signer.essCertIds[0]).toMatchObject({ version: 2, hashAlgorithmOid: OIDS.sha256 });
    expect(verifyTimeStampToken(t)).toMatchObject({ valid: true });
  });
});

describe('BouncyCastle validates our timestamp tokens', () => {
  beforeAll(() => bcCompile());
  const data = Buffer.from('印信 SM2 时间戳');

  it('SM2 (RFC 5652 form): TimeStampToken.validate, the request, the data; SM3 ESSCertIDv2 encoded', async () => {
    const tsq = buildTimeStampReq({ hashAlgorithm: 'SM3', data, nonce: 0x1122334455667788n, certReq: true, reqPolicy: POLICY });
    const req = parseTimeStampReq(tsq);
    const resp = await buildTimeStampResp(respInput(sm2Tsa, req, { genTime: new Date(Date.now() - 1234) }), sm2Tsa.signer);
    const r = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', '--request', 'req.tsq', '--data-hex', data.toString('hex'), 'resp.der'], {
      files: { 'tsa.pem': pem(sm2Tsa.cert), 'req.tsq': tsq, 'resp.der': resp },
    });
    expect(r.result).toMatchObject({
      ok: true,
      input: 'TimeStampResp',
      status: 'granted',
      contentType: OIDS.pkcs7SignedData,
      digestAlgorithm: OIDS.sm3,
      signatureAlgorithm: OIDS.sm3WithSm2,
      certificatesIncluded: 1,
      signingCertificateV2: true,
      essCertHashAlgorithm: OIDS.sm3,
      essHashAlgorithmEncoded: true,
      serial: '123456789abcdef0123',
      policy: POLICY,
      imprintAlgorithm: OIDS.sm3,
      imprintHex: toHex(req.messageImprint.hashedMessage),
      nonce: '1122334455667788',
      accuracy: { seconds: 1, millis: 500, micros: 0 },
      tsa: 'C=CN,O=印信测试,CN=TSA',
      valid: true,
      requestMatches: true,
      imprintMatchesData: true,
    });
    expect(r.result.genTimeText).toMatch(/^\d{14}(\.\d{1,3})?Z$/);
  });

  it('SM2: a bare token without certificates validates with the TSA certificate; changed bytes and another TSA do not', async () => {
    const req = parseTimeStampReq(buildTimeStampReq({ hashAlgorithm: 'SM3', data }));
    const token = await buildTimeStampToken(respInput(sm2Tsa, req, { genTime: new Date() }), sm2Tsa.signer);
    const files = { 'tsa.pem': pem(sm2Tsa.cert), 'token.der': token };
    const ok = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', 'token.der'], { files });
    expect(ok.result).toMatchObject({ ok: true, input: 'TimeStampToken', certificatesIncluded: 0, valid: true });
    const sig = Buffer.from(token);
    sig[sig.length - 3] ^= 1;
    expect((await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', 'token.der'], { files: { ...files, 'token.der': sig } })).result).toMatchObject({ valid: false });
    const other = await makeTsa(sm2Ca);
    const o = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', 'token.der'], { files: { ...files, 'tsa.pem': pem(other.cert) } });
    expect(o).toMatchObject({ ok: false, result: { valid: false } });
    const wrongData = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', '--data-hex', '00', 'token.der'], { files });
    expect(wrongData).toMatchObject({ ok: false, result: { valid: true, imprintMatchesData: false } });
  });

  it('SM2 (GB/T 35275 form): BouncyCastle 1.72 cannot map signature algorithm 1.2.156.10197.1.301.1 — why rfc5652 is the default', async () => {
    const tsq = buildTimeStampReq({ hashAlgorithm: 'SM3', data, certReq: true });
    const resp = await buildTimeStampResp(respInput(sm2Tsa, parseTimeStampReq(tsq), { genTime: new Date() }, { cmsProfile: 'gbt35275' }), sm2Tsa.signer);
    const r = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', '--request', 'req.tsq', 'resp.der'], {
      files: { 'tsa.pem': pem(sm2Tsa.cert), 'req.tsq': tsq, 'resp.der': resp },
    });
    expect(r.result).toMatchObject({ contentType: OIDS.gmSignedData, signatureAlgorithm: OIDS.sm2Sign, requestMatches: true, valid: false });
    expect(r.result.error).toMatch(/SM3WITH1\.2\.156\.10197\.1\.301\.1/);
  });

  it('RSA: validates, with the DEFAULT SHA-256 ESSCertIDv2 algorithm left out; certReq is honoured', async () => {
    for (const certReq of [true, false]) {
      const tsq = buildTimeStampReq({ hashAlgorithm: 'SHA-256', data, nonce: true, certReq });
      const resp = await buildTimeStampResp(respInput(rsaTsa, parseTimeStampReq(tsq), { genTime: new Date() }), rsaTsa.signer);
      const r = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', '--request', 'req.tsq', 'resp.der'], {
        files: { 'tsa.pem': pem(rsaTsa.cert), 'req.tsq': tsq, 'resp.der': resp },
      });
      expect(r.result).toMatchObject({
        ok: true,
        essCertHashAlgorithm: OIDS.sha256,
        essHashAlgorithmEncoded: false,
        certificatesIncluded: certReq ? 1 : 0,
        requestMatches: true,
      });
    }
  });

  it('failure responses: BouncyCastle reads the same bit and name for every PKIFailureInfo', async () => {
    for (const f of FAILURES) {
      const r = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', 'resp.der'], {
        files: { 'tsa.pem': pem(sm2Tsa.cert), 'resp.der': buildTimeStampFailure(f, '拒绝') },
      });
      expect(r).toMatchObject({
        ok: false,
        result: { status: 'rejection', statusString: '拒绝', failInfoBits: [TIME_STAMP_FAILURE_BITS[f]], failInfo: [f] },
      });
    }
  });
});
