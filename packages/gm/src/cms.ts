/**
 * @internal CMS SignedData with one signer and signed attributes (RFC 5652, and the GB/T 35275 /
 * GM/T 0010 OID form for SM2), as timestamp tokens need it. Only what TSP uses is built; the
 * parser reads any single- or multi-signer SignedData with an attached DER eContent.
 *
 * SM2 profiles:
 * - `rfc5652`: ContentInfo `id-signedData` (1.2.840.113549.1.7.2), SignedData version 3,
 *   SignerInfo.signatureAlgorithm SM3withSM2 (1.2.156.10197.1.501). BouncyCastle verifies this.
 * - `gbt35275`: ContentInfo `signedData` 1.2.156.10197.6.1.4.2.2, SignedData version 1,
 *   SignerInfo.signatureAlgorithm SM2-1 (1.2.156.10197.1.301.1), as GM/T 0010 writes it (seen in
 *   c5soft and ofdrw signatures of the interop corpus). BouncyCastle 1.72 cannot map 301.1 to a
 *   signature algorithm and refuses it.
 * Digest algorithms are written without parameters (SM3, and SHA-256 per RFC 5754).
 */
import { toHex } from './bytes';
import type { CertificateInfo } from './certificate';
import { GmError } from './errors';
import {
  TAG,
  children,
  derAlgorithm,
  derCtx,
  derOctets,
  derOid,
  derSeq,
  derSetOf,
  derTime,
  expectTag,
  fail,
  readAlgorithm,
  readOid,
  readRoot,
  readSmallInt,
  readUnsigned,
  rawOf,
  tlv,
  valueOf,
  type Tlv,
} from './der';
import { HASHES, digest, hashByOid, type HashAlgorithm } from './hashes';
import { OIDS } from './oids';
import { verifySignature, type Signer } from './signer';

/** How an SM2 SignedData names itself (see the module comment); RSA always uses `rfc5652`. */
export type CmsProfile = 'rfc5652' | 'gbt35275';

/** @internal one signed attribute: type and the DER of each value */
export interface CmsAttribute {
  oid: string;
  values: Uint8Array[];
}

/** @internal DER Attribute */
export function encodeAttribute(a: CmsAttribute): Buffer {
  return derSeq(derOid(a.oid), derSetOf(a.values));
}

/** @internal the digest algorithm a signer's CMS signatures use */
export function cmsDigestFor(signer: Signer): HashAlgorithm {
  return signer.algorithm === 'SM2' ? 'SM3' : 'SHA-256';
}

/**
 * @internal ESSCertIDv2 (RFC 5035) of a certificate, with issuerSerial. The hash algorithm is
 * omitted when it is SHA-256 (the DEFAULT).
 */
export function essCertIdV2(cert: CertificateInfo, alg: HashAlgorithm): Buffer {
  const hash = digest(alg, cert.der);
  const issuerSerial = derSeq(derSeq(derCtx(4, cert.issuerDer)), serialInteger(cert));
  return derSeq(...(alg === 'SHA-256' ? [] : [derAlgorithm(HASHES[alg].oid, false)]), derOctets(hash), issuerSerial);
}

function serialInteger(cert: CertificateInfo): Buffer {
  const v = Buffer.from(cert.serialHex.length % 2 ? `0${cert.serialHex}` : cert.serialHex, 'hex');
  return v[0] & 0x80 ? tlv(TAG.INTEGER, Buffer.of(0), v) : tlv(TAG.INTEGER, v);
}

/** @internal signs eContent and returns the DER ContentInfo */
export async function signCmsSignedData(a: {
  eContentType: string;
  eContent: Uint8Array;
  signerCert: CertificateInfo;
  signer: Signer;
  /** certificates to include ([0] IMPLICIT CertificateSet), in the given order */
  certificates: Uint8Array[];
  signingTime: Date;
  /** signed attributes besides contentType, signingTime and messageDigest */
  extraSignedAttributes: CmsAttribute[];
  profile: CmsProfile;
}): Promise<Buffer> {
  const gm = a.signer.algorithm === 'SM2' && a.profile === 'gbt35275';
  const hashAlg = cmsDigestFor(a.signer);
  const digestAlg = derAlgorithm(HASHES[hashAlg].oid, false);
  const attrs = [
    encodeAttribute({ oid: OIDS.contentType, values: [derOid(a.eContentType)] }),
    encodeAttribute({ oid: OIDS.signingTime, values: [derTime(a.signingTime)] }),
    encodeAttribute({ oid: OIDS.messageDigest, values: [derOctets(digest(hashAlg, a.eContent))] }),
    ...a.extraSignedAttributes.map(encodeAttribute),
  ];
  const signedAttrs = derSetOf(attrs);
  const signature = await a.signer.sign(signedAttrs);
  const sigAlg =
    a.signer.algorithm === 'SM2'
      ? derAlgorithm(gm ? OIDS.sm2Sign : OIDS.sm3WithSm2, false)
      : derAlgorithm(a.signer.signatureAlgorithm.oid, a.signer.signatureAlgorithm.nullParams);
  const signerInfo = derSeq(
    Buffer.from([TAG.INTEGER, 1, 1]),
    derSeq(a.signerCert.issuerDer, serialInteger(a.signerCert)),
    digestAlg,
    Buffer.concat([Buffer.of(0xa0), signedAttrs.subarray(1)]), // [0] IMPLICIT: same length and content as the SET
    sigAlg,
    derOctets(signature),
  );
  const signedData = derSeq(
    Buffer.from([TAG.INTEGER, 1, gm ? 1 : 3]),
    tlv(TAG.SET, digestAlg),
    derSeq(derOid(a.eContentType), derCtx(0, derOctets(a.eContent))),
    ...(a.certificates.length ? [tlv(0xa0, ...a.certificates)] : []),
    tlv(TAG.SET, signerInfo),
  );
  return derSeq(derOid(gm ? OIDS.gmSignedData : OIDS.pkcs7SignedData), derCtx(0, signedData));
}

/** @internal a parsed SignerInfo */
export interface CmsSignerInfo {
  version: number;
  /** IssuerAndSerialNumber: issuer Name DER and serial hex */
  issuerAndSerial?: { issuer: Uint8Array; serialHex: string };
  /** SubjectKeyIdentifier sid (hex) */
  subjectKeyIdentifier?: string;
  digestAlgorithmOid: string;
  signatureAlgorithmOid: string;
  signature: Uint8Array;
  /** DER of the signed attributes as a SET (what the signature covers); absent when there are none */
  signedAttrs?: Uint8Array;
  /** signed attributes by type (values as DER) */
  attributes: CmsAttribute[];
  /** unsigned attributes */
  unsignedAttributes: CmsAttribute[];
}

/** @internal a parsed SignedData */
export interface CmsSignedData {
  contentType: string;
  version: number;
  digestAlgorithmOids: string[];
  eContentType: string;
  eContent?: Uint8Array;
  certificates: Uint8Array[];
  signerInfos: CmsSignerInfo[];
}

function readAttributes(buf: Buffer, t: Tlv): CmsAttribute[] {
  return children(buf, t).map(a => {
    const c = children(buf, expectTag(a, TAG.SEQUENCE, 'Attribute'));
    if (c.length !== 2) fail('Attribute: expected 2 fields');
    const values = children(buf, expectTag(c[1], TAG.SET, 'attrValues')).map(v => Buffer.from(rawOf(buf, v)));
    return { oid: readOid(buf, c[0]), values };
  });
}

function readSignerInfo(buf: Buffer, t: Tlv): CmsSignerInfo {
  const c = children(buf, expectTag(t, TAG.SEQUENCE, 'SignerInfo'));
  if (c.length < 5 || c.length > 7) fail('SignerInfo: bad field count');
  const version = readSmallInt(buf, c[0]);
  const out: Partial<CmsSignerInfo> & { attributes: CmsAttribute[]; unsignedAttributes: CmsAttribute[] } = {
    version,
    attributes: [],
    unsignedAttributes: [],
  };
  if (c[1].tag === TAG.SEQUENCE) {
    const [issuer, serial, extra] = children(buf, c[1]);
    if (!issuer || !serial || extra) fail('IssuerAndSerialNumber: expected 2 fields');
    expectTag(issuer, TAG.SEQUENCE, 'issuer');
    out.issuerAndSerial = { issuer: Buffer.from(rawOf(buf, issuer)), serialHex: toHex(readUnsigned(buf, serial)) };
  } else if (c[1].tag === 0x80) {
    out.subjectKeyIdentifier = valueOf(buf, c[1]).toString('hex');
  } else {
    fail('SignerInfo: bad sid');
  }
  out.digestAlgorithmOid = readAlgorithm(buf, c[2]).oid;
  let i = 3;
  if (c[i]?.tag === 0xa0) {
    const sa = c[i++];
    out.attributes = readAttributes(buf, sa);
    out.signedAttrs = Buffer.concat([Buffer.of(TAG.SET), rawOf(buf, sa).subarray(1)]);
  }
  out.signatureAlgorithmOid = readAlgorithm(buf, expectTag(c[i++], TAG.SEQUENCE, 'signatureAlgorithm')).oid;
  out.signature = Buffer.from(valueOf(buf, expectTag(c[i++], TAG.OCTET_STRING, 'signature')));
  if (c[i]?.tag === 0xa1) out.unsignedAttributes = readAttributes(buf, c[i++]);
  if (i !== c.length) fail('SignerInfo: unexpected fields');
  return out as CmsSignerInfo;
}

/** @internal parses a ContentInfo holding a SignedData (RFC 5652 or GB/T 35275 content type) */
export function parseCmsSignedData(buf: Buffer, root: Tlv): CmsSignedData {
  const ci = children(buf, expectTag(root, TAG.SEQUENCE, 'ContentInfo'));
  if (ci.length !== 2) fail('ContentInfo: expected 2 fields');
  const contentType = readOid(buf, ci[0]);
  if (contentType !== OIDS.pkcs7SignedData && contentType !== OIDS.gmSignedData) fail(`ContentInfo: not signedData (${contentType})`);
  const [sdTlv, extra] = children(buf, expectTag(ci[1], 0xa0, 'content'));
  if (!sdTlv || extra) fail('ContentInfo: bad content wrapper');
  const f = children(buf, expectTag(sdTlv, TAG.SEQUENCE, 'SignedData'));
  if (f.length < 4) fail('SignedData: too few fields');
  const version = readSmallInt(buf, f[0]);
  const digestAlgorithmOids = children(buf, expectTag(f[1], TAG.SET, 'digestAlgorithms')).map(a => readAlgorithm(buf, a).oid);
  const eci = children(buf, expectTag(f[2], TAG.SEQUENCE, 'encapContentInfo'));
  if (eci.length < 1 || eci.length > 2) fail('EncapsulatedContentInfo: bad field count');
  const eContentType = readOid(buf, eci[0]);
  let eContent: Uint8Array | undefined;
  if (eci[1]) {
    const [oct, x] = children(buf, expectTag(eci[1], 0xa0, 'eContent'));
    if (!oct || x) fail('EncapsulatedContentInfo: bad eContent wrapper');
    eContent = Buffer.from(valueOf(buf, expectTag(oct, TAG.OCTET_STRING, 'eContent')));
  }
  let i = 3;
  const certificates: Uint8Array[] = [];
  if (f[i]?.tag === 0xa0) {
    for (const c of children(buf, f[i++])) if (c.tag === TAG.SEQUENCE) certificates.push(Buffer.from(rawOf(buf, c)));
  }
  if (f[i]?.tag === 0xa1) i++; // crls: not used
  const signerInfos = children(buf, expectTag(f[i++], TAG.SET, 'signerInfos')).map(s => readSignerInfo(buf, s));
  if (i !== f.length) fail('SignedData: unexpected fields');
  return { contentType, version, digestAlgorithmOids, eContentType, ...(eContent ? { eContent } : {}), certificates, signerInfos };
}

/** @internal the single value of a signed attribute, or undefined */
export function attributeValue(si: CmsSignerInfo, oid: string): Uint8Array | undefined {
  const a = si.attributes.filter(x => x.oid === oid);
  if (a.length > 1 || (a[0] && a[0].values.length !== 1)) fail(`attribute ${oid} must have exactly one value`);
  return a[0]?.values[0];
}

const RSA_BY_DIGEST: Partial<Record<HashAlgorithm, string>> = {
  'SHA-256': OIDS.sha256WithRsa,
  'SHA-384': OIDS.sha384WithRsa,
  'SHA-512': OIDS.sha512WithRsa,
};

/** @internal checks a SignerInfo: contentType and messageDigest attributes and the signature */
export function verifyCmsSigner(sd: CmsSignedData, si: CmsSignerInfo, spki: Uint8Array): { valid: boolean; problem?: string } {
  const alg = hashByOid(si.digestAlgorithmOid);
  if (!alg) return { valid: false, problem: `unsupported digest algorithm ${si.digestAlgorithmOid}` };
  if (!si.signedAttrs) return { valid: false, problem: 'no signed attributes' };
  if (!sd.eContent) return { valid: false, problem: 'detached content' };
  const ct = attributeValue(si, OIDS.contentType);
  if (!ct) return { valid: false, problem: 'no contentType attribute' };
  const ctBuf = Buffer.from(ct);
  if (readOid(ctBuf, readRoot(ctBuf, TAG.OID)) !== sd.eContentType) return { valid: false, problem: 'contentType attribute differs from eContentType' };
  const md = attributeValue(si, OIDS.messageDigest);
  if (!md) return { valid: false, problem: 'no messageDigest attribute' };
  const mdBuf = Buffer.from(md);
  if (!valueOf(mdBuf, readRoot(mdBuf, TAG.OCTET_STRING)).equals(digest(alg, sd.eContent))) {
    return { valid: false, problem: 'messageDigest does not match the content' };
  }
  let sigOid = si.signatureAlgorithmOid;
  if (sigOid === OIDS.sm2Sign || sigOid === OIDS.sm3WithSm2) {
    if (alg !== 'SM3') return { valid: false, problem: 'SM2 signatures need the SM3 digest' };
    sigOid = OIDS.sm3WithSm2;
  } else if (sigOid === OIDS.rsaEncryption) {
    sigOid = RSA_BY_DIGEST[alg] ?? sigOid;
  }
  if (!verifySignature(spki, sigOid, si.signedAttrs, si.signature)) return { valid: false, problem: 'signature does not verify' };
  return { valid: true };
}

/** @internal throws GM_UNSUPPORTED for a profile name that is not known */
export function checkProfile(p: string): CmsProfile {
  if (p !== 'rfc5652' && p !== 'gbt35275') throw new GmError('GM_UNSUPPORTED', `unknown CMS profile ${p}`);
  return p;
}
