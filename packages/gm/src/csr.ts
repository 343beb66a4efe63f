/** PKCS#10 certification requests (RFC 2986; GM/T 0092 for SM2): building and parsing. */
import { checkSize, guardDecode } from './errors';
import {
  TAG,
  children,
  derInteger,
  derOid,
  derPrintable,
  derSeq,
  derSetOf,
  derUtf8,
  expectTag,
  fail,
  isPrintable,
  readOid,
  readSmallInt,
  readString,
  rawOf,
  tlv,
} from './der';
import { encodeExtensions, type ExtensionInput } from './extensions';
import { parseExtensions, type ParsedExtension } from './extparse';
import { decodeSpkiAt, type PublicKeyInfo } from './keys';
import { decodeNameAt, encodeName, type NameAttribute } from './names';
import { decodeBase64Strict, pemBlocks } from './pem';
import { assembleSigned, splitSigned } from './signed';
import { verifySignature, type Signer } from './signer';
import { OIDS } from './oids';

/**
 * Builds and signs a PKCS#10 CertificationRequest. `challengePassword` is written as a
 * PrintableString when possible (GM/T 0092), else UTF8String; `extensions` go into a PKCS#9
 * extensionRequest attribute.
 * @param a - subject, the signer holding the subject's key, optional password and extensions
 * @returns DER CertificationRequest
 */
export async function buildCsr(a: {
  subject: NameAttribute[];
  signer: Signer;
  challengePassword?: string;
  extensions?: ExtensionInput[];
}): Promise<Uint8Array> {
  const attrs: Buffer[] = [];
  if (a.challengePassword !== undefined) {
    const v = isPrintable(a.challengePassword) ? derPrintable(a.challengePassword) : derUtf8(a.challengePassword);
    attrs.push(derSeq(derOid(OIDS.challengePassword), derSetOf([v])));
  }
  if (a.extensions?.length) {
    attrs.push(derSeq(derOid(OIDS.extensionRequest), derSetOf([encodeExtensions(a.extensions)])));
  }
  const info = derSeq(derInteger(0), encodeName(a.subject), a.signer.spki, tlv(0xa0, ...sortAttrs(attrs)));
  return assembleSigned(info, a.signer);
}

/** DER SET OF order for the [0] IMPLICIT attributes */
function sortAttrs(attrs: Buffer[]): Buffer[] {
  return [...attrs].sort(Buffer.compare);
}

/** A parsed certification request. */
export interface CsrInfo {
  /** the whole request DER */
  der: Uint8Array;
  /** DER CertificationRequestInfo as received (what the signature covers) */
  info: Uint8Array;
  /** subject attributes */
  subject: NameAttribute[];
  /** subject Name DER */
  subjectDer: Uint8Array;
  /** the requested public key */
  publicKey: PublicKeyInfo;
  /** signature algorithm OID */
  signatureAlgorithmOid: string;
  /** whether the proof-of-possession signature verifies with the enclosed key (SM2: default ID) */
  signatureValid: boolean;
  /** PKCS#9 (or GM/T 0092) challengePassword */
  challengePassword?: string;
  /** extensions from the PKCS#9 extensionRequest attribute */
  requestedExtensions: ParsedExtension[];
}

/** Default limit of {@link parseCsr}. */
export const CSR_MAX_BYTES = 16 * 1024;

function csrDer(input: Uint8Array | string, max: number): Uint8Array {
  const text =
    typeof input === 'string'
      ? input
      : input instanceof Uint8Array && input.length > 0 && input[0] !== 0x30
        ? Buffer.from(input).toString('latin1')
        : undefined;
  if (text === undefined) {
    if (!(input instanceof Uint8Array)) fail('CSR: not bytes or text');
    return input as Uint8Array;
  }
  checkSize('CSR', text.length, Math.ceil(max * 1.4) + 1024);
  if (text.includes('-----BEGIN ')) {
    const b = pemBlocks(text).find(x => x.label === 'CERTIFICATE REQUEST' || x.label === 'NEW CERTIFICATE REQUEST');
    if (!b) fail('CSR: no CERTIFICATE REQUEST block');
    return b.der;
  }
  return decodeBase64Strict(text);
}

/**
 * Parses a PKCS#10 request (PEM, DER or base64) and checks its signature. Throws only `GmError`
 * (`GM_DECODE`, `GM_TOO_LARGE`), whatever the input; a bad signature or an unsupported
 * algorithm is reported as `signatureValid: false`.
 * @param input - the request
 * @param opts - `maxBytes` (default 16 KiB)
 * @returns the decoded request
 */
export function parseCsr(input: Uint8Array | string, opts?: { maxBytes?: number }): CsrInfo {
  const max = opts?.maxBytes ?? CSR_MAX_BYTES;
  return guardDecode('CSR', () => {
    const der = Buffer.from(csrDer(input, max));
    checkSize('CSR', der.length, max);
    const outer = splitSigned(der);
    const f = children(der, outer.tbs);
    if (f.length < 3 || f.length > 4) fail('CertificationRequestInfo: bad field count');
    if (readSmallInt(der, f[0]) !== 0) fail('CSR: unknown version');
    const subject = decodeNameAt(der, f[1]);
    const publicKey = decodeSpkiAt(der, f[2]);
    let challengePassword: string | undefined;
    let requestedExtensions: ParsedExtension[] = [];
    if (f[3]) {
      if (f[3].tag !== 0xa0) fail('CSR: bad attributes');
      for (const attr of children(der, f[3])) {
        const c = children(der, expectTag(attr, TAG.SEQUENCE, 'Attribute'));
        if (c.length !== 2) fail('CSR: bad Attribute');
        const oid = readOid(der, c[0]);
        const values = children(der, expectTag(c[1], TAG.SET, 'Attribute values'));
        if (oid === OIDS.challengePassword || oid === OIDS.gmChallengePassword) {
          if (values.length !== 1) fail('CSR: challengePassword must have one value');
          challengePassword = readString(der, values[0]);
        } else if (oid === OIDS.extensionRequest) {
          if (values.length !== 1) fail('CSR: extensionRequest must have one value');
          requestedExtensions = parseExtensions(der, values[0]);
        }
      }
    }
    const info = Buffer.from(rawOf(der, outer.tbs));
    return {
      der,
      info,
      subject,
      subjectDer: Buffer.from(rawOf(der, f[1])),
      publicKey,
      signatureAlgorithmOid: outer.signatureAlgorithmOid,
      signatureValid: verifySignature(publicKey.spki, outer.signatureAlgorithmOid, info, outer.signature),
      ...(challengePassword !== undefined ? { challengePassword } : {}),
      requestedExtensions,
    };
  });
}

