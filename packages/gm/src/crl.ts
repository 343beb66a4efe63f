/**
 * X.509 v2 CRLs (RFC 5280 §5). The revoked-certificates list is written by a dedicated two-pass
 * DER writer straight into one buffer (no per-entry objects), so a CRL with a million entries
 * encodes in well under a second.
 */
import { GmError, checkSize, guardDecode } from './errors';
import {
  TAG,
  children,
  derAlgorithm,
  derCtx,
  derInteger,
  derSeq,
  derTime,
  expectTag,
  fail,
  lengthOfLength,
  readAlgorithm,
  readInteger,
  readRoot,
  readSmallInt,
  readTime,
  readTlv,
  rawOf,
  valueOf,
  writeLength,
} from './der';
import { encodeExtensions, type ExtensionInput } from './extensions';
import { parseExtensions, type ParsedExtension } from './extparse';
import { decodeNameAt, type NameAttribute } from './names';
import { OIDS } from './oids';
import { toDer } from './pem';
import { assembleSigned, checkSignerAlgorithm, splitSigned, tbsFields } from './signed';
import { verifySignature, type Signer } from './signer';

/** One revoked certificate. */
export interface CrlEntryInput {
  /** positive serial, big-endian */
  serialNumber: Uint8Array;
  /** when it was revoked */
  revocationDate: Date;
  /** RFC 5280 CRLReason (0–10 except 7); 0 (unspecified) is not encoded, as RFC 5280 recommends */
  reason?: number;
  /** invalidityDate entry extension (GeneralizedTime) */
  invalidityDate?: Date;
}

// Fixed DER fragments of the entry extensions.
// Extension { reasonCode 2.5.29.21, OCTET STRING { ENUMERATED r } } = 30 0a 06 03 55 1d 15 04 03 0a 01 rr
const REASON_PREFIX = Buffer.from([0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03, 0x0a, 0x01]);
// Extension { invalidityDate 2.5.29.24, OCTET STRING { GeneralizedTime(15) } } = 30 18 06 03 55 1d 18 04 11 18 0f …
const INVALIDITY_PREFIX = Buffer.from([0x30, 0x18, 0x06, 0x03, 0x55, 0x1d, 0x18, 0x04, 0x11, 0x18, 0x0f]);

function writeDigits(buf: Buffer, pos: number, v: number, n: number): number {
  for (let i = n - 1; i >= 0; i--) {
    buf[pos + i] = 0x30 + (v % 10);
    v = Math.floor(v / 10);
  }
  return pos + n;
}

/** writes the time digits (YY or YYYY)MMDDHHMMSSZ */
function writeTimeDigits(buf: Buffer, pos: number, d: Date, fourDigitYear: boolean): number {
  const y = d.getUTCFullYear();
  pos = fourDigitYear ? writeDigits(buf, pos, y, 4) : writeDigits(buf, pos, y % 100, 2);
  pos = writeDigits(buf, pos, d.getUTCMonth() + 1, 2);
  pos = writeDigits(buf, pos, d.getUTCDate(), 2);
  pos = writeDigits(buf, pos, d.getUTCHours(), 2);
  pos = writeDigits(buf, pos, d.getUTCMinutes(), 2);
  pos = writeDigits(buf, pos, d.getUTCSeconds(), 2);
  buf[pos] = 0x5a; // 'Z'
  return pos + 1;
}

function isUtc(d: Date): boolean {
  const y = d.getUTCFullYear();
  return y >= 1950 && y < 2050;
}

function checkDate(d: Date, what: string): void {
  if (!(d instanceof Date) || !Number.isFinite(d.getTime())) throw new GmError('GM_UNSUPPORTED', `${what}: invalid Date`);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new GmError('GM_UNSUPPORTED', `${what}: year out of range`);
}

/**
 * DER revokedCertificates SEQUENCE of `entries` (two passes, one allocation). A long list can be
 * encoded in chunks and joined with {@link joinRevokedLists}, so that no more than a chunk of
 * entry objects exists at a time.
 * @param entries - the revoked certificates
 * @returns DER SEQUENCE OF revoked certificate
 */
export function encodeRevokedList(entries: CrlEntryInput[]): Buffer {
  const n = entries.length;
  const starts = new Uint8Array(n); // index of the first non-zero serial byte (serials ≤ 20 octets)
  const contentLens = new Uint16Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    const s = e.serialNumber;
    if (!(s instanceof Uint8Array)) throw new GmError('GM_UNSUPPORTED', `CRL entry ${i}: serialNumber must be bytes`);
    let st = 0;
    while (st < s.length && s[st] === 0) st++;
    const mlen = s.length - st;
    if (mlen === 0) throw new GmError('GM_UNSUPPORTED', `CRL entry ${i}: serial number must be positive`);
    const intLen = mlen + (s[st] & 0x80 ? 1 : 0);
    if (intLen > 20) throw new GmError('GM_UNSUPPORTED', `CRL entry ${i}: serial number longer than 20 octets`);
    starts[i] = st > 255 ? 255 : st;
    if (st > 255) throw new GmError('GM_UNSUPPORTED', `CRL entry ${i}: serial has too many leading zeros`);
    checkDate(e.revocationDate, `CRL entry ${i} revocationDate`);
    let len = 2 + intLen + (isUtc(e.revocationDate) ? 15 : 17);
    let extLen = 0;
    if (e.reason !== undefined && e.reason !== 0) {
      if (!Number.isInteger(e.reason) || e.reason < 0 || e.reason > 10 || e.reason === 7) {
        throw new GmError('GM_UNSUPPORTED', `CRL entry ${i}: bad reason code ${e.reason}`);
      }
      extLen += 12;
    }
    if (e.invalidityDate !== undefined) {
      checkDate(e.invalidityDate, `CRL entry ${i} invalidityDate`);
      extLen += 26;
    }
    if (extLen) len += 2 + extLen;
    contentLens[i] = len;
    total += 1 + lengthOfLength(len) + len;
  }
  const out = Buffer.allocUnsafe(1 + lengthOfLength(total) + total);
  out[0] = TAG.SEQUENCE;
  let pos = writeLength(out, 1, total);
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    out[pos++] = TAG.SEQUENCE;
    pos = writeLength(out, pos, contentLens[i]);
    // userCertificate INTEGER
    const s = e.serialNumber;
    const st = starts[i];
    const pad = s[st] & 0x80 ? 1 : 0;
    out[pos++] = TAG.INTEGER;
    out[pos++] = s.length - st + pad;
    if (pad) out[pos++] = 0;
    out.set(s.subarray(st), pos);
    pos += s.length - st;
    // revocationDate Time
    const utc = isUtc(e.revocationDate);
    out[pos++] = utc ? TAG.UTC_TIME : TAG.GENERALIZED_TIME;
    out[pos++] = utc ? 13 : 15;
    pos = writeTimeDigits(out, pos, e.revocationDate, !utc);
    // crlEntryExtensions
    const hasReason = e.reason !== undefined && e.reason !== 0;
    if (hasReason || e.invalidityDate !== undefined) {
      out[pos++] = TAG.SEQUENCE;
      out[pos++] = (hasReason ? 12 : 0) + (e.invalidityDate !== undefined ? 26 : 0);
      if (hasReason) {
        REASON_PREFIX.copy(out, pos);
        pos += REASON_PREFIX.length;
        out[pos++] = e.reason as number;
      }
      if (e.invalidityDate !== undefined) {
        INVALIDITY_PREFIX.copy(out, pos);
        pos += INVALIDITY_PREFIX.length;
        pos = writeTimeDigits(out, pos, e.invalidityDate, true);
      }
    }
  }
  if (pos !== out.length) throw new Error('CRL writer: length mismatch'); // a bug, not bad input
  return out;
}

/**
 * Joins revokedCertificates lists made by {@link encodeRevokedList} into one list (in order).
 * @param lists - DER SEQUENCEs of revoked certificates
 * @returns one DER SEQUENCE holding all their entries
 */
export function joinRevokedLists(lists: Uint8Array[]): Buffer {
  const bodies = lists.map(l => {
    const buf = Buffer.from(l.buffer, l.byteOffset, l.length);
    const root = guardDecode('revoked list', () => readRoot(buf, TAG.SEQUENCE));
    return buf.subarray(root.valueStart, root.end);
  });
  const total = bodies.reduce((n, b) => n + b.length, 0);
  const out = Buffer.allocUnsafe(1 + lengthOfLength(total) + total);
  out[0] = TAG.SEQUENCE;
  let pos = writeLength(out, 1, total);
  for (const b of bodies) {
    b.copy(out, pos);
    pos += b.length;
  }
  return out;
}

/**
 * DER TBSCertList, version 2. `revokedCertificates` is omitted when there are no entries and
 * `crlExtensions` when there are no extensions.
 * @param a - issuer Name DER, update times, entries, CRL extensions, the signer's algorithm
 * @returns DER TBSCertList
 */
export function encodeTbsCrl(a: {
  issuer: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date;
  /** The revoked certificates; or `revokedList`, already encoded. */
  entries?: CrlEntryInput[];
  /** DER revokedCertificates from {@link encodeRevokedList} or {@link joinRevokedLists}. */
  revokedList?: Uint8Array;
  extensions: ExtensionInput[];
  signatureAlgorithm: { oid: string; nullParams: boolean };
}): Uint8Array {
  guardDecode('issuer', () => readRoot(a.issuer, TAG.SEQUENCE));
  checkDate(a.thisUpdate, 'thisUpdate');
  checkDate(a.nextUpdate, 'nextUpdate');
  if (a.nextUpdate.getTime() < a.thisUpdate.getTime()) throw new GmError('GM_UNSUPPORTED', 'nextUpdate precedes thisUpdate');
  if (a.entries && a.revokedList) throw new GmError('GM_UNSUPPORTED', 'give entries or revokedList, not both');
  let revoked: Uint8Array | undefined = a.revokedList;
  if (revoked) {
    const root = guardDecode('revokedList', () => readRoot(revoked!, TAG.SEQUENCE));
    if (root.valueStart === root.end) revoked = undefined;
  } else if (a.entries?.length) revoked = encodeRevokedList(a.entries);
  return derSeq(
    derInteger(1),
    derAlgorithm(a.signatureAlgorithm.oid, a.signatureAlgorithm.nullParams),
    a.issuer,
    derTime(a.thisUpdate),
    derTime(a.nextUpdate),
    ...(revoked ? [revoked] : []),
    ...(a.extensions.length ? [derCtx(0, encodeExtensions(a.extensions))] : []),
  );
}

/**
 * Signs a TBSCertList and returns the CertificateList. The algorithm inside the TBS must be the
 * signer's (`GM_UNSUPPORTED` otherwise).
 * @param tbs - DER TBSCertList from {@link encodeTbsCrl}
 * @param signer - the CRL issuer's signer
 * @returns DER CertificateList
 */
export async function signCrl(tbs: Uint8Array, signer: Signer): Promise<Uint8Array> {
  const f = guardDecode('TBSCertList', () => tbsFields(tbs));
  const algIndex = f[0]?.tag === TAG.INTEGER ? 1 : 0;
  if (!f[algIndex]) throw new GmError('GM_DECODE', 'TBSCertList: too few fields');
  checkSignerAlgorithm(tbs, f[algIndex], signer);
  return assembleSigned(tbs, signer);
}

/** One parsed CRL entry. */
export interface CrlEntry {
  /** lowercase hex without leading 00 */
  serialHex: string;
  /** revocationDate */
  revocationDate: Date;
  /** reasonCode, when present */
  reason?: number;
  /** invalidityDate, when present */
  invalidityDate?: Date;
}

/** A parsed CRL. */
export interface CrlInfo {
  /** whole CRL DER */
  der: Uint8Array;
  /** DER TBSCertList as received */
  tbs: Uint8Array;
  /** 1 or 2 */
  version: number;
  /** issuer attributes */
  issuer: NameAttribute[];
  /** issuer Name DER */
  issuerDer: Uint8Array;
  /** thisUpdate */
  thisUpdate: Date;
  /** nextUpdate, when present */
  nextUpdate?: Date;
  /** revoked certificates */
  entries: CrlEntry[];
  /** crlExtensions */
  extensions: ParsedExtension[];
  /** cRLNumber, when present */
  crlNumber?: bigint;
  /** deltaCRLIndicator (base CRL number), when present */
  deltaCrlIndicator?: bigint;
  /** authorityKeyIdentifier keyIdentifier, when present */
  authorityKeyIdentifier?: Uint8Array;
  /** outer signatureAlgorithm OID */
  signatureAlgorithmOid: string;
  /** TBSCertList.signature OID */
  tbsSignatureAlgorithmOid: string;
  /** signature value */
  signature: Uint8Array;
}

/** Default limit of {@link parseCrl} (a million entries with reason codes fit). */
export const CRL_MAX_BYTES = 128 * 1024 * 1024;

const TIME_TAGS = new Set<number>([TAG.UTC_TIME, TAG.GENERALIZED_TIME]);

function hexOf(v: Uint8Array): string {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  return Buffer.from(v.buffer, v.byteOffset + i, v.length - i).toString('hex');
}

function parseEntryExtensions(der: Buffer, t: ReturnType<typeof readTlv>, entry: CrlEntry): void {
  for (const ext of parseExtensions(der, t)) {
    const v = Buffer.from(ext.value);
    if (ext.oid === OIDS.crlReason) entry.reason = readSmallInt(v, readRoot(v, TAG.ENUMERATED), TAG.ENUMERATED);
    else if (ext.oid === OIDS.invalidityDate) entry.invalidityDate = readTime(v, readRoot(v, TAG.GENERALIZED_TIME));
  }
}

/**
 * Parses a CRL (PEM, DER or base64).
 * @param input - the CRL
 * @param opts - `maxBytes` (default 128 MiB); `onEntry`: each entry is given to it as it is read
 *   and not collected (`entries` stays empty), for CRLs too long to hold as objects
 * @returns the decoded CRL; `GmError` (`GM_DECODE`, `GM_TOO_LARGE`) on bad input
 */
export function parseCrl(input: Uint8Array | string, opts?: { maxBytes?: number; onEntry?: (entry: CrlEntry) => void }): CrlInfo {
  const max = opts?.maxBytes ?? CRL_MAX_BYTES;
  return guardDecode('CRL', () => {
    const raw = toDer(input, 'X509 CRL', { maxBytes: max });
    checkSize('CRL', raw.length, max);
    const der = Buffer.from(raw);
    const outer = splitSigned(der);
    const f = children(der, outer.tbs);
    let i = 0;
    let version = 1;
    if (f[0]?.tag === TAG.INTEGER) {
      version = readSmallInt(der, f[0]) + 1;
      if (version !== 2) fail('CRL: unknown version');
      i = 1;
    }
    const tbsAlg = readAlgorithm(der, expectTag(f[i], TAG.SEQUENCE, 'signature'));
    const issuerTlv = expectTag(f[i + 1], TAG.SEQUENCE, 'issuer');
    if (!f[i + 2] || !TIME_TAGS.has(f[i + 2].tag)) fail('CRL: bad thisUpdate');
    const thisUpdate = readTime(der, f[i + 2]);
    let j = i + 3;
    let nextUpdate: Date | undefined;
    if (f[j] && TIME_TAGS.has(f[j].tag)) nextUpdate = readTime(der, f[j++]);
    const entries: CrlEntry[] = [];
    if (f[j]?.tag === TAG.SEQUENCE) {
      const list = f[j++];
      let p = list.valueStart;
      while (p < list.end) {
        const e = readTlv(der, p, list.end);
        p = e.end;
        expectTag(e, TAG.SEQUENCE, 'revoked certificate');
        const s = readTlv(der, e.valueStart, e.end);
        const serial = valueOf(der, expectTag(s, TAG.INTEGER, 'userCertificate'));
        if (serial.length === 0) fail('CRL: empty serial');
        const d = readTlv(der, s.end, e.end);
        if (!TIME_TAGS.has(d.tag)) fail('CRL: bad revocationDate');
        const entry: CrlEntry = { serialHex: hexOf(serial), revocationDate: readTime(der, d) };
        if (d.end < e.end) {
          const x = readTlv(der, d.end, e.end);
          if (x.end !== e.end) fail('CRL: trailing data in entry');
          parseEntryExtensions(der, x, entry);
        }
        if (opts?.onEntry) opts.onEntry(entry);
        else entries.push(entry);
      }
    }
    let extensions: ParsedExtension[] = [];
    if (f[j]?.tag === 0xa0) {
      const [exts, extra] = children(der, f[j++]);
      if (!exts || extra) fail('CRL: bad crlExtensions wrapper');
      extensions = parseExtensions(der, exts);
    }
    if (j !== f.length) fail('CRL: unexpected fields');
    const info: CrlInfo = {
      der,
      tbs: Buffer.from(rawOf(der, outer.tbs)),
      version,
      issuer: decodeNameAt(der, issuerTlv),
      issuerDer: Buffer.from(rawOf(der, issuerTlv)),
      thisUpdate,
      ...(nextUpdate ? { nextUpdate } : {}),
      entries,
      extensions,
      signatureAlgorithmOid: outer.signatureAlgorithmOid,
      tbsSignatureAlgorithmOid: tbsAlg.oid,
      signature: outer.signature,
    };
    for (const e of extensions) {
      const v = Buffer.from(e.value);
      if (e.oid === OIDS.crlNumber) info.crlNumber = readInteger(v, readRoot(v, TAG.INTEGER));
      else if (e.oid === OIDS.deltaCrlIndicator) info.deltaCrlIndicator = readInteger(v, readRoot(v, TAG.INTEGER));
      else if (e.oid === OIDS.authorityKeyIdentifier) {
        const [kid] = children(v, readRoot(v, TAG.SEQUENCE));
        if (kid?.tag === 0x80) info.authorityKeyIdentifier = Buffer.from(valueOf(v, kid));
      }
    }
    return info;
  });
}

/**
 * Parses a to-be-signed CRL, for checking it (a lint) before it is signed. The outer signature
 * fields of the result are placeholders (algorithm 1.2.3, empty signature); `tbs` is the input.
 * @param tbs - DER TBSCertList from {@link encodeTbsCrl}
 * @param opts - `onEntry`, as for {@link parseCrl}
 * @returns the parsed CRL fields
 */
export function parseTbsCrl(tbs: Uint8Array, opts?: { onEntry?: (entry: CrlEntry) => void }): CrlInfo {
  return parseCrl(derSeq(tbs, derAlgorithm('1.2.3', false), Buffer.from([0x03, 0x01, 0x00])), { maxBytes: CRL_MAX_BYTES + 64, onEntry: opts?.onEntry });
}

/**
 * Verifies a CRL's signature with the issuer's public key.
 * @param crl - CRL DER (or PEM bytes)
 * @param issuerSpki - DER SubjectPublicKeyInfo of the CRL issuer
 * @returns true when valid; false otherwise, including for malformed input (never throws)
 */
export function verifyCrlSignature(crl: Uint8Array, issuerSpki: Uint8Array): boolean {
  try {
    const der = toDer(crl, 'X509 CRL', { maxBytes: CRL_MAX_BYTES });
    const outer = splitSigned(der);
    const f = children(der, outer.tbs);
    const algTlv = f[0]?.tag === TAG.INTEGER ? f[1] : f[0];
    if (!algTlv || readAlgorithm(der, algTlv).oid !== outer.signatureAlgorithmOid) return false;
    return verifySignature(issuerSpki, outer.signatureAlgorithmOid, rawOf(der, outer.tbs), outer.signature);
  } catch {
    return false;
  }
}
