/**
 * Electronic seals and seal signatures: GM/T 0031-2014 (version 1) and GB/T 38540-2020
 * (version 4) `SESeal` and `SES_Signature` (gm-standards §1–§2). Encoding is exact DER of the
 * standard structures; decoding recognises the version by structure (§2.5) and accepts the
 * variants other vendors produce, listing each one it met in `variants`:
 *
 * | variant | seen in / reported by |
 * |---|---|
 * | `extDatas-context-tagged` — SES_SealInfo.extDatas as `[0]` (explicit or implicit) | ofdrw reader, "非标签章" |
 * | `extDatas-octet-wrapped` — extDatas inside an OCTET STRING | ofdrw reader |
 * | `signInfo-bit-string` — v1 SES_SignInfo wrapped in a BIT STRING | ofdrw reader |
 * | `utc-time-in-v4` / `generalized-time-in-v1` — the other time type | ofdrw reader |
 * | `certificate-not-octet-string` — a certList entry as a bare Certificate SEQUENCE | defensive |
 * | `property-v4-in-v1` / `property-v1-in-v4` — the other SES_ESPropertyInfo layout | defensive |
 * | `timeInfo-*` — v1 timeInfo text forms, or v4 timeInfo as a BIT STRING | ofdrw, ofd.js |
 * | `extDatas-untagged` / `extDatas-implicit` — v4 TBS_Sign extDatas not EXPLICIT [0] | Chingliu verifier |
 * | `timeStamp-implicit` / `timeStamp-untagged` — v4 timeStamp not EXPLICIT [0] BIT STRING | Chingliu verifier |
 * | `signature-raw` — an SM2 signature as raw r‖s (64 bytes) instead of DER | oesplugin (tongz) |
 *
 * What is signed: v1 seal — DER SEQUENCE{esealInfo, cert, signatureAlgorithm}; v4 seal — DER
 * SES_SealInfo; both signatures — DER TBS_Sign. SM2 uses SM3 with the default user ID.
 *
 * Verification checks the cryptography and the bindings (maker signature, signature over
 * TBS_Sign, signer certificate in the seal's list, data hash, time inside the seal's and the
 * certificate's validity, the v4 timestamp); trust in the certificates (chain, revocation) is the
 * caller's, who knows the CA.
 */
import { bytesEqual } from './bytes';
import { parseCertificate, type CertificateInfo } from './certificate';
import {
  TAG,
  children,
  derBitString,
  derBool,
  derCtx,
  derGeneralizedTime,
  derGeneralizedTimeMs,
  derIa5,
  derInteger,
  derOctets,
  derOid,
  derPrintable,
  derSeq,
  derUtcTime,
  derUtf8,
  expectTag,
  fail,
  rawOf,
  readBitString,
  readBoolean,
  readOid,
  readRoot,
  readSmallInt,
  readString,
  readTime,
  valueOf,
  type Tlv,
} from './der';
import { GmError, checkSize, guardDecode } from './errors';
import { digest, type HashAlgorithm } from './hashes';
import { OIDS } from './oids';
import { sm3 } from './sm3';
import { verifySignature, type Signer } from './signer';
import { encodeSignature } from './sm2';
import { parseTimeStampToken, verifyTimeStampToken } from './tsp';

/** Seal structure version: 1 = GM/T 0031-2014, 4 = GB/T 38540-2020, 5 = GM/T 0031-2025 (read only). */
export type SesVersion = 1 | 4 | 5;

/** Default size limit of a seal or seal signature (pictures make them large). */
export const SES_MAX_BYTES = 8 * 1024 * 1024;

/** One ExtData of ExtensionDatas. */
export interface SealExtension {
  /** extnID */
  oid: string;
  /** critical (DEFAULT FALSE) */
  critical: boolean;
  /** extnValue */
  value: Uint8Array;
}

/** The picture of a seal (SES_ESPictrueInfo). */
export interface SealPicture {
  /** image type, e.g. `PNG`, `GIF`, `BMP`, `JPG`, `SVG`, `OFD` */
  type: string;
  /** image bytes */
  data: Uint8Array;
  /** display width in millimetres */
  widthMm: number;
  /** display height in millimetres */
  heightMm: number;
}

/** What a seal says (SES_SealInfo), as input to {@link buildSeal}. */
export interface SealInfoInput {
  /** vendor id (SES_Header.Vid) */
  vid: string;
  /** seal id (esID), ASCII */
  esId: string;
  /** seal type (business-defined integer) */
  type: number;
  /** seal name */
  name: string;
  /** DER certificates of the signers allowed to use the seal */
  certificates: Uint8Array[];
  /** v4 only: 1 writes the certificates (default), 2 writes their hashes */
  certListType?: 1 | 2;
  /** hash for `certListType` 2 (default SM3) */
  certDigestAlgorithm?: 'SM3' | 'SHA-256';
  /** when the seal was made */
  createDate: Date;
  /** start of validity */
  validStart: Date;
  /** end of validity */
  validEnd: Date;
  /** the impression */
  picture: SealPicture;
  /** extDatas */
  extensions?: SealExtension[];
}

/** The seal maker (制章人): its certificate and a signer for its key. */
export interface SealMaker {
  /** DER certificate */
  certificate: Uint8Array;
  /** signer for the certificate's key */
  signer: Signer;
}

/** A decoded SESeal. Byte fields are views into `der`. */
export interface ParsedSeal {
  /** the whole SESeal */
  der: Uint8Array;
  /** structure version */
  version: SesVersion;
  /** SES_Header */
  header: { id: string; version: number; vid: string };
  /** esID */
  esId: string;
  /** SES_ESPropertyInfo */
  property: {
    type: number;
    name: string;
    /** 1 = certificates, 2 = certificate hashes (v1 is always 1) */
    certListType: number;
    /** DER certificates (certListType 1) */
    certificates: Uint8Array[];
    /** certificate hashes (certListType 2) */
    certDigests: { type: string; value: Uint8Array }[];
    createDate: Date;
    validStart: Date;
    validEnd: Date;
  };
  /** the picture */
  picture: SealPicture;
  /** extDatas of SES_SealInfo */
  extensions: SealExtension[];
  /** DER SES_SealInfo */
  sealInfoDer: Uint8Array;
  /** seal maker certificate, DER */
  makerCertificate: Uint8Array;
  /** maker signature algorithm */
  signatureAlgorithmOid: string;
  /** maker signature value */
  signature: Uint8Array;
  /** the bytes the maker signed */
  signedBytes: Uint8Array;
  /** v5 timeStamp over the maker signature, when present */
  timeStamp?: Uint8Array;
  /** tolerated deviations from the standard (see the module comment) */
  variants: string[];
}

/** How the sign time was written. */
export type SignTimeForm = 'generalizedTime' | 'utcTime' | 'text' | 'timeStampToken' | 'unreadable';

/** A decoded SES_Signature. Byte fields are views into `der`. */
export interface ParsedSesSignature {
  /** the whole SES_Signature */
  der: Uint8Array;
  /** structure version (by structure and the embedded seal's header) */
  version: SesVersion;
  /** TBS_Sign.version as written */
  tbsVersion: number;
  /** the embedded seal */
  seal: ParsedSeal;
  /** the sign time, when readable */
  signTime?: Date;
  /** how the sign time was written */
  signTimeForm: SignTimeForm;
  /** v1: the timeInfo BIT STRING contents; v4: the DER GeneralizedTime */
  timeInfo: Uint8Array;
  /** dataHash */
  dataHash: Uint8Array;
  /** propertyInfo */
  propertyInfo: string;
  /** v4 TBS_Sign extDatas */
  extensions: SealExtension[];
  /** signer certificate, DER */
  signerCertificate: Uint8Array;
  /** signature algorithm */
  signatureAlgorithmOid: string;
  /** signature value */
  signature: Uint8Array;
  /** DER TBS_Sign (what the signature covers) */
  tbsDer: Uint8Array;
  /** v4 timeStamp: a DER TimeStampToken over the signature value */
  timeStamp?: Uint8Array;
  /** tolerated deviations from the standard */
  variants: string[];
}

// ---------------------------------------------------------------------------------------------
// Encoding

const HASH_NAMES: Record<string, HashAlgorithm> = {
  sm3: 'SM3',
  'sha-256': 'SHA-256',
  sha256: 'SHA-256',
  'sha-1': 'SHA-1',
  sha1: 'SHA-1',
  [OIDS.sm3]: 'SM3',
  [OIDS.sha256]: 'SHA-256',
};

function derExtensions(exts: readonly SealExtension[]): Buffer {
  return derSeq(
    ...exts.map(e => derSeq(derOid(e.oid), ...(e.critical ? [derBool(true)] : []), derOctets(e.value))),
  );
}

function checkInt(what: string, n: number, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max) throw new GmError('GM_UNSUPPORTED', `${what}: an integer from ${min} to ${max}`);
  return n;
}

/** @internal DER SES_SealInfo of the given version */
export function encodeSealInfo(version: 1 | 4, s: SealInfoInput): Buffer {
  const time = version === 1 ? derUtcTime : derGeneralizedTime;
  if (!(s.validStart.getTime() <= s.validEnd.getTime())) throw new GmError('GM_UNSUPPORTED', 'seal validity: start after end');
  if (!s.name) throw new GmError('GM_UNSUPPORTED', 'seal name is empty');
  if (!s.esId) throw new GmError('GM_UNSUPPORTED', 'esID is empty');
  if (s.certificates.length === 0) throw new GmError('GM_UNSUPPORTED', 'a seal needs at least one signer certificate');
  for (const c of s.certificates) parseCertificate(c);
  const listType = version === 1 ? 1 : (s.certListType ?? 1);
  let certList: Buffer;
  if (listType === 1) {
    certList = derSeq(...s.certificates.map(c => derOctets(c)));
  } else {
    const alg = s.certDigestAlgorithm ?? 'SM3';
    const name = alg === 'SM3' ? 'sm3' : 'sha256';
    certList = derSeq(...s.certificates.map(c => derSeq(derPrintable(name), derOctets(digest(alg, c)))));
  }
  const property = derSeq(
    derInteger(checkInt('seal type', s.type, 0, 2 ** 31 - 1)),
    derUtf8(s.name),
    ...(version === 4 ? [derInteger(listType)] : []),
    certList,
    time(s.createDate),
    time(s.validStart),
    time(s.validEnd),
  );
  const picture = derSeq(
    derIa5(s.picture.type),
    derOctets(s.picture.data),
    derInteger(checkInt('picture width (mm)', s.picture.widthMm, 1, 10_000)),
    derInteger(checkInt('picture height (mm)', s.picture.heightMm, 1, 10_000)),
  );
  return derSeq(
    derSeq(derIa5('ES'), derInteger(version), derIa5(s.vid)),
    derIa5(s.esId),
    property,
    picture,
    ...(s.extensions?.length ? [derExtensions(s.extensions)] : []),
  );
}

/**
 * Makes an SESeal signed by the seal maker: version 1 (GM/T 0031-2014) or 4 (GB/T 38540-2020).
 * @param version - 1 or 4
 * @param info - what the seal says
 * @param maker - the seal maker's certificate and signer
 * @returns DER SESeal
 */
export async function buildSeal(version: 1 | 4, info: SealInfoInput, maker: SealMaker): Promise<Uint8Array> {
  if (version !== 1 && version !== 4) throw new GmError('GM_UNSUPPORTED', `seal version ${version}: only 1 and 4 are written`);
  const makerCert = parseCertificate(maker.certificate);
  if (!bytesEqual(makerCert.publicKey.spki, maker.signer.spki)) throw new GmError('GM_KEY_MISMATCH', 'the seal maker signer does not match its certificate');
  const sealInfo = encodeSealInfo(version, info);
  const alg = derOid(maker.signer.signatureAlgorithm.oid);
  const cert = derOctets(makerCert.der);
  if (version === 1) {
    const signature = await maker.signer.sign(derSeq(sealInfo, cert, alg));
    return derSeq(sealInfo, derSeq(cert, alg, derBitString(signature)));
  }
  const signature = await maker.signer.sign(sealInfo);
  return derSeq(sealInfo, cert, alg, derBitString(signature));
}

/** Input of {@link buildSesSignature}. */
export interface SesSignatureInput {
  /** DER SESeal to sign with (its version must match) */
  seal: Uint8Array;
  /** the data to protect; or give `dataHash` */
  data?: Uint8Array;
  /** hash of the data (SM3 for SM2 signers, SHA-256 for RSA) */
  dataHash?: Uint8Array;
  /** propertyInfo: the protected range, e.g. an OFD Signature.xml path or a document id */
  propertyInfo: string;
  /** the sign time: v4 writes it to the millisecond; v1's UTCTime text has whole seconds (rounded down) */
  signTime: Date;
  /** the signer's DER certificate (must be in the seal's list) */
  signerCertificate: Uint8Array;
  /** signer for that certificate's key */
  signer: Signer;
  /** v4 TBS_Sign extDatas */
  extensions?: SealExtension[];
  /** v4: obtains a DER TimeStampToken over the given signature value (RFC 3161 messageImprint of it) */
  timeStamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

/** A TBS_Sign ready to be signed (by a key held elsewhere: the holder's device). */
export interface PreparedSesSignature {
  /** 1 or 4, as the seal */
  version: 1 | 4;
  /** DER TBS_Sign: the bytes to sign (SM2: with Z of the default user ID) */
  tbs: Uint8Array;
  /** the signer's DER certificate */
  signerCertificate: Uint8Array;
  /** SM3withSM2 or sha256WithRSAEncryption, from the certificate's key */
  signatureAlgorithmOid: string;
  /** the data hash inside TBS_Sign */
  dataHash: Uint8Array;
}

/** The hash a signer's data hash uses: SM3 for SM2, SHA-256 for RSA (SHA-1 for sha1WithRSA). */
export function sesDataHashAlgorithm(signatureAlgorithmOid: string): HashAlgorithm {
  if (signatureAlgorithmOid === OIDS.sm3WithSm2 || signatureAlgorithmOid === OIDS.sm2Sign) return 'SM3';
  if (signatureAlgorithmOid === '1.2.840.113549.1.1.5') return 'SHA-1';
  return 'SHA-256';
}

/**
 * Checks and assembles the TBS_Sign of a seal signature (GM/T 0031 §6.2.2 / GB/T 38540 §7.2
 * steps 1–6): the seal's maker signature verifies, the sign time lies in the seal's validity and
 * the signer certificate's, the signer certificate is in the seal's list; then the data is
 * hashed and TBS_Sign built. Sign `tbs` and call {@link assembleSesSignature}.
 * @param input - as {@link SesSignatureInput}, without the signer
 * @returns the prepared TBS_Sign
 * @throws GmError `GM_SEAL_REFUSED` when a check fails
 */
export function prepareSesSignature(input: Omit<SesSignatureInput, 'signer' | 'timeStamp'>): PreparedSesSignature {
  const seal = parseSeal(input.seal);
  if (seal.version === 5) throw new GmError('GM_UNSUPPORTED', 'version 5 seals are read, not used for signing');
  const signerCert = certificateInfo(input.signerCertificate);
  const alg = signerCert.publicKey.algorithm === 'SM2' ? OIDS.sm3WithSm2 : signerCert.publicKey.algorithm === 'RSA' ? OIDS.sha256WithRsa : undefined;
  if (!alg) throw new GmError('GM_UNSUPPORTED', 'the signer certificate has neither an SM2 nor an RSA key');
  const sealCheck = verifySeal(seal);
  if (!sealCheck.makerSignatureValid) throw new GmError('GM_SEAL_REFUSED', 'the seal maker signature does not verify');
  const t = input.signTime.getTime();
  if (t < seal.property.validStart.getTime() || t > seal.property.validEnd.getTime()) {
    throw new GmError('GM_SEAL_REFUSED', 'the sign time is outside the seal validity period');
  }
  if (t < signerCert.notBefore.getTime() || t > signerCert.notAfter.getTime()) {
    throw new GmError('GM_SEAL_REFUSED', 'the sign time is outside the signer certificate validity');
  }
  if (!signerListed(seal, signerCert.der)) throw new GmError('GM_SEAL_REFUSED', 'the signer certificate is not in the seal certificate list');
  const hashAlg = sesDataHashAlgorithm(alg);
  let dataHash: Uint8Array;
  if (input.dataHash) {
    dataHash = input.dataHash;
    if (dataHash.length !== digest(hashAlg, Buffer.alloc(0)).length) throw new GmError('GM_UNSUPPORTED', `dataHash: a ${hashAlg} digest is expected`);
    if (input.data && !bytesEqual(digest(hashAlg, input.data), dataHash)) throw new GmError('GM_UNSUPPORTED', 'data and dataHash disagree');
  } else if (input.data) {
    dataHash = digest(hashAlg, input.data);
  } else {
    throw new GmError('GM_UNSUPPORTED', 'give data or dataHash');
  }
  const property = derIa5(input.propertyInfo);
  let tbs: Buffer;
  if (seal.version === 1) {
    const timeText = Buffer.from(derUtcTime(input.signTime).subarray(2)); // UTCTime text YYMMDDhhmmssZ
    tbs = derSeq(derInteger(1), Buffer.from(seal.der), derBitString(timeText), derBitString(dataHash), property, derOctets(signerCert.der), derOid(alg));
  } else {
    tbs = derSeq(
      derInteger(4),
      Buffer.from(seal.der),
      // to the millisecond, so that a relying party can place the signature among status changes
      derGeneralizedTimeMs(input.signTime),
      derBitString(dataHash),
      property,
      ...(input.extensions?.length ? [derCtx(0, derExtensions(input.extensions))] : []),
    );
  }
  return { version: seal.version, tbs, signerCertificate: signerCert.der, signatureAlgorithmOid: alg, dataHash };
}

/**
 * Puts a prepared TBS_Sign and its signature together into an SES_Signature, after checking the
 * signature with the signer certificate's key. A version 4 signature may carry a timestamp token
 * over the signature value.
 * @param prepared - from {@link prepareSesSignature}
 * @param signature - the signature over `prepared.tbs` (SM2: DER SM2Signature, or raw r‖s, which is re-encoded as DER)
 * @param timeStampToken - v4 only: DER TimeStampToken over the signature value
 * @returns DER SES_Signature
 * @throws GmError `GM_VERIFY` when the signature does not verify
 */
export function assembleSesSignature(prepared: PreparedSesSignature, signature: Uint8Array, timeStampToken?: Uint8Array): Uint8Array {
  const cert = certificateInfo(prepared.signerCertificate);
  if (!verifySignature(cert.publicKey.spki, prepared.signatureAlgorithmOid, prepared.tbs, signature)) {
    throw new GmError('GM_VERIFY', 'the signature over TBS_Sign does not verify with the signer certificate');
  }
  let sig = signature;
  if (cert.publicKey.algorithm === 'SM2' && signature.length === 64) {
    sig = encodeSignature(BigInt(`0x${Buffer.from(signature.subarray(0, 32)).toString('hex')}`), BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`));
  }
  if (prepared.version === 1) {
    if (timeStampToken) throw new GmError('GM_UNSUPPORTED', 'version 1 signatures carry no timestamp field');
    return derSeq(Buffer.from(prepared.tbs), derBitString(sig));
  }
  return derSeq(
    Buffer.from(prepared.tbs),
    derOctets(prepared.signerCertificate),
    derOid(prepared.signatureAlgorithmOid),
    derBitString(sig),
    ...(timeStampToken ? [derCtx(0, derBitString(timeStampToken))] : []),
  );
}

/**
 * Makes an SES_Signature with the seal: {@link prepareSesSignature}, the signer's signature, an
 * optional timestamp (v4), {@link assembleSesSignature}.
 * @param input - see {@link SesSignatureInput}
 * @returns DER SES_Signature (same version as the seal)
 * @throws GmError `GM_SEAL_REFUSED` when a check fails, `GM_KEY_MISMATCH` when the signer is not the certificate's key
 */
export async function buildSesSignature(input: SesSignatureInput): Promise<Uint8Array> {
  const signerCert = certificateInfo(input.signerCertificate);
  if (!bytesEqual(signerCert.publicKey.spki, input.signer.spki)) throw new GmError('GM_KEY_MISMATCH', 'the signer does not match the signer certificate');
  const prepared = prepareSesSignature(input);
  const signature = await input.signer.sign(prepared.tbs);
  const token = input.timeStamp && prepared.version === 4 ? await input.timeStamp(signature) : undefined;
  return assembleSesSignature(prepared, signature, token);
}

// ---------------------------------------------------------------------------------------------
// Decoding

function readExtensionList(buf: Uint8Array, items: Tlv[]): SealExtension[] {
  return items.map(item => {
    const c = children(buf, expectTag(item, TAG.SEQUENCE, 'ExtData'));
    if (c.length < 2 || c.length > 3) fail('ExtData: 2 or 3 elements');
    const oid = readOid(buf, c[0]);
    let critical = false;
    let i = 1;
    if (c[1].tag === TAG.BOOLEAN) {
      critical = readBoolean(buf, c[1]);
      i = 2;
    }
    const v = expectTag(c[i], TAG.OCTET_STRING, 'extnValue');
    if (i + 1 !== c.length) fail('ExtData: unexpected element');
    return { oid, critical, value: valueOf(buf, v) };
  });
}

/** extDatas in any of the forms seen: untagged SEQUENCE OF, [0] explicit or implicit, OCTET-wrapped. */
function readExtDatas(buf: Uint8Array, t: Tlv, variants: string[], where: 'sealInfo' | 'tbsSign'): SealExtension[] {
  if (t.tag === TAG.SEQUENCE) {
    if (where === 'tbsSign') variants.push('extDatas-untagged');
    return readExtensionList(buf, children(buf, t));
  }
  if (t.tag === 0xa0) {
    const inner = children(buf, t);
    // explicit: one SEQUENCE OF ExtData; implicit: the ExtData SEQUENCEs themselves
    const explicit = inner.length === 1 && inner[0].tag === TAG.SEQUENCE && children(buf, inner[0]).every(x => x.tag === TAG.SEQUENCE);
    if (where === 'sealInfo') variants.push('extDatas-context-tagged');
    else if (!explicit) variants.push('extDatas-implicit');
    return readExtensionList(buf, explicit ? children(buf, inner[0]) : inner);
  }
  if (t.tag === TAG.OCTET_STRING) {
    variants.push('extDatas-octet-wrapped');
    const inner = valueOf(buf, t);
    if (inner.length === 0) return [];
    const root = readRoot(inner, TAG.SEQUENCE);
    return readExtensionList(inner, children(inner, root));
  }
  return fail(`extDatas: unexpected tag 0x${t.tag.toString(16)}`);
}

function readCertificateEntry(buf: Uint8Array, t: Tlv, variants: string[]): Uint8Array {
  if (t.tag === TAG.OCTET_STRING) return valueOf(buf, t);
  if (t.tag === TAG.SEQUENCE) {
    variants.push('certificate-not-octet-string');
    return rawOf(buf, t);
  }
  return fail('certList: an entry is neither OCTET STRING nor Certificate');
}

function readSealTime(buf: Uint8Array, t: Tlv, version: SesVersion, variants: string[]): Date {
  if (version === 1 && t.tag === TAG.GENERALIZED_TIME && !variants.includes('generalized-time-in-v1')) variants.push('generalized-time-in-v1');
  if (version !== 1 && t.tag === TAG.UTC_TIME && !variants.includes('utc-time-in-v4')) variants.push('utc-time-in-v4');
  return readTime(buf, t);
}

function readPicture(buf: Uint8Array, t: Tlv): SealPicture {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'SES_ESPictrueInfo'));
  if (c.length !== 4) fail('SES_ESPictrueInfo: 4 elements');
  return {
    type: readString(buf, c[0]),
    data: valueOf(buf, expectTag(c[1], TAG.OCTET_STRING, 'picture data')),
    widthMm: readSmallInt(buf, c[2]),
    heightMm: readSmallInt(buf, c[3]),
  };
}

function readProperty(buf: Uint8Array, t: Tlv, version: SesVersion, variants: string[]): ParsedSeal['property'] {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'SES_ESPropertyInfo'));
  let certListType = 1;
  let rest: Tlv[];
  if (c.length === 7) {
    if (version === 1) variants.push('property-v4-in-v1');
    certListType = readSmallInt(buf, c[2]);
    rest = [c[3], c[4], c[5], c[6]];
  } else if (c.length === 6) {
    if (version !== 1) variants.push('property-v1-in-v4');
    rest = [c[2], c[3], c[4], c[5]];
  } else {
    return fail('SES_ESPropertyInfo: 6 (v1) or 7 (v4) elements');
  }
  const list = children(buf, expectTag(rest[0], TAG.SEQUENCE, 'certList'));
  const certificates: Uint8Array[] = [];
  const certDigests: { type: string; value: Uint8Array }[] = [];
  if (certListType === 1) {
    for (const e of list) certificates.push(readCertificateEntry(buf, e, variants));
  } else if (certListType === 2) {
    for (const e of list) {
      const d = children(buf, expectTag(e, TAG.SEQUENCE, 'CertDigestObj'));
      if (d.length !== 2) fail('CertDigestObj: 2 elements');
      certDigests.push({ type: readString(buf, d[0]), value: valueOf(buf, expectTag(d[1], TAG.OCTET_STRING, 'CertDigestObj.value')) });
    }
  } else {
    fail(`certListType ${certListType}: 1 or 2`);
  }
  return {
    type: readSmallInt(buf, c[0]),
    name: readString(buf, c[1]),
    certListType,
    certificates,
    certDigests,
    createDate: readSealTime(buf, rest[1], version, variants),
    validStart: readSealTime(buf, rest[2], version, variants),
    validEnd: readSealTime(buf, rest[3], version, variants),
  };
}

function readSealInfo(buf: Uint8Array, t: Tlv, structural: 1 | 4 | 5, variants: string[]) {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'SES_SealInfo'));
  if (c.length < 4 || c.length > 5) fail('SES_SealInfo: 4 or 5 elements');
  const h = children(buf, expectTag(c[0], TAG.SEQUENCE, 'SES_Header'));
  if (h.length !== 3) fail('SES_Header: 3 elements');
  const header = { id: readString(buf, h[0]), version: readSmallInt(buf, h[1]), vid: readString(buf, h[2]) };
  if (header.id !== 'ES') fail(`SES_Header.ID is ${JSON.stringify(header.id)}, expected "ES"`);
  const version: SesVersion = structural === 1 ? 1 : structural === 5 || header.version === 5 ? 5 : 4;
  return {
    version,
    header,
    esId: readString(buf, c[1]),
    property: readProperty(buf, c[2], version, variants),
    picture: readPicture(buf, c[3]),
    extensions: c[4] ? readExtDatas(buf, c[4], variants, 'sealInfo') : [],
  };
}

function readSignatureValue(buf: Uint8Array, t: Tlv, variants: string[]): Uint8Array {
  const { unused, bytes } = readBitString(buf, expectTag(t, TAG.BIT_STRING, 'signature'));
  if (unused !== 0) fail('signature: BIT STRING with unused bits');
  if (bytes.length === 64 && bytes[0] !== 0x30 && !variants.includes('signature-raw')) variants.push('signature-raw');
  return bytes;
}

/** @internal parses an SESeal whose DER is exactly `buf`[t] */
function parseSealAt(buf: Uint8Array, t: Tlv, variants: string[]): ParsedSeal {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'SESeal'));
  if (c.length !== 2 && c.length !== 4 && c.length !== 5) fail(`SESeal: ${c.length} elements (2 = v1, 4 = v4, 5 = v5)`);
  const structural = c.length === 2 ? 1 : c.length === 4 ? 4 : 5;
  const info = readSealInfo(buf, c[0], structural, variants);
  const sealInfoDer = rawOf(buf, c[0]);
  let makerCertificate: Uint8Array;
  let signatureAlgorithmOid: string;
  let signature: Uint8Array;
  let signedBytes: Uint8Array;
  let timeStamp: Uint8Array | undefined;
  if (structural === 1) {
    let signInfoBuf: Uint8Array = buf;
    let signInfo = c[1];
    if (signInfo.tag === TAG.BIT_STRING) {
      variants.push('signInfo-bit-string');
      const { bytes } = readBitString(buf, signInfo);
      signInfoBuf = bytes;
      signInfo = readRoot(bytes, TAG.SEQUENCE);
    }
    const s = children(signInfoBuf, expectTag(signInfo, TAG.SEQUENCE, 'SES_SignInfo'));
    if (s.length !== 3) fail('SES_SignInfo: 3 elements');
    const certTlv = expectTag(s[0], TAG.OCTET_STRING, 'maker cert');
    makerCertificate = valueOf(signInfoBuf, certTlv);
    signatureAlgorithmOid = readOid(signInfoBuf, s[1]);
    signature = readSignatureValue(signInfoBuf, s[2], variants);
    signedBytes = derSeq(sealInfoDer, rawOf(signInfoBuf, certTlv), rawOf(signInfoBuf, s[1]));
  } else {
    makerCertificate = readCertificateEntry(buf, c[1], variants);
    signatureAlgorithmOid = readOid(buf, c[2]);
    signature = readSignatureValue(buf, c[3], variants);
    signedBytes = sealInfoDer;
    if (c[4]) timeStamp = readTimeStampField(buf, c[4], variants);
  }
  return {
    der: rawOf(buf, t),
    version: info.version,
    header: info.header,
    esId: info.esId,
    property: info.property,
    picture: info.picture,
    extensions: info.extensions,
    sealInfoDer,
    makerCertificate,
    signatureAlgorithmOid,
    signature,
    signedBytes,
    timeStamp,
    variants,
  };
}

function readTimeStampField(buf: Uint8Array, t: Tlv, variants: string[]): Uint8Array {
  if (t.tag === 0xa0) {
    const inner = children(buf, t);
    if (inner.length === 1 && inner[0].tag === TAG.BIT_STRING) return readBitString(buf, inner[0]).bytes;
    if (inner.length === 1 && inner[0].tag === TAG.SEQUENCE) {
      variants.push('timeStamp-token-not-bit-string');
      return rawOf(buf, inner[0]);
    }
    // [0] IMPLICIT BIT STRING written constructed is not DER; treat the contents as the token
    variants.push('timeStamp-implicit');
    return valueOf(buf, t);
  }
  if (t.tag === 0x80) {
    variants.push('timeStamp-implicit');
    const v = valueOf(buf, t);
    if (v.length < 1 || v[0] !== 0) fail('timeStamp: bad BIT STRING');
    return v.subarray(1);
  }
  if (t.tag === TAG.BIT_STRING) {
    variants.push('timeStamp-untagged');
    return readBitString(buf, t).bytes;
  }
  return fail(`timeStamp: unexpected tag 0x${t.tag.toString(16)}`);
}

/**
 * Decodes an SESeal of version 1, 4 or 5 (recognised by structure).
 * @param der - DER SESeal
 * @param opts - `maxBytes` (default {@link SES_MAX_BYTES})
 * @returns the seal
 * @throws GmError `GM_DECODE` on malformed input, `GM_TOO_LARGE` over the limit
 */
export function parseSeal(der: Uint8Array, opts?: { maxBytes?: number }): ParsedSeal {
  checkSize('SESeal', der.length, opts?.maxBytes ?? SES_MAX_BYTES);
  return guardDecode('SESeal', () => parseSealAt(der, readRoot(der, TAG.SEQUENCE), []));
}

const SIGN_TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Reads a v1 timeInfo BIT STRING's contents defensively (gm-standards §1.2). */
function readTimeInfoText(bytes: Uint8Array, variants: string[]): { time?: Date; form: SignTimeForm } {
  if (bytes.length > 0 && bytes[0] === 0x30) {
    try {
      const token = parseTimeStampToken(bytes);
      variants.push('timeInfo-timestamp-token');
      return { time: token.tstInfo.genTime, form: 'timeStampToken' };
    } catch {
      return { form: 'unreadable' };
    }
  }
  if (bytes.length > 0 && (bytes[0] === TAG.UTC_TIME || bytes[0] === TAG.GENERALIZED_TIME)) {
    try {
      const t = readRoot(bytes);
      variants.push('timeInfo-der-time');
      return { time: readTime(bytes, t), form: t.tag === TAG.UTC_TIME ? 'utcTime' : 'generalizedTime' };
    } catch {
      return { form: 'unreadable' };
    }
  }
  const text = Buffer.from(bytes).toString('latin1');
  const wrap = (tag: number) => Buffer.concat([Buffer.of(tag, bytes.length), bytes]);
  if (/^\d{12}Z$/.test(text)) {
    try {
      return { time: readTime(wrap(TAG.UTC_TIME), readRoot(wrap(TAG.UTC_TIME))), form: 'utcTime' };
    } catch {
      /* fall through */
    }
  }
  if (/^\d{14}(\.\d+)?Z?$/.test(text)) {
    try {
      const w = wrap(TAG.GENERALIZED_TIME);
      variants.push('timeInfo-generalized-text');
      return { time: readTime(w, readRoot(w)), form: 'generalizedTime' };
    } catch {
      /* fall through */
    }
  }
  const m = SIGN_TIME_TEXT.exec(text);
  if (m) {
    // "yyyy-MM-dd HH:mm:ss" carries no zone; writers (ofdrw) use China time, UTC+8
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
    const ms = Date.UTC(y, mo - 1, d, h - 8, mi, s);
    if (!Number.isNaN(ms) && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 61) {
      variants.push('timeInfo-text');
      return { time: new Date(ms), form: 'text' };
    }
  }
  return { form: 'unreadable' };
}

/**
 * Decodes an SES_Signature of version 1, 4 or 5 (recognised by structure).
 * @param der - DER SES_Signature
 * @param opts - `maxBytes` (default {@link SES_MAX_BYTES})
 * @returns the signature
 * @throws GmError `GM_DECODE` on malformed input, `GM_TOO_LARGE` over the limit
 */
export function parseSesSignature(der: Uint8Array, opts?: { maxBytes?: number }): ParsedSesSignature {
  checkSize('SES_Signature', der.length, opts?.maxBytes ?? SES_MAX_BYTES);
  return guardDecode('SES_Signature', () => {
    const variants: string[] = [];
    const root = readRoot(der, TAG.SEQUENCE);
    const c = children(der, root);
    if (c.length !== 2 && c.length !== 4 && c.length !== 5) fail(`SES_Signature: ${c.length} elements (2 = v1, 4 or 5 = v4/v5)`);
    const tbsTlv = expectTag(c[0], TAG.SEQUENCE, 'TBS_Sign');
    const t = children(der, tbsTlv);
    const tbsVersion = readSmallInt(der, t[0] ?? fail('TBS_Sign: empty'));
    const seal = parseSealAt(der, expectTag(t[1], TAG.SEQUENCE, 'eseal'), variants);
    if (c.length === 2) {
      if (t.length !== 7) fail('v1 TBS_Sign: 7 elements');
      let signTime: Date | undefined;
      let form: SignTimeForm;
      let timeInfo: Uint8Array;
      if (t[2].tag === TAG.BIT_STRING) {
        timeInfo = readBitString(der, t[2]).bytes;
        const r = readTimeInfoText(timeInfo, variants);
        signTime = r.time;
        form = r.form;
      } else {
        variants.push('timeInfo-not-bit-string');
        timeInfo = rawOf(der, t[2]);
        signTime = readTime(der, t[2]);
        form = t[2].tag === TAG.UTC_TIME ? 'utcTime' : 'generalizedTime';
      }
      return {
        der,
        version: 1 as const,
        tbsVersion,
        seal,
        signTime,
        signTimeForm: form,
        timeInfo,
        dataHash: readBitString(der, expectTag(t[3], TAG.BIT_STRING, 'dataHash')).bytes,
        propertyInfo: readString(der, t[4]),
        extensions: [],
        signerCertificate: readCertificateEntry(der, t[5], variants),
        signatureAlgorithmOid: readOid(der, t[6]),
        signature: readSignatureValue(der, c[1], variants),
        tbsDer: rawOf(der, tbsTlv),
        variants,
      };
    }
    if (t.length !== 5 && t.length !== 6) fail('v4 TBS_Sign: 5 or 6 elements');
    let signTime: Date | undefined;
    let form: SignTimeForm;
    if (t[2].tag === TAG.BIT_STRING) {
      variants.push('timeInfo-bit-string-in-v4');
      const r = readTimeInfoText(readBitString(der, t[2]).bytes, variants);
      signTime = r.time;
      form = r.form;
    } else {
      signTime = readTime(der, t[2]);
      form = t[2].tag === TAG.UTC_TIME ? 'utcTime' : 'generalizedTime';
      if (t[2].tag === TAG.UTC_TIME) variants.push('utc-time-in-v4');
    }
    const signature = readSignatureValue(der, c[3], variants);
    return {
      der,
      version: seal.version === 5 ? (5 as const) : (4 as const),
      tbsVersion,
      seal,
      signTime,
      signTimeForm: form,
      timeInfo: rawOf(der, t[2]),
      dataHash: readBitString(der, expectTag(t[3], TAG.BIT_STRING, 'dataHash')).bytes,
      propertyInfo: readString(der, t[4]),
      extensions: t[5] ? readExtDatas(der, t[5], variants, 'tbsSign') : [],
      signerCertificate: readCertificateEntry(der, c[1], variants),
      signatureAlgorithmOid: readOid(der, c[2]),
      signature,
      tbsDer: rawOf(der, tbsTlv),
      timeStamp: c[4] ? readTimeStampField(der, c[4], variants) : undefined,
      variants,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Verification

/** What {@link verifySeal} found. */
export interface SealVerification {
  /** the maker signature verifies (validity periods are reported in `validAt` and `warnings`) */
  valid: boolean;
  /** the maker's signature over the signed bytes verifies with the maker certificate's key */
  makerSignatureValid: boolean;
  /** the maker certificate, when it parses */
  makerCertificate?: CertificateInfo;
  /** the maker certificate's validity covers createDate (GM/T 0031-2025 check) */
  makerCertificateValidAtCreate: boolean;
  /** with `at`: validStart ≤ at ≤ validEnd */
  validAt?: boolean;
  /** integrity problems found, in English */
  problems: string[];
  /** time findings that do not break integrity (validity periods), in English */
  warnings: string[];
}

/**
 * Parsed certificates by SM3 of their DER: a platform meets the same maker and signer certificates
 * on every use and verification (the extension decoding is the costly part of a parse). Callers
 * only read the shared result.
 */
const CERTIFICATES = new Map<string, CertificateInfo>();
const CERTIFICATES_MAX = 512;

function certificateInfo(der: Uint8Array): CertificateInfo {
  const key = Buffer.from(sm3(der)).toString('hex');
  const hit = CERTIFICATES.get(key);
  if (hit) return hit;
  const info = parseCertificate(der);
  if (CERTIFICATES.size >= CERTIFICATES_MAX) CERTIFICATES.delete(CERTIFICATES.keys().next().value as string);
  CERTIFICATES.set(key, info);
  return info;
}

/**
 * Maker-signature verdicts by SM3 of the whole seal: the verdict depends on nothing else, and a
 * platform signs with the same few seals over and over (one SM2 verification saved per use).
 */
const MAKER_VERDICTS = new Map<string, boolean>();
const MAKER_VERDICTS_MAX = 512;

function makerVerdict(s: ParsedSeal, maker: CertificateInfo): boolean {
  const key = Buffer.from(sm3(s.der)).toString('hex');
  const hit = MAKER_VERDICTS.get(key);
  if (hit !== undefined) return hit;
  const ok = verifySignature(maker.publicKey.spki, s.signatureAlgorithmOid, s.signedBytes, s.signature);
  if (MAKER_VERDICTS.size >= MAKER_VERDICTS_MAX) MAKER_VERDICTS.delete(MAKER_VERDICTS.keys().next().value as string);
  MAKER_VERDICTS.set(key, ok);
  return ok;
}

/**
 * Verifies a seal (GM/T 0031 §6.1.2, GB/T 38540 §6.3): the maker's signature with the maker
 * certificate's key, and optionally the validity period at a time. Trust in the maker
 * certificate is the caller's.
 * @param seal - parsed seal or DER
 * @param opts - `at`: a time to check the validity period at
 * @returns the verdict (never throws for a parsed seal)
 */
export function verifySeal(seal: ParsedSeal | Uint8Array, opts?: { at?: Date }): SealVerification {
  const s = seal instanceof Uint8Array ? parseSeal(seal) : seal;
  const problems: string[] = [];
  let makerCertificate: CertificateInfo | undefined;
  try {
    makerCertificate = certificateInfo(s.makerCertificate);
  } catch {
    problems.push('the seal maker certificate does not parse');
  }
  const makerSignatureValid = !!makerCertificate && makerVerdict(s, makerCertificate);
  if (makerCertificate && !makerSignatureValid) problems.push('the seal maker signature does not verify');
  const created = s.property.createDate.getTime();
  const makerCertificateValidAtCreate = !!makerCertificate && created >= makerCertificate.notBefore.getTime() && created <= makerCertificate.notAfter.getTime();
  const warnings: string[] = [];
  if (makerCertificate && !makerCertificateValidAtCreate) warnings.push('the seal maker certificate was not valid when the seal was made');
  let validAt: boolean | undefined;
  if (opts?.at) {
    const at = opts.at.getTime();
    validAt = at >= s.property.validStart.getTime() && at <= s.property.validEnd.getTime();
    if (!validAt) warnings.push('outside the seal validity period');
  }
  return { valid: makerSignatureValid, makerSignatureValid, makerCertificate, makerCertificateValidAtCreate, validAt, problems, warnings };
}

/** True when `signerCert` (DER) is in the seal's list: byte-equal, or its hash for certListType 2. */
export function signerListed(seal: ParsedSeal, signerCert: Uint8Array): boolean {
  if (seal.property.certListType === 2) {
    return seal.property.certDigests.some(d => {
      const alg = HASH_NAMES[d.type.trim().toLowerCase()] ?? HASH_NAMES[d.type.trim()];
      return !!alg && bytesEqual(digest(alg, signerCert), d.value);
    });
  }
  return seal.property.certificates.some(c => bytesEqual(c, signerCert));
}

/** What {@link verifySesSignature} found. */
export interface SesVerification {
  /**
   * Integrity: the signature, the embedded seal's maker signature, the signer's presence in the
   * seal list, the data hash (when asked) and the timestamp (when present) all check out.
   */
  valid: boolean;
  /** the sign time is readable and inside the seal's and the signer certificate's validity */
  timeValid: boolean;
  /** the signature over TBS_Sign verifies with the signer certificate's key */
  signatureValid: boolean;
  /** the embedded seal */
  seal: SealVerification;
  /** the signer certificate is in the seal's list */
  signerInSealList: boolean;
  /** the signer certificate, when it parses */
  signerCertificate?: CertificateInfo;
  /** the sign time, when readable */
  signTime?: Date;
  /** the sign time lies inside the seal's validity period */
  signTimeInSealValidity?: boolean;
  /** the sign time lies inside the signer certificate's validity */
  signTimeInCertificateValidity?: boolean;
  /** with data or a hash: the data hash matches */
  dataHashMatches?: boolean;
  /** v4 timestamp over the signature, when present */
  timeStamp?: { valid: boolean; genTime?: Date; imprintMatches: boolean; problem?: string };
  /** integrity problems found, in English */
  problems: string[];
  /** time findings (validity periods, unreadable sign time), in English */
  warnings: string[];
}

/**
 * Verifies a seal signature (GM/T 0031 §6.2.3, GB/T 38540 §7.3) except certificate trust and
 * revocation, which the caller checks with its CA: the signature over TBS_Sign, the embedded
 * seal, the signer certificate's presence in the seal list, the sign time inside the seal's and
 * the certificate's validity, the data hash (when `data` or `dataHash` is given) and the v4
 * timestamp (imprint = hash of the signature value).
 * @param sig - parsed signature or DER
 * @param opts - `data` to hash, or its `dataHash`
 * @returns the verdict (never throws for a parsed signature)
 */
export function verifySesSignature(sig: ParsedSesSignature | Uint8Array, opts?: { data?: Uint8Array; dataHash?: Uint8Array }): SesVerification {
  const s = sig instanceof Uint8Array ? parseSesSignature(sig) : sig;
  const problems: string[] = [];
  let signerCertificate: CertificateInfo | undefined;
  try {
    signerCertificate = certificateInfo(s.signerCertificate);
  } catch {
    problems.push('the signer certificate does not parse');
  }
  const signatureValid = !!signerCertificate && verifySignature(signerCertificate.publicKey.spki, s.signatureAlgorithmOid, s.tbsDer, s.signature);
  if (signerCertificate && !signatureValid) problems.push('the signature over TBS_Sign does not verify');
  const warnings: string[] = [];
  const seal = verifySeal(s.seal, s.signTime ? { at: s.signTime } : undefined);
  for (const p of seal.problems) problems.push(`seal: ${p}`);
  for (const w of seal.warnings) warnings.push(`seal: ${w}`);
  const signerInSealList = signerListed(s.seal, s.signerCertificate);
  if (!signerInSealList) problems.push('the signer certificate is not in the seal certificate list');
  let signTimeInSealValidity: boolean | undefined;
  let signTimeInCertificateValidity: boolean | undefined;
  if (s.signTime) {
    signTimeInSealValidity = seal.validAt;
    if (signerCertificate) {
      const t = s.signTime.getTime();
      signTimeInCertificateValidity = t >= signerCertificate.notBefore.getTime() && t <= signerCertificate.notAfter.getTime();
      if (!signTimeInCertificateValidity) warnings.push('the sign time is outside the signer certificate validity');
    }
  } else {
    warnings.push('the sign time is unreadable');
  }
  let dataHashMatches: boolean | undefined;
  if (opts?.data || opts?.dataHash) {
    const expected = opts.dataHash ?? digest(sesDataHashAlgorithm(s.signatureAlgorithmOid), opts.data!);
    dataHashMatches = bytesEqual(expected, s.dataHash);
    if (!dataHashMatches) problems.push('the data hash does not match');
  }
  let timeStamp: SesVerification['timeStamp'];
  if (s.timeStamp) {
    try {
      const token = parseTimeStampToken(s.timeStamp);
      const imprint = token.tstInfo.messageImprint;
      const imprintMatches = !!imprint.hashAlgorithm && bytesEqual(digest(imprint.hashAlgorithm, s.signature), imprint.hashedMessage);
      const v = verifyTimeStampToken(token);
      timeStamp = { valid: v.valid && imprintMatches, genTime: token.tstInfo.genTime, imprintMatches, problem: v.problem ?? (imprintMatches ? undefined : 'the timestamp is not over this signature') };
    } catch (e) {
      timeStamp = { valid: false, imprintMatches: false, problem: `the timestamp does not parse: ${(e as Error).message}` };
    }
    if (!timeStamp.valid) problems.push(`timestamp: ${timeStamp.problem}`);
  }
  const valid = signatureValid && seal.valid && signerInSealList && dataHashMatches !== false && (timeStamp?.valid ?? true);
  const timeValid = signTimeInSealValidity === true && signTimeInCertificateValidity === true;
  return { valid, timeValid, warnings, signatureValid, seal, signerInSealList, signerCertificate, signTime: s.signTime, signTimeInSealValidity, signTimeInCertificateValidity, dataHashMatches, timeStamp, problems };
}
