/** SM3 (GB/T 32905) and HMAC-SM3 via node:crypto. */
import { createHash, createHmac } from 'node:crypto';

/**
 * SM3 hash.
 * @param data - message
 * @returns 32-byte digest
 */
export function sm3(data: Uint8Array): Uint8Array {
  return createHash('sm3').update(data).digest();
}

/** @internal SM3 of several parts without concatenating them */
export function sm3Parts(...parts: Uint8Array[]): Buffer {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
}

/**
 * HMAC-SM3 (RFC 2104 construction with SM3, block size 64).
 * @param key - any length
 * @param data - message
 * @returns 32-byte MAC
 */
export function hmacSm3(key: Uint8Array, data: Uint8Array): Uint8Array {
  return createHmac('sm3', key).update(data).digest();
}
