/** X.501 distinguished names: DER encoding, decoding and display. */
import { GmError, guardDecode } from './errors';
import {
  TAG,
  children,
  derIa5,
  derOid,
  derPrintable,
  derSeq,
  derUtf8,
  expectTag,
  readOid,
  readRoot,
  readString,
  tlv,
  type Tlv,
} from './der';
import { OIDS } from './oids';

/** Attribute types of a name that this library knows by short name. */
export type NameAttributeType = 'C' | 'ST' | 'L' | 'O' | 'OU' | 'CN' | 'E' | 'SERIALNUMBER' | 'UID';

/**
 * One attribute of a distinguished name. `type: 'OTHER'` with `oid` carries attributes outside
 * the short-name list (decoded from foreign names; encoded as UTF8String).
 */
export interface NameAttribute {
  /** short name, or `OTHER` */
  type: NameAttributeType | 'OTHER';
  /** the value as text (non-string values are shown as `#` + hex of their DER) */
  value: string;
  /** the attribute OID; only for `OTHER` */
  oid?: string;
}

const TYPE_OID: Record<NameAttributeType, string> = {
  C: OIDS.countryName,
  ST: OIDS.stateOrProvinceName,
  L: OIDS.localityName,
  O: OIDS.organizationName,
  OU: OIDS.organizationalUnitName,
  CN: OIDS.commonName,
  E: OIDS.emailAddress,
  SERIALNUMBER: OIDS.serialNumberAttr,
  UID: OIDS.userId,
};
const OID_TYPE = new Map<string, NameAttributeType>(
  Object.entries(TYPE_OID).map(([k, v]) => [v, k as NameAttributeType]),
);
/** display names of some attributes outside the short-name list */
const OTHER_LABELS: Record<string, string> = {
  '0.9.2342.19200300.100.1.25': 'DC',
  '2.5.4.9': 'STREET',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '2.5.4.4': 'SN',
  '2.5.4.17': 'postalCode',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.97': 'organizationIdentifier',
};

function encodeValue(a: NameAttribute): Buffer {
  switch (a.type) {
    case 'C':
      if (!/^[A-Z]{2}$/.test(a.value)) throw new GmError('GM_UNSUPPORTED', 'C must be a two-letter country code');
      return derPrintable(a.value);
    case 'SERIALNUMBER':
      return derPrintable(a.value);
    case 'E':
      return derIa5(a.value);
    default:
      return derUtf8(a.value);
  }
}

/**
 * DER Name from attributes: one attribute per RDN, in the given order (most significant
 * first, e.g. C, O, OU, CN). UTF8String for text, PrintableString for C and SERIALNUMBER,
 * IA5String for E.
 * @param attrs - attributes
 * @returns DER of the Name
 */
export function encodeName(attrs: NameAttribute[]): Uint8Array {
  const rdns = attrs.map(a => {
    const oid = a.type === 'OTHER' ? a.oid : TYPE_OID[a.type];
    if (!oid) throw new GmError('GM_UNSUPPORTED', `unknown name attribute type ${a.type}`);
    if (typeof a.value !== 'string') throw new GmError('GM_UNSUPPORTED', 'name attribute value must be a string');
    return tlv(TAG.SET, derSeq(derOid(oid), encodeValue(a)));
  });
  return derSeq(...rdns);
}

/** @internal decodes a Name TLV inside a larger buffer */
export function decodeNameAt(buf: Uint8Array, nameTlv: Tlv): NameAttribute[] {
  const out: NameAttribute[] = [];
  for (const rdn of children(buf, expectTag(nameTlv, TAG.SEQUENCE, 'Name'))) {
    const atvs = children(buf, expectTag(rdn, TAG.SET, 'RelativeDistinguishedName'));
    if (atvs.length === 0) throw new GmError('GM_DECODE', 'Name: empty RDN');
    for (const atv of atvs) {
      const c = children(buf, expectTag(atv, TAG.SEQUENCE, 'AttributeTypeAndValue'));
      if (c.length !== 2) throw new GmError('GM_DECODE', 'Name: bad AttributeTypeAndValue');
      const oid = readOid(buf, c[0]);
      let value: string;
      try {
        value = readString(buf, c[1]);
      } catch {
        value = `#${Buffer.from(buf.subarray(c[1].start, c[1].end)).toString('hex')}`;
      }
      const type = OID_TYPE.get(oid);
      out.push(type ? { type, value } : { type: 'OTHER', value, oid });
    }
  }
  return out;
}

/**
 * Attributes of a DER Name, flattened in encoded order (multi-valued RDNs give several entries).
 * @param der - DER of a Name
 * @returns the attributes; `GmError('GM_DECODE')` when malformed
 */
export function decodeName(der: Uint8Array): NameAttribute[] {
  return guardDecode('Name', () => decodeNameAt(der, readRoot(der, TAG.SEQUENCE)));
}

function escapeValue(v: string): string {
  let s = v.replace(/([,+"\\<>;=])/g, '\\$1');
  if (s.startsWith(' ') || s.startsWith('#')) s = `\\${s}`;
  if (s.endsWith(' ') && s.length > 1) s = `${s.slice(0, -1)}\\ `;
  return s;
}

/**
 * Display form of a name, in encoded order (most significant first), e.g.
 * `C=CN, O=某某厅, CN=张三`. Special characters are backslash-escaped.
 * @param attrs - attributes, or the DER of a Name
 * @returns the display string
 */
export function nameToString(attrs: NameAttribute[] | Uint8Array): string {
  const list = attrs instanceof Uint8Array ? decodeName(attrs) : attrs;
  return list
    .map(a => {
      const label = a.type === 'OTHER' ? OTHER_LABELS[a.oid ?? ''] ?? a.oid ?? 'OTHER' : a.type;
      return `${label}=${escapeValue(a.value)}`;
    })
    .join(', ');
}
