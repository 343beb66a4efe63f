import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { hmacSm3, sm4GcmOpen, sm4GcmSeal } from '@yinxin/gm';

/**
 * A 128-bit SM4 key that seals secrets at rest with SM4-GCM. The additional data names what a
 * sealed value is (e.g. `ca-key:<id>`), so that a sealed value moved to another row or column
 * does not open.
 */
export class SealingKey {
  readonly #key: Uint8Array;

  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new Error('A sealing key is 16 bytes (SM4-128)');
    this.#key = Uint8Array.from(key);
  }

  /** Seals `plaintext` for the slot named `context`; returns base64. */
  seal(plaintext: Uint8Array, context: string): string {
    return Buffer.from(sm4GcmSeal(this.#key, plaintext, Buffer.from(context, 'utf8'))).toString('base64');
  }

  /** Opens a value sealed by {@link SealingKey.seal} for the same `context`. */
  open(sealed: string, context: string): Uint8Array {
    return sm4GcmOpen(this.#key, Buffer.from(sealed, 'base64'), Buffer.from(context, 'utf8'));
  }

  /** A keyed SM3 digest (hex) for looking values up without decrypting them. */
  index(value: string, context: string): string {
    return Buffer.from(hmacSm3(this.#key, Buffer.from(`${context}\u0000${value}`, 'utf8'))).toString('hex');
  }

  /** A sub-key for a separate purpose, derived with HMAC-SM3. */
  derive(purpose: string): SealingKey {
    return new SealingKey(hmacSm3(this.#key, Buffer.from(`yinxin-derive:${purpose}`, 'utf8')).slice(0, 16));
  }
}

/**
 * Reads a master key: `hex` (32 hex digits) when configured; otherwise the development key file,
 * created with 16 random bytes (mode 0600) on first use. Production configuration must set the hex
 * value (from a secret store); `allowFile` false makes a missing value an error.
 */
export function loadMasterKey(options: { hex?: string; file: string; allowFile: boolean; what: string }): {
  key: SealingKey;
  source: 'config' | 'file-created' | 'file';
} {
  if (options.hex) {
    if (!/^[0-9a-fA-F]{32}$/.test(options.hex)) throw new Error(`${options.what}: the master key must be 32 hex digits`);
    return { key: new SealingKey(Buffer.from(options.hex, 'hex')), source: 'config' };
  }
  if (!options.allowFile) throw new Error(`${options.what}: no master key configured`);
  if (existsSync(options.file)) {
    const hex = readFileSync(options.file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`${options.what}: ${options.file} does not hold 32 hex digits`);
    return { key: new SealingKey(Buffer.from(hex, 'hex')), source: 'file' };
  }
  mkdirSync(dirname(options.file), { recursive: true });
  const hex = randomBytes(16).toString('hex');
  writeFileSync(options.file, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  return { key: new SealingKey(Buffer.from(hex, 'hex')), source: 'file-created' };
}
