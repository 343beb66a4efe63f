/**
 * A small hand-written DER writer and reader.
 *
 * The writer is used for everything this library emits (certificates, CSRs, CRLs with a million
 * entries, envelopes) because it is fast and its output is exactly what we intend. The reader
 * gives byte offsets, so signed parts (TBS, CertificationRequestInfo) are verified over the
 * bytes as received. Reader errors are `GmError('GM_DECODE')`.
 */
import { GmError } from './errors';
import { asBuffer, bigintToMinimalBytes } from './bytes';

// ---------------------------------------------------------------------------------------------
// Writer

/** @internal DER tag bytes used across the library */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  NUMERIC_STRING: 0x12,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VISIBLE_STRING: 0x1a,
  UNIVERSAL_STRING: 0x1c,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** @internal number of bytes of a DER length field */
export function lengthOfLength(len: number): number {
  if (len < 0x80) return 1;
  if (len < 0x100) return 2;
  if (len < 0x10000) return 3;
  if (len < 0x1000000) return 4;
  return 5;
}

/** @internal writes a DER length at `pos`, returns the new position */
export function writeLength(buf: Uint8Array, pos: number, len: number): number {
  if (len < 0x80) {
    buf[pos] = len;
    return pos + 1;
  }
  const n = lengthOfLength(len) - 1;
  buf[pos++] = 0x80 | n;
  for (let i = n - 1; i >= 0; i--) buf[pos++] = Math.floor(len / 2 ** (8 * i)) & 0xff;
  return pos;
}

/** @internal encodes one TLV with the given identifier octet */
export function tlv(tag: number, ...content: Uint8Array[]): Buffer {
  let len = 0;
  for (const c of content) len += c.length;
  const out = Buffer.allocUnsafe(1 + lengthOfLength(len) + len);
  out[0] = tag;
  let pos = writeLength(out, 1, len);
  for (const c of content) {
    out.set(c, pos);
    pos += c.length;
  }
  return out;
}

/** @internal SEQUENCE */
export const derSeq = (...c: Uint8Array[]): Buffer => tlv(TAG.SEQUENCE, ...c);

/** @internal SET OF with DER ordering of the elements */
export function derSetOf(items: Uint8Array[]): Buffer {
  const sorted = [...items].sort((a, b) => Buffer.compare(asBuffer(a), asBuffer(b)));
  return tlv(TAG.SET, ...sorted);
}

/** @internal context-specific constructed (EXPLICIT, or IMPLICIT of a constructed type) */
export const derCtx = (n: number, ...c: Uint8Array[]): Buffer => tlv(0xa0 | n, ...c);

/** @internal INTEGER from a non-negative bigint or number */
export function derInteger(v: bigint | number): Buffer {
  const n = BigInt(v);
  if (n < 0n) throw new GmError('GM_UNSUPPORTED', 'negative INTEGER not supported');
  return derUnsignedInteger(bigintToMinimalBytes(n));
}

/** @internal INTEGER from unsigned big-endian magnitude bytes (leading zeros stripped) */
export function derUnsignedInteger(magnitude: Uint8Array): Buffer {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const m = magnitude.subarray(i);
  if (m.length === 0) return Buffer.from([TAG.INTEGER, 1, 0]);
  return m[0] & 0x80 ? tlv(TAG.INTEGER, Buffer.of(0), m) : tlv(TAG.INTEGER, m);
}

const oidCache = new Map<string, Buffer>();

/** @internal OBJECT IDENTIFIER from dotted form */
export function derOid(oid: string): Buffer {
  const cached = oidCache.get(oid);
  if (cached) return cached;
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(oid)) throw new GmError('GM_UNSUPPORTED', `bad OID ${oid}`);
  const arcs = oid.split('.').map(a => BigInt(a));
  if (arcs[0] < 2n && arcs[1] >= 40n) throw new GmError('GM_UNSUPPORTED', `bad OID ${oid}`);
  const out: number[] = [];
  const enc = (v: bigint) => {
    const tmp = [Number(v & 0x7fn)];
    v >>= 7n;
    while (v > 0n) {
      tmp.unshift(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(...tmp);
  };
  enc(arcs[0] * 40n + arcs[1]);
  for (let i = 2; i < arcs.length; i++) enc(arcs[i]);
  const der = tlv(TAG.OID, Buffer.from(out));
  if (oidCache.size < 1000) oidCache.set(oid, der);
  return der;
}

/** @internal NULL */
export const derNull = (): Buffer => Buffer.from([TAG.NULL, 0]);
/** @internal BOOLEAN */
export const derBool = (b: boolean): Buffer => Buffer.from([TAG.BOOLEAN, 1, b ? 0xff : 0]);
/** @internal OCTET STRING */
export const derOctets = (b: Uint8Array): Buffer => tlv(TAG.OCTET_STRING, b);
/** @internal BIT STRING */
export const derBitString = (b: Uint8Array, unusedBits = 0): Buffer =>
  tlv(TAG.BIT_STRING, Buffer.of(unusedBits), b);
/** @internal UTF8String */
export const derUtf8 = (s: string): Buffer => tlv(TAG.UTF8_STRING, Buffer.from(s, 'utf8'));
/** @internal IA5String (ASCII) */
export function derIa5(s: string): Buffer {
  if (!/^[\x00-\x7f]*$/.test(s)) throw new GmError('GM_UNSUPPORTED', 'IA5String must be ASCII');
  return tlv(TAG.IA5_STRING, Buffer.from(s, 'latin1'));
}
/** @internal true if `s` only uses the PrintableString repertoire */
export const isPrintable = (s: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(s);
/** @internal PrintableString */
export function derPrintable(s: string): Buffer {
  if (!isPrintable(s)) throw new GmError('GM_UNSUPPORTED', `not a PrintableString: ${JSON.stringify(s)}`);
  return tlv(TAG.PRINTABLE_STRING, Buffer.from(s, 'latin1'));
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

function timeDigits(d: Date, fourDigitYear: boolean): string {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new GmError('GM_UNSUPPORTED', 'invalid Date');
  const y = d.getUTCFullYear();
  const year = fourDigitYear ? String(y).padStart(4, '0') : pad2(y % 100);
  return `${year}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(
    d.getUTCMinutes(),
  )}${pad2(d.getUTCSeconds())}Z`;
}

/** @internal UTCTime (years 1950–2049) */
export function derUtcTime(d: Date): Buffer {
  const y = d.getUTCFullYear();
  if (y < 1950 || y > 2049) throw new GmError('GM_UNSUPPORTED', 'UTCTime year out of range');
  return tlv(TAG.UTC_TIME, Buffer.from(timeDigits(d, false), 'latin1'));
}

/** @internal GeneralizedTime (whole seconds, Z) */
export function derGeneralizedTime(d: Date): Buffer {
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new GmError('GM_UNSUPPORTED', 'GeneralizedTime year out of range');
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(timeDigits(d, true), 'latin1'));
}

/** @internal GeneralizedTime with the milliseconds as a fraction when not zero (X.690 DER: no trailing zeros) */
export function derGeneralizedTimeMs(d: Date): Buffer {
  const whole = derGeneralizedTime(d);
  const ms = d.getUTCMilliseconds();
  if (ms === 0) return whole;
  const text = whole.subarray(2, whole.length - 1).toString('latin1');
  const frac = String(ms).padStart(3, '0').replace(/0+$/, '');
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${text}.${frac}Z`, 'latin1'));
}

/** @internal RFC 5280 Time: UTCTime through 2049, GeneralizedTime from 2050 */
export function derTime(d: Date): Buffer {
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050 ? derUtcTime(d) : derGeneralizedTime(d);
}

/** @internal AlgorithmIdentifier with absent or NULL parameters */
export function derAlgorithm(oid: string, nullParams: boolean): Buffer {
  return nullParams ? derSeq(derOid(oid), derNull()) : derSeq(derOid(oid));
}

// ---------------------------------------------------------------------------------------------
// Reader

/** @internal one decoded TLV: offsets into the buffer it was read from */
export interface Tlv {
  /** identifier octet (low-tag-number form only) */
  tag: number;
  /** offset of the identifier octet */
  start: number;
  /** offset of the first content octet */
  valueStart: number;
  /** offset just past the content */
  end: number;
}

/** @internal throws a GM_DECODE error */
export function fail(msg: string): never {
  throw new GmError('GM_DECODE', msg);
}

/** @internal reads one TLV at `pos`, which must end at or before `limit` */
export function readTlv(buf: Uint8Array, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) fail('DER: truncated');
  const tag = buf[pos];
  if ((tag & 0x1f) === 0x1f) fail('DER: high-tag-number form not supported');
  let p = pos + 1;
  let len = buf[p++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0) fail('DER: indefinite length');
    if (n > 4) fail('DER: length too large');
    if (p + n > limit) fail('DER: truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++];
  }
  const end = p + len;
  if (end > limit) fail('DER: content runs past its container');
  return { tag, start: pos, valueStart: p, end };
}

/** @internal reads a buffer that must hold exactly one TLV with the given tag */
export function readRoot(buf: Uint8Array, tag?: number): Tlv {
  const t = readTlv(buf, 0, buf.length);
  if (t.end !== buf.length) fail('DER: trailing data');
  if (tag !== undefined) expectTag(t, tag);
  return t;
}

/** @internal all TLVs inside a constructed TLV */
export function children(buf: Uint8Array, t: Tlv): Tlv[] {
  if (!(t.tag & 0x20)) fail('DER: expected a constructed value');
  const out: Tlv[] = [];
  let p = t.valueStart;
  while (p < t.end) {
    const c = readTlv(buf, p, t.end);
    out.push(c);
    p = c.end;
  }
  return out;
}

/** @internal throws unless `t` has the tag */
export function expectTag(t: Tlv | undefined, tag: number, what = 'value'): Tlv {
  if (!t) fail(`DER: missing ${what}`);
  if (t.tag !== tag) fail(`DER: ${what} has tag 0x${t.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return t;
}

/** @internal content bytes (a view, not a copy) */
export const valueOf = (buf: Uint8Array, t: Tlv): Buffer => asBuffer(buf).subarray(t.valueStart, t.end);
/** @internal whole TLV bytes (a view, not a copy) */
export const rawOf = (buf: Uint8Array, t: Tlv): Buffer => asBuffer(buf).subarray(t.start, t.end);

/** @internal OBJECT IDENTIFIER to dotted form */
export function readOid(buf: Uint8Array, t: Tlv): string {
  expectTag(t, TAG.OID, 'OBJECT IDENTIFIER');
  if (t.end === t.valueStart) fail('DER: empty OID');
  if (buf[t.end - 1] & 0x80) fail('DER: truncated OID');
  const arcs: string[] = [];
  let v = 0;
  let big: bigint | undefined;
  let first = true;
  for (let i = t.valueStart; i < t.end; i++) {
    const b = buf[i];
    if (big !== undefined) big = (big << 7n) | BigInt(b & 0x7f);
    else if (v > 2 ** 45) big = (BigInt(v) << 7n) | BigInt(b & 0x7f);
    else v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      const arc = big ?? BigInt(v);
      if (first) {
        const a = arc < 80n ? arc / 40n : 2n;
        arcs.push(String(a), String(arc - a * 40n));
        first = false;
      } else {
        arcs.push(String(arc));
      }
      v = 0;
      big = undefined;
    }
  }
  return arcs.join('.');
}

/** @internal INTEGER (two's complement) as bigint */
export function readInteger(buf: Uint8Array, t: Tlv): bigint {
  expectTag(t, TAG.INTEGER, 'INTEGER');
  const v = valueOf(buf, t);
  if (v.length === 0) fail('DER: empty INTEGER');
  let n = BigInt(`0x${v.toString('hex')}`);
  if (v[0] & 0x80) n -= 1n << BigInt(v.length * 8);
  return n;
}

/** @internal small non-negative INTEGER as number */
export function readSmallInt(buf: Uint8Array, t: Tlv, tag: number = TAG.INTEGER): number {
  expectTag(t, tag, 'INTEGER');
  const v = valueOf(buf, t);
  if (v.length === 0 || v.length > 6 || v[0] & 0x80) fail('DER: integer out of range');
  let n = 0;
  for (const b of v) n = n * 256 + b;
  return n;
}

/** @internal positive INTEGER magnitude (leading sign byte removed); rejects negative */
export function readUnsigned(buf: Uint8Array, t: Tlv): Buffer {
  expectTag(t, TAG.INTEGER, 'INTEGER');
  const v = valueOf(buf, t);
  if (v.length === 0) fail('DER: empty INTEGER');
  if (v[0] & 0x80) fail('DER: negative INTEGER');
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  return v.subarray(i);
}

/** @internal BIT STRING contents */
export function readBitString(buf: Uint8Array, t: Tlv): { unused: number; bytes: Buffer } {
  expectTag(t, TAG.BIT_STRING, 'BIT STRING');
  const v = valueOf(buf, t);
  if (v.length === 0) fail('DER: empty BIT STRING');
  const unused = v[0];
  if (unused > 7 || (unused > 0 && v.length === 1)) fail('DER: bad BIT STRING');
  return { unused, bytes: v.subarray(1) };
}

/** @internal BOOLEAN */
export function readBoolean(buf: Uint8Array, t: Tlv): boolean {
  expectTag(t, TAG.BOOLEAN, 'BOOLEAN');
  if (t.end - t.valueStart !== 1) fail('DER: bad BOOLEAN');
  return buf[t.valueStart] !== 0;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** @internal any ASN.1 character string as a JS string */
export function readString(buf: Uint8Array, t: Tlv): string {
  const v = valueOf(buf, t);
  switch (t.tag) {
    case TAG.UTF8_STRING:
      try {
        return utf8.decode(v);
      } catch {
        return fail('DER: invalid UTF-8');
      }
    case TAG.PRINTABLE_STRING:
    case TAG.IA5_STRING:
    case TAG.NUMERIC_STRING:
    case TAG.VISIBLE_STRING:
    case TAG.T61_STRING:
      return v.toString('latin1');
    case TAG.BMP_STRING: {
      if (v.length % 2) fail('DER: bad BMPString');
      let s = '';
      for (let i = 0; i < v.length; i += 2) s += String.fromCharCode((v[i] << 8) | v[i + 1]);
      return s;
    }
    case TAG.UNIVERSAL_STRING: {
      if (v.length % 4) fail('DER: bad UniversalString');
      let s = '';
      for (let i = 0; i < v.length; i += 4) {
        const cp = v.readUInt32BE(i);
        if (cp > 0x10ffff) fail('DER: bad UniversalString');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return fail(`DER: tag 0x${t.tag.toString(16)} is not a string`);
  }
}

const UTC_RE = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GEN_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/;

/** @internal UTCTime or GeneralizedTime */
export function readTime(buf: Uint8Array, t: Tlv): Date {
  const s = valueOf(buf, t).toString('latin1');
  let m: RegExpMatchArray | null;
  let y: number;
  let rest: string[];
  let frac = 0;
  let zone: string | undefined;
  if (t.tag === TAG.UTC_TIME) {
    m = s.match(UTC_RE);
    if (!m) fail('DER: bad UTCTime');
    const yy = Number(m[1]);
    y = yy >= 50 ? 1900 + yy : 2000 + yy;
    rest = [m[2], m[3], m[4], m[5], m[6] ?? '0'];
    zone = m[7];
  } else if (t.tag === TAG.GENERALIZED_TIME) {
    m = s.match(GEN_RE);
    if (!m) fail('DER: bad GeneralizedTime');
    y = Number(m[1]);
    rest = [m[2], m[3], m[4], m[5] ?? '0', m[6] ?? '0'];
    if (m[7]) frac = Math.floor(Number(`0.${m[7]}`) * 1000);
    zone = m[8];
  } else {
    return fail('DER: expected a time');
  }
  const [mo, d, h, mi, se] = rest.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) fail('DER: bad time value');
  let ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(se, 59), frac);
  const check = new Date(ms);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) fail('DER: bad date');
  if (y < 100) ms = new Date(ms).setUTCFullYear(y);
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '+' ? 1 : -1;
    const off = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
    ms -= sign * off;
  }
  return new Date(ms);
}

/** @internal AlgorithmIdentifier: OID and whether parameters are present (and their TLV) */
export function readAlgorithm(buf: Uint8Array, t: Tlv): { oid: string; params?: Tlv } {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'AlgorithmIdentifier'));
  if (c.length < 1 || c.length > 2) fail('DER: bad AlgorithmIdentifier');
  return { oid: readOid(buf, c[0]), params: c[1] };
}
