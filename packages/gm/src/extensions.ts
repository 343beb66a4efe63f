/** Builders for the X.509 certificate and CRL extensions yinxin issues (RFC 5280, GM/T 0015). */
import { createHash } from 'node:crypto';
import { GmError, guardDecode } from './errors';
import {
  TAG,
  children,
  derBitString,
  derBool,
  derCtx,
  derInteger,
  derNull,
  derOctets,
  derOid,
  derPrintable,
  derSeq,
  derUtf8,
  expectTag,
  isPrintable,
  readBitString,
  readRoot,
  tlv,
} from './der';
import { OIDS } from './oids';

/** An extension to encode: `value` is the DER inside extnValue (the OCTET STRING contents). */
export interface ExtensionInput {
  /** extnID */
  oid: string;
  /** critical flag */
  critical: boolean;
  /** DER of the extension value (what goes inside the extnValue OCTET STRING) */
  value: Uint8Array;
}

/** KeyUsage bit names in bit order. */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** One KeyUsage bit name. */
export type KeyUsageFlag = (typeof KEY_USAGE_BITS)[number];

/**
 * The key identifier of a public key: RFC 5280 §4.2.1.2 method 1, SHA-1 of the
 * subjectPublicKey BIT STRING contents (without the unused-bits octet).
 * @param spki - DER SubjectPublicKeyInfo
 * @returns 20 bytes
 */
export function keyIdentifierOf(spki: Uint8Array): Uint8Array {
  return guardDecode('SubjectPublicKeyInfo', () => {
    const root = readRoot(spki, TAG.SEQUENCE);
    const c = children(spki, root);
    if (c.length !== 2) throw new GmError('GM_DECODE', 'SubjectPublicKeyInfo: expected 2 fields');
    const { bytes } = readBitString(spki, expectTag(c[1], TAG.BIT_STRING));
    return createHash('sha1').update(bytes).digest();
  });
}

function uri(u: string): Buffer {
  return tlv(0x86, Buffer.from(checkAscii(u, 'URI'), 'latin1'));
}

function checkAscii(s: string, what: string): string {
  if (typeof s !== 'string' || !/^[\x21-\x7e]+$/.test(s)) throw new GmError('GM_UNSUPPORTED', `${what} must be non-empty printable ASCII`);
  return s;
}

function keyUsageBits(flags: readonly KeyUsageFlag[]): Buffer {
  let bits = 0;
  for (const f of flags) {
    const i = KEY_USAGE_BITS.indexOf(f);
    if (i < 0) throw new GmError('GM_UNSUPPORTED', `unknown key usage ${f}`);
    bits |= 1 << i;
  }
  if (bits === 0) throw new GmError('GM_UNSUPPORTED', 'keyUsage needs at least one bit');
  // DER: named bits, trailing zero bits removed
  const highest = 31 - Math.clz32(bits);
  const nBytes = (highest >> 3) + 1;
  const out = Buffer.alloc(nBytes);
  for (let i = 0; i <= highest; i++) if (bits & (1 << i)) out[i >> 3] |= 0x80 >> (i & 7);
  return derBitString(out, 7 - (highest & 7));
}

/** Extension builders. Each returns `{ oid, critical, value }` with `value` the DER inside extnValue. */
export const ext = {
  /**
   * basicConstraints, critical.
   * @param ca - cA flag
   * @param pathLen - pathLenConstraint (CA only)
   */
  basicConstraints(ca: boolean, pathLen?: number): ExtensionInput {
    if (pathLen !== undefined && (!ca || !Number.isInteger(pathLen) || pathLen < 0)) {
      throw new GmError('GM_UNSUPPORTED', 'pathLen needs ca=true and a non-negative integer');
    }
    const parts = [...(ca ? [derBool(true)] : []), ...(pathLen !== undefined ? [derInteger(pathLen)] : [])];
    return { oid: OIDS.basicConstraints, critical: true, value: derSeq(...parts) };
  },
  /**
   * keyUsage, critical.
   * @param flags - the bits to set
   */
  keyUsage(flags: KeyUsageFlag[]): ExtensionInput {
    return { oid: OIDS.keyUsage, critical: true, value: keyUsageBits(flags) };
  },
  /**
   * extKeyUsage, non-critical unless asked (RFC 3161 §2.3: a TSA certificate has exactly one
   * purpose, id-kp-timeStamping, and the extension MUST be critical).
   * @param oids - key purpose OIDs (e.g. OIDS.clientAuth)
   * @param opts - `critical` (default false)
   */
  extKeyUsage(oids: string[], opts?: { critical?: boolean }): ExtensionInput {
    if (oids.length === 0) throw new GmError('GM_UNSUPPORTED', 'extKeyUsage needs at least one purpose');
    return { oid: OIDS.extKeyUsage, critical: !!opts?.critical, value: derSeq(...oids.map(derOid)) };
  },
  /**
   * subjectKeyIdentifier, non-critical, from the subject's SPKI ({@link keyIdentifierOf}).
   * @param spki - DER SubjectPublicKeyInfo
   */
  subjectKeyIdentifier(spki: Uint8Array): ExtensionInput {
    return { oid: OIDS.subjectKeyIdentifier, critical: false, value: derOctets(keyIdentifierOf(spki)) };
  },
  /**
   * authorityKeyIdentifier with keyIdentifier only, non-critical.
   * @param keyId - the issuer's subject key identifier
   */
  authorityKeyIdentifier(keyId: Uint8Array): ExtensionInput {
    return { oid: OIDS.authorityKeyIdentifier, critical: false, value: derSeq(tlv(0x80, keyId)) };
  },
  /**
   * cRLDistributionPoints, non-critical: one DistributionPoint whose fullName lists the URIs.
   * @param urls - http:// and ldap:// URLs
   */
  crlDistributionPoints(urls: string[]): ExtensionInput {
    if (urls.length === 0) throw new GmError('GM_UNSUPPORTED', 'cRLDistributionPoints needs a URL');
    return {
      oid: OIDS.crlDistributionPoints,
      critical: false,
      value: derSeq(derSeq(derCtx(0, derCtx(0, ...urls.map(uri))))),
    };
  },
  /**
   * authorityInfoAccess, non-critical.
   * @param a - OCSP responder URLs and CA-issuers URLs
   */
  authorityInfoAccess(a: { ocsp?: string[]; caIssuers?: string[] }): ExtensionInput {
    const items = [
      ...(a.ocsp ?? []).map(u => derSeq(derOid(OIDS.adOcsp), uri(u))),
      ...(a.caIssuers ?? []).map(u => derSeq(derOid(OIDS.adCaIssuers), uri(u))),
    ];
    if (items.length === 0) throw new GmError('GM_UNSUPPORTED', 'authorityInfoAccess needs a URL');
    return { oid: OIDS.authorityInfoAccess, critical: false, value: derSeq(...items) };
  },
  /**
   * subjectAltName, non-critical.
   * @param a - e-mail addresses (rfc822Name), DNS names, URIs
   */
  subjectAltName(a: { email?: string[]; dns?: string[]; uri?: string[] }): ExtensionInput {
    const names = [
      ...(a.email ?? []).map(e => tlv(0x81, Buffer.from(checkAscii(e, 'e-mail'), 'latin1'))),
      ...(a.dns ?? []).map(d => tlv(0x82, Buffer.from(checkAscii(d, 'DNS name'), 'latin1'))),
      ...(a.uri ?? []).map(uri),
    ];
    if (names.length === 0) throw new GmError('GM_UNSUPPORTED', 'subjectAltName needs a name');
    return { oid: OIDS.subjectAltName, critical: false, value: derSeq(...names) };
  },
  /**
   * A GM/T 0015 subject-identity extension (e.g. OIDS.identityCode), non-critical. extnValue is a
   * PrintableString when the value is printable, else a UTF8String.
   * @param oid - the identity OID
   * @param value - the identifier
   */
  identity(oid: string, value: string): ExtensionInput {
    return { oid, critical: false, value: isPrintable(value) ? derPrintable(value) : derUtf8(value) };
  },
  /**
   * certificatePolicies (policy OIDs without qualifiers), non-critical.
   * @param oids - policy OIDs
   */
  certificatePolicies(oids: string[]): ExtensionInput {
    if (oids.length === 0) throw new GmError('GM_UNSUPPORTED', 'certificatePolicies needs a policy');
    return { oid: OIDS.certificatePolicies, critical: false, value: derSeq(...oids.map(o => derSeq(derOid(o)))) };
  },
  /**
   * cRLNumber, non-critical.
   * @param n - the CRL number (0 ≤ n < 2^159)
   */
  crlNumber(n: bigint): ExtensionInput {
    if (n < 0n || n >= 1n << 159n) throw new GmError('GM_UNSUPPORTED', 'cRLNumber out of range');
    return { oid: OIDS.crlNumber, critical: false, value: derInteger(n) };
  },
  /**
   * deltaCRLIndicator, critical.
   * @param base - the base CRL number
   */
  deltaCrlIndicator(base: bigint): ExtensionInput {
    if (base < 0n || base >= 1n << 159n) throw new GmError('GM_UNSUPPORTED', 'base CRL number out of range');
    return { oid: OIDS.deltaCrlIndicator, critical: true, value: derInteger(base) };
  },
  /**
   * issuingDistributionPoint, critical.
   * @param a - the distribution point URL and the scope flags
   */
  issuingDistributionPoint(a: { url?: string; onlyUserCerts?: boolean; onlyCaCerts?: boolean }): ExtensionInput {
    if (a.onlyUserCerts && a.onlyCaCerts) throw new GmError('GM_UNSUPPORTED', 'onlyUserCerts and onlyCaCerts are exclusive');
    const parts = [
      ...(a.url ? [derCtx(0, derCtx(0, uri(a.url)))] : []),
      ...(a.onlyUserCerts ? [Buffer.from([0x81, 1, 0xff])] : []),
      ...(a.onlyCaCerts ? [Buffer.from([0x82, 1, 0xff])] : []),
    ];
    return { oid: OIDS.issuingDistributionPoint, critical: true, value: derSeq(...parts) };
  },
  /** id-pkix-ocsp-nocheck (value NULL), non-critical. */
  ocspNoCheck(): ExtensionInput {
    return { oid: OIDS.ocspNoCheck, critical: false, value: derNull() };
  },
};

/** @internal DER Extension */
export function encodeExtension(e: ExtensionInput): Buffer {
  return derSeq(derOid(e.oid), ...(e.critical ? [derBool(true)] : []), derOctets(e.value));
}

/** @internal DER Extensions (SEQUENCE OF Extension); duplicate OIDs are refused */
export function encodeExtensions(list: ExtensionInput[]): Buffer {
  const seen = new Set<string>();
  for (const e of list) {
    if (seen.has(e.oid)) throw new GmError('GM_UNSUPPORTED', `duplicate extension ${e.oid}`);
    seen.add(e.oid);
  }
  return derSeq(...list.map(encodeExtension));
}

