/** X.509 v3 certificates: TBS encoding, signing, parsing and signature verification. */
import { GmError, checkSize, guardDecode } from './errors';
import {
  TAG,
  children,
  derAlgorithm,
  derCtx,
  derInteger,
  derSeq,
  derTime,
  derUnsignedInteger,
  expectTag,
  fail,
  readAlgorithm,
  readRoot,
  readSmallInt,
  readTime,
  rawOf,
  valueOf,
} from './der';
import { encodeExtensions, type ExtensionInput } from './extensions';
import { decodeExtensionFields, parseExtensions, type DecodedExtensionFields, type ParsedExtension } from './extparse';
import { decodeSpkiAt, type PublicKeyInfo } from './keys';
import { decodeNameAt, type NameAttribute } from './names';
import { toDer } from './pem';
import { assembleSigned, checkSignerAlgorithm, splitSigned, tbsFields } from './signed';
import { verifySignature, type Signer } from './signer';

/** Everything needed to encode a TBSCertificate. */
export interface CertificateTemplate {
  /** positive serial, big-endian (leading zeros are ignored; at most 20 octets encoded) */
  serialNumber: Uint8Array;
  /** DER Name of the issuer */
  issuer: Uint8Array;
  /** DER Name of the subject */
  subject: Uint8Array;
  /** start of validity (whole seconds are encoded) */
  notBefore: Date;
  /** end of validity */
  notAfter: Date;
  /** DER SubjectPublicKeyInfo */
  subjectPublicKeyInfo: Uint8Array;
  /** extensions, in order */
  extensions: ExtensionInput[];
  /** the issuer signer's `signatureAlgorithm` */
  signatureAlgorithm: { oid: string; nullParams: boolean };
}

/** @internal validates a serial and returns its DER INTEGER */
export function encodeSerial(serial: Uint8Array): Buffer {
  if (!(serial instanceof Uint8Array) || !serial.some(b => b !== 0)) {
    throw new GmError('GM_UNSUPPORTED', 'serial number must be positive');
  }
  const der = derUnsignedInteger(serial);
  if (der.length - 2 > 20) throw new GmError('GM_UNSUPPORTED', 'serial number longer than 20 octets');
  return der;
}

function checkSingle(what: string, der: Uint8Array): Uint8Array {
  guardDecode(what, () => readRoot(der, TAG.SEQUENCE));
  return der;
}

/**
 * DER TBSCertificate, version 3. Times are UTCTime before 2050 and GeneralizedTime from 2050
 * (RFC 5280 §4.1.2.5).
 * @param t - the template
 * @returns DER TBSCertificate
 */
export function encodeTbsCertificate(t: CertificateTemplate): Uint8Array {
  if (!(t.notBefore instanceof Date) || !(t.notAfter instanceof Date) || t.notAfter.getTime() < t.notBefore.getTime()) {
    throw new GmError('GM_UNSUPPORTED', 'validity: notAfter must not precede notBefore');
  }
  return derSeq(
    derCtx(0, derInteger(2)),
    encodeSerial(t.serialNumber),
    derAlgorithm(t.signatureAlgorithm.oid, t.signatureAlgorithm.nullParams),
    checkSingle('issuer', t.issuer),
    derSeq(derTime(t.notBefore), derTime(t.notAfter)),
    checkSingle('subject', t.subject),
    checkSingle('subjectPublicKeyInfo', t.subjectPublicKeyInfo),
    ...(t.extensions.length ? [derCtx(3, encodeExtensions(t.extensions))] : []),
  );
}

/**
 * Signs a TBSCertificate and returns the Certificate. The algorithm written in the TBS must be
 * the signer's (`GM_UNSUPPORTED` otherwise).
 * @param tbs - DER TBSCertificate from {@link encodeTbsCertificate}
 * @param signer - the issuer's signer
 * @returns DER Certificate
 */
export async function signCertificate(tbs: Uint8Array, signer: Signer): Promise<Uint8Array> {
  const f = guardDecode('TBSCertificate', () => tbsFields(tbs));
  const algIndex = f[0]?.tag === 0xa0 ? 2 : 1;
  if (!f[algIndex]) throw new GmError('GM_DECODE', 'TBSCertificate: too few fields');
  checkSignerAlgorithm(tbs, f[algIndex], signer);
  return assembleSigned(tbs, signer);
}

/** A parsed certificate. Byte fields are copies. */
export interface CertificateInfo extends DecodedExtensionFields {
  /** the whole certificate DER */
  der: Uint8Array;
  /** DER TBSCertificate as received (what the signature covers) */
  tbs: Uint8Array;
  /** 1, 2 or 3 */
  version: number;
  /** serial number, lowercase hex without leading 00 */
  serialHex: string;
  /** issuer attributes */
  issuer: NameAttribute[];
  /** issuer Name DER */
  issuerDer: Uint8Array;
  /** subject attributes */
  subject: NameAttribute[];
  /** subject Name DER */
  subjectDer: Uint8Array;
  /** start of validity */
  notBefore: Date;
  /** end of validity */
  notAfter: Date;
  /** subject public key */
  publicKey: PublicKeyInfo;
  /** outer signatureAlgorithm OID */
  signatureAlgorithmOid: string;
  /** TBSCertificate.signature OID (must equal the outer one) */
  tbsSignatureAlgorithmOid: string;
  /** whether the outer signatureAlgorithm has parameters (SM3withSM2 must not) */
  signatureAlgorithmParamsPresent: boolean;
  /** signature value (BIT STRING contents) */
  signature: Uint8Array;
  /** all extensions in order */
  extensions: ParsedExtension[];
}

/** Default limit of {@link parseCertificate}. */
export const CERTIFICATE_MAX_BYTES = 64 * 1024;

function hexSerial(v: Buffer): string {
  let i = 0;
  while (i < v.length - 1 && v[i] === 0) i++;
  return v.subarray(i).toString('hex');
}

/**
 * Parses an X.509 certificate (PEM, DER or base64).
 * @param input - the certificate
 * @param opts - `maxBytes` (default 64 KiB)
 * @returns the decoded certificate; `GmError` (`GM_DECODE`, `GM_TOO_LARGE`) on bad input
 */
export function parseCertificate(input: Uint8Array | string, opts?: { maxBytes?: number }): CertificateInfo {
  const max = opts?.maxBytes ?? CERTIFICATE_MAX_BYTES;
  return guardDecode('certificate', () => {
    const der = Buffer.from(toDer(input, 'CERTIFICATE', { maxBytes: max }));
    checkSize('certificate', der.length, max);
    const outer = splitSigned(der);
    const f = children(der, outer.tbs);
    let i = 0;
    let version = 1;
    if (f[0]?.tag === 0xa0) {
      const [v] = children(der, f[0]);
      version = readSmallInt(der, expectTag(v, TAG.INTEGER, 'version')) + 1;
      if (version > 3) fail('certificate: unknown version');
      i = 1;
    }
    if (f.length < i + 6) fail('TBSCertificate: too few fields');
    const serial = valueOf(der, expectTag(f[i], TAG.INTEGER, 'serialNumber'));
    if (serial.length === 0) fail('empty serialNumber');
    const tbsAlg = readAlgorithm(der, f[i + 1]);
    const validity = children(der, expectTag(f[i + 3], TAG.SEQUENCE, 'validity'));
    if (validity.length !== 2) fail('validity: expected 2 times');
    const publicKey = decodeSpkiAt(der, f[i + 5]);
    let extensions: ParsedExtension[] = [];
    for (const opt of f.slice(i + 6)) {
      if (opt.tag === 0x81 || opt.tag === 0x82 || opt.tag === 0xa1 || opt.tag === 0xa2) continue; // unique IDs
      if (opt.tag !== 0xa3) fail('TBSCertificate: unexpected field');
      const [exts, extra] = children(der, opt);
      if (!exts || extra) fail('TBSCertificate: bad extensions wrapper');
      extensions = parseExtensions(der, exts);
    }
    const info: CertificateInfo = {
      der,
      tbs: Buffer.from(rawOf(der, outer.tbs)),
      version,
      serialHex: hexSerial(serial),
      issuer: decodeNameAt(der, f[i + 2]),
      issuerDer: Buffer.from(rawOf(der, f[i + 2])),
      subject: decodeNameAt(der, f[i + 4]),
      subjectDer: Buffer.from(rawOf(der, f[i + 4])),
      notBefore: readTime(der, validity[0]),
      notAfter: readTime(der, validity[1]),
      publicKey,
      signatureAlgorithmOid: outer.signatureAlgorithmOid,
      tbsSignatureAlgorithmOid: tbsAlg.oid,
      signatureAlgorithmParamsPresent: outer.signatureAlgorithmParamsPresent,
      signature: outer.signature,
      extensions,
      ...decodeExtensionFields(extensions),
    };
    return info;
  });
}

// An AlgorithmIdentifier (OID 1.2.3) and an empty BIT STRING: the never-signed outer part that lets
// a lone TBSCertificate go through the certificate parser.
const UNSIGNED_ALGORITHM = derAlgorithm('1.2.3', false);
const UNSIGNED_SIGNATURE = Buffer.from([0x03, 0x01, 0x00]);

/**
 * Parses a to-be-signed certificate, for checking it (a lint) before it is signed. The result's
 * outer signature fields are placeholders (`signatureAlgorithmOid` 1.2.3, empty signature); its
 * `tbs` is the input.
 * @param tbs - DER TBSCertificate from {@link encodeTbsCertificate}
 * @returns the parsed fields
 */
export function parseTbsCertificate(tbs: Uint8Array): CertificateInfo {
  return parseCertificate(derSeq(tbs, UNSIGNED_ALGORITHM, UNSIGNED_SIGNATURE), { maxBytes: 1 << 20 });
}

/**
 * Signs a to-be-signed certificate already parsed by {@link parseTbsCertificate} and returns the
 * signed certificate's info without decoding the TBS a second time: the fields of `tbsInfo` with
 * the DER, outer signature algorithm and signature of the result. Equal to
 * `parseCertificate(result.der)`.
 * @param tbsInfo - the parsed TBS
 * @param signer - the issuer's signer
 * @returns the signed certificate
 */
export async function signParsedCertificate(tbsInfo: CertificateInfo, signer: Signer): Promise<CertificateInfo> {
  const der = Buffer.from(await signCertificate(tbsInfo.tbs, signer));
  const outer = guardDecode('certificate', () => splitSigned(der));
  return {
    ...tbsInfo,
    der,
    signatureAlgorithmOid: outer.signatureAlgorithmOid,
    signatureAlgorithmParamsPresent: outer.signatureAlgorithmParamsPresent,
    signature: outer.signature,
  };
}

/**
 * Verifies a certificate's signature with the issuer's public key. The outer and inner
 * signature algorithms must agree.
 * @param cert - certificate DER/PEM or a parsed certificate
 * @param issuerSpki - DER SubjectPublicKeyInfo of the issuer
 * @returns true when valid; false otherwise, including for malformed input (never throws)
 */
export function verifyCertificateSignature(cert: Uint8Array | CertificateInfo, issuerSpki: Uint8Array): boolean {
  try {
    const c = cert instanceof Uint8Array ? parseCertificate(cert) : cert;
    if (c.signatureAlgorithmOid !== c.tbsSignatureAlgorithmOid) return false;
    return verifySignature(issuerSpki, c.signatureAlgorithmOid, c.tbs, c.signature);
  } catch {
    return false;
  }
}
