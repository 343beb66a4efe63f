/*
 * Property tests for every decoder of outside data: arbitrary bytes and mutated valid inputs only
 * ever produce a result or a GmError (never a TypeError/RangeError/asn1js error), and oversized
 * input gives GM_TOO_LARGE.
 */
import fc from 'fast-check';
import { GmError } from './errors';
import { parseCertificate } from './certificate';
import { parseCrl } from './crl';
import { buildCsr, parseCsr } from './csr';
import { buildCsrResponse, parseCsrResponse } from './csrResponse';
import { buildSm2EnvelopedKey, envelopedKeyToSkfBlob, openSm2EnvelopedKey } from './envelope';
import { decodePublicKeySpki, decodeSm2PrivateKey, encodeSm2PrivateKeyPkcs8 } from './keys';
import { decodeName } from './names';
import { pemDecode, pemDecodeAll, pemEncode, toDer } from './pem';
import { sm2Signer } from './signer';
import { sm2CipherFromRaw, sm2Decrypt, sm2Encrypt, sm2GenerateKeyPair, sm2Verify } from './sm2';
import { interop, makeLeaf, makeOcspResponder, makeSm2Ca, makeTsa, type TestCa } from './testing/fixtures';
import {
  buildOcspRequest,
  buildOcspResponse,
  certIdFor,
  parseOcspRequest,
  parseOcspResponse,
  verifyOcspResponseSignature,
  type OcspCertStatus,
  type OcspHashAlgorithm,
} from './ocsp';
import {
  TIME_STAMP_FAILURE_BITS,
  buildTimeStampFailure,
  buildTimeStampReq,
  buildTimeStampResp,
  parseTimeStampReq,
  parseTimeStampResp,
  parseTimeStampToken,
  verifyTimeStampToken,
  type TimeStampFailureInfo,
} from './tsp';
import { parseCertificate as parseCert } from './certificate';
import { parseSeal, parseSesSignature, verifySeal, verifySesSignature } from './seal';
import { buildSignedData, verifySignedData } from './signedData';

function onlyGmError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof GmError)) throw e;
    expect([
      'GM_DECODE',
      'GM_VERIFY',
      'GM_KEY_MISMATCH',
      'GM_TOO_LARGE',
      'GM_UNSUPPORTED',
      'GM_BAD_OCSP_REQUEST',
      'GM_TSP_BAD_ALG',
      'GM_TSP_BAD_DATA_FORMAT',
      'GM_TSP_UNACCEPTED_POLICY',
      'GM_TSP_UNACCEPTED_EXTENSION',
    ]).toContain(e.code);
  }
}

type Mutation = { kind: 'flip' | 'set' | 'truncate' | 'insert' | 'delete'; pos: number; byte: number };
const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('flip', 'set', 'truncate', 'insert', 'delete'),
  pos: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
});

function mutate(src: Uint8Array, ms: Mutation[]): Buffer {
  let b = Buffer.from(src);
  for (const m of ms) {
    if (b.length === 0) break;
    const p = m.pos % b.length;
    switch (m.kind) {
      case 'flip':
        b[p] ^= 1 << (m.byte & 7);
        break;
      case 'set':
        b[p] = m.byte;
        break;
      case 'truncate':
        b = b.subarray(0, p);
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, p), Buffer.of(m.byte), b.subarray(p)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, p), b.subarray(p + 1)]);
        break;
    }
  }
  return b;
}

const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });
const bytes = fc.uint8Array({ maxLength: 600 });
/** DER-looking garbage: a SEQUENCE header in front of random content */
const derish = fc.uint8Array({ maxLength: 300 }).map(b => Buffer.concat([Buffer.of(0x30, b.length > 127 ? 0x81 : b.length), ...(b.length > 127 ? [Buffer.of(b.length)] : []), b]));
const RUNS = { numRuns: 300 };

describe('decoders only throw GmError', () => {
  const recipient = sm2GenerateKeyPair();
  let csr: Uint8Array;
  let envelope: Uint8Array;
  let csrResponse: Uint8Array;
  const cert = Buffer.from(parseCertificate(interop('kona-intca-sm2sm2-sm2sm2.crt')).der);
  const crl = Buffer.from(parseCrl(interop('kona-intca-sm2sm2-sm2sm2.crl')).der);
  const cipher = sm2Encrypt(recipient.publicKey, Buffer.from('a secret sixteen'));

  beforeAll(async () => {
    const pair = sm2GenerateKeyPair();
    csr = await buildCsr({ subject: [{ type: 'CN', value: '张三' }], signer: sm2Signer(pair), challengePassword: 'pw' });
    envelope = buildSm2EnvelopedKey({ keyPair: sm2GenerateKeyPair(), recipientPublicKey: recipient.publicKey });
    csrResponse = buildCsrResponse({ signCertificates: [cert], envelopedKey: envelope, encryptCertificates: [cert] });
  });

  it('parseCsr', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => parseCsr(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseCsr(b))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => parseCsr(mutate(csr, ms)))), RUNS);
    fc.assert(fc.property(fc.string({ maxLength: 300 }), s => onlyGmError(() => parseCsr(s))), RUNS);
    fc.assert(
      fc.property(mutations, ms => onlyGmError(() => parseCsr(mutate(Buffer.from(pemEncode('CERTIFICATE REQUEST', csr)), ms).toString('latin1')))),
      RUNS,
    );
    expect(() => parseCsr(Buffer.alloc(16 * 1024 + 1, 0x30))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('parseCertificate', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => parseCertificate(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseCertificate(b))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => parseCertificate(mutate(cert, ms)))), RUNS);
    expect(() => parseCertificate(Buffer.alloc(64 * 1024 + 1, 0x30))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('parseCrl', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => parseCrl(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseCrl(b))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => parseCrl(mutate(crl, ms)))), RUNS);
    expect(() => parseCrl(crl, { maxBytes: crl.length - 1 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('parseCsrResponse', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => parseCsrResponse(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseCsrResponse(b))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => parseCsrResponse(mutate(csrResponse, ms)))), RUNS);
    expect(() => parseCsrResponse(Buffer.alloc(1024 * 1024 + 1))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('openSm2EnvelopedKey and envelopedKeyToSkfBlob', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => openSm2EnvelopedKey(b, recipient.privateKey))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => openSm2EnvelopedKey(b, recipient.privateKey))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => openSm2EnvelopedKey(mutate(envelope, ms), recipient.privateKey))), { numRuns: 200 });
    fc.assert(fc.property(mutations, ms => onlyGmError(() => envelopedKeyToSkfBlob(mutate(envelope, ms)))), RUNS);
    expect(() => openSm2EnvelopedKey(Buffer.alloc(4097), recipient.privateKey)).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('sm2Decrypt and sm2CipherFromRaw', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => sm2Decrypt(recipient.privateKey, b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => sm2Decrypt(recipient.privateKey, b))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => sm2Decrypt(recipient.privateKey, mutate(cipher, ms)))), { numRuns: 200 });
    fc.assert(fc.property(bytes, b => onlyGmError(() => sm2CipherFromRaw(b))), RUNS);
    expect(() => sm2Decrypt(recipient.privateKey, Buffer.alloc(4 * 1024 * 1024 + 1))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('sm2Verify never throws', () => {
    fc.assert(
      fc.property(bytes, bytes, (pub, sig) => {
        expect(typeof sm2Verify(pub, Buffer.from('m'), sig)).toBe('boolean');
        expect(sm2Verify(recipient.publicKey, Buffer.from('m'), sig)).toBe(false);
      }),
      RUNS,
    );
  });

  it('pemDecode, pemDecodeAll and toDer', () => {
    const pem = pemEncode('CERTIFICATE', cert);
    fc.assert(fc.property(fc.string({ maxLength: 500 }), s => onlyGmError(() => pemDecode(s))), RUNS);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 20 }), (body, label) =>
        onlyGmError(() => pemDecodeAll(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`)),
      ),
      RUNS,
    );
    fc.assert(fc.property(mutations, ms => onlyGmError(() => pemDecode(mutate(Buffer.from(pem), ms).toString('latin1')))), RUNS);
    fc.assert(fc.property(bytes, b => onlyGmError(() => toDer(b))), RUNS);
    expect(() => pemDecode(pem, undefined, { maxBytes: 10 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('decodeSm2PrivateKey, decodePublicKeySpki, decodeName', () => {
    const pair = sm2GenerateKeyPair();
    const key = encodeSm2PrivateKeyPkcs8(pair);
    fc.assert(fc.property(bytes, b => onlyGmError(() => decodeSm2PrivateKey(b))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => decodeSm2PrivateKey(mutate(key, ms)))), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ maxLength: 300 }), s => onlyGmError(() => decodeSm2PrivateKey(s))), RUNS);
    const spki = sm2Signer(pair).spki;
    fc.assert(fc.property(mutations, ms => onlyGmError(() => decodePublicKeySpki(mutate(spki, ms)))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => decodeName(b))), RUNS);
    expect(() => decodeSm2PrivateKey(Buffer.alloc(5000, 0x30))).toThrow(GmError);
  });
});

describe('OCSP and TSP decoders only throw GmError, and round-trip what the builders make', () => {
  let ca: TestCa;
  let responder: TestCa;
  let tsa: TestCa;
  let leafSerial: string;
  let ocspReq: Uint8Array;
  let ocspResp: Uint8Array;
  let tsReq: Uint8Array;
  let tsResp: Uint8Array;
  const hashAlg = fc.constantFrom<OcspHashAlgorithm>('SHA-1', 'SHA-256', 'SM3');
  const date = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }).map(ms => new Date(Math.floor(ms / 1000) * 1000));
  const status: fc.Arbitrary<OcspCertStatus> = fc.oneof(
    fc.constantFrom<OcspCertStatus>('good', 'unknown'),
    fc.record({
      revoked: fc.constant(true as const),
      revocationTime: date,
      reason: fc.constantFrom(1, 2, 3, 4, 5, 6, 8, 9, 10),
    }),
  );
  const serialHex = fc.uint8Array({ minLength: 1, maxLength: 20 }).map(b => {
    const h = Buffer.from(b).toString('hex').replace(/^(00)+/, '');
    return h || '01';
  });

  beforeAll(async () => {
    ca = await makeSm2Ca();
    responder = await makeOcspResponder(ca);
    tsa = await makeTsa(ca);
    leafSerial = parseCert((await makeLeaf(ca)).cert).serialHex;
    const id = certIdFor({ issuerCert: ca.cert, serial: leafSerial, hashAlgorithm: 'SM3' });
    ocspReq = await buildOcspRequest({ certIds: [id, certIdFor({ issuerCert: ca.cert, serial: '01' })], nonce: true });
    const now = new Date();
    ocspResp = await buildOcspResponse(
      {
        responderCert: responder.cert,
        producedAt: now,
        nonce: parseOcspRequest(ocspReq).nonce,
        certs: [responder.cert],
        responses: [
          { certId: id, status: { revoked: true, revocationTime: now, reason: 1 }, thisUpdate: now, nextUpdate: now },
          { certId: id, status: 'good', thisUpdate: now },
        ],
      },
      responder.signer,
    );
    tsReq = buildTimeStampReq({ hashAlgorithm: 'SM3', data: Buffer.from('x'), nonce: 77n, certReq: true, reqPolicy: '1.2.3.4' });
    const r = parseTimeStampReq(tsReq);
    tsResp = await buildTimeStampResp(
      {
        tstInfo: { policy: '1.2.3.4', imprint: r.messageImprint, serial: 5n, genTime: now, accuracy: { millis: 10 }, nonce: 77n, tsaName: parseCert(tsa.cert).subjectDer },
        tsaCert: tsa.cert,
        includeCerts: true,
      },
      tsa.signer,
    );
  });

  it('parseOcspRequest', () => {
    const only = (b: Uint8Array) =>
      onlyGmError(() => {
        try {
          parseOcspRequest(b);
        } catch (e) {
          // a responder answers malformedRequest to every refusal: one code besides the size limit
          if (e instanceof GmError) expect(['GM_BAD_OCSP_REQUEST', 'GM_TOO_LARGE']).toContain(e.code);
          throw e;
        }
      });
    fc.assert(fc.property(bytes, only), RUNS);
    fc.assert(fc.property(derish, only), RUNS);
    fc.assert(fc.property(mutations, ms => only(mutate(ocspReq, ms))), RUNS);
    expect(() => parseOcspRequest(Buffer.alloc(64 * 1024 + 1, 0x30))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('parseOcspResponse and verifyOcspResponseSignature', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => parseOcspResponse(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseOcspResponse(b))), RUNS);
    fc.assert(
      fc.property(mutations, ms =>
        onlyGmError(() => {
          const r = parseOcspResponse(mutate(ocspResp, ms));
          if (r.basic) expect(typeof verifyOcspResponseSignature(r.basic, responder.signer.spki)).toBe('boolean');
        }),
      ),
      RUNS,
    );
    expect(() => parseOcspResponse(Buffer.alloc(1024 * 1024 + 1, 0x30))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('parseTimeStampReq', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => parseTimeStampReq(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseTimeStampReq(b))), RUNS);
    fc.assert(fc.property(mutations, ms => onlyGmError(() => parseTimeStampReq(mutate(tsReq, ms)))), RUNS);
    expect(() => parseTimeStampReq(Buffer.alloc(16 * 1024 + 1, 0x30))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('parseTimeStampResp, parseTimeStampToken and verifyTimeStampToken', () => {
    fc.assert(fc.property(bytes, b => onlyGmError(() => parseTimeStampResp(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseTimeStampResp(b))), RUNS);
    fc.assert(fc.property(derish, b => onlyGmError(() => parseTimeStampToken(b))), RUNS);
    fc.assert(
      fc.property(mutations, ms =>
        onlyGmError(() => {
          const r = parseTimeStampResp(mutate(tsResp, ms));
          if (r.token) expect(typeof verifyTimeStampToken(r.token).valid).toBe('boolean');
        }),
      ),
      RUNS,
    );
    const token = parseTimeStampResp(tsResp).token!.der;
    fc.assert(fc.property(mutations, ms => expect(typeof verifyTimeStampToken(mutate(token, ms)).valid).toBe('boolean')), RUNS);
    expect(() => parseTimeStampResp(Buffer.alloc(1024 * 1024 + 1, 0x30))).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });

  it('OCSP requests and responses round-trip', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ alg: hashAlg, serial: serialHex, status, thisUpdate: date, next: fc.option(fc.integer({ min: 0, max: 1e9 })) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.option(fc.uint8Array({ minLength: 1, maxLength: 32 })),
        fc.constantFrom<'byKey' | 'byName'>('byKey', 'byName'),
        async (items, nonce, responderId) => {
          const ids = items.map(i => certIdFor({ issuerCert: ca.cert, serial: i.serial, hashAlgorithm: i.alg }));
          const req = parseOcspRequest(await buildOcspRequest({ certIds: ids, ...(nonce ? { nonce } : {}) }));
          expect(req.certIds).toEqual(ids.map(i => ({ ...i, der: Buffer.from(i.der) })));
          expect(req.nonce && Buffer.from(req.nonce.value)).toEqual(nonce ? Buffer.from(nonce) : undefined);
          const producedAt = new Date(Date.UTC(2026, 0, 1));
          const der = await buildOcspResponse(
            {
              responderCert: responder.cert,
              responderId,
              producedAt,
              ...(req.nonce ? { nonce: req.nonce } : {}),
              responses: items.map((i, k) => ({
                certId: req.certIds[k],
                status: i.status,
                thisUpdate: i.thisUpdate,
                ...(i.next !== null ? { nextUpdate: new Date(i.thisUpdate.getTime() + i.next * 1000) } : {}),
              })),
            },
            responder.signer,
          );
          const b = parseOcspResponse(der).basic!;
          expect(verifyOcspResponseSignature(b, responder.signer.spki)).toBe(true);
          expect(b.producedAt).toEqual(producedAt);
          expect('byKey' in b.responderId).toBe(responderId === 'byKey');
          expect(b.responses.map(r => ({ ...r, certId: r.certId.serialHex }))).toEqual(
            items.map(i => ({
              certId: i.serial,
              status: i.status,
              thisUpdate: i.thisUpdate,
              ...(i.next !== null ? { nextUpdate: new Date(i.thisUpdate.getTime() + i.next * 1000) } : {}),
              extensions: [],
            })),
          );
          expect(b.nonce && Buffer.from(b.nonce.value)).toEqual(nonce ? Buffer.from(nonce) : undefined);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('TimeStampReq, TimeStampResp and failures round-trip', async () => {
    const bigint = (bits: number) => fc.bigInt({ min: 1n, max: (1n << BigInt(bits)) - 1n });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<'SHA-256' | 'SM3'>('SHA-256', 'SM3'),
        fc.uint8Array({ maxLength: 100 }),
        fc.option(fc.bigInt({ min: -(1n << 100n), max: 1n << 100n })),
        fc.boolean(),
        fc.option(fc.constantFrom('1.2.3', '1.2.156.10197.99.1', '2.999.1')),
        bigint(160),
        fc.integer({ min: Date.now() - 12 * 3600_000, max: Date.now() + 12 * 3600_000 }), // inside the TSA certificate's validity
        fc.option(fc.record({ seconds: fc.integer({ min: 0, max: 100 }), millis: fc.integer({ min: 1, max: 999 }), micros: fc.integer({ min: 0, max: 999 }) })),
        fc.boolean(),
        async (alg, data, nonce, certReq, reqPolicy, serial, genMs, accuracy, ordering) => {
          const tsq = buildTimeStampReq({ hashAlgorithm: alg, data, ...(nonce !== null ? { nonce } : {}), certReq, ...(reqPolicy ? { reqPolicy } : {}) });
          const req = parseTimeStampReq(tsq);
          expect(req.nonce).toEqual(nonce ?? undefined);
          expect(req.certReq).toBe(certReq);
          expect(req.reqPolicy).toEqual(reqPolicy ?? undefined);
          const genTime = new Date(genMs);
          const resp = parseTimeStampResp(
            await buildTimeStampResp(
              {
                tstInfo: {
                  policy: req.reqPolicy ?? '1.2.3.4',
                  imprint: req.messageImprint,
                  serial,
                  genTime,
                  ...(accuracy ? { accuracy } : {}),
                  ordering,
                  ...(req.nonce !== undefined ? { nonce: req.nonce } : {}),
                },
                tsaCert: tsa.cert,
                includeCerts: req.certReq,
              },
              tsa.signer,
            ),
          );
          const t = resp.token!.tstInfo;
          expect(t.serial).toBe(serial);
          expect(t.nonce).toEqual(req.nonce);
          expect(t.ordering).toBe(ordering);
          expect(t.genTime.getTime()).toBe(accuracy ? genMs : Math.floor(genMs / 1000) * 1000);
          expect(t.accuracy).toEqual(accuracy ?? undefined);
          expect(Buffer.from(t.messageImprint.hashedMessage)).toEqual(Buffer.from(req.messageImprint.hashedMessage));
          expect(resp.token!.certificates).toHaveLength(certReq ? 1 : 0);
          expect(verifyTimeStampToken(resp.token!, { tsaCert: tsa.cert })).toMatchObject({ valid: true });
        },
      ),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(TIME_STAMP_FAILURE_BITS) as TimeStampFailureInfo[])), fc.option(fc.string({ maxLength: 40 })), (f, text) => {
        const r = parseTimeStampResp(buildTimeStampFailure(f, text ?? undefined));
        expect(r.failInfo).toEqual([f]);
        expect(r.statusStrings).toEqual(text ? [text] : []);
      }),
      RUNS,
    );
  });
});

describe('seal decoders only throw GmError, and verifiers never throw on what the decoders accept', () => {
  const sealFiles = ['ofdrw-UserV1.esl', 'ofdrw-UserV4.esl', 'ofdrw-keyword-tongz-Seal.esl'].map(f => interop(f));
  const sesFiles = ['ofdrw-1-GOMAIN-SignedValue.dat', 'ofdrw-keyword-tongz-Sign1-SignedValue.dat'].map(f => interop(f));

  function decodeAndVerifySeal(b: Uint8Array) {
    onlyGmError(() => {
      const s = parseSeal(b);
      const v = verifySeal(s, { at: new Date() });
      expect(typeof v.valid).toBe('boolean');
    });
  }
  function decodeAndVerifySes(b: Uint8Array) {
    onlyGmError(() => {
      const s = parseSesSignature(b);
      const v = verifySesSignature(s, { data: Buffer.from('x') });
      expect(typeof v.valid).toBe('boolean');
    });
  }

  it('SESeal: random bytes, DER-ish garbage and mutations of real seals (v1 and v4)', () => {
    fc.assert(fc.property(bytes, b => decodeAndVerifySeal(b)), RUNS);
    fc.assert(fc.property(derish, b => decodeAndVerifySeal(b)), RUNS);
    fc.assert(fc.property(fc.constantFrom(...sealFiles), mutations, (f, ms) => decodeAndVerifySeal(mutate(f, ms))), RUNS);
  });

  it('SES_Signature: random bytes, DER-ish garbage and mutations of real signatures', () => {
    fc.assert(fc.property(bytes, b => decodeAndVerifySes(b)), RUNS);
    fc.assert(fc.property(derish, b => decodeAndVerifySes(b)), RUNS);
    fc.assert(fc.property(fc.constantFrom(...sesFiles), mutations, (f, ms) => decodeAndVerifySes(mutate(f, ms))), RUNS);
  });

  it('a change to what the maker signed, or to the signature, never verifies', () => {
    const original = sealFiles[1];
    const parsed = parseSeal(original);
    const infoEnd = Buffer.from(original).indexOf(Buffer.from(parsed.sealInfoDer)) + parsed.sealInfoDer.length;
    const sigStart = original.length - parsed.signature.length;
    // positions inside SES_SealInfo (signed) or inside the signature value; the maker certificate's
    // own bytes are the caller's to check (its CA signature is not part of the seal's)
    const position = fc.oneof(fc.integer({ min: 0, max: infoEnd - 1 }), fc.integer({ min: sigStart, max: original.length - 1 }));
    fc.assert(
      fc.property(position, fc.integer({ min: 1, max: 255 }), (pos, x) => {
        const b = Buffer.from(original);
        b[pos] ^= x;
        let s;
        try {
          s = parseSeal(b);
        } catch (e) {
          expect(e).toBeInstanceOf(GmError);
          return;
        }
        expect(verifySeal(s).valid).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('oversized input gives GM_TOO_LARGE', () => {
    expect(() => parseSeal(sealFiles[0], { maxBytes: 1000 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
    expect(() => parseSesSignature(sesFiles[0], { maxBytes: 1000 })).toThrow(expect.objectContaining({ code: 'GM_TOO_LARGE' }));
  });
});

describe('signed evidence decoder only throws GmError', () => {
  it('random bytes, DER-ish garbage and mutations of a real SignedData', async () => {
    const ca = await makeSm2Ca();
    const leaf = await makeLeaf(ca);
    const der = await buildSignedData({ content: Buffer.from('{"status":"active"}'), signer: leaf.signer, signerCertificate: leaf.cert, chain: [ca.cert], signingTime: new Date() });
    const check = (b: Uint8Array) => onlyGmError(() => expect(typeof verifySignedData(b).valid).toBe('boolean'));
    fc.assert(fc.property(bytes, check), RUNS);
    fc.assert(fc.property(derish, check), RUNS);
    fc.assert(fc.property(mutations, ms => check(mutate(der, ms))), RUNS);
  });
});
