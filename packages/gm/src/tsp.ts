/**
 * RFC 3161 timestamps (GM/T 0033 / GB/T 20520 reproduce the same structures, gm-standards §8):
 * TimeStampReq parsing and building, TimeStampResp with a TimeStampToken signed through a
 * {@link Signer}, failure responses, and response/token parsing and verification.
 *
 * ```asn1
 * TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
 *     reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
 *     extensions [0] IMPLICIT Extensions OPTIONAL }
 * MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }
 * TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }
 * PKIStatusInfo ::= SEQUENCE { status PKIStatus, statusString PKIFreeText OPTIONAL, failInfo PKIFailureInfo OPTIONAL }
 * TSTInfo ::= SEQUENCE { version INTEGER { v1(1) }, policy TSAPolicyId, messageImprint MessageImprint,
 *     serialNumber INTEGER, genTime GeneralizedTime, accuracy Accuracy OPTIONAL,
 *     ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL, tsa [0] GeneralName OPTIONAL,
 *     extensions [1] IMPLICIT Extensions OPTIONAL }
 * Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL, micros [1] INTEGER (1..999) OPTIONAL }
 * ```
 *
 * The TimeStampToken is a CMS SignedData over the DER TSTInfo (eContentType id-ct-TSTInfo) with
 * signed attributes contentType, signingTime, messageDigest and ESS signingCertificateV2
 * (RFC 5035: ESSCertIDv2 with issuerSerial; hash SM3 for SM2 signers, SHA-256 — the DEFAULT,
 * so not encoded — for RSA signers).
 *
 * SM2 tokens: GM/T 0033 points to GM/T 0010 (GB/T 35275), whose SignedData uses content type
 * 1.2.156.10197.6.1.4.2.2 and SignerInfo algorithm 1.2.156.10197.1.301.1. BouncyCastle 1.72
 * verifies neither form of that signature algorithm identifier (it maps only 1.2.156.10197.1.501 to
 * SM3withSM2), so by default SM2 tokens use the RFC 5652 form with SM3withSM2
 * (1.2.840.113549.1.7.2 + 1.2.156.10197.1.501), which BouncyCastle validates; `cmsProfile:
 * 'gbt35275'` writes the GM form for relying parties that want it. The parser reads both.
 */
import { randomBytes } from 'node:crypto';
import { bytesEqual, toHex } from './bytes';
import { parseCertificate, type CertificateInfo } from './certificate';
import {
  attributeValue,
  checkProfile,
  cmsDigestFor,
  essCertIdV2,
  parseCmsSignedData,
  signCmsSignedData,
  verifyCmsSigner,
  type CmsProfile,
  type CmsSignedData,
  type CmsSignerInfo,
} from './cms';
import { GmError, checkSize, guardDecode } from './errors';
import {
  TAG,
  children,
  derAlgorithm,
  derBitString,
  derBool,
  derCtx,
  derInteger,
  derOctets,
  derOid,
  derSeq,
  derUtf8,
  expectTag,
  fail,
  readAlgorithm,
  readBitString,
  readBoolean,
  readInteger,
  readOid,
  readRoot,
  readSmallInt,
  readString,
  readTime,
  readUnsigned,
  rawOf,
  tlv,
  valueOf,
  type Tlv,
} from './der';
import { parseExtensions, type ParsedExtension } from './extparse';
import { HASHES, digest, hashByOid, type HashAlgorithm } from './hashes';
import { decodeNameAt, type NameAttribute } from './names';
import { OIDS } from './oids';
import type { Signer } from './signer';

/** Hash algorithms a TimeStampReq may use. */
export type TimeStampHashAlgorithm = 'SHA-256' | 'SM3';

const TSP_HASHES: readonly TimeStampHashAlgorithm[] = ['SHA-256', 'SM3'];

/** A message imprint. */
export interface MessageImprint {
  /** hash algorithm */
  hashAlgorithm: TimeStampHashAlgorithm;
  /** the hash of the data */
  hashedMessage: Uint8Array;
  /** DER MessageImprint as received; when present the token repeats it verbatim */
  der?: Uint8Array;
}

/** A parsed TimeStampReq. */
export interface TimeStampReqInfo {
  /** the whole request DER */
  der: Uint8Array;
  /** always 1 */
  version: number;
  /** the imprint, with its DER */
  messageImprint: Required<MessageImprint>;
  /** reqPolicy, when present */
  reqPolicy?: string;
  /** nonce, when present */
  nonce?: bigint;
  /** certReq: whether the TSA certificate must be in the token */
  certReq: boolean;
}

/** PKIFailureInfo names with their bit numbers (RFC 3161 §2.4.2). */
export const TIME_STAMP_FAILURE_BITS = {
  badAlg: 0,
  badRequest: 2,
  badDataFormat: 5,
  timeNotAvailable: 14,
  unacceptedPolicy: 15,
  unacceptedExtension: 16,
  addInfoNotAvailable: 17,
  systemFailure: 25,
} as const;

/** A PKIFailureInfo name. */
export type TimeStampFailureInfo = keyof typeof TIME_STAMP_FAILURE_BITS;

const PKI_STATUS = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification'] as const;
/** A PKIStatus name. */
export type PkiStatus = (typeof PKI_STATUS)[number];

/** Default size limit of {@link parseTimeStampReq}. */
export const TIME_STAMP_REQ_MAX_BYTES = 16 * 1024;
/** Default size limit of {@link parseTimeStampResp} and {@link parseTimeStampToken}. */
export const TIME_STAMP_RESP_MAX_BYTES = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Small encoders

/** INTEGER of any sign (two's complement, minimal) */
function derSignedInteger(n: bigint): Buffer {
  if (n >= 0n) return derInteger(n);
  let len = 1;
  while (-(1n << BigInt(8 * len - 1)) > n) len++;
  const v = (1n << BigInt(8 * len)) + n;
  return tlv(TAG.INTEGER, Buffer.from(v.toString(16).padStart(len * 2, '0'), 'hex'));
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** GeneralizedTime, with the milliseconds as a fraction (trailing zeros removed) when asked */
function derGenTime(d: Date, millis: boolean): Buffer {
  if (!(d instanceof Date) || !Number.isFinite(d.getTime())) throw new GmError('GM_UNSUPPORTED', 'genTime: invalid Date');
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new GmError('GM_UNSUPPORTED', 'genTime: year out of range');
  let s = `${pad(y, 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`;
  const ms = d.getUTCMilliseconds();
  if (millis && ms) s += `.${pad(ms, 3).replace(/0+$/, '')}`;
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${s}Z`, 'latin1'));
}

function checkOid(oid: string, what: string): Buffer {
  try {
    return derOid(oid);
  } catch {
    throw new GmError('GM_UNSUPPORTED', `${what}: bad OID`);
  }
}

/** @internal DER MessageImprint (SHA-256 with NULL parameters as OpenSSL and BouncyCastle write it, SM3 without) */
function encodeImprint(m: MessageImprint): Uint8Array {
  if (m.der) {
    guardDecode('messageImprint', () => readRoot(m.der as Uint8Array, TAG.SEQUENCE));
    return m.der;
  }
  if (!TSP_HASHES.includes(m.hashAlgorithm)) throw new GmError('GM_UNSUPPORTED', `imprint hash ${String(m.hashAlgorithm)} not supported`);
  const h = HASHES[m.hashAlgorithm];
  if (!(m.hashedMessage instanceof Uint8Array) || m.hashedMessage.length !== h.length) {
    throw new GmError('GM_UNSUPPORTED', `a ${m.hashAlgorithm} imprint is ${h.length} bytes`);
  }
  return derSeq(derAlgorithm(h.oid, m.hashAlgorithm === 'SHA-256'), derOctets(m.hashedMessage));
}

// ---------------------------------------------------------------------------------------------
// Requests

function reqError(e: unknown): never {
  if (e instanceof GmError && (e.code.startsWith('GM_TSP_') || e.code === 'GM_TOO_LARGE')) throw e;
  throw new GmError('GM_TSP_BAD_DATA_FORMAT', `TimeStampReq: ${e instanceof Error ? e.message : 'malformed'}`, { cause: e });
}

/**
 * Parses a TimeStampReq (the body of an `application/timestamp-query` request).
 * @param der - the request
 * @param opts - `maxBytes` (default 16 KiB); `acceptedPolicies`: when given, a reqPolicy outside
 *   the list is refused
 * @returns the request. `GmError` codes map to the PKIFailureInfo to answer with
 *   ({@link timeStampFailureOf}): `GM_TSP_BAD_ALG` (hash other than SHA-256/SM3),
 *   `GM_TSP_BAD_DATA_FORMAT` (malformed, version ≠ 1, wrong imprint length), `GM_TSP_UNACCEPTED_POLICY`,
 *   `GM_TSP_UNACCEPTED_EXTENSION` (any extension), `GM_TOO_LARGE`
 */
export function parseTimeStampReq(der: Uint8Array, opts?: { maxBytes?: number; acceptedPolicies?: string[] }): TimeStampReqInfo {
  const max = opts?.maxBytes ?? TIME_STAMP_REQ_MAX_BYTES;
  try {
    if (!(der instanceof Uint8Array)) fail('expected bytes');
    checkSize('TimeStampReq', der.length, max);
    const buf = Buffer.from(der);
    const f = children(buf, readRoot(buf, TAG.SEQUENCE));
    if (readSmallInt(buf, expectTag(f[0], TAG.INTEGER, 'version')) !== 1) fail('version must be 1');
    const mi = expectTag(f[1], TAG.SEQUENCE, 'messageImprint');
    const mic = children(buf, mi);
    if (mic.length !== 2) fail('MessageImprint: expected 2 fields');
    const alg = readAlgorithm(buf, mic[0]);
    const hashedMessage = Buffer.from(valueOf(buf, expectTag(mic[1], TAG.OCTET_STRING, 'hashedMessage')));
    let i = 2;
    let reqPolicy: string | undefined;
    if (f[i]?.tag === TAG.OID) reqPolicy = readOid(buf, f[i++]);
    let nonce: bigint | undefined;
    if (f[i]?.tag === TAG.INTEGER) {
      if (f[i].end - f[i].valueStart > 64) fail('nonce longer than 64 bytes');
      nonce = readInteger(buf, f[i++]);
    }
    let certReq = false;
    if (f[i]?.tag === TAG.BOOLEAN) certReq = readBoolean(buf, f[i++]);
    const hasExtensions = f[i]?.tag === 0xa0;
    if (hasExtensions) parseExtensions(buf, { ...f[i++], tag: TAG.SEQUENCE });
    if (i !== f.length) fail('unexpected fields');
    // Semantic checks, after the structure is known to be sound.
    const hashAlgorithm = hashByOid(alg.oid);
    if (!hashAlgorithm || !TSP_HASHES.includes(hashAlgorithm as TimeStampHashAlgorithm)) {
      throw new GmError('GM_TSP_BAD_ALG', `TimeStampReq: hash algorithm ${alg.oid} not supported (SHA-256, SM3)`);
    }
    if (alg.params && !(alg.params.tag === TAG.NULL && alg.params.end === alg.params.valueStart)) fail('unexpected hash parameters');
    if (hashedMessage.length !== HASHES[hashAlgorithm].length) {
      fail(`a ${hashAlgorithm} imprint is ${HASHES[hashAlgorithm].length} bytes, not ${hashedMessage.length}`);
    }
    if (reqPolicy && opts?.acceptedPolicies && !opts.acceptedPolicies.includes(reqPolicy)) {
      throw new GmError('GM_TSP_UNACCEPTED_POLICY', `TimeStampReq: policy ${reqPolicy} not accepted`);
    }
    if (hasExtensions) throw new GmError('GM_TSP_UNACCEPTED_EXTENSION', 'TimeStampReq: extensions are not supported');
    return {
      der: buf,
      version: 1,
      messageImprint: { hashAlgorithm: hashAlgorithm as TimeStampHashAlgorithm, hashedMessage, der: Buffer.from(rawOf(buf, mi)) },
      ...(reqPolicy ? { reqPolicy } : {}),
      ...(nonce !== undefined ? { nonce } : {}),
      certReq,
    };
  } catch (e) {
    return reqError(e);
  }
}

/**
 * The PKIFailureInfo to answer a request with, for an error thrown by {@link parseTimeStampReq}
 * (anything unexpected is `systemFailure`).
 * @param e - the error
 * @returns the failure name
 */
export function timeStampFailureOf(e: unknown): TimeStampFailureInfo {
  if (!(e instanceof GmError)) return 'systemFailure';
  switch (e.code) {
    case 'GM_TSP_BAD_ALG':
      return 'badAlg';
    case 'GM_TSP_UNACCEPTED_POLICY':
      return 'unacceptedPolicy';
    case 'GM_TSP_UNACCEPTED_EXTENSION':
      return 'unacceptedExtension';
    case 'GM_TSP_BAD_DATA_FORMAT':
    case 'GM_TOO_LARGE':
    case 'GM_DECODE':
      return 'badDataFormat';
    default:
      return 'systemFailure';
  }
}

/**
 * Builds a TimeStampReq (for tests and clients).
 * @param a - the hash algorithm and either the data (hashed here) or its hash; reqPolicy;
 *   nonce (`true` for a random positive 64-bit one); certReq
 * @returns DER TimeStampReq
 */
export function buildTimeStampReq(a: {
  hashAlgorithm: TimeStampHashAlgorithm;
  data?: Uint8Array;
  hashedMessage?: Uint8Array;
  reqPolicy?: string;
  nonce?: bigint | true;
  certReq?: boolean;
}): Uint8Array {
  if ((a.data === undefined) === (a.hashedMessage === undefined)) throw new GmError('GM_UNSUPPORTED', 'give either data or hashedMessage');
  if (!TSP_HASHES.includes(a.hashAlgorithm)) throw new GmError('GM_UNSUPPORTED', `imprint hash ${String(a.hashAlgorithm)} not supported`);
  const hashedMessage = a.hashedMessage ?? digest(a.hashAlgorithm, a.data as Uint8Array);
  let nonce = a.nonce === true ? BigInt(`0x${randomBytes(8).toString('hex')}`) : a.nonce;
  if (nonce === 0n && a.nonce === true) nonce = 1n;
  return derSeq(
    derInteger(1),
    encodeImprint({ hashAlgorithm: a.hashAlgorithm, hashedMessage }),
    ...(a.reqPolicy ? [checkOid(a.reqPolicy, 'reqPolicy')] : []),
    ...(nonce !== undefined ? [derSignedInteger(nonce)] : []),
    ...(a.certReq ? [derBool(true)] : []),
  );
}

// ---------------------------------------------------------------------------------------------
// Responses

/** The TSTInfo fields a TSA chooses. */
export interface TstInfoInput {
  /** the TSA policy under which the token is issued */
  policy: string;
  /** the request's imprint (give the parsed {@link TimeStampReqInfo.messageImprint} to repeat it exactly) */
  imprint: MessageImprint;
  /** serial number: positive, at most 160 bits, unique per token (the caller's database guarantees it) */
  serial: bigint | string;
  /** genTime; with `accuracy` the milliseconds are encoded as a fraction, otherwise whole seconds */
  genTime: Date;
  /** accuracy; zero parts are omitted */
  accuracy?: { seconds?: number; millis?: number; micros?: number };
  /** ordering (default false, then not encoded) */
  ordering?: boolean;
  /** the request's nonce */
  nonce?: bigint;
  /** DER Name of the TSA, written as tsa [0] directoryName */
  tsaName?: Uint8Array;
}

/** What {@link buildTimeStampResp} signs. */
export interface TimeStampRespInput {
  /** PKIStatus of the response (default `granted`) */
  status?: 'granted' | 'grantedWithMods';
  /** TSTInfo content */
  tstInfo: TstInfoInput;
  /** the TSA certificate DER (EKU id-kp-timeStamping only, critical); pass the same buffer each time to reuse its cached parse */
  tsaCert: Uint8Array;
  /** further certificates (CA chain) to include when certificates are included */
  chain?: Uint8Array[];
  /** the request's certReq: include the TSA certificate (and `chain`) in the token */
  includeCerts?: boolean;
  /** signingTime attribute (default genTime) */
  signingTime?: Date;
  /** SM2 only: `rfc5652` (default, what BouncyCastle verifies) or `gbt35275` (GM/T 0010 OIDs) */
  cmsProfile?: CmsProfile;
}

const tsaCache = new WeakMap<Uint8Array, CertificateInfo>();

function tsaCertInfo(cert: Uint8Array): CertificateInfo {
  let c = tsaCache.get(cert);
  if (!c) {
    c = parseCertificate(cert);
    const eku = c.extensions.find(e => e.oid === OIDS.extKeyUsage);
    if (!eku || !eku.critical || c.extKeyUsage?.length !== 1 || c.extKeyUsage[0] !== OIDS.timeStamping) {
      throw new GmError('GM_UNSUPPORTED', 'the TSA certificate needs a critical extKeyUsage of id-kp-timeStamping only (RFC 3161 §2.3)');
    }
    tsaCache.set(cert, c);
  }
  return c;
}

function smallPositive(v: number | undefined, maxv: number, what: string): number {
  if (v === undefined || v === 0) return 0;
  if (!Number.isInteger(v) || v < 0 || v > maxv) throw new GmError('GM_UNSUPPORTED', `accuracy ${what} out of range`);
  return v;
}

/** @internal DER TSTInfo */
export function encodeTstInfo(t: TstInfoInput): Buffer {
  const serial = typeof t.serial === 'bigint' ? t.serial : /^[0-9a-fA-F]+$/.test(t.serial) ? BigInt(`0x${t.serial}`) : -1n;
  if (serial <= 0n || serial >= 1n << 160n) throw new GmError('GM_UNSUPPORTED', 'serial must be positive and at most 160 bits');
  const parts: Uint8Array[] = [derInteger(1), checkOid(t.policy, 'policy'), encodeImprint(t.imprint), derInteger(serial)];
  parts.push(derGenTime(t.genTime, !!t.accuracy));
  if (t.accuracy) {
    const s = smallPositive(t.accuracy.seconds, 2 ** 31, 'seconds');
    const ms = smallPositive(t.accuracy.millis, 999, 'millis');
    const us = smallPositive(t.accuracy.micros, 999, 'micros');
    if (!s && !ms && !us) throw new GmError('GM_UNSUPPORTED', 'accuracy must not be zero');
    parts.push(
      derSeq(
        ...(s ? [derInteger(s)] : []),
        ...(ms ? [tlv(0x80, derInteger(ms).subarray(2))] : []),
        ...(us ? [tlv(0x81, derInteger(us).subarray(2))] : []),
      ),
    );
  }
  if (t.ordering) parts.push(derBool(true));
  if (t.nonce !== undefined) parts.push(derSignedInteger(t.nonce));
  if (t.tsaName) {
    guardDecode('tsaName', () => readRoot(t.tsaName as Uint8Array, TAG.SEQUENCE));
    parts.push(derCtx(0, derCtx(4, t.tsaName)));
  }
  return derSeq(...parts);
}

/**
 * Signs a TimeStampToken (ContentInfo SignedData over the TSTInfo), e.g. to embed in a seal or a
 * PDF. The signer must hold the TSA certificate's key (`GM_KEY_MISMATCH` otherwise).
 * @param input - see {@link TimeStampRespInput} (`status` is ignored)
 * @param signer - the TSA's signer (SM2 or RSA)
 * @returns DER ContentInfo
 */
export async function buildTimeStampToken(input: TimeStampRespInput, signer: Signer): Promise<Uint8Array> {
  if (!(input.tsaCert instanceof Uint8Array)) throw new GmError('GM_UNSUPPORTED', 'tsaCert must be DER bytes');
  const cert = tsaCertInfo(input.tsaCert);
  if (!bytesEqual(cert.publicKey.spki, signer.spki)) throw new GmError('GM_KEY_MISMATCH', "the signer's key is not the TSA certificate's");
  const profile = checkProfile(input.cmsProfile ?? 'rfc5652');
  const chain = input.chain ?? [];
  for (const c of chain) guardDecode('certificate', () => readRoot(c, TAG.SEQUENCE));
  const eContent = encodeTstInfo(input.tstInfo);
  const ess = derSeq(derSeq(essCertIdV2(cert, cmsDigestFor(signer))));
  return signCmsSignedData({
    eContentType: OIDS.ctTstInfo,
    eContent,
    signerCert: cert,
    signer,
    certificates: input.includeCerts ? [input.tsaCert, ...chain] : [],
    signingTime: input.signingTime ?? input.tstInfo.genTime,
    extraSignedAttributes: [{ oid: OIDS.signingCertificateV2, values: [ess] }],
    profile,
  });
}

/**
 * Builds a granted TimeStampResp with a freshly signed token ({@link buildTimeStampToken}).
 * @param input - TSTInfo content, TSA certificate, chain, certReq, SM2 CMS profile
 * @param signer - the TSA's signer
 * @returns DER TimeStampResp
 */
export async function buildTimeStampResp(input: TimeStampRespInput, signer: Signer): Promise<Uint8Array> {
  const status = input.status ?? 'granted';
  if (status !== 'granted' && status !== 'grantedWithMods') throw new GmError('GM_UNSUPPORTED', `bad status ${String(status)}`);
  const token = await buildTimeStampToken(input, signer);
  return derSeq(derSeq(derInteger(status === 'granted' ? 0 : 1)), token);
}

/**
 * A rejection TimeStampResp (status rejection, one PKIFailureInfo bit, optional text).
 * @param failInfo - the failure
 * @param statusString - optional human-readable reason (UTF8String)
 * @returns DER TimeStampResp
 */
export function buildTimeStampFailure(failInfo: TimeStampFailureInfo, statusString?: string): Uint8Array {
  const bit: number | undefined = TIME_STAMP_FAILURE_BITS[failInfo];
  if (bit === undefined) throw new GmError('GM_UNSUPPORTED', `unknown failInfo ${String(failInfo)}`);
  const bytes = Buffer.alloc((bit >> 3) + 1);
  bytes[bit >> 3] = 0x80 >> (bit & 7);
  return derSeq(
    derSeq(derInteger(2), ...(statusString ? [derSeq(derUtf8(statusString))] : []), derBitString(bytes, 7 - (bit & 7))),
  );
}

// ---------------------------------------------------------------------------------------------
// Parsing responses and tokens

/** A parsed TSTInfo. */
export interface TstInfo {
  /** always 1 */
  version: number;
  /** policy */
  policy: string;
  /** messageImprint: algorithm OID (and name when known) and hash */
  messageImprint: { hashAlgorithmOid: string; hashAlgorithm?: HashAlgorithm; hashedMessage: Uint8Array };
  /** serialNumber */
  serial: bigint;
  /** genTime (to the millisecond) */
  genTime: Date;
  /** genTime as written */
  genTimeText: string;
  /** accuracy, when present (absent parts are 0) */
  accuracy?: { seconds: number; millis: number; micros: number };
  /** ordering */
  ordering: boolean;
  /** nonce, when present */
  nonce?: bigint;
  /** tsa GeneralName DER, when present */
  tsa?: Uint8Array;
  /** tsa name attributes, when tsa is a directoryName */
  tsaName?: NameAttribute[];
  /** extensions */
  extensions: ParsedExtension[];
}

/** One ESSCertID / ESSCertIDv2 of the signing-certificate attribute. */
export interface EssCertId {
  /** 1 (SigningCertificate, SHA-1) or 2 (SigningCertificateV2) */
  version: 1 | 2;
  /** hash algorithm OID */
  hashAlgorithmOid: string;
  /** certificate hash, hex */
  certHash: string;
  /** issuerSerial, when present: issuer directoryName DER and serial hex */
  issuerSerial?: { issuer?: Uint8Array; serialHex: string };
}

/** A parsed TimeStampToken. */
export interface TimeStampTokenInfo {
  /** the token (ContentInfo) DER */
  der: Uint8Array;
  /** ContentInfo contentType: 1.2.840.113549.1.7.2 or the GM/T 0010 1.2.156.10197.6.1.4.2.2 */
  contentType: string;
  /** SignedData version */
  version: number;
  /** the TSTInfo */
  tstInfo: TstInfo;
  /** DER TSTInfo (eContent) */
  tstInfoDer: Uint8Array;
  /** certificates in the token */
  certificates: Uint8Array[];
  /** the single signer */
  signer: {
    /** IssuerAndSerialNumber */
    issuerAndSerial?: { issuer: Uint8Array; serialHex: string };
    /** subjectKeyIdentifier sid (hex) */
    subjectKeyIdentifier?: string;
    /** digestAlgorithm OID */
    digestAlgorithmOid: string;
    /** signatureAlgorithm OID */
    signatureAlgorithmOid: string;
    /** signingTime attribute, when present */
    signingTime?: Date;
    /** the signing-certificate attribute (v2 preferred) */
    essCertIds: EssCertId[];
  };
  /** @internal for verification */
  cms: { sd: CmsSignedData; si: CmsSignerInfo };
}

/** A parsed TimeStampResp. */
export interface TimeStampRespInfo {
  /** the whole response DER */
  der: Uint8Array;
  /** PKIStatus */
  status: PkiStatus;
  /** statusString texts */
  statusStrings: string[];
  /** named failure bits */
  failInfo: TimeStampFailureInfo[];
  /** all failure bit numbers set */
  failInfoBits: number[];
  /** the token (granted responses) */
  token?: TimeStampTokenInfo;
}

const FAILURE_BY_BIT = new Map<number, TimeStampFailureInfo>(
  (Object.keys(TIME_STAMP_FAILURE_BITS) as TimeStampFailureInfo[]).map(k => [TIME_STAMP_FAILURE_BITS[k], k]),
);

function readTstInfo(buf: Buffer, t: Tlv): TstInfo {
  const f = children(buf, expectTag(t, TAG.SEQUENCE, 'TSTInfo'));
  if (f.length < 5) fail('TSTInfo: too few fields');
  const version = readSmallInt(buf, f[0]);
  if (version !== 1) fail('TSTInfo: version must be 1');
  const policy = readOid(buf, f[1]);
  const mi = children(buf, expectTag(f[2], TAG.SEQUENCE, 'messageImprint'));
  if (mi.length !== 2) fail('MessageImprint: expected 2 fields');
  const hashAlgorithmOid = readAlgorithm(buf, mi[0]).oid;
  const hashAlgorithm = hashByOid(hashAlgorithmOid);
  const hashedMessage = Buffer.from(valueOf(buf, expectTag(mi[1], TAG.OCTET_STRING, 'hashedMessage')));
  const serial = readInteger(buf, f[3]);
  const gt = expectTag(f[4], TAG.GENERALIZED_TIME, 'genTime');
  const out: TstInfo = {
    version,
    policy,
    messageImprint: { hashAlgorithmOid, ...(hashAlgorithm ? { hashAlgorithm } : {}), hashedMessage },
    serial,
    genTime: readTime(buf, gt),
    genTimeText: valueOf(buf, gt).toString('latin1'),
    ordering: false,
    extensions: [],
  };
  let i = 5;
  if (f[i]?.tag === TAG.SEQUENCE) {
    const acc = { seconds: 0, millis: 0, micros: 0 };
    for (const a of children(buf, f[i++])) {
      if (a.tag === TAG.INTEGER) acc.seconds = readSmallInt(buf, a);
      else if (a.tag === 0x80) acc.millis = readSmallInt(buf, a, 0x80);
      else if (a.tag === 0x81) acc.micros = readSmallInt(buf, a, 0x81);
      else fail('Accuracy: bad field');
    }
    out.accuracy = acc;
  }
  if (f[i]?.tag === TAG.BOOLEAN) out.ordering = readBoolean(buf, f[i++]);
  if (f[i]?.tag === TAG.INTEGER) out.nonce = readInteger(buf, f[i++]);
  if (f[i]?.tag === 0xa0) {
    const [g, x] = children(buf, f[i++]);
    if (!g || x) fail('TSTInfo: bad tsa');
    out.tsa = Buffer.from(rawOf(buf, g));
    if (g.tag === 0xa4) {
      const [n, y] = children(buf, g);
      if (!n || y) fail('TSTInfo: bad tsa directoryName');
      out.tsaName = decodeNameAt(buf, expectTag(n, TAG.SEQUENCE, 'Name'));
    }
  }
  if (f[i]?.tag === 0xa1) out.extensions = parseExtensions(buf, { ...f[i++], tag: TAG.SEQUENCE });
  if (i !== f.length) fail('TSTInfo: unexpected fields');
  return out;
}

function readEssCertIds(si: CmsSignerInfo): EssCertId[] {
  const v2 = attributeValue(si, OIDS.signingCertificateV2);
  const v1 = attributeValue(si, OIDS.signingCertificate);
  const attr = v2 ?? v1;
  if (!attr) return [];
  const buf = Buffer.from(attr);
  const [certs] = children(buf, readRoot(buf, TAG.SEQUENCE));
  return children(buf, expectTag(certs, TAG.SEQUENCE, 'certs')).map(id => {
    const c = children(buf, expectTag(id, TAG.SEQUENCE, 'ESSCertID'));
    let i = 0;
    let hashAlgorithmOid: string = v2 ? OIDS.sha256 : OIDS.sha1;
    if (v2 && c[0]?.tag === TAG.SEQUENCE) hashAlgorithmOid = readAlgorithm(buf, c[i++]).oid;
    const certHash = valueOf(buf, expectTag(c[i++], TAG.OCTET_STRING, 'certHash')).toString('hex');
    const out: EssCertId = { version: v2 ? 2 : 1, hashAlgorithmOid, certHash };
    if (c[i]) {
      const [names, serial, extra] = children(buf, expectTag(c[i++], TAG.SEQUENCE, 'IssuerSerial'));
      if (!names || !serial || extra) fail('IssuerSerial: expected 2 fields');
      const dn = children(buf, expectTag(names, TAG.SEQUENCE, 'GeneralNames')).find(g => g.tag === 0xa4);
      let issuer: Uint8Array | undefined;
      if (dn) {
        const [n] = children(buf, dn);
        if (n) issuer = Buffer.from(rawOf(buf, expectTag(n, TAG.SEQUENCE, 'Name')));
      }
      out.issuerSerial = { ...(issuer ? { issuer } : {}), serialHex: toHex(readUnsigned(buf, serial)) };
    }
    if (i !== c.length) fail('ESSCertID: unexpected fields');
    return out;
  });
}

function readToken(buf: Buffer, t: Tlv): TimeStampTokenInfo {
  const sd = parseCmsSignedData(buf, t);
  if (sd.eContentType !== OIDS.ctTstInfo) fail(`TimeStampToken: eContentType ${sd.eContentType} is not id-ct-TSTInfo`);
  if (!sd.eContent) fail('TimeStampToken: no TSTInfo');
  if (sd.signerInfos.length !== 1) fail('TimeStampToken: must have exactly one signer');
  const si = sd.signerInfos[0];
  const e = Buffer.from(sd.eContent);
  const tstInfo = readTstInfo(e, readRoot(e, TAG.SEQUENCE));
  const st = attributeValue(si, OIDS.signingTime);
  let signingTime: Date | undefined;
  if (st) {
    const b = Buffer.from(st);
    signingTime = readTime(b, readRoot(b));
  }
  return {
    der: Buffer.from(rawOf(buf, t)),
    contentType: sd.contentType,
    version: sd.version,
    tstInfo,
    tstInfoDer: e,
    certificates: sd.certificates,
    signer: {
      ...(si.issuerAndSerial ? { issuerAndSerial: si.issuerAndSerial } : {}),
      ...(si.subjectKeyIdentifier ? { subjectKeyIdentifier: si.subjectKeyIdentifier } : {}),
      digestAlgorithmOid: si.digestAlgorithmOid,
      signatureAlgorithmOid: si.signatureAlgorithmOid,
      ...(signingTime ? { signingTime } : {}),
      essCertIds: readEssCertIds(si),
    },
    cms: { sd, si },
  };
}

/**
 * Parses a TimeStampToken (a ContentInfo, e.g. a `.tst` file or one embedded in a seal).
 * @param der - the token
 * @param opts - `maxBytes` (default 1 MiB)
 * @returns the token; `GmError` (`GM_DECODE`, `GM_TOO_LARGE`) on bad input
 */
export function parseTimeStampToken(der: Uint8Array, opts?: { maxBytes?: number }): TimeStampTokenInfo {
  const max = opts?.maxBytes ?? TIME_STAMP_RESP_MAX_BYTES;
  return guardDecode('TimeStampToken', () => {
    if (!(der instanceof Uint8Array)) fail('TimeStampToken: expected bytes');
    checkSize('TimeStampToken', der.length, max);
    const buf = Buffer.from(der);
    return readToken(buf, readRoot(buf, TAG.SEQUENCE));
  });
}

/**
 * Parses a TimeStampResp (for yinxin's tests and reference client).
 * @param der - the response
 * @param opts - `maxBytes` (default 1 MiB)
 * @returns the response; `GmError` (`GM_DECODE`, `GM_TOO_LARGE`) on bad input
 */
export function parseTimeStampResp(der: Uint8Array, opts?: { maxBytes?: number }): TimeStampRespInfo {
  const max = opts?.maxBytes ?? TIME_STAMP_RESP_MAX_BYTES;
  return guardDecode('TimeStampResp', () => {
    if (!(der instanceof Uint8Array)) fail('TimeStampResp: expected bytes');
    checkSize('TimeStampResp', der.length, max);
    const buf = Buffer.from(der);
    const top = children(buf, readRoot(buf, TAG.SEQUENCE));
    if (top.length < 1 || top.length > 2) fail('TimeStampResp: expected 1 or 2 fields');
    const si = children(buf, expectTag(top[0], TAG.SEQUENCE, 'PKIStatusInfo'));
    const code = readSmallInt(buf, expectTag(si[0], TAG.INTEGER, 'status'));
    const status = PKI_STATUS[code];
    if (!status) fail(`PKIStatusInfo: unknown status ${code}`);
    let i = 1;
    const statusStrings: string[] = [];
    if (si[i]?.tag === TAG.SEQUENCE) {
      for (const s of children(buf, si[i++])) {
        if (s.tag !== TAG.UTF8_STRING) fail('PKIFreeText: expected UTF8String');
        statusStrings.push(readString(buf, s));
      }
    }
    const failInfoBits: number[] = [];
    if (si[i]?.tag === TAG.BIT_STRING) {
      const { unused, bytes } = readBitString(buf, si[i++]);
      if (bytes.length > 8) fail('PKIFailureInfo: too long');
      for (let b = 0; b < bytes.length * 8 - unused; b++) if (bytes[b >> 3] & (0x80 >> (b & 7))) failInfoBits.push(b);
    }
    if (i !== si.length) fail('PKIStatusInfo: unexpected fields');
    const failInfo = failInfoBits.flatMap(b => (FAILURE_BY_BIT.has(b) ? [FAILURE_BY_BIT.get(b) as TimeStampFailureInfo] : []));
    const out: TimeStampRespInfo = { der: buf, status, statusStrings, failInfo, failInfoBits };
    if (top[1]) out.token = readToken(buf, top[1]);
    return out;
  });
}

/** What {@link verifyTimeStampToken} found. */
export interface TimeStampVerification {
  /** true when everything checked out */
  valid: boolean;
  /** the first problem found */
  problem?: string;
  /** the signer's certificate (given or found in the token) */
  signerCert?: Uint8Array;
}

/**
 * Verifies a token's signature and binding to the TSA certificate: contentType and
 * messageDigest attributes, the signature (SM2 with SM3, RSA PKCS#1 v1.5 with SHA-2), the ESS
 * signing-certificate hash, the certificate's id-kp-timeStamping and validity at genTime. Chain
 * validation of the TSA certificate is the caller's.
 * @param token - parsed token, or its DER
 * @param opts - `tsaCert` (otherwise the certificate named by the signer is taken from the token)
 * @returns the verdict (never throws)
 */
export function verifyTimeStampToken(token: TimeStampTokenInfo | Uint8Array, opts?: { tsaCert?: Uint8Array }): TimeStampVerification {
  try {
    const t = token instanceof Uint8Array ? parseTimeStampToken(token) : token;
    const { sd, si } = t.cms;
    let cert: CertificateInfo | undefined;
    if (opts?.tsaCert) cert = parseCertificate(opts.tsaCert);
    else {
      for (const c of t.certificates) {
        const p = parseCertificate(c);
        const ias = si.issuerAndSerial;
        if (ias ? ias.serialHex === p.serialHex && Buffer.from(ias.issuer).equals(Buffer.from(p.issuerDer)) : si.subjectKeyIdentifier === (p.subjectKeyIdentifier && toHex(p.subjectKeyIdentifier))) {
          cert = p;
          break;
        }
      }
      if (!cert) return { valid: false, problem: 'the signer certificate is not in the token' };
    }
    const signerCert = cert.der;
    const res = verifyCmsSigner(sd, si, cert.publicKey.spki);
    if (!res.valid) return { ...res, signerCert };
    const ess = t.signer.essCertIds[0];
    if (!ess) return { valid: false, problem: 'no signing-certificate attribute', signerCert };
    const alg = hashByOid(ess.hashAlgorithmOid);
    if (!alg) return { valid: false, problem: `unsupported ESSCertID hash ${ess.hashAlgorithmOid}`, signerCert };
    if (toHex(digest(alg, cert.der)) !== ess.certHash) return { valid: false, problem: 'ESSCertID hash does not match the TSA certificate', signerCert };
    if (ess.issuerSerial && ess.issuerSerial.serialHex !== cert.serialHex) return { valid: false, problem: 'ESSCertID serial does not match', signerCert };
    if (!cert.extKeyUsage?.includes(OIDS.timeStamping)) return { valid: false, problem: 'the certificate is not for timestamping', signerCert };
    const g = t.tstInfo.genTime.getTime();
    if (g < cert.notBefore.getTime() || g > cert.notAfter.getTime()) return { valid: false, problem: 'genTime outside the certificate validity', signerCert };
    return { valid: true, signerCert };
  } catch (e) {
    return { valid: false, problem: e instanceof Error ? e.message : 'malformed token' };
  }
}
