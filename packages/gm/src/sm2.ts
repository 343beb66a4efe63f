/**
 * SM2 (GB/T 32918 / GM/T 0003) signatures and public-key encryption, with the GM/T 0009
 * encodings (DER SM2Signature, DER SM2Cipher in C1C3C2 order).
 *
 * The elliptic-curve arithmetic is `@noble/curves` 2.x (generic short-Weierstrass curve with the
 * SM2 parameters; base-point tables precomputed with an 8-bit window). The SM2 algorithms on
 * top of it (Z, signing, verification, encryption, KDF) are written here against a curve
 * object, so the standard's test-curve examples can run too (see sm2.test.ts).
 * @noble/curves 2.x is ESM-only; Node 24 loads it through require(esm), and Jest under
 * `backstage-cli package test` loads it as well, so the 1.x CJS line is not needed.
 * Node's built-in SM2 signing is deliberately not used: its default user ID is not
 * `1234567812345678`.
 */
import { randomBytes } from 'node:crypto';
import { weierstrass, type WeierstrassPoint, type WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { invert, mod } from '@noble/curves/abstract/modular.js';
import { GmError } from './errors';
import { asBuffer, bigintToBytes, bytesEqual, bytesToBigint } from './bytes';
import { sm3Parts } from './sm3';
import { TAG, derOctets, derSeq, derUnsignedInteger, expectTag, children, readRoot, valueOf, fail, type Tlv } from './der';

/** GM/T 0009 default SM2 user ID. */
export const SM2_DEFAULT_ID = '1234567812345678';

/** @internal curve parameters of a prime-field short-Weierstrass curve y² = x³ + ax + b */
export interface Sm2CurveParams {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  Gx: bigint;
  Gy: bigint;
}

/** @internal a curve ready for SM2 operations */
export interface Sm2Curve {
  params: Sm2CurveParams;
  Point: WeierstrassPointCons<bigint>;
  /** coordinate length in bytes */
  len: number;
  /** a ‖ b ‖ xG ‖ yG, the constant middle of Z */
  zConst: Buffer;
}

/** @internal noble point type */
export type Sm2Point = WeierstrassPoint<bigint>;

/** @internal builds a curve object; `baseWindow` is the precomputation window of G */
export function makeSm2Curve(params: Sm2CurveParams, baseWindow = 8): Sm2Curve {
  const Point = weierstrass({ ...params, h: 1n });
  Point.BASE.precompute(baseWindow, true);
  const len = Math.ceil(params.p.toString(2).length / 8);
  const zConst = Buffer.concat([params.a, params.b, params.Gx, params.Gy].map(v => bigintToBytes(v, len)));
  return { params, Point, len, zConst };
}

/** The SM2 recommended curve (GB/T 32918.5). */
export const SM2_CURVE_PARAMS: Sm2CurveParams = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

let sm2CurveInstance: Sm2Curve | undefined;
/** @internal the SM2 curve (created on first use) */
export function sm2Curve(): Sm2Curve {
  sm2CurveInstance ??= makeSm2Curve(SM2_CURVE_PARAMS, 8);
  return sm2CurveInstance;
}

/** A key pair: `privateKey` is the 32-byte big-endian d, `publicKey` is 65 bytes 04‖x‖y. */
export interface Sm2KeyPair {
  /** 32-byte big-endian private scalar d */
  privateKey: Uint8Array;
  /** 65-byte uncompressed point 04‖x‖y */
  publicKey: Uint8Array;
}

// ---------------------------------------------------------------------------------------------
// Core algorithms, parameterised by curve and nonce source

/** @internal uniformly random scalar in [1, n-1] (bias < 2^-64) */
export function randomScalar(n: bigint): bigint {
  return mod(bytesToBigint(randomBytes(40)), n - 1n) + 1n;
}

/** @internal Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) */
export function zCore(curve: Sm2Curve, xA: Uint8Array, yA: Uint8Array, id: Uint8Array): Buffer {
  const bits = id.length * 8;
  if (bits > 0xffff) throw new GmError('GM_UNSUPPORTED', 'SM2 user ID longer than 8191 bytes');
  return sm3Parts(Buffer.of(bits >> 8, bits & 0xff), id, curve.zConst, xA, yA);
}

/** @internal the signature core of GB/T 32918.2 §6.1 (steps A3–A7) over a digest e */
export function signCore(curve: Sm2Curve, d: bigint, e: bigint, nextK: () => bigint): { r: bigint; s: bigint } {
  const { n } = curve.params;
  const dInv = invert(1n + d, n);
  for (let attempt = 0; attempt < 64; attempt++) {
    const k = nextK();
    const x1 = curve.Point.BASE.multiply(k).toAffine().x;
    const r = mod(e + x1, n);
    if (r === 0n || r + k === n) continue;
    const s = mod(dInv * (k - r * d), n);
    if (s === 0n) continue;
    return { r, s };
  }
  throw new GmError('GM_UNSUPPORTED', 'SM2 signing: no acceptable nonce');
}

/** @internal the verification core of GB/T 32918.2 §7.1 (steps B1–B7) over a digest e */
export function verifyCore(curve: Sm2Curve, P: Sm2Point, e: bigint, r: bigint, s: bigint): boolean {
  const { n } = curve.params;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const R = curve.Point.BASE.multiplyUnsafe(s).add(P.multiplyUnsafe(t));
  if (R.is0()) return false;
  return mod(e + R.toAffine().x, n) === r;
}

/** @internal the SM2 key-derivation function with SM3 (GB/T 32918.4 §5.4.3) */
export function kdf(z: Uint8Array, klen: number): Buffer {
  const out = Buffer.allocUnsafe(Math.ceil(klen / 32) * 32);
  const ct = Buffer.alloc(4);
  for (let i = 1, off = 0; off < klen; i++, off += 32) {
    ct.writeUInt32BE(i >>> 0);
    sm3Parts(z, ct).copy(out, off);
  }
  return out.subarray(0, klen);
}

/** @internal raw SM2 ciphertext parts */
export interface Sm2CipherParts {
  x: Buffer;
  y: Buffer;
  c3: Buffer;
  c2: Buffer;
}

/** @internal the encryption core of GB/T 32918.4 §6.1 */
export function encryptCore(curve: Sm2Curve, P: Sm2Point, msg: Uint8Array, nextK: () => bigint): Sm2CipherParts {
  if (msg.length === 0) throw new GmError('GM_UNSUPPORTED', 'SM2 encryption of an empty message');
  for (let attempt = 0; attempt < 64; attempt++) {
    const k = nextK();
    const C1 = curve.Point.BASE.multiply(k).toAffine();
    const S = P.multiply(k).toAffine();
    const x2 = bigintToBytes(S.x, curve.len);
    const y2 = bigintToBytes(S.y, curve.len);
    const t = kdf(Buffer.concat([x2, y2]), msg.length);
    if (t.every(b => b === 0)) continue;
    const c2 = Buffer.allocUnsafe(msg.length);
    for (let i = 0; i < msg.length; i++) c2[i] = msg[i] ^ t[i];
    return {
      x: bigintToBytes(C1.x, curve.len),
      y: bigintToBytes(C1.y, curve.len),
      c3: sm3Parts(x2, msg, y2),
      c2,
    };
  }
  throw new GmError('GM_UNSUPPORTED', 'SM2 encryption: no acceptable nonce');
}

/** @internal the decryption core of GB/T 32918.4 §7.1 */
export function decryptCore(curve: Sm2Curve, d: bigint, c: Sm2CipherParts): Buffer {
  const C1 = pointFromXY(curve, c.x, c.y);
  const S = C1.multiply(d).toAffine();
  const x2 = bigintToBytes(S.x, curve.len);
  const y2 = bigintToBytes(S.y, curve.len);
  const t = kdf(Buffer.concat([x2, y2]), c.c2.length);
  if (t.every(b => b === 0)) throw new GmError('GM_DECODE', 'SM2 decryption: KDF output is zero');
  const m = Buffer.allocUnsafe(c.c2.length);
  for (let i = 0; i < m.length; i++) m[i] = c.c2[i] ^ t[i];
  if (!bytesEqual(sm3Parts(x2, m, y2), c.c3)) throw new GmError('GM_VERIFY', 'SM2 decryption: C3 does not match');
  return m;
}

/** @internal a validated affine point from coordinates */
export function pointFromXY(curve: Sm2Curve, x: Uint8Array, y: Uint8Array): Sm2Point {
  const xi = bytesToBigint(x);
  const yi = bytesToBigint(y);
  const { p } = curve.params;
  if (xi >= p || yi >= p) throw new GmError('GM_DECODE', 'SM2 point coordinate out of range');
  let P: Sm2Point;
  try {
    P = curve.Point.fromAffine({ x: xi, y: yi });
    P.assertValidity();
  } catch (e) {
    throw new GmError('GM_DECODE', 'SM2 point is not on the curve', { cause: e });
  }
  return P;
}

// ---------------------------------------------------------------------------------------------
// Key handling

/** @internal parses 04‖x‖y into a validated point */
export function parsePublicKey(publicKey: Uint8Array): Sm2Point {
  const curve = sm2Curve();
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 1 + 2 * curve.len || publicKey[0] !== 0x04) {
    throw new GmError('GM_DECODE', 'SM2 public key must be 65 bytes 04‖x‖y');
  }
  return pointFromXY(curve, publicKey.subarray(1, 33), publicKey.subarray(33, 65));
}

/** @internal a SEC1 point (uncompressed or compressed) on the SM2 curve as 65-byte 04‖x‖y */
export function normalizeSm2Point(bytes: Uint8Array): Buffer {
  if (bytes.length === 65) {
    parsePublicKey(bytes);
    return Buffer.from(bytes);
  }
  if (bytes.length === 33 && (bytes[0] === 2 || bytes[0] === 3)) {
    try {
      return encodePoint(sm2Curve().Point.fromBytes(bytes));
    } catch (e) {
      throw new GmError('GM_DECODE', 'SM2 point is not on the curve', { cause: e });
    }
  }
  throw new GmError('GM_DECODE', 'SM2 point: bad encoding');
}

/** @internal d as bigint, checked to be in [1, n-2] */
export function parsePrivateKey(privateKey: Uint8Array): bigint {
  if (!(privateKey instanceof Uint8Array) || privateKey.length === 0 || privateKey.length > 32) {
    throw new GmError('GM_DECODE', 'SM2 private key must be 32 bytes');
  }
  const d = bytesToBigint(privateKey);
  if (d < 1n || d > sm2Curve().params.n - 2n) throw new GmError('GM_DECODE', 'SM2 private key out of range');
  return d;
}

/** @internal encodes a point as 04‖x‖y */
export function encodePoint(P: Sm2Point): Buffer {
  const a = P.toAffine();
  return Buffer.concat([Buffer.of(4), bigintToBytes(a.x, 32), bigintToBytes(a.y, 32)]);
}

/**
 * True when `publicKey` is a 65-byte uncompressed point on the SM2 curve (not infinity).
 * @param publicKey - candidate 04‖x‖y
 */
export function isValidSm2PublicKey(publicKey: Uint8Array): boolean {
  try {
    parsePublicKey(publicKey);
    return true;
  } catch {
    return false;
  }
}

/**
 * Generates an SM2 key pair from the system CSPRNG (d uniform in [1, n-2]).
 * @returns the key pair
 */
export function sm2GenerateKeyPair(): Sm2KeyPair {
  const { n } = sm2Curve().params;
  const d = randomScalar(n - 1n);
  return { privateKey: bigintToBytes(d, 32), publicKey: encodePoint(sm2Curve().Point.BASE.multiply(d)) };
}

/**
 * The public key d·G of a private key.
 * @param privateKey - 32-byte d
 * @returns 65-byte 04‖x‖y
 */
export function sm2PublicKeyOf(privateKey: Uint8Array): Uint8Array {
  return encodePoint(sm2Curve().Point.BASE.multiply(parsePrivateKey(privateKey)));
}

function idBytes(id: string | Uint8Array | undefined): Uint8Array {
  if (id === undefined) return Buffer.from(SM2_DEFAULT_ID, 'latin1');
  return typeof id === 'string' ? Buffer.from(id, 'utf8') : id;
}

/**
 * The GM/T 0009 user hash Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA).
 * @param publicKey - 65-byte 04‖x‖y of the signer
 * @param id - user ID (string as UTF-8, or bytes); default `1234567812345678`
 * @returns 32-byte Z
 */
export function sm2Z(publicKey: Uint8Array, id?: string | Uint8Array): Uint8Array {
  parsePublicKey(publicKey);
  return zCore(sm2Curve(), publicKey.subarray(1, 33), publicKey.subarray(33, 65), idBytes(id));
}

// ---------------------------------------------------------------------------------------------
// Signatures

/** @internal DER SM2Signature */
export function encodeSignature(r: bigint, s: bigint): Buffer {
  return derSeq(derUnsignedInteger(bigintToBytes(r, 32)), derUnsignedInteger(bigintToBytes(s, 32)));
}

/** @internal DER SM2Signature or raw 64-byte r‖s to (r, s); undefined when malformed */
export function decodeSignature(sig: Uint8Array): { r: bigint; s: bigint } | undefined {
  if (!(sig instanceof Uint8Array)) return undefined;
  if (sig.length > 0 && sig[0] === TAG.SEQUENCE) {
    try {
      const root = readRoot(sig, TAG.SEQUENCE);
      const c = children(sig, root);
      if (c.length !== 2) return undefined;
      const ints = c.map(t => {
        const v = valueOf(sig, expectTag(t, TAG.INTEGER));
        if (v.length === 0 || v.length > 33 || v[0] & 0x80) fail('bad INTEGER');
        return bytesToBigint(v);
      });
      return { r: ints[0], s: ints[1] };
    } catch {
      if (sig.length !== 64) return undefined;
    }
  }
  if (sig.length === 64) return { r: bytesToBigint(sig.subarray(0, 32)), s: bytesToBigint(sig.subarray(32)) };
  return undefined;
}

/**
 * SM2 signature over a precomputed digest e = SM3(Z ‖ M) (the SKF_ECCSignData style).
 * @param privateKey - 32-byte d
 * @param e - 32-byte digest
 * @returns DER SM2Signature SEQUENCE{r, s}
 */
export function sm2SignDigest(privateKey: Uint8Array, e: Uint8Array): Uint8Array {
  if (!(e instanceof Uint8Array) || e.length !== 32) throw new GmError('GM_UNSUPPORTED', 'SM2 digest must be 32 bytes');
  const curve = sm2Curve();
  const { r, s } = signCore(curve, parsePrivateKey(privateKey), bytesToBigint(e), () => randomScalar(curve.params.n));
  return encodeSignature(r, s);
}

/**
 * Verifies an SM2 signature over a precomputed digest e = SM3(Z ‖ M).
 * @param publicKey - 65-byte 04‖x‖y
 * @param e - 32-byte digest
 * @param signature - DER SM2Signature or raw 64-byte r‖s
 * @returns true when valid; false on any bad input (never throws)
 */
export function sm2VerifyDigest(publicKey: Uint8Array, e: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (!(e instanceof Uint8Array) || e.length !== 32) return false;
    const rs = decodeSignature(signature);
    if (!rs) return false;
    return verifyCore(sm2Curve(), parsePublicKey(publicKey), bytesToBigint(e), rs.r, rs.s);
  } catch {
    return false;
  }
}

/**
 * SM3withSM2 signature of a message (GM/T 0009: e = SM3(Z ‖ M)).
 * @param privateKey - 32-byte d
 * @param message - message bytes
 * @param opts - `id` (default `1234567812345678`); `publicKey` saves one scalar multiplication
 *   (it is trusted to belong to `privateKey`)
 * @returns DER SM2Signature SEQUENCE{r, s}
 */
export function sm2Sign(
  privateKey: Uint8Array,
  message: Uint8Array,
  opts?: { id?: string | Uint8Array; publicKey?: Uint8Array },
): Uint8Array {
  const pub = opts?.publicKey ?? sm2PublicKeyOf(privateKey);
  const z = sm2Z(pub, opts?.id);
  return sm2SignDigest(privateKey, sm3Parts(z, message));
}

/**
 * Verifies an SM3withSM2 signature of a message.
 * @param publicKey - 65-byte 04‖x‖y
 * @param message - message bytes
 * @param signature - DER SM2Signature, or raw 64-byte r‖s
 * @param opts - `id` (default `1234567812345678`)
 * @returns true when valid; false on any bad input (never throws)
 */
export function sm2Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  opts?: { id?: string | Uint8Array },
): boolean {
  try {
    const P = parsePublicKey(publicKey);
    const rs = decodeSignature(signature);
    if (!rs) return false;
    const z = zCore(sm2Curve(), publicKey.subarray(1, 33), publicKey.subarray(33, 65), idBytes(opts?.id));
    return verifyCore(sm2Curve(), P, bytesToBigint(sm3Parts(z, message)), rs.r, rs.s);
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Encryption

/** Default size limit of {@link sm2Decrypt} input. */
export const SM2_DECRYPT_MAX_BYTES = 4 * 1024 * 1024;

/** @internal DER SM2Cipher from parts */
export function encodeCipher(c: Sm2CipherParts): Buffer {
  return derSeq(derUnsignedInteger(c.x), derUnsignedInteger(c.y), derOctets(c.c3), derOctets(c.c2));
}

function coordinate(buf: Uint8Array, t: Tlv | undefined): Buffer {
  // Tolerates encoders that forget the 0x00 sign byte (the value is then read as unsigned).
  const v = valueOf(buf, expectTag(t, TAG.INTEGER, 'SM2Cipher coordinate'));
  if (v.length === 0 || v.length > 33 || (v.length === 33 && v[0] !== 0)) fail('SM2Cipher: bad coordinate');
  return bigintToBytes(bytesToBigint(v), 32);
}

/** @internal parses DER SM2Cipher into parts (GM_DECODE / GM_TOO_LARGE) */
export function decodeCipher(der: Uint8Array, maxBytes = SM2_DECRYPT_MAX_BYTES): Sm2CipherParts {
  if (!(der instanceof Uint8Array)) throw new GmError('GM_DECODE', 'SM2Cipher: not bytes');
  if (der.length > maxBytes) throw new GmError('GM_TOO_LARGE', `SM2Cipher larger than ${maxBytes} bytes`);
  try {
    const root = readRoot(der, TAG.SEQUENCE);
    const c = children(der, root);
    if (c.length !== 4) fail('SM2Cipher: expected 4 fields');
    const x = coordinate(der, c[0]);
    const y = coordinate(der, c[1]);
    const c3 = Buffer.from(valueOf(der, expectTag(c[2], TAG.OCTET_STRING, 'SM2Cipher HASH')));
    const c2 = Buffer.from(valueOf(der, expectTag(c[3], TAG.OCTET_STRING, 'SM2Cipher CipherText')));
    if (c3.length !== 32) fail('SM2Cipher: HASH must be 32 bytes');
    if (c2.length === 0) fail('SM2Cipher: empty CipherText');
    return { x, y, c3, c2 };
  } catch (e) {
    if (e instanceof GmError) throw e;
    throw new GmError('GM_DECODE', 'SM2Cipher: malformed', { cause: e });
  }
}

/**
 * SM2 public-key encryption (GB/T 32918.4), output in GM/T 0009 DER.
 * @param publicKey - recipient's 65-byte 04‖x‖y
 * @param plaintext - non-empty message
 * @returns DER SM2Cipher SEQUENCE{x INTEGER, y INTEGER, hash OCTET STRING(32), cipherText OCTET STRING}
 */
export function sm2Encrypt(publicKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const curve = sm2Curve();
  return encodeCipher(encryptCore(curve, parsePublicKey(publicKey), plaintext, () => randomScalar(curve.params.n)));
}

/**
 * SM2 decryption of a DER SM2Cipher.
 * @param privateKey - 32-byte d
 * @param cipher - DER SM2Cipher
 * @param opts - `maxBytes` input limit (default 4 MiB)
 * @returns plaintext; `GmError` on any bad input (`GM_DECODE`, `GM_VERIFY` when C3 does not match,
 *   `GM_TOO_LARGE`)
 */
export function sm2Decrypt(privateKey: Uint8Array, cipher: Uint8Array, opts?: { maxBytes?: number }): Uint8Array {
  const parts = decodeCipher(cipher, opts?.maxBytes);
  return decryptCore(sm2Curve(), parsePrivateKey(privateKey), parts);
}

/**
 * Converts DER SM2Cipher to the raw C1C3C2 concatenation 04‖x‖y‖C3‖C2.
 * @param der - DER SM2Cipher
 * @returns raw bytes
 */
export function sm2CipherToRaw(der: Uint8Array): Uint8Array {
  const c = decodeCipher(der);
  return Buffer.concat([Buffer.of(4), c.x, c.y, c.c3, c.c2]);
}

/**
 * Converts a raw C1C3C2 ciphertext to DER SM2Cipher. Accepts `04‖x‖y‖C3‖C2` and, as written by
 * sm-crypto, `x‖y‖C3‖C2` without the 04 byte (told apart by which reading puts C1 on the curve).
 * C1C2C3 (the 2010 draft order) is not accepted.
 * @param raw - raw ciphertext
 * @returns DER SM2Cipher
 */
export function sm2CipherFromRaw(raw: Uint8Array): Uint8Array {
  if (!(raw instanceof Uint8Array)) throw new GmError('GM_DECODE', 'raw SM2 ciphertext: not bytes');
  const curve = sm2Curve();
  const tryAt = (off: number): Sm2CipherParts | undefined => {
    if (raw.length < off + 64 + 32 + 1) return undefined;
    const x = asBuffer(raw).subarray(off, off + 32);
    const y = asBuffer(raw).subarray(off + 32, off + 64);
    try {
      pointFromXY(curve, x, y);
    } catch {
      return undefined;
    }
    return { x, y, c3: asBuffer(raw).subarray(off + 64, off + 96), c2: asBuffer(raw).subarray(off + 96) };
  };
  const parts = (raw[0] === 4 ? tryAt(1) : undefined) ?? tryAt(0);
  if (!parts) throw new GmError('GM_DECODE', 'raw SM2 ciphertext: C1 is not a curve point');
  return encodeCipher(parts);
}

