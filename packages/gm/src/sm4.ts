/** SM4 (GB/T 32907) in ECB, CBC and GCM modes via node:crypto. */
import { createCipheriv, createDecipheriv, randomBytes, type CipherGCMTypes } from 'node:crypto';
import { GmError } from './errors';

// @types/node only lists the AES/ARIA GCM names; OpenSSL 3 (Node 24) also has 'sm4-gcm'.
const SM4_GCM = 'sm4-gcm' as CipherGCMTypes;

function checkKey(key: Uint8Array) {
  if (key.length !== 16) throw new GmError('GM_UNSUPPORTED', 'SM4 key must be 16 bytes');
}

/**
 * SM4-ECB encryption.
 * @param key - 16 bytes
 * @param data - plaintext; without padding its length must be a multiple of 16
 * @param opts - `padding: true` for PKCS#7 padding (default false)
 * @returns ciphertext
 */
export function sm4EcbEncrypt(key: Uint8Array, data: Uint8Array, opts?: { padding?: boolean }): Uint8Array {
  checkKey(key);
  const padding = opts?.padding ?? false;
  if (!padding && data.length % 16) throw new GmError('GM_UNSUPPORTED', 'SM4-ECB without padding needs whole blocks');
  const c = createCipheriv('sm4-ecb', key, null);
  c.setAutoPadding(padding);
  return Buffer.concat([c.update(data), c.final()]);
}

/**
 * SM4-ECB decryption.
 * @param key - 16 bytes
 * @param data - ciphertext (whole blocks)
 * @param opts - `padding: true` to remove PKCS#7 padding (default false)
 * @returns plaintext; `GmError('GM_DECODE')` on bad length or padding
 */
export function sm4EcbDecrypt(key: Uint8Array, data: Uint8Array, opts?: { padding?: boolean }): Uint8Array {
  checkKey(key);
  if (data.length % 16 || (opts?.padding && data.length === 0)) {
    throw new GmError('GM_DECODE', 'SM4-ECB ciphertext is not whole blocks');
  }
  try {
    const d = createDecipheriv('sm4-ecb', key, null);
    d.setAutoPadding(opts?.padding ?? false);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (e) {
    throw new GmError('GM_DECODE', 'SM4-ECB: bad padding', { cause: e });
  }
}

/**
 * SM4-CBC encryption with PKCS#7 padding.
 * @param key - 16 bytes
 * @param iv - 16 bytes
 * @param data - plaintext
 * @returns ciphertext (without the IV)
 */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkKey(key);
  if (iv.length !== 16) throw new GmError('GM_UNSUPPORTED', 'SM4-CBC IV must be 16 bytes');
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([c.update(data), c.final()]);
}

/**
 * SM4-CBC decryption, PKCS#7 padding removed.
 * @param key - 16 bytes
 * @param iv - 16 bytes
 * @param data - ciphertext
 * @returns plaintext; `GmError('GM_DECODE')` on bad length or padding
 */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  checkKey(key);
  if (iv.length !== 16) throw new GmError('GM_UNSUPPORTED', 'SM4-CBC IV must be 16 bytes');
  if (data.length === 0 || data.length % 16) throw new GmError('GM_DECODE', 'SM4-CBC ciphertext is not whole blocks');
  try {
    const d = createDecipheriv('sm4-cbc', key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch (e) {
    throw new GmError('GM_DECODE', 'SM4-CBC: bad padding', { cause: e });
  }
}

/**
 * SM4-GCM authenticated encryption with a fresh random 96-bit IV.
 * @param key - 16 bytes
 * @param plaintext - data to protect
 * @param aad - optional additional authenticated data
 * @returns 12-byte IV ‖ ciphertext ‖ 16-byte tag
 */
export function sm4GcmSeal(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Uint8Array {
  checkKey(key);
  const iv = randomBytes(12);
  const c = createCipheriv(SM4_GCM, key, iv, { authTagLength: 16 });
  if (aad) c.setAAD(aad);
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]);
}

/**
 * Opens the output of {@link sm4GcmSeal}.
 * @param key - 16 bytes
 * @param sealed - IV ‖ ciphertext ‖ tag
 * @param aad - the additional authenticated data used when sealing
 * @returns plaintext; `GmError('GM_VERIFY')` when the tag does not match, `GM_DECODE` when too short
 */
export function sm4GcmOpen(key: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Uint8Array {
  checkKey(key);
  if (sealed.length < 28) throw new GmError('GM_DECODE', 'SM4-GCM: sealed data too short');
  const iv = sealed.subarray(0, 12);
  const tag = sealed.subarray(sealed.length - 16);
  const body = sealed.subarray(12, sealed.length - 16);
  try {
    const d = createDecipheriv(SM4_GCM, key, iv, { authTagLength: 16 });
    d.setAuthTag(tag);
    if (aad) d.setAAD(aad);
    return Buffer.concat([d.update(body), d.final()]);
  } catch (e) {
    throw new GmError('GM_VERIFY', 'SM4-GCM: authentication failed', { cause: e });
  }
}
