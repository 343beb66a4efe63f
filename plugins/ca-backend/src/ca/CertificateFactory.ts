import {
  CertificateInfo,
  ExtensionInput,
  OIDS,
  Signer,
  encodeTbsCertificate,
  ext,
  keyIdentifierOf,
  parseTbsCertificate,
  signParsedCertificate,
} from '@yinxin/gm';
import type { KeyAlgorithm } from '@yinxin/plugin-ca-common';
import type { CertificateProfile } from '../profiles/profiles';
import { LintViolation, lintCertificate } from '../profiles/lint';
import { crlDistributionPointUrl } from '../publication/ldap/dn';

/** Where relying parties find CRLs, OCSP and the issuer's certificate (carried in certificates). */
export interface PublicationUrls {
  /** Base of the HTTP publication routes, e.g. `http://ca.example.gov.cn/api/ca/public`. */
  httpBase: string;
  /** LDAP server URL for CRL distribution points, e.g. `ldap://ldap.example.gov.cn`; optional. */
  ldapBase?: string;
}

/** Identity facts that GM/T 0015 carries in extensions. */
export interface SubjectIdentity {
  idNumber?: string;
  creditCode?: string;
  email?: string[];
  dnsNames?: string[];
}

/** Everything needed to build one certificate. */
export interface CertificateRequest {
  profile: CertificateProfile;
  keyAlgorithm: KeyAlgorithm;
  serial: Uint8Array;
  subjectDer: Uint8Array;
  subjectSpki: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  identity?: SubjectIdentity;
  /** The issuing authority: its id (for URLs), certificate and signer; absent for a self-signed root. */
  issuer?: { id: string; certificate: CertificateInfo; algorithm: KeyAlgorithm; signer: Signer };
  /** For a self-signed root: its own id and signer. */
  selfSigned?: { id: string; signer: Signer; algorithm: KeyAlgorithm };
}

/** Thrown when the to-be-signed certificate fails its profile lints: nothing is signed. */
export class LintError extends Error {
  constructor(readonly violations: LintViolation[]) {
    super(`certificate failed its profile lints: ${violations.map(v => `${v.code} (${v.message})`).join('; ')}`);
    this.name = 'LintError';
  }
}

/** Builds the extensions of a certificate from its profile. */
export function profileExtensions(req: CertificateRequest, urls: PublicationUrls): ExtensionInput[] {
  const p = req.profile;
  const issuerId = req.issuer?.id ?? req.selfSigned!.id;
  const issuerSpki = req.issuer ? req.issuer.certificate.publicKey.spki : req.subjectSpki;
  const out: ExtensionInput[] = [];
  out.push(ext.basicConstraints(p.ca, p.pathLen));
  out.push(ext.keyUsage(p.keyUsage));
  if (p.extKeyUsage.length > 0) {
    const e = ext.extKeyUsage(p.extKeyUsage);
    out.push({ ...e, critical: !!p.extKeyUsageCritical });
  }
  out.push(ext.subjectKeyIdentifier(req.subjectSpki));
  if (req.issuer) out.push(ext.authorityKeyIdentifier(req.issuer.certificate.subjectKeyIdentifier ?? keyIdentifierOf(issuerSpki)));
  else if (!p.ca) out.push(ext.authorityKeyIdentifier(keyIdentifierOf(issuerSpki)));
  if (p.revocationPointers) {
    const cdp = [`${urls.httpBase}/crl/${issuerId}.crl`];
    if (urls.ldapBase) cdp.push(crlDistributionPointUrl(urls.ldapBase, issuerId));
    out.push(ext.crlDistributionPoints(cdp));
    out.push(ext.authorityInfoAccess({ ocsp: [`${urls.httpBase}/ocsp/${issuerId}`], caIssuers: [`${urls.httpBase}/ca/${issuerId}.cer`] }));
  }
  const id = req.identity;
  if (id && p.identityExtensions) {
    if (id.idNumber) out.push(ext.identity(OIDS.identityCode, id.idNumber));
    if (id.creditCode) out.push(ext.identity(OIDS.organizationCode, id.creditCode));
  }
  const san = { email: id?.email?.filter(Boolean) ?? [], dns: p.requiresDnsName ? id?.dnsNames ?? [] : [] };
  if (san.email.length > 0 || san.dns.length > 0) out.push(ext.subjectAltName(san));
  if (p.ocspNoCheck) out.push(ext.ocspNoCheck());
  return out;
}

/**
 * Builds the to-be-signed certificate from its profile, lints it and only then signs it.
 * Throws {@link LintError} (nothing signed) on any violation.
 */
export async function issueCertificate(
  req: CertificateRequest,
  urls: PublicationUrls,
  extraExtensions: ExtensionInput[] = [],
): Promise<{ der: Uint8Array; info: CertificateInfo }> {
  const signer = req.issuer?.signer ?? req.selfSigned!.signer;
  const issuerAlgorithm = req.issuer?.algorithm ?? req.selfSigned!.algorithm;
  const tbs = encodeTbsCertificate({
    serialNumber: req.serial,
    issuer: req.issuer ? req.issuer.certificate.subjectDer : req.subjectDer,
    subject: req.subjectDer,
    notBefore: req.notBefore,
    notAfter: req.notAfter,
    subjectPublicKeyInfo: req.subjectSpki,
    extensions: [...profileExtensions(req, urls), ...extraExtensions],
    signatureAlgorithm: signer.signatureAlgorithm,
  });
  const tbsInfo = parseTbsCertificate(tbs);
  const violations = lintCertificate(tbsInfo, {
    profile: req.profile,
    keyAlgorithm: req.keyAlgorithm,
    issuer: req.issuer?.certificate,
    issuerAlgorithm,
  });
  if (violations.length > 0) throw new LintError(violations);
  const info = await signParsedCertificate(tbsInfo, signer);
  return { der: info.der, info };
}

/** The SM3withSM2 or sha256WithRSA OID a CA of `algorithm` signs with. */
export const signatureOidOf = (algorithm: KeyAlgorithm) => (algorithm === 'SM2' ? OIDS.sm3WithSm2 : OIDS.sha256WithRsa);
