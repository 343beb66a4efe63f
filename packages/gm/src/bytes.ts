/** Byte helpers shared by the whole library. */
import { randomBytes } from 'node:crypto';
import { GmError } from './errors';

/**
 * Lowercase hex of the bytes.
 * @param b - bytes
 * @returns lowercase hexadecimal string, two characters per byte
 */
export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/**
 * Bytes of a hex string. Whitespace and colons are ignored; anything else that is not a hex
 * digit, or an odd number of digits, throws `GmError('GM_DECODE')`.
 * @param h - hexadecimal string, either case
 * @returns the bytes (a Buffer)
 */
export function fromHex(h: string): Uint8Array {
  const clean = h.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new GmError('GM_DECODE', 'fromHex: not a hex string');
  }
  return Buffer.from(clean, 'hex');
}

/** @internal view any Uint8Array as a Buffer without copying */
export function asBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** @internal */
export function concatBytes(...parts: Uint8Array[]): Buffer {
  return Buffer.concat(parts);
}

/** @internal constant-time-ish equality (length leak only) */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

/** @internal big-endian unsigned bytes to bigint */
export function bytesToBigint(b: Uint8Array): bigint {
  if (b.length === 0) return 0n;
  return BigInt(`0x${toHex(b)}`);
}

/** @internal bigint (non-negative) to big-endian bytes of exactly `len` bytes */
export function bigintToBytes(n: bigint, len: number): Buffer {
  const hex = n.toString(16);
  if (hex.length > len * 2) throw new GmError('GM_UNSUPPORTED', 'integer too large');
  return Buffer.from(hex.padStart(len * 2, '0'), 'hex');
}

/** @internal minimal big-endian unsigned bytes (at least one byte) */
export function bigintToMinimalBytes(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

/**
 * A random positive certificate serial number of 128 bits: 16 random bytes whose first byte is
 * not zero, so the serial always has 16 significant octets (the DER INTEGER adds a 0x00 when the
 * top bit is set: 17 octets, within RFC 5280's 20). Clearing the top bit instead would leave 127
 * bits, and a leading zero byte would shorten the serial a profile lint expects to be full length.
 * @returns 16 bytes, big-endian, unsigned
 */
export function randomSerial(): Uint8Array {
  for (;;) {
    const b = randomBytes(16);
    if (b[0] !== 0) return b;
  }
}
