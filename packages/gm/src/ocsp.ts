/**
 * OCSP (RFC 6960, with the RFC 5019 lightweight profile in mind): request parsing and building,
 * CertID helpers for indexing issuers, BasicOCSPResponse signing through a {@link Signer}
 * (SM3withSM2 or sha256WithRSAEncryption), error responses, and response parsing.
 *
 * ```asn1
 * OCSPRequest   ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] EXPLICIT Signature OPTIONAL }
 * TBSRequest    ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, requestorName [1] EXPLICIT GeneralName OPTIONAL,
 *                              requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT Extensions OPTIONAL }
 * Request       ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
 * CertID        ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash OCTET STRING,
 *                              issuerKeyHash OCTET STRING, serialNumber CertificateSerialNumber }
 * OCSPResponse  ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
 * ResponseBytes ::= SEQUENCE { responseType OID (id-pkix-ocsp-basic), response OCTET STRING }
 * BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData, signatureAlgorithm AlgorithmIdentifier,
 *                              signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
 * ResponseData  ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, responderID ResponderID,
 *                              producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse,
 *                              responseExtensions [1] EXPLICIT Extensions OPTIONAL }
 * ResponderID   ::= CHOICE { byName [1] Name, byKey [2] KeyHash }          -- EXPLICIT
 * SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus, thisUpdate GeneralizedTime,
 *                              nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL, singleExtensions [1] EXPLICIT Extensions OPTIONAL }
 * CertStatus    ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL }
 * RevokedInfo   ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
 * ```
 *
 * Performance: a responder pre-signs one response per certificate. What depends only on the
 * responder certificate (its SPKI check and the ResponderID) is computed once per certificate
 * buffer and cached (keep passing the same `Uint8Array`), and the response is written directly
 * with the DER writer, so building costs little more than the signature.
 */
import { randomBytes } from 'node:crypto';
import { bytesEqual, toHex } from './bytes';
import { parseCertificate, type CertificateInfo } from './certificate';
import { GmError, checkSize, guardDecode } from './errors';
import {
  TAG,
  children,
  derAlgorithm,
  derBitString,
  derCtx,
  derGeneralizedTime,
  derOctets,
  derOid,
  derSeq,
  derUnsignedInteger,
  expectTag,
  fail,
  readAlgorithm,
  readBitString,
  readOid,
  readRoot,
  readSmallInt,
  readTime,
  readTlv,
  rawOf,
  tlv,
  valueOf,
  type Tlv,
} from './der';
import { encodeExtension } from './extensions';
import { parseExtensions, type ParsedExtension } from './extparse';
import { HASHES, digest, hashByOid } from './hashes';
import { decodeNameAt, type NameAttribute } from './names';
import { OIDS } from './oids';
import { verifySignature, type Signer } from './signer';

/** Hash algorithms accepted in an OCSP CertID. */
export type OcspHashAlgorithm = 'SHA-1' | 'SHA-256' | 'SM3';

const CERT_ID_HASHES: readonly OcspHashAlgorithm[] = ['SHA-1', 'SHA-256', 'SM3'];

/**
 * An OCSP CertID. Hashes and serial are lowercase hex; the serial has no leading `00`.
 * `der` is the CertID as received (parsers) or as encoded ({@link certIdFor}).
 */
export interface CertId {
  /** hashAlgorithm of the name and key hashes */
  hashAlgorithm: OcspHashAlgorithm;
  /** hash of the issuer's subject Name DER */
  issuerNameHash: string;
  /** hash of the issuer's subjectPublicKey BIT STRING contents */
  issuerKeyHash: string;
  /** certificate serial number */
  serialHex: string;
  /** DER CertID */
  der: Uint8Array;
}

/**
 * A CertID to put in a request or response. When `der` is given (a {@link CertId} from
 * {@link parseOcspRequest}), it is written verbatim, so a response repeats the client's exact
 * CertID (NULL or absent hash parameters included); otherwise it is encoded from the fields
 * (SHA-1/SHA-256 with NULL parameters as OpenSSL and BouncyCastle write them, SM3 without).
 */
export type CertIdInput = Omit<CertId, 'der'> & { der?: Uint8Array };

/** The issuer half of a CertID: what a responder indexes its issuers by. */
export interface OcspIssuerHashes {
  /** hash algorithm */
  hashAlgorithm: OcspHashAlgorithm;
  /** lowercase hex hash of the issuer's subject Name DER */
  issuerNameHash: string;
  /** lowercase hex hash of the issuer's subjectPublicKey BIT STRING contents */
  issuerKeyHash: string;
}

/** A nonce extension: the value and the extnValue bytes to echo. */
export interface OcspNonce {
  /** the nonce: contents of the OCTET STRING in extnValue (RFC 8954), or extnValue itself when it is not one */
  value: Uint8Array;
  /** the extnValue contents as received, echoed verbatim in the response */
  extnValue: Uint8Array;
}

/** A parsed OCSP request. */
export interface OcspRequestInfo {
  /** the whole request DER */
  der: Uint8Array;
  /** DER TBSRequest (what a request signature covers) */
  tbsRequest: Uint8Array;
  /** always 1 */
  version: number;
  /** DER GeneralName of requestorName, when present */
  requestorName?: Uint8Array;
  /** the requested certificates, in order */
  certIds: CertId[];
  /** id-pkix-ocsp-nonce, when present */
  nonce?: OcspNonce;
  /** requestExtensions (including the nonce) */
  extensions: ParsedExtension[];
  /** whether optionalSignature is present (parsed, not verified) */
  signed: boolean;
  /** optionalSignature, when present */
  signature?: { algorithmOid: string; value: Uint8Array; certs: Uint8Array[] };
}

/** Default size limit of {@link parseOcspRequest}. */
export const OCSP_REQUEST_MAX_BYTES = 64 * 1024;
/** Default limit on the number of CertIDs in one request. */
export const OCSP_REQUEST_MAX_CERT_IDS = 100;
/** Default size limit of {@link parseOcspResponse}. */
export const OCSP_RESPONSE_MAX_BYTES = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// CertID

function subjectPublicKeyBits(spki: Uint8Array): Buffer {
  const root = readRoot(spki, TAG.SEQUENCE);
  const c = children(spki, root);
  if (c.length !== 2) fail('SubjectPublicKeyInfo: expected 2 fields');
  return readBitString(spki, c[1]).bytes;
}

const hex = (b: Uint8Array) => toHex(b);

function certInfo(cert: Uint8Array | CertificateInfo): CertificateInfo {
  return cert instanceof Uint8Array ? parseCertificate(cert) : cert;
}

/**
 * The issuer name and key hashes of an issuer certificate, for indexing issuers by what OCSP
 * requests carry (see {@link certIdIssuerKey}).
 * @param issuerCert - the issuing CA certificate (DER/PEM or parsed)
 * @param hashAlgorithm - SHA-1 (what most clients send), SHA-256 or SM3
 * @returns the hashes as lowercase hex
 */
export function ocspIssuerHashes(issuerCert: Uint8Array | CertificateInfo, hashAlgorithm: OcspHashAlgorithm): OcspIssuerHashes {
  if (!CERT_ID_HASHES.includes(hashAlgorithm)) throw new GmError('GM_UNSUPPORTED', `CertID hash ${hashAlgorithm} not supported`);
  const c = certInfo(issuerCert);
  const keyBits = guardDecode('SubjectPublicKeyInfo', () => subjectPublicKeyBits(c.publicKey.spki));
  return {
    hashAlgorithm,
    issuerNameHash: hex(digest(hashAlgorithm, c.subjectDer)),
    issuerKeyHash: hex(digest(hashAlgorithm, keyBits)),
  };
}

/**
 * A string key for the issuer part of a CertID (`alg/nameHash/keyHash`): the same for a CertID
 * from a request and for {@link ocspIssuerHashes} of its issuer, so a responder can look issuers
 * up in a map.
 * @param x - a CertID or issuer hashes
 * @returns the key
 */
export function certIdIssuerKey(x: OcspIssuerHashes): string {
  return `${x.hashAlgorithm}/${x.issuerNameHash}/${x.issuerKeyHash}`;
}

/**
 * Whether a CertID names a certificate of this issuer (hash algorithm, name hash and key hash).
 * @param certId - from a request or response
 * @param issuer - issuer hashes for some algorithm, or the issuer certificate
 * @returns true when they match
 */
export function certIdMatches(certId: CertIdInput, issuer: OcspIssuerHashes | Uint8Array | CertificateInfo): boolean {
  const h = 'issuerKeyHash' in issuer ? issuer : ocspIssuerHashes(issuer, certId.hashAlgorithm);
  return (
    h.hashAlgorithm === certId.hashAlgorithm &&
    h.issuerNameHash === certId.issuerNameHash.toLowerCase() &&
    h.issuerKeyHash === certId.issuerKeyHash.toLowerCase()
  );
}

function hexBytes(h: string, what: string): Buffer {
  if (typeof h !== 'string' || h.length % 2 || !/^[0-9a-fA-F]*$/.test(h)) throw new GmError('GM_UNSUPPORTED', `${what}: not hex`);
  return Buffer.from(h, 'hex');
}

/**
 * DER CertID from its fields (or `der` verbatim when present).
 * @param c - the CertID
 * @returns DER CertID
 */
export function encodeCertId(c: CertIdInput): Uint8Array {
  if (c.der) {
    guardDecode('CertID', () => readRoot(c.der as Uint8Array, TAG.SEQUENCE));
    return c.der;
  }
  const h = HASHES[c.hashAlgorithm];
  if (!CERT_ID_HASHES.includes(c.hashAlgorithm) || !h) throw new GmError('GM_UNSUPPORTED', `CertID hash ${c.hashAlgorithm} not supported`);
  const name = hexBytes(c.issuerNameHash, 'issuerNameHash');
  const key = hexBytes(c.issuerKeyHash, 'issuerKeyHash');
  if (name.length !== h.length || key.length !== h.length) throw new GmError('GM_UNSUPPORTED', `CertID: ${c.hashAlgorithm} hashes are ${h.length} bytes`);
  const serial = hexBytes(c.serialHex.length % 2 ? `0${c.serialHex}` : c.serialHex, 'serialHex');
  let z = 0;
  while (z < serial.length - 1 && serial[z] === 0) z++;
  if (serial.length === 0 || serial.length - z > 20) throw new GmError('GM_UNSUPPORTED', 'CertID: serial must be 1..20 octets');
  return derSeq(derAlgorithm(h.oid, c.hashAlgorithm !== 'SM3'), derOctets(name), derOctets(key), derUnsignedInteger(serial));
}

/**
 * The CertID of a certificate.
 * @param a - the issuer certificate, the certificate's serial (hex or big-endian bytes), the hash
 *   algorithm (default SHA-1, what RFC 5019 clients send)
 * @returns the CertID, with its DER
 */
export function certIdFor(a: {
  issuerCert: Uint8Array | CertificateInfo;
  serial: string | Uint8Array;
  hashAlgorithm?: OcspHashAlgorithm;
}): CertId {
  const h = ocspIssuerHashes(a.issuerCert, a.hashAlgorithm ?? 'SHA-1');
  const raw = typeof a.serial === 'string' ? hexBytes(a.serial.length % 2 ? `0${a.serial}` : a.serial, 'serial') : Buffer.from(a.serial);
  let i = 0;
  while (i < raw.length - 1 && raw[i] === 0) i++;
  const fields = { ...h, serialHex: raw.subarray(i).toString('hex') };
  return { ...fields, der: encodeCertId(fields) };
}

function readCertId(buf: Buffer, t: Tlv): CertId {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'CertID'));
  if (c.length !== 4) fail('CertID: expected 4 fields');
  const alg = readAlgorithm(buf, c[0]);
  if (alg.params && !(alg.params.tag === TAG.NULL && alg.params.end === alg.params.valueStart)) fail('CertID: unexpected hash parameters');
  const name = hashByOid(alg.oid);
  if (!name || !CERT_ID_HASHES.includes(name as OcspHashAlgorithm)) fail(`CertID: hash algorithm ${alg.oid} not supported`);
  const hashAlgorithm = name as OcspHashAlgorithm;
  const nameHash = valueOf(buf, expectTag(c[1], TAG.OCTET_STRING, 'issuerNameHash'));
  const keyHash = valueOf(buf, expectTag(c[2], TAG.OCTET_STRING, 'issuerKeyHash'));
  const len = HASHES[hashAlgorithm].length;
  if (nameHash.length !== len || keyHash.length !== len) fail(`CertID: ${hashAlgorithm} hashes must be ${len} bytes`);
  const serial = valueOf(buf, expectTag(c[3], TAG.INTEGER, 'serialNumber'));
  if (serial.length === 0 || serial.length > 21) fail('CertID: bad serialNumber length');
  if (serial[0] & 0x80) fail('CertID: negative serialNumber');
  let i = 0;
  while (i < serial.length - 1 && serial[i] === 0) i++;
  return {
    hashAlgorithm,
    issuerNameHash: nameHash.toString('hex'),
    issuerKeyHash: keyHash.toString('hex'),
    serialHex: serial.subarray(i).toString('hex'),
    der: Buffer.from(rawOf(buf, t)),
  };
}

// ---------------------------------------------------------------------------------------------
// Extensions and nonce

function readExplicitExtensions(buf: Buffer, t: Tlv, what: string): ParsedExtension[] {
  const [exts, extra] = children(buf, t);
  if (!exts || extra) fail(`${what}: bad extensions wrapper`);
  const list = parseExtensions(buf, exts);
  const seen = new Set<string>();
  for (const e of list) {
    if (seen.has(e.oid)) fail(`${what}: duplicate extension ${e.oid}`);
    seen.add(e.oid);
  }
  return list;
}

function nonceOf(exts: ParsedExtension[]): OcspNonce | undefined {
  const e = exts.find(x => x.oid === OIDS.ocspNonce);
  if (!e) return undefined;
  const v = Buffer.from(e.value);
  let value: Uint8Array = v;
  try {
    value = Buffer.from(valueOf(v, readRoot(v, TAG.OCTET_STRING)));
  } catch {
    // a bare nonce (pre-RFC 8954 clients): the extnValue contents are the nonce
  }
  return { value, extnValue: v };
}

/**
 * The nonce extension: bytes are written as RFC 8954 does (an OCTET STRING inside extnValue), an
 * {@link OcspNonce} is echoed verbatim. RFC 8954 nonces are 1..32 bytes; whether to answer longer
 * ones (or leave them out) is the responder's policy, so only absurd sizes are refused here.
 */
function nonceExtension(nonce: Uint8Array | OcspNonce): Buffer {
  const extnValue = nonce instanceof Uint8Array ? derOctets(nonce) : nonce.extnValue;
  if (nonce instanceof Uint8Array ? nonce.length === 0 : extnValue.length === 0) throw new GmError('GM_UNSUPPORTED', 'empty nonce');
  if (extnValue.length > 1024) throw new GmError('GM_UNSUPPORTED', 'nonce longer than 1 KiB');
  return encodeExtension({ oid: OIDS.ocspNonce, critical: false, value: extnValue });
}

// ---------------------------------------------------------------------------------------------
// Requests

function badRequest(e: unknown): never {
  if (e instanceof GmError && e.code === 'GM_TOO_LARGE') throw e;
  throw new GmError('GM_BAD_OCSP_REQUEST', `OCSP request: ${e instanceof Error ? e.message : 'malformed'}`, { cause: e });
}

/**
 * Parses an OCSP request (DER, e.g. the body of an `application/ocsp-request` POST or the
 * base64-decoded path of a GET). Request signatures are parsed but not verified. Unknown
 * critical extensions are refused, as RFC 6960 §4.4 requires.
 * @param der - the request
 * @param opts - `maxBytes` (default 64 KiB), `maxCertIds` (default 100)
 * @returns the request; `GmError` `GM_BAD_OCSP_REQUEST` when malformed or using a hash other than
 *   SHA-1/SHA-256/SM3 (answer `malformedRequest`), `GM_TOO_LARGE` over the limit
 */
export function parseOcspRequest(der: Uint8Array, opts?: { maxBytes?: number; maxCertIds?: number }): OcspRequestInfo {
  const max = opts?.maxBytes ?? OCSP_REQUEST_MAX_BYTES;
  const maxIds = opts?.maxCertIds ?? OCSP_REQUEST_MAX_CERT_IDS;
  try {
    if (!(der instanceof Uint8Array)) fail('expected bytes');
    checkSize('OCSP request', der.length, max);
    const buf = Buffer.from(der);
    const top = children(buf, readRoot(buf, TAG.SEQUENCE));
    if (top.length < 1 || top.length > 2) fail('OCSPRequest: expected 1 or 2 fields');
    const tbs = expectTag(top[0], TAG.SEQUENCE, 'TBSRequest');
    const f = children(buf, tbs);
    let i = 0;
    if (f[i]?.tag === 0xa0) {
      const [v, extra] = children(buf, f[i++]);
      if (extra || readSmallInt(buf, expectTag(v, TAG.INTEGER, 'version')) !== 0) fail('unknown version');
    }
    let requestorName: Uint8Array | undefined;
    if (f[i]?.tag === 0xa1) {
      const [g, extra] = children(buf, f[i++]);
      if (!g || extra) fail('bad requestorName');
      requestorName = Buffer.from(rawOf(buf, g));
    }
    const list = children(buf, expectTag(f[i++], TAG.SEQUENCE, 'requestList'));
    if (list.length === 0) fail('empty requestList');
    if (list.length > maxIds) fail(`more than ${maxIds} CertIDs`);
    const certIds = list.map(r => {
      const rc = children(buf, expectTag(r, TAG.SEQUENCE, 'Request'));
      if (rc.length < 1 || rc.length > 2) fail('Request: expected 1 or 2 fields');
      if (rc[1]) {
        const exts = readExplicitExtensions(buf, expectTag(rc[1], 0xa0, 'singleRequestExtensions'), 'Request');
        const crit = exts.find(e => e.critical);
        if (crit) fail(`unsupported critical extension ${crit.oid}`);
      }
      return readCertId(buf, rc[0]);
    });
    let extensions: ParsedExtension[] = [];
    if (f[i]?.tag === 0xa2) extensions = readExplicitExtensions(buf, f[i++], 'TBSRequest');
    if (i !== f.length) fail('TBSRequest: unexpected fields');
    const crit = extensions.find(e => e.critical && e.oid !== OIDS.ocspNonce);
    if (crit) fail(`unsupported critical extension ${crit.oid}`);
    let signature: OcspRequestInfo['signature'];
    if (top[1]) {
      const [sig, extra] = children(buf, expectTag(top[1], 0xa0, 'optionalSignature'));
      if (!sig || extra) fail('bad optionalSignature');
      const s = children(buf, expectTag(sig, TAG.SEQUENCE, 'Signature'));
      if (s.length < 2 || s.length > 3) fail('Signature: expected 2 or 3 fields');
      const alg = readAlgorithm(buf, s[0]);
      const bits = readBitString(buf, s[1]);
      const certs: Uint8Array[] = [];
      if (s[2]) {
        const [seq, x] = children(buf, expectTag(s[2], 0xa0, 'certs'));
        if (!seq || x) fail('Signature: bad certs wrapper');
        for (const c of children(buf, expectTag(seq, TAG.SEQUENCE, 'certs'))) certs.push(Buffer.from(rawOf(buf, expectTag(c, TAG.SEQUENCE, 'certificate'))));
      }
      signature = { algorithmOid: alg.oid, value: Buffer.from(bits.bytes), certs };
    }
    const nonce = nonceOf(extensions);
    return {
      der: buf,
      tbsRequest: Buffer.from(rawOf(buf, tbs)),
      version: 1,
      ...(requestorName ? { requestorName } : {}),
      certIds,
      ...(nonce ? { nonce } : {}),
      extensions,
      signed: !!signature,
      ...(signature ? { signature } : {}),
    };
  } catch (e) {
    return badRequest(e);
  }
}

/**
 * Builds an OCSP request (for tests and yinxin's reference client).
 * @param a - the CertIDs; `nonce` (bytes, or `true` for 32 random bytes; RFC 8954 encoding);
 *   optionally a `signer` with `requestorName` (DER Name, written as a directoryName) and
 *   `signerCerts` to sign the request
 * @returns DER OCSPRequest
 */
export async function buildOcspRequest(a: {
  certIds: CertIdInput[];
  nonce?: Uint8Array | true;
  requestorName?: Uint8Array;
  signer?: Signer;
  signerCerts?: Uint8Array[];
}): Promise<Uint8Array> {
  if (a.certIds.length === 0) throw new GmError('GM_UNSUPPORTED', 'an OCSP request needs a CertID');
  if (a.signer && !a.requestorName) throw new GmError('GM_UNSUPPORTED', 'a signed OCSP request needs requestorName (RFC 6960 §4.1.2)');
  const parts: Uint8Array[] = [];
  if (a.requestorName) {
    guardDecode('requestorName', () => readRoot(a.requestorName as Uint8Array, TAG.SEQUENCE));
    parts.push(derCtx(1, derCtx(4, a.requestorName)));
  }
  parts.push(derSeq(...a.certIds.map(c => derSeq(encodeCertId(c)))));
  if (a.nonce) parts.push(derCtx(2, derSeq(nonceExtension(a.nonce === true ? randomBytes(32) : a.nonce))));
  const tbs = derSeq(...parts);
  if (!a.signer) return derSeq(tbs);
  const sig = await a.signer.sign(tbs);
  const alg = derAlgorithm(a.signer.signatureAlgorithm.oid, a.signer.signatureAlgorithm.nullParams);
  const certs = a.signerCerts?.length ? [derCtx(0, derSeq(...a.signerCerts))] : [];
  return derSeq(tbs, derCtx(0, derSeq(alg, derBitString(sig), ...certs)));
}

// ---------------------------------------------------------------------------------------------
// Responses

/** A revoked status. `reason` is an RFC 5280 CRLReason (0–10 except 7); 0 is not encoded. */
export interface OcspRevoked {
  /** discriminant */
  revoked: true;
  /** when the certificate was revoked */
  revocationTime: Date;
  /** CRLReason */
  reason?: number;
}

/** The status of one certificate. */
export type OcspCertStatus = 'good' | 'unknown' | OcspRevoked;

/** One SingleResponse to sign. */
export interface OcspSingleResponseInput {
  /** the CertID (give the request's {@link CertId} to echo it exactly) */
  certId: CertIdInput;
  /** good, unknown or revoked */
  status: OcspCertStatus;
  /** when the status was known to be correct */
  thisUpdate: Date;
  /** when newer information will be available (RFC 5019 requires it) */
  nextUpdate?: Date;
}

/** What {@link buildOcspResponse} signs. */
export interface OcspResponseInput {
  /** the responder's certificate DER (the CA itself or a delegated OCSP signer); pass the same buffer each time to reuse its cached parse */
  responderCert: Uint8Array;
  /** ResponderID form (default `byKey`, as RFC 5019 recommends) */
  responderId?: 'byKey' | 'byName';
  /** producedAt (whole seconds are encoded) */
  producedAt: Date;
  /** the single responses, in order */
  responses: OcspSingleResponseInput[];
  /** a nonce to put in responseExtensions: the request's {@link OcspNonce} (echoed verbatim) or bytes */
  nonce?: Uint8Array | OcspNonce;
  /** certificates for BasicOCSPResponse.certs, e.g. `[responderCert]` for a delegated responder */
  certs?: Uint8Array[];
}

const RESPONSE_STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

/** OCSPResponseStatus names. */
export type OcspResponseStatus = keyof typeof RESPONSE_STATUS;

const STATUS_BY_CODE = new Map<number, OcspResponseStatus>(
  (Object.keys(RESPONSE_STATUS) as OcspResponseStatus[]).map(k => [RESPONSE_STATUS[k], k]),
);

interface ResponderCache {
  spki: Uint8Array;
  byKey: Buffer;
  byName: Buffer;
}
const responderCache = new WeakMap<Uint8Array, ResponderCache>();

function responder(cert: Uint8Array): ResponderCache {
  let r = responderCache.get(cert);
  if (!r) {
    const c = parseCertificate(cert);
    const keyBits = guardDecode('responder SPKI', () => subjectPublicKeyBits(c.publicKey.spki));
    r = {
      spki: c.publicKey.spki,
      byKey: derCtx(2, derOctets(digest('SHA-1', keyBits))),
      byName: derCtx(1, c.subjectDer),
    };
    responderCache.set(cert, r);
  }
  return r;
}

function checkDate(d: Date, what: string): void {
  if (!(d instanceof Date) || !Number.isFinite(d.getTime())) throw new GmError('GM_UNSUPPORTED', `${what}: invalid Date`);
}

function encodeStatus(s: OcspCertStatus): Buffer {
  if (s === 'good') return Buffer.from([0x80, 0]);
  if (s === 'unknown') return Buffer.from([0x82, 0]);
  if (!s || s.revoked !== true) throw new GmError('GM_UNSUPPORTED', 'bad certificate status');
  checkDate(s.revocationTime, 'revocationTime');
  const parts = [derGeneralizedTime(s.revocationTime)];
  if (s.reason !== undefined && s.reason !== 0) {
    if (!Number.isInteger(s.reason) || s.reason < 0 || s.reason > 10 || s.reason === 7) {
      throw new GmError('GM_UNSUPPORTED', `bad revocation reason ${s.reason}`);
    }
    parts.push(derCtx(0, Buffer.from([TAG.ENUMERATED, 1, s.reason])));
  }
  return tlv(0xa1, ...parts);
}

/**
 * DER SingleResponse.
 * @internal exported for benchmarks and the responder's pre-signing cache
 */
export function encodeSingleResponse(r: OcspSingleResponseInput): Buffer {
  checkDate(r.thisUpdate, 'thisUpdate');
  const parts: Uint8Array[] = [encodeCertId(r.certId), encodeStatus(r.status), derGeneralizedTime(r.thisUpdate)];
  if (r.nextUpdate !== undefined) {
    checkDate(r.nextUpdate, 'nextUpdate');
    if (r.nextUpdate.getTime() < r.thisUpdate.getTime()) throw new GmError('GM_UNSUPPORTED', 'nextUpdate precedes thisUpdate');
    parts.push(derCtx(0, derGeneralizedTime(r.nextUpdate)));
  }
  return derSeq(...parts);
}

function wrapBasic(basic: Uint8Array): Buffer {
  return derSeq(
    Buffer.from([TAG.ENUMERATED, 1, 0]),
    derCtx(0, derSeq(derOid(OIDS.ocspBasic), derOctets(basic))),
  );
}

/**
 * Builds and signs a successful OCSPResponse holding a BasicOCSPResponse (version 1). The signer
 * must hold the responder certificate's key (`GM_KEY_MISMATCH` otherwise); it signs SM3withSM2
 * or sha256WithRSAEncryption. Times are GeneralizedTime in whole seconds.
 * @param input - responder, producedAt, single responses, nonce, certs
 * @param signer - the responder's signer
 * @returns DER OCSPResponse
 */
export async function buildOcspResponse(input: OcspResponseInput, signer: Signer): Promise<Uint8Array> {
  if (!(input.responderCert instanceof Uint8Array)) throw new GmError('GM_UNSUPPORTED', 'responderCert must be DER bytes');
  const r = responder(input.responderCert);
  if (!bytesEqual(r.spki, signer.spki)) throw new GmError('GM_KEY_MISMATCH', "the signer's key is not the responder certificate's");
  if (input.responses.length === 0) throw new GmError('GM_UNSUPPORTED', 'an OCSP response needs a SingleResponse');
  checkDate(input.producedAt, 'producedAt');
  const idForm = input.responderId ?? 'byKey';
  if (idForm !== 'byKey' && idForm !== 'byName') throw new GmError('GM_UNSUPPORTED', `bad responderId ${String(idForm)}`);
  const tbs = derSeq(
    idForm === 'byKey' ? r.byKey : r.byName,
    derGeneralizedTime(input.producedAt),
    derSeq(...input.responses.map(encodeSingleResponse)),
    ...(input.nonce ? [derCtx(1, derSeq(nonceExtension(input.nonce)))] : []),
  );
  const certs = input.certs ?? [];
  for (const c of certs) guardDecode('certificate', () => readRoot(c, TAG.SEQUENCE));
  const sig = await signer.sign(tbs);
  const basic = derSeq(
    tbs,
    derAlgorithm(signer.signatureAlgorithm.oid, signer.signatureAlgorithm.nullParams),
    derBitString(sig),
    ...(certs.length ? [derCtx(0, derSeq(...certs))] : []),
  );
  return wrapBasic(basic);
}

const ERROR_RESPONSES = new Map<string, Uint8Array>();

/**
 * An unsuccessful OCSPResponse (no responseBytes, unsigned).
 * @param status - malformedRequest (1), internalError (2), tryLater (3), sigRequired (5) or unauthorized (6)
 * @returns DER OCSPResponse (5 bytes)
 */
export function ocspErrorResponse(status: Exclude<OcspResponseStatus, 'successful'>): Uint8Array {
  const code: number | undefined = RESPONSE_STATUS[status];
  if (code === undefined || code === 0) throw new GmError('GM_UNSUPPORTED', `not an OCSP error status: ${String(status)}`);
  let der = ERROR_RESPONSES.get(status);
  if (!der) {
    der = Buffer.from([TAG.SEQUENCE, 3, TAG.ENUMERATED, 1, code]);
    ERROR_RESPONSES.set(status, der);
  }
  return Buffer.from(der);
}

/** A parsed SingleResponse. */
export interface OcspSingleResponse {
  /** the CertID */
  certId: CertId;
  /** good, unknown or revoked */
  status: OcspCertStatus;
  /** thisUpdate */
  thisUpdate: Date;
  /** nextUpdate, when present */
  nextUpdate?: Date;
  /** singleExtensions */
  extensions: ParsedExtension[];
}

/** A parsed BasicOCSPResponse. */
export interface BasicOcspResponse {
  /** DER ResponseData as received (what the signature covers) */
  tbsResponseData: Uint8Array;
  /** always 1 */
  version: number;
  /** responderID: SHA-1 key hash (hex) or name */
  responderId: { byKey: string } | { byName: NameAttribute[]; der: Uint8Array };
  /** producedAt */
  producedAt: Date;
  /** the single responses */
  responses: OcspSingleResponse[];
  /** id-pkix-ocsp-nonce in responseExtensions, when present */
  nonce?: OcspNonce;
  /** responseExtensions */
  extensions: ParsedExtension[];
  /** signatureAlgorithm OID */
  signatureAlgorithmOid: string;
  /** signature value */
  signature: Uint8Array;
  /** certs, DER */
  certs: Uint8Array[];
}

/** A parsed OCSPResponse. */
export interface OcspResponseInfo {
  /** the whole response DER */
  der: Uint8Array;
  /** responseStatus */
  status: OcspResponseStatus;
  /** the BasicOCSPResponse (successful responses only) */
  basic?: BasicOcspResponse;
}

function readGeneralizedTime(buf: Buffer, t: Tlv | undefined, what: string): Date {
  return readTime(buf, expectTag(t, TAG.GENERALIZED_TIME, what));
}

function readStatus(buf: Buffer, t: Tlv): OcspCertStatus {
  if (t.tag === 0x80 || t.tag === 0x82) {
    if (t.end !== t.valueStart) fail('CertStatus: good/unknown must be empty');
    return t.tag === 0x80 ? 'good' : 'unknown';
  }
  if (t.tag !== 0xa1) fail('CertStatus: bad tag');
  const c = children(buf, t);
  if (c.length < 1 || c.length > 2) fail('RevokedInfo: expected 1 or 2 fields');
  const s: OcspRevoked = { revoked: true, revocationTime: readGeneralizedTime(buf, c[0], 'revocationTime') };
  if (c[1]) {
    const [e, extra] = children(buf, expectTag(c[1], 0xa0, 'revocationReason'));
    if (!e || extra) fail('RevokedInfo: bad revocationReason');
    s.reason = readSmallInt(buf, e, TAG.ENUMERATED);
  }
  return s;
}

function readBasic(buf: Buffer, t: Tlv): BasicOcspResponse {
  const top = children(buf, expectTag(t, TAG.SEQUENCE, 'BasicOCSPResponse'));
  if (top.length < 3 || top.length > 4) fail('BasicOCSPResponse: expected 3 or 4 fields');
  const tbs = expectTag(top[0], TAG.SEQUENCE, 'ResponseData');
  const alg = readAlgorithm(buf, top[1]);
  const bits = readBitString(buf, top[2]);
  if (bits.unused) fail('BasicOCSPResponse: signature has unused bits');
  const certs: Uint8Array[] = [];
  if (top[3]) {
    const [seq, x] = children(buf, expectTag(top[3], 0xa0, 'certs'));
    if (!seq || x) fail('BasicOCSPResponse: bad certs wrapper');
    for (const c of children(buf, expectTag(seq, TAG.SEQUENCE, 'certs'))) certs.push(Buffer.from(rawOf(buf, expectTag(c, TAG.SEQUENCE, 'certificate'))));
  }
  const f = children(buf, tbs);
  let i = 0;
  if (f[i]?.tag === 0xa0) {
    const [v, extra] = children(buf, f[i++]);
    if (extra || readSmallInt(buf, expectTag(v, TAG.INTEGER, 'version')) !== 0) fail('ResponseData: unknown version');
  }
  const rid = f[i++];
  let responderId: BasicOcspResponse['responderId'];
  if (rid?.tag === 0xa1) {
    const [n, extra] = children(buf, rid);
    if (!n || extra) fail('ResponderID: bad byName');
    responderId = { byName: decodeNameAt(buf, expectTag(n, TAG.SEQUENCE, 'Name')), der: Buffer.from(rawOf(buf, n)) };
  } else if (rid?.tag === 0xa2) {
    const [k, extra] = children(buf, rid);
    if (!k || extra) fail('ResponderID: bad byKey');
    const kh = valueOf(buf, expectTag(k, TAG.OCTET_STRING, 'KeyHash'));
    if (kh.length !== 20) fail('ResponderID: KeyHash must be 20 bytes');
    responderId = { byKey: kh.toString('hex') };
  } else {
    return fail('ResponseData: bad responderID');
  }
  const producedAt = readGeneralizedTime(buf, f[i++], 'producedAt');
  const responses = children(buf, expectTag(f[i++], TAG.SEQUENCE, 'responses')).map(sr => {
    const c = children(buf, expectTag(sr, TAG.SEQUENCE, 'SingleResponse'));
    if (c.length < 3 || c.length > 5) fail('SingleResponse: bad field count');
    const out: OcspSingleResponse = {
      certId: readCertId(buf, c[0]),
      status: readStatus(buf, c[1]),
      thisUpdate: readGeneralizedTime(buf, c[2], 'thisUpdate'),
      extensions: [],
    };
    let j = 3;
    if (c[j]?.tag === 0xa0) {
      const [n, extra] = children(buf, c[j++]);
      if (extra) fail('SingleResponse: bad nextUpdate');
      out.nextUpdate = readGeneralizedTime(buf, n, 'nextUpdate');
    }
    if (c[j]?.tag === 0xa1) out.extensions = readExplicitExtensions(buf, c[j++], 'SingleResponse');
    if (j !== c.length) fail('SingleResponse: unexpected fields');
    return out;
  });
  let extensions: ParsedExtension[] = [];
  if (f[i]?.tag === 0xa1) extensions = readExplicitExtensions(buf, f[i++], 'ResponseData');
  if (i !== f.length) fail('ResponseData: unexpected fields');
  const nonce = nonceOf(extensions);
  return {
    tbsResponseData: Buffer.from(rawOf(buf, tbs)),
    version: 1,
    responderId,
    producedAt,
    responses,
    ...(nonce ? { nonce } : {}),
    extensions,
    signatureAlgorithmOid: alg.oid,
    signature: Buffer.from(bits.bytes),
    certs,
  };
}

/**
 * Parses an OCSPResponse (for yinxin's own tests, status pages and reference client).
 * @param der - the response
 * @param opts - `maxBytes` (default 1 MiB)
 * @returns the response; `GmError` (`GM_DECODE`, `GM_TOO_LARGE`) on bad input
 */
export function parseOcspResponse(der: Uint8Array, opts?: { maxBytes?: number }): OcspResponseInfo {
  const max = opts?.maxBytes ?? OCSP_RESPONSE_MAX_BYTES;
  return guardDecode('OCSP response', () => {
    if (!(der instanceof Uint8Array)) fail('OCSP response: expected bytes');
    checkSize('OCSP response', der.length, max);
    const buf = Buffer.from(der);
    const top = children(buf, readRoot(buf, TAG.SEQUENCE));
    if (top.length < 1 || top.length > 2) fail('OCSPResponse: expected 1 or 2 fields');
    const code = readSmallInt(buf, expectTag(top[0], TAG.ENUMERATED, 'responseStatus'), TAG.ENUMERATED);
    const status = STATUS_BY_CODE.get(code);
    if (!status) fail(`OCSPResponse: unknown responseStatus ${code}`);
    if (status !== 'successful') {
      if (top[1]) fail('OCSPResponse: responseBytes in an unsuccessful response');
      return { der: buf, status };
    }
    const [rb, extra] = children(buf, expectTag(top[1], 0xa0, 'responseBytes'));
    if (!rb || extra) fail('OCSPResponse: bad responseBytes wrapper');
    const rbc = children(buf, expectTag(rb, TAG.SEQUENCE, 'ResponseBytes'));
    if (rbc.length !== 2) fail('ResponseBytes: expected 2 fields');
    const type = readOid(buf, rbc[0]);
    if (type !== OIDS.ocspBasic) fail(`ResponseBytes: unsupported responseType ${type}`);
    const inner = expectTag(rbc[1], TAG.OCTET_STRING, 'response');
    const basicTlv = readTlv(buf, inner.valueStart, inner.end);
    if (basicTlv.end !== inner.end) fail('ResponseBytes: trailing data');
    return { der: buf, status, basic: readBasic(buf, basicTlv) };
  });
}

/**
 * Verifies a BasicOCSPResponse signature with the responder's key. Who may sign for the issuer
 * (the CA itself or a certificate it issued with id-kp-OCSPSigning) is the caller's check.
 * @param basic - from {@link parseOcspResponse}
 * @param responderSpki - DER SubjectPublicKeyInfo of the responder
 * @returns true when valid (never throws)
 */
export function verifyOcspResponseSignature(basic: BasicOcspResponse, responderSpki: Uint8Array): boolean {
  return verifySignature(responderSpki, basic.signatureAlgorithmOid, basic.tbsResponseData, basic.signature);
}
