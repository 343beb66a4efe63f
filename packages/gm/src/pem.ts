/** PEM (RFC 7468) encoding and decoding, and the "PEM or DER or base64" input helper. */
import { GmError, checkSize } from './errors';
import { asBuffer } from './bytes';

/** Default limit of PEM text accepted by the decoders (characters). */
export const PEM_MAX_CHARS = 64 * 1024 * 1024;

/**
 * Encodes DER as PEM with 64-character lines and a trailing newline.
 * @param label - e.g. `CERTIFICATE`, `PRIVATE KEY`, `X509 CRL`, `CERTIFICATE REQUEST`
 * @param der - the bytes
 * @returns the PEM text
 */
export function pemEncode(label: string, der: Uint8Array): string {
  const b64 = asBuffer(der).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}

/** @internal strict base64 (whitespace allowed, correct padding, nothing else) */
export function decodeBase64Strict(text: string): Buffer {
  const s = text.replace(/[\s]+/g, '');
  if (s.length === 0 || s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
    throw new GmError('GM_DECODE', 'invalid base64');
  }
  return Buffer.from(s, 'base64');
}

/** @internal one PEM block */
export interface PemBlock {
  label: string;
  der: Buffer;
}

/** @internal all PEM blocks of a text (text outside blocks is ignored) */
export function pemBlocks(pem: string, maxChars = PEM_MAX_CHARS): PemBlock[] {
  if (typeof pem !== 'string') throw new GmError('GM_DECODE', 'PEM: not a string');
  checkSize('PEM', pem.length, maxChars);
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([\x21-\x2c\x2e-\x7e](?:[\x20-\x2c\x2e-\x7e]*[\x21-\x2c\x2e-\x7e])?)-----/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pem))) {
    const label = m[1];
    const endMarker = `-----END ${label}-----`;
    const end = pem.indexOf(endMarker, re.lastIndex);
    if (end < 0) throw new GmError('GM_DECODE', `PEM: no END line for ${label}`);
    const body = pem.slice(re.lastIndex, end);
    if (/:/.test(body)) throw new GmError('GM_UNSUPPORTED', 'PEM: encapsulated headers (encrypted PEM) not supported');
    out.push({ label, der: decodeBase64Strict(body) });
    re.lastIndex = end + endMarker.length;
  }
  return out;
}

/**
 * All PEM blocks, optionally only those with the given label.
 * @param pem - text containing PEM blocks
 * @param label - only blocks with this label
 * @param opts - `maxBytes`: input limit in characters (default 64 Mi)
 * @returns the DER of each block, in order (may be empty)
 */
export function pemDecodeAll(pem: string, label?: string, opts?: { maxBytes?: number }): Uint8Array[] {
  return pemBlocks(pem, opts?.maxBytes).filter(b => label === undefined || b.label === label).map(b => b.der);
}

/**
 * The first PEM block (with the given label, if any).
 * @param pem - text containing a PEM block
 * @param label - required label
 * @param opts - `maxBytes`: input limit in characters (default 64 Mi)
 * @returns its DER; `GmError('GM_DECODE')` when there is none or it is malformed
 */
export function pemDecode(pem: string, label?: string, opts?: { maxBytes?: number }): Uint8Array {
  const all = pemDecodeAll(pem, label, opts);
  if (all.length === 0) throw new GmError('GM_DECODE', `PEM: no ${label ?? ''} block found`.replace('  ', ' '));
  return all[0];
}

function looksLikePem(b: Uint8Array): boolean {
  if (b.length === 0 || b[0] === 0x30) return false;
  // "-----BEGIN" near the start; text dumps such as `openssl x509 -text` may come first
  return asBuffer(b).subarray(0, 1 << 16).toString('latin1').includes('-----BEGIN ');
}

/**
 * DER bytes from PEM text, DER bytes (returned as they are), PEM bytes, or a base64 string.
 * @param input - PEM string, base64 string, DER bytes or PEM bytes
 * @param label - PEM label to look for
 * @param opts - `maxBytes`: input limit (default 64 Mi)
 * @returns DER; `GmError('GM_DECODE')` when nothing decodable
 */
export function toDer(input: Uint8Array | string, label?: string, opts?: { maxBytes?: number }): Uint8Array {
  const max = opts?.maxBytes ?? PEM_MAX_CHARS;
  if (typeof input === 'string') {
    checkSize('input', input.length, Math.ceil(max * 1.4) + 4096);
    if (input.includes('-----BEGIN ')) return pemDecode(input, label, { maxBytes: Math.ceil(max * 1.4) + 4096 });
    return decodeBase64Strict(input);
  }
  if (!(input instanceof Uint8Array)) throw new GmError('GM_DECODE', 'input must be bytes or a string');
  if (looksLikePem(input)) {
    checkSize('input', input.length, Math.ceil(max * 1.4) + 4096);
    return pemDecode(asBuffer(input).toString('latin1'), label, { maxBytes: Math.ceil(max * 1.4) + 4096 });
  }
  return input;
}
