/**
 * GM/T 0009-2012 §7.4 (GB/T 35276) SM2EnvelopedKey, and its conversion to the GM/T 0016 SKF
 * ENVELOPEDKEYBLOB consumed by SKF_ImportECCKeyPair (gm-standards §5.4, §5.5, §7.3).
 *
 * ```asn1
 * SM2EnvelopedKey ::= SEQUENCE {
 *   symAlgID               AlgorithmIdentifier,  -- SM4-ECB 1.2.156.10197.1.104.1, NULL parameters
 *   symEncryptedKey        SM2Cipher,            -- the SM4 key, SM2-encrypted to the recipient
 *   Sm2PublicKey           SM2PublicKey,         -- BIT STRING 04‖x‖y of the delivered pair
 *   Sm2EncryptedPrivateKey BIT STRING            -- SM4-ECB, no padding, of the 32-byte d
 * }
 * ```
 */
import { randomBytes } from 'node:crypto';
import { bigintToBytes, bytesEqual, bytesToBigint } from './bytes';
import { GmError, checkSize, guardDecode } from './errors';
import {
  TAG,
  children,
  derAlgorithm,
  derBitString,
  derSeq,
  expectTag,
  fail,
  readAlgorithm,
  readBitString,
  readRoot,
  rawOf,
} from './der';
import { OIDS } from './oids';
import { sm4EcbDecrypt, sm4EcbEncrypt } from './sm4';
import {
  decodeCipher,
  parsePrivateKey,
  parsePublicKey,
  sm2Decrypt,
  sm2Encrypt,
  sm2Curve,
  sm2PublicKeyOf,
  type Sm2KeyPair,
} from './sm2';

/** Default size limit of {@link openSm2EnvelopedKey} input. */
export const ENVELOPED_KEY_MAX_BYTES = 4096;

interface EnvelopeParts {
  symEncryptedKey: Buffer;
  publicKey: Buffer;
  encryptedPrivateKey: Buffer;
}

function parseEnvelope(der: Uint8Array, maxBytes = ENVELOPED_KEY_MAX_BYTES): EnvelopeParts {
  if (!(der instanceof Uint8Array)) throw new GmError('GM_DECODE', 'SM2EnvelopedKey: not bytes');
  checkSize('SM2EnvelopedKey', der.length, maxBytes);
  return guardDecode('SM2EnvelopedKey', () => {
    const c = children(der, readRoot(der, TAG.SEQUENCE));
    if (c.length !== 4) fail('SM2EnvelopedKey: expected 4 fields');
    const alg = readAlgorithm(der, c[0]);
    if (alg.oid !== OIDS.sm4Ecb && alg.oid !== OIDS.sm4) {
      throw new GmError('GM_UNSUPPORTED', `SM2EnvelopedKey: symmetric algorithm ${alg.oid} is not SM4-ECB`);
    }
    if (alg.params && !(alg.params.tag === TAG.NULL && alg.params.end === alg.params.valueStart)) {
      fail('SM2EnvelopedKey: unexpected symAlgID parameters');
    }
    const symEncryptedKey = Buffer.from(rawOf(der, expectTag(c[1], TAG.SEQUENCE, 'symEncryptedKey')));
    const pub = readBitString(der, c[2]);
    const enc = readBitString(der, c[3]);
    if (pub.unused || enc.unused) fail('SM2EnvelopedKey: BIT STRING with unused bits');
    parsePublicKey(pub.bytes);
    if (enc.bytes.length !== 32 && enc.bytes.length !== 64) fail('SM2EnvelopedKey: encrypted private key must be 32 or 64 bytes');
    return { symEncryptedKey, publicKey: Buffer.from(pub.bytes), encryptedPrivateKey: Buffer.from(enc.bytes) };
  });
}

/**
 * Builds an SM2EnvelopedKey delivering `keyPair` to the holder of `recipientPublicKey` (for KMC
 * delivery: the user's *signing* public key). A fresh SM4 key encrypts d with SM4-ECB and no
 * padding; symAlgID is 1.2.156.10197.1.104.1 with NULL parameters (as emmansun/gmsm writes it).
 * @param a - `keyPair` to deliver; `recipientPublicKey`; `encryptedPrivateKeyLength` 32 (default,
 *   GM/T 0009 and emmansun: d) or 64 (GmSSL's SKF reference: 32 zero bytes ‖ d)
 * @returns DER SM2EnvelopedKey
 */
export function buildSm2EnvelopedKey(a: {
  keyPair: Sm2KeyPair;
  recipientPublicKey: Uint8Array;
  encryptedPrivateKeyLength?: 32 | 64;
}): Uint8Array {
  const d = parsePrivateKey(a.keyPair.privateKey);
  parsePublicKey(a.keyPair.publicKey);
  if (!bytesEqual(sm2PublicKeyOf(a.keyPair.privateKey), a.keyPair.publicKey)) {
    throw new GmError('GM_KEY_MISMATCH', 'the key pair to envelope is inconsistent');
  }
  const symKey = randomBytes(16);
  const dBytes = bigintToBytes(d, 32);
  const plain = a.encryptedPrivateKeyLength === 64 ? Buffer.concat([Buffer.alloc(32), dBytes]) : dBytes;
  const encryptedPrivateKey = sm4EcbEncrypt(symKey, plain);
  const symEncryptedKey = sm2Encrypt(a.recipientPublicKey, symKey);
  symKey.fill(0);
  return derSeq(
    derAlgorithm(OIDS.sm4Ecb, true),
    symEncryptedKey,
    derBitString(a.keyPair.publicKey),
    derBitString(encryptedPrivateKey),
  );
}

/**
 * Opens an SM2EnvelopedKey with the recipient's private key. Accepts symAlgID
 * 1.2.156.10197.1.104.1 or .104, and a 32-byte (d) or 64-byte (zeros ‖ d) encrypted private key.
 * @param der - DER SM2EnvelopedKey (at most `maxBytes`, default 4 KiB)
 * @param recipientPrivateKey - 32-byte d of the recipient
 * @param opts - `maxBytes`
 * @returns the delivered key pair; `GmError`: `GM_KEY_MISMATCH` when d·G is not the enclosed
 *   public key, `GM_VERIFY` for a wrong recipient key, `GM_DECODE`/`GM_TOO_LARGE` on garbage
 */
export function openSm2EnvelopedKey(
  der: Uint8Array,
  recipientPrivateKey: Uint8Array,
  opts?: { maxBytes?: number },
): Sm2KeyPair {
  const env = parseEnvelope(der, opts?.maxBytes);
  const symKey = sm2Decrypt(recipientPrivateKey, env.symEncryptedKey);
  if (symKey.length !== 16) throw new GmError('GM_DECODE', 'SM2EnvelopedKey: symmetric key is not 16 bytes');
  const plain = sm4EcbDecrypt(symKey, env.encryptedPrivateKey);
  if (plain.length === 64 && plain.subarray(0, 32).some(b => b !== 0)) {
    throw new GmError('GM_DECODE', 'SM2EnvelopedKey: 64-byte private key block is not zeros ‖ d');
  }
  const dBytes = plain.subarray(plain.length - 32);
  const d = bytesToBigint(dBytes);
  if (d < 1n || d > sm2Curve().params.n - 2n) throw new GmError('GM_KEY_MISMATCH', 'SM2EnvelopedKey: decrypted private key is out of range');
  const privateKey = bigintToBytes(d, 32);
  const derived = sm2PublicKeyOf(privateKey);
  if (!bytesEqual(derived, env.publicKey)) {
    throw new GmError('GM_KEY_MISMATCH', 'SM2EnvelopedKey: the private key does not match the enclosed public key');
  }
  return { privateKey, publicKey: derived };
}

/** SGD_SM4_ECB (GB/T 33560) */
const SGD_SM4_ECB = 0x00000401;

function right64(v: Uint8Array): Buffer {
  const out = Buffer.alloc(64);
  out.set(v, 64 - v.length);
  return out;
}

/**
 * Converts an SM2EnvelopedKey into a GM/T 0016 ENVELOPEDKEYBLOB for SKF_ImportECCKeyPair, without
 * decrypting anything:
 *
 * ```c
 * ENVELOPEDKEYBLOB { ULONG Version = 1; ULONG ulSymmAlgID = SGD_SM4_ECB (0x401); ULONG ulBits = 256;
 *   BYTE cbEncryptedPriKey[64];
 *   ECCPUBLICKEYBLOB PubKey { ULONG BitLen = 256; BYTE X[64]; BYTE Y[64]; };
 *   ECCCIPHERBLOB ECCCipherBlob { BYTE X[64]; BYTE Y[64]; BYTE HASH[32]; ULONG CipherLen; BYTE Cipher[CipherLen]; }; }
 * ```
 *
 * ULONGs are 32-bit **little-endian**, as the SKF drivers for x86/x64 Windows and Linux expect
 * (the C structs are used in host byte order). Coordinates are right-aligned in their 64-byte
 * arrays. The blob is 388 bytes: Cipher holds the 16-byte SM4 key ciphertext (the C declaration
 * `BYTE Cipher[1]` is a flexible array).
 *
 * Where the 32-byte encrypted private key goes in cbEncryptedPriKey differs between token vendors
 * (gm-standards §5.5): `32-right` (default; right-aligned like every other SKF field), `32-left`,
 * or `64` for envelopes built with `encryptedPrivateKeyLength: 64` (GmSSL style). Test against
 * the real USB keys.
 * @param der - DER SM2EnvelopedKey
 * @param opts - `privateKeyLayout`
 * @returns the blob bytes
 */
export function envelopedKeyToSkfBlob(
  der: Uint8Array,
  opts?: { privateKeyLayout?: '32-left' | '32-right' | '64' },
): Uint8Array {
  const env = parseEnvelope(der);
  const layout = opts?.privateKeyLayout ?? '32-right';
  const cipher = guardDecode('SM2Cipher', () => decodeCipher(env.symEncryptedKey));
  const encPri = Buffer.alloc(64);
  if (layout === '64') {
    if (env.encryptedPrivateKey.length !== 64) throw new GmError('GM_UNSUPPORTED', "layout '64' needs a 64-byte encrypted private key");
    env.encryptedPrivateKey.copy(encPri);
  } else {
    if (env.encryptedPrivateKey.length !== 32) throw new GmError('GM_UNSUPPORTED', `layout '${layout}' needs a 32-byte encrypted private key`);
    env.encryptedPrivateKey.copy(encPri, layout === '32-left' ? 0 : 32);
  }
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    return b;
  };
  return Buffer.concat([
    u32(1),
    u32(SGD_SM4_ECB),
    u32(256),
    encPri,
    u32(256),
    right64(env.publicKey.subarray(1, 33)),
    right64(env.publicKey.subarray(33, 65)),
    right64(cipher.x),
    right64(cipher.y),
    cipher.c3,
    u32(cipher.c2.length),
    cipher.c2,
  ]);
}
