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
import { interop } from './testing/fixtures';

function onlyGmError(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof GmError)) throw e;
    expect(['GM_DECODE', 'GM_VERIFY', 'GM_KEY_MISMATCH', 'GM_TOO_LARGE', 'GM_UNSUPPORTED']).toContain(e.code);
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
