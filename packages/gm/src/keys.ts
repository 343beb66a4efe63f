/**
 * SM2 key encodings: PKCS#8 and SEC1 private keys, SubjectPublicKeyInfo (gm-standards §4, §5.1).
 */
import { bytesToBigint, bigintToBytes, bytesEqual } from './bytes';
import { GmError, guardDecode } from './errors';
import {
  TAG,
  children,
  derBitString,
  derCtx,
  derInteger,
  derOctets,
  derOid,
  derSeq,
  expectTag,
  fail,
  readAlgorithm,
  readBitString,
  readOid,
  readRoot,
  readSmallInt,
  readUnsigned,
  valueOf,
  type Tlv,
} from './der';
import { OIDS } from './oids';
import { pemBlocks } from './pem';
import { normalizeSm2Point, parsePrivateKey, parsePublicKey, sm2PublicKeyOf, type Sm2KeyPair } from './sm2';

function checkPair(pair: Sm2KeyPair): void {
  parsePublicKey(pair.publicKey);
  if (!bytesEqual(sm2PublicKeyOf(pair.privateKey), pair.publicKey)) {
    throw new GmError('GM_KEY_MISMATCH', 'SM2 private key does not match the public key');
  }
}

function ecPrivateKey(pair: Sm2KeyPair, withParams: boolean): Buffer {
  const d = bigintToBytes(parsePrivateKey(pair.privateKey), 32);
  return derSeq(
    derInteger(1),
    derOctets(d),
    ...(withParams ? [derCtx(0, derOid(OIDS.sm2))] : []),
    derCtx(1, derBitString(pair.publicKey)),
  );
}

/**
 * PKCS#8 PrivateKeyInfo of an SM2 key pair (algorithm id-ecPublicKey, curve 1.2.156.10197.1.301;
 * the inner ECPrivateKey carries the public key), as OpenSSL/Tongsuo write it.
 * @param pair - the key pair (checked for consistency: `GM_KEY_MISMATCH`)
 * @returns DER (PEM label `PRIVATE KEY`)
 */
export function encodeSm2PrivateKeyPkcs8(pair: Sm2KeyPair): Uint8Array {
  checkPair(pair);
  return derSeq(
    derInteger(0),
    derSeq(derOid(OIDS.ecPublicKey), derOid(OIDS.sm2)),
    derOctets(ecPrivateKey(pair, false)),
  );
}

/**
 * SEC1 ECPrivateKey of an SM2 key pair with the curve OID and the public key.
 * @param pair - the key pair (checked for consistency: `GM_KEY_MISMATCH`)
 * @returns DER (PEM label `EC PRIVATE KEY`)
 */
export function encodeSm2PrivateKeySec1(pair: Sm2KeyPair): Uint8Array {
  checkPair(pair);
  return ecPrivateKey(pair, true);
}

// SEC1 keys without curve parameters are taken to be SM2; the public-key check guards mix-ups.
function parseEcPrivateKey(buf: Uint8Array, t: Tlv): Sm2KeyPair {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'ECPrivateKey'));
  if (c.length < 2 || readSmallInt(buf, c[0]) !== 1) fail('ECPrivateKey: bad version');
  const d = valueOf(buf, expectTag(c[1], TAG.OCTET_STRING, 'privateKey'));
  let pub: Uint8Array | undefined;
  for (const f of c.slice(2)) {
    if (f.tag === 0xa0) {
      const [p] = children(buf, f);
      if (!p || readOid(buf, p) !== OIDS.sm2) throw new GmError('GM_UNSUPPORTED', 'EC private key is not on the SM2 curve');
    } else if (f.tag === 0xa1) {
      const [b] = children(buf, f);
      const bs = readBitString(buf, expectTag(b, TAG.BIT_STRING, 'publicKey'));
      if (bs.unused) fail('ECPrivateKey: bad public key');
      pub = normalizeSm2Point(bs.bytes);
    }
  }
  let dBytes: Uint8Array = d;
  if (d.length > 32) {
    if (d.subarray(0, d.length - 32).some(x => x !== 0)) fail('ECPrivateKey: private key too long');
    dBytes = d.subarray(d.length - 32);
  }
  const privateKey = bigintToBytes(bytesToBigint(dBytes), 32);
  parsePrivateKey(privateKey);
  const derived = sm2PublicKeyOf(privateKey);
  if (pub && !bytesEqual(pub, derived)) {
    throw new GmError('GM_KEY_MISMATCH', 'the public key in the private-key file does not match d·G');
  }
  return { privateKey, publicKey: derived };
}

function decodePrivateKeyDer(der: Uint8Array): Sm2KeyPair {
  const root = readRoot(der, TAG.SEQUENCE);
  const c = children(der, root);
  if (c.length < 2) fail('private key: too few fields');
  const version = readSmallInt(der, c[0]);
  if (version === 1 && c[1].tag === TAG.OCTET_STRING) return parseEcPrivateKey(der, root);
  if (version !== 0 && version !== 1) fail('private key: unknown version');
  // PKCS#8 PrivateKeyInfo / OneAsymmetricKey
  const alg = readAlgorithm(der, c[1]);
  let curveOid: string | undefined;
  if (alg.params && alg.params.tag === TAG.OID) curveOid = readOid(der, alg.params);
  const isSm2 =
    (alg.oid === OIDS.ecPublicKey && curveOid === OIDS.sm2) ||
    (alg.oid === OIDS.sm2 && (curveOid === undefined || curveOid === OIDS.sm2));
  if (!isSm2) throw new GmError('GM_UNSUPPORTED', `private key algorithm ${alg.oid}${curveOid ? `/${curveOid}` : ''} is not SM2`);
  const inner = valueOf(der, expectTag(c[2], TAG.OCTET_STRING, 'privateKey'));
  return parseEcPrivateKey(inner, readRoot(inner, TAG.SEQUENCE));
}

/**
 * Decodes an SM2 private key: PKCS#8 (`PRIVATE KEY`) or SEC1 (`EC PRIVATE KEY`), as PEM text or
 * DER bytes. The public key is always recomputed; if the file carries one that differs the result
 * is `GmError('GM_KEY_MISMATCH')`. Encrypted keys give `GM_UNSUPPORTED`, garbage `GM_DECODE`.
 * @param input - PEM string/bytes or DER bytes
 * @returns the key pair
 */
export function decodeSm2PrivateKey(input: Uint8Array | string): Sm2KeyPair {
  return guardDecode('SM2 private key', () => {
    let der: Uint8Array;
    const text = typeof input === 'string' ? input : input[0] !== 0x30 ? Buffer.from(input).toString('latin1') : undefined;
    if (text !== undefined) {
      const blocks = pemBlocks(text, 1 << 20);
      const block = blocks.find(b => b.label === 'PRIVATE KEY' || b.label === 'EC PRIVATE KEY');
      if (!block) {
        if (blocks.some(b => b.label === 'ENCRYPTED PRIVATE KEY')) throw new GmError('GM_UNSUPPORTED', 'encrypted private keys are not supported');
        fail('no PRIVATE KEY or EC PRIVATE KEY block');
      }
      der = block.der;
    } else {
      der = input as Uint8Array;
    }
    if (der.length > 4096) throw new GmError('GM_TOO_LARGE', 'private key larger than 4 KiB');
    return decodePrivateKeyDer(der);
  });
}

/**
 * SubjectPublicKeyInfo of an SM2 public key: id-ecPublicKey with namedCurve 1.2.156.10197.1.301.
 * @param publicKey - 65-byte 04‖x‖y (validated)
 * @returns DER
 */
export function encodeSm2PublicKeySpki(publicKey: Uint8Array): Uint8Array {
  parsePublicKey(publicKey);
  return derSeq(derSeq(derOid(OIDS.ecPublicKey), derOid(OIDS.sm2)), derBitString(publicKey));
}

/** What a SubjectPublicKeyInfo holds. */
export type PublicKeyInfo =
  | { algorithm: 'SM2'; publicKey: Uint8Array; spki: Uint8Array }
  | { algorithm: 'RSA'; modulusBits: number; spki: Uint8Array }
  | { algorithm: 'EC-OTHER' | 'OTHER'; oid: string; spki: Uint8Array };

/** @internal decodes an SPKI TLV inside a buffer */
export function decodeSpkiAt(buf: Uint8Array, t: Tlv): PublicKeyInfo {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  if (c.length !== 2) fail('SubjectPublicKeyInfo: expected 2 fields');
  const alg = readAlgorithm(buf, c[0]);
  const bits = readBitString(buf, c[1]);
  const spki = Buffer.from(buf.subarray(t.start, t.end));
  const curve = alg.params?.tag === TAG.OID ? readOid(buf, alg.params) : undefined;
  if ((alg.oid === OIDS.ecPublicKey && curve === OIDS.sm2) || alg.oid === OIDS.sm2) {
    if (alg.oid === OIDS.sm2 && curve !== undefined && curve !== OIDS.sm2) {
      return { algorithm: 'EC-OTHER', oid: curve, spki };
    }
    if (bits.unused) fail('SM2 public key: bad BIT STRING');
    return { algorithm: 'SM2', publicKey: normalizeSm2Point(bits.bytes), spki };
  }
  if (alg.oid === OIDS.ecPublicKey) return { algorithm: 'EC-OTHER', oid: curve ?? alg.oid, spki };
  if (alg.oid === OIDS.rsaEncryption) {
    if (bits.unused) fail('RSA public key: bad BIT STRING');
    const r = readRoot(bits.bytes, TAG.SEQUENCE);
    const rc = children(bits.bytes, r);
    if (rc.length !== 2) fail('RSAPublicKey: expected 2 fields');
    const modulus = readUnsigned(bits.bytes, rc[0]);
    readUnsigned(bits.bytes, rc[1]);
    const modulusBits = modulus.length === 0 ? 0 : (modulus.length - 1) * 8 + modulus[0].toString(2).length;
    return { algorithm: 'RSA', modulusBits, spki };
  }
  return { algorithm: 'OTHER', oid: alg.oid, spki };
}

/**
 * Decodes a SubjectPublicKeyInfo. SM2 keys are recognised in both variants seen in the wild
 * (gm-standards §4): id-ecPublicKey + namedCurve sm2 (what we emit), and algorithm
 * 1.2.156.10197.1.301 itself. Compressed SM2 points are returned uncompressed.
 * @param spki - DER SubjectPublicKeyInfo
 * @returns what it holds; `GmError('GM_DECODE')` when malformed or the SM2 point is invalid
 */
export function decodePublicKeySpki(spki: Uint8Array): PublicKeyInfo {
  return guardDecode('SubjectPublicKeyInfo', () => decodeSpkiAt(spki, readRoot(spki, TAG.SEQUENCE)));
}
