/** The signer abstraction behind which CA keys sit, and signature verification by SPKI. */
import { createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { GmError } from './errors';
import { bytesEqual, bytesToBigint } from './bytes';
import { OIDS } from './oids';
import { sm3Parts } from './sm3';
import { decodePublicKeySpki, encodeSm2PublicKeySpki } from './keys';
import {
  decodeSignature,
  encodeSignature,
  parsePrivateKey,
  parsePublicKey,
  randomScalar,
  signCore,
  sm2Curve,
  sm2PublicKeyOf,
  sm2Verify,
  SM2_DEFAULT_ID,
  zCore,
  type Sm2KeyPair,
} from './sm2';

/** A key that can sign, with what certificates and CRLs need to know about it. */
export interface Signer {
  /** key algorithm */
  readonly algorithm: 'SM2' | 'RSA';
  /** DER SubjectPublicKeyInfo of the public key */
  readonly spki: Uint8Array;
  /** signature AlgorithmIdentifier to write: OID, and whether parameters are an explicit NULL */
  readonly signatureAlgorithm: { oid: string; nullParams: boolean };
  /** signs the data (hashing included); SM2 signatures are DER SM2Signature */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * A signer for an SM2 key pair: SM3withSM2 (1.2.156.10197.1.501, parameters absent), default user
 * ID, DER signatures. The pair is checked once (`GM_KEY_MISMATCH`) and Z is computed once.
 * @param pair - the key pair
 * @returns the signer
 */
export function sm2Signer(pair: Sm2KeyPair): Signer {
  const d = parsePrivateKey(pair.privateKey);
  parsePublicKey(pair.publicKey);
  if (!bytesEqual(sm2PublicKeyOf(pair.privateKey), pair.publicKey)) {
    throw new GmError('GM_KEY_MISMATCH', 'SM2 private key does not match the public key');
  }
  const curve = sm2Curve();
  const z = zCore(curve, pair.publicKey.subarray(1, 33), pair.publicKey.subarray(33, 65), Buffer.from(SM2_DEFAULT_ID, 'latin1'));
  return {
    algorithm: 'SM2',
    spki: encodeSm2PublicKeySpki(pair.publicKey),
    signatureAlgorithm: { oid: OIDS.sm3WithSm2, nullParams: false },
    async sign(data: Uint8Array) {
      const e = bytesToBigint(sm3Parts(z, data));
      const { r, s } = signCore(curve, d, e, () => randomScalar(curve.params.n));
      return encodeSignature(r, s);
    },
  };
}

/**
 * A signer for an RSA private key: sha256WithRSAEncryption (PKCS#1 v1.5, NULL parameters).
 * Signing runs on the libuv thread pool.
 * @param privateKey - an RSA private KeyObject
 * @returns the signer
 */
export function rsaSigner(privateKey: KeyObject): Signer {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'rsa') {
    throw new GmError('GM_UNSUPPORTED', 'rsaSigner needs an RSA private key');
  }
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return {
    algorithm: 'RSA',
    spki,
    signatureAlgorithm: { oid: OIDS.sha256WithRsa, nullParams: true },
    sign(data: Uint8Array) {
      return new Promise((resolve, reject) =>
        nodeSign('sha256', data, privateKey, (err, sig) => (err ? reject(err) : resolve(sig))),
      );
    },
  };
}

const RSA_HASH: Record<string, string> = {
  [OIDS.sha256WithRsa]: 'sha256',
  [OIDS.sha384WithRsa]: 'sha384',
  [OIDS.sha512WithRsa]: 'sha512',
};

/**
 * Verifies a signature made by the key in `spki`.
 * Supported: SM3withSM2 (1.2.156.10197.1.501, and 1.2.156.10197.1.301.1 as used in GM/T 0010)
 * with the default user ID, and sha256/384/512WithRSAEncryption.
 * @param spki - DER SubjectPublicKeyInfo of the signer
 * @param signatureAlgorithmOid - the signature algorithm
 * @param data - signed data
 * @param signature - signature value (SM2: DER or raw r‖s)
 * @returns true when valid; false on anything unsupported or malformed (never throws)
 */
export function verifySignature(
  spki: Uint8Array,
  signatureAlgorithmOid: string,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  try {
    const key = decodePublicKeySpki(spki);
    if (signatureAlgorithmOid === OIDS.sm3WithSm2 || signatureAlgorithmOid === OIDS.sm2Sign) {
      if (key.algorithm !== 'SM2' || !decodeSignature(signature)) return false;
      return sm2Verify(key.publicKey, data, signature);
    }
    const hash = RSA_HASH[signatureAlgorithmOid];
    if (hash && key.algorithm === 'RSA') {
      return nodeVerify(hash, data, createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }), signature);
    }
    return false;
  } catch {
    return false;
  }
}
