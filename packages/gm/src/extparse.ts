/** @internal Decoding of extension values into the convenience fields of parsed certificates, CRLs and CSRs. */
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityInfoAccessSyntax,
  AuthorityKeyIdentifier,
  CRLDistributionPoints,
  CertificatePolicies,
  SubjectAlternativeName,
  type GeneralName,
} from '@peculiar/asn1-x509';
import { GmError } from './errors';
import {
  TAG,
  children,
  expectTag,
  fail,
  readBitString,
  readBoolean,
  readOid,
  readRoot,
  readSmallInt,
  readString,
  valueOf,
  type Tlv,
} from './der';
import { KEY_USAGE_BITS } from './extensions';
import { OIDS } from './oids';

/** A decoded extension: `value` is the DER inside extnValue. */
export interface ParsedExtension {
  /** extnID */
  oid: string;
  /** critical flag */
  critical: boolean;
  /** DER inside the extnValue OCTET STRING */
  value: Uint8Array;
}

/** @internal parses Extensions (SEQUENCE OF Extension) */
export function parseExtensions(buf: Uint8Array, t: Tlv): ParsedExtension[] {
  return children(buf, expectTag(t, TAG.SEQUENCE, 'Extensions')).map(e => {
    const c = children(buf, expectTag(e, TAG.SEQUENCE, 'Extension'));
    if (c.length < 2 || c.length > 3) fail('Extension: bad field count');
    const oid = readOid(buf, c[0]);
    const critical = c.length === 3 ? readBoolean(buf, c[1]) : false;
    const value = Buffer.from(valueOf(buf, expectTag(c[c.length - 1], TAG.OCTET_STRING, 'extnValue')));
    return { oid, critical, value };
  });
}

/** Subject alternative names by kind. */
export interface SubjectAltNames {
  /** rfc822Name */
  email?: string[];
  /** dNSName */
  dns?: string[];
  /** uniformResourceIdentifier */
  uri?: string[];
  /** iPAddress (dotted or IPv6 text) */
  ip?: string[];
}

/** Convenience fields decoded from well-known extensions. */
export interface DecodedExtensionFields {
  keyUsage?: string[];
  basicConstraints?: { ca: boolean; pathLen?: number };
  subjectKeyIdentifier?: Uint8Array;
  authorityKeyIdentifier?: Uint8Array;
  extKeyUsage?: string[];
  crlDistributionPoints?: string[];
  subjectAltName?: SubjectAltNames;
  authorityInfoAccess?: { ocsp: string[]; caIssuers: string[] };
  certificatePolicies?: string[];
  identities?: Array<{ oid: string; value: string }>;
}

const GM_IDENTITY_ARC = '1.2.156.10260.4.1.';

function uris(names: GeneralName[] | undefined): string[] {
  return (names ?? []).flatMap(n => (n.uniformResourceIdentifier !== undefined ? [n.uniformResourceIdentifier] : []));
}

function parseKeyUsage(v: Buffer): string[] {
  const root = readRoot(v, TAG.BIT_STRING);
  const { bytes } = readBitString(v, root);
  const out: string[] = [];
  KEY_USAGE_BITS.forEach((name, i) => {
    if (i >> 3 < bytes.length && bytes[i >> 3] & (0x80 >> (i & 7))) out.push(name);
  });
  return out;
}

function parseBasicConstraints(v: Buffer): { ca: boolean; pathLen?: number } {
  const c = children(v, readRoot(v, TAG.SEQUENCE));
  let ca = false;
  let pathLen: number | undefined;
  for (const f of c) {
    if (f.tag === TAG.BOOLEAN) ca = readBoolean(v, f);
    else if (f.tag === TAG.INTEGER) pathLen = readSmallInt(v, f);
    else fail('basicConstraints: unexpected field');
  }
  return pathLen === undefined ? { ca } : { ca, pathLen };
}

function parseIdentity(v: Buffer): string {
  let t = readRoot(v);
  let buf: Uint8Array = v;
  if (t.tag === TAG.OCTET_STRING) {
    // some issuers wrap the string once more
    buf = valueOf(v, t);
    t = readRoot(buf);
  }
  return readString(buf, t);
}

/** @internal decodes the well-known extensions; malformed ones give GM_DECODE */
export function decodeExtensionFields(exts: ParsedExtension[]): DecodedExtensionFields {
  const out: DecodedExtensionFields = {};
  const done = new Set<string>();
  for (const e of exts) {
    if (done.has(e.oid)) continue; // duplicates: the first one counts (lint reports duplicates)
    done.add(e.oid);
    const v = Buffer.from(e.value);
    try {
      switch (e.oid) {
        case OIDS.keyUsage:
          out.keyUsage = parseKeyUsage(v);
          break;
        case OIDS.basicConstraints:
          out.basicConstraints = parseBasicConstraints(v);
          break;
        case OIDS.subjectKeyIdentifier:
          out.subjectKeyIdentifier = Buffer.from(valueOf(v, readRoot(v, TAG.OCTET_STRING)));
          break;
        case OIDS.extKeyUsage:
          out.extKeyUsage = children(v, readRoot(v, TAG.SEQUENCE)).map(t => readOid(v, t));
          break;
        case OIDS.authorityKeyIdentifier: {
          readRoot(v, TAG.SEQUENCE);
          const aki = AsnConvert.parse(v, AuthorityKeyIdentifier);
          if (aki.keyIdentifier) out.authorityKeyIdentifier = Buffer.from(aki.keyIdentifier.buffer);
          break;
        }
        case OIDS.crlDistributionPoints: {
          readRoot(v, TAG.SEQUENCE);
          const dps = AsnConvert.parse(v, CRLDistributionPoints);
          out.crlDistributionPoints = dps.flatMap(dp => uris(dp.distributionPoint?.fullName));
          break;
        }
        case OIDS.subjectAltName: {
          readRoot(v, TAG.SEQUENCE);
          const san = AsnConvert.parse(v, SubjectAlternativeName);
          const pick = (f: (n: GeneralName) => string | undefined) =>
            san.flatMap(n => (f(n) !== undefined ? [f(n) as string] : []));
          out.subjectAltName = {
            email: pick(n => n.rfc822Name),
            dns: pick(n => n.dNSName),
            uri: pick(n => n.uniformResourceIdentifier),
            ip: pick(n => n.iPAddress),
          };
          break;
        }
        case OIDS.authorityInfoAccess: {
          readRoot(v, TAG.SEQUENCE);
          const aia = AsnConvert.parse(v, AuthorityInfoAccessSyntax);
          const of = (m: string) =>
            aia.filter(a => a.accessMethod === m).flatMap(a => uris([a.accessLocation]));
          out.authorityInfoAccess = { ocsp: of(OIDS.adOcsp), caIssuers: of(OIDS.adCaIssuers) };
          break;
        }
        case OIDS.certificatePolicies: {
          readRoot(v, TAG.SEQUENCE);
          out.certificatePolicies = AsnConvert.parse(v, CertificatePolicies).map(p => p.policyIdentifier);
          break;
        }
        default:
          if (e.oid.startsWith(GM_IDENTITY_ARC)) {
            (out.identities ??= []).push({ oid: e.oid, value: parseIdentity(v) });
          }
      }
    } catch (err) {
      if (err instanceof GmError) throw err;
      throw new GmError('GM_DECODE', `extension ${e.oid}: malformed`, { cause: err });
    }
  }
  return out;
}
