import { CertificateInfo, OIDS, keyIdentifierOf } from '@yinxin/gm';
import type { KeyAlgorithm } from '@yinxin/plugin-ca-common';
import type { CertificateProfile } from './profiles';

/** One lint finding: a stable code and an explanation. */
export interface LintViolation {
  code: string;
  message: string;
}

/** What the lints check a to-be-signed certificate against. */
export interface LintContext {
  profile: CertificateProfile;
  /** The algorithm the profile takes for the subject key. */
  keyAlgorithm: KeyAlgorithm;
  /** The issuer's certificate; absent for a self-signed root (the certificate is its own issuer). */
  issuer?: CertificateInfo;
  /** The issuer's key algorithm (decides the signature algorithm). */
  issuerAlgorithm: KeyAlgorithm;
}

const eq = (a?: Uint8Array, b?: Uint8Array) => !!a && !!b && Buffer.from(a).equals(Buffer.from(b));
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

// RFC 5280 Appendix A upper bounds, in characters.
const UPPER_BOUNDS: Record<string, number> = { CN: 64, O: 64, OU: 64, L: 128, ST: 128, E: 255, SERIALNUMBER: 64 };

/**
 * Checks a to-be-signed certificate (parsed from its TBS bytes) against its profile: RFC 5280
 * structure rules and GM/T 0015 usage rules. Issuance stops on any violation.
 */
export function lintCertificate(cert: CertificateInfo, ctx: LintContext): LintViolation[] {
  const v: LintViolation[] = [];
  const add = (code: string, message: string) => v.push({ code, message });
  const issuer = ctx.issuer ?? cert;
  const p = ctx.profile;

  if (cert.version !== 3) add('version', 'certificate must be X.509 v3');
  // Serial: positive, at most 20 octets, at least 64 bits of entropy (we use 128).
  const serialBytes = cert.serialHex.length / 2;
  if (!/^[0-9a-f]+$/.test(cert.serialHex) || /^0+$/.test(cert.serialHex)) add('serial.positive', 'serial must be a positive integer');
  if (serialBytes > 20) add('serial.length', 'serial longer than 20 octets');
  if (serialBytes < 16) add('serial.entropy', 'serial shorter than 128 bits: it must carry 128 random bits');

  // Validity.
  if (!(cert.notBefore.getTime() < cert.notAfter.getTime())) add('validity.order', 'notBefore must precede notAfter');
  if (ctx.issuer && cert.notAfter.getTime() > ctx.issuer.notAfter.getTime())
    add('validity.issuer', 'certificate would outlive its issuer');
  if (ctx.issuer && cert.notBefore.getTime() < ctx.issuer.notBefore.getTime())
    add('validity.issuer', 'certificate would start before its issuer');

  // Names.
  if (!eq(cert.issuerDer, issuer.subjectDer)) add('issuer.name', "issuer name must equal the issuer certificate's subject, byte for byte");
  if (cert.subject.length === 0) add('subject.empty', 'subject must not be empty');
  if (!cert.subject.some(a => a.type === 'CN')) add('subject.cn', 'subject must have a common name');
  for (const a of cert.subject) {
    const max = UPPER_BOUNDS[a.type];
    if (max && [...a.value].length > max) add('subject.length', `${a.type} is longer than ${max} characters`);
    if (a.value.trim() !== a.value || a.value.length === 0) add('subject.whitespace', `${a.type} has surrounding whitespace or is empty`);
    if (a.type === 'C' && !/^[A-Z]{2}$/.test(a.value)) add('subject.country', 'C must be a two-letter country code');
  }

  // Keys and algorithms.
  const key = cert.publicKey;
  if (key.algorithm !== ctx.keyAlgorithm) add('key.algorithm', `profile takes ${ctx.keyAlgorithm} keys, got ${key.algorithm}`);
  if (key.algorithm === 'RSA' && key.modulusBits < 2048) add('key.size', 'RSA keys must be at least 2048 bits');
  const expectedSig = ctx.issuerAlgorithm === 'SM2' ? OIDS.sm3WithSm2 : OIDS.sha256WithRsa;
  if (cert.tbsSignatureAlgorithmOid !== expectedSig) add('signature.algorithm', `signature algorithm must be ${expectedSig}`);
  if (ctx.issuerAlgorithm === 'SM2' && cert.signatureAlgorithmParamsPresent)
    add('signature.parameters', 'SM3withSM2 takes no algorithm parameters (GM/T 0015)');

  // Extensions.
  const oids = cert.extensions.map(e => e.oid);
  if (new Set(oids).size !== oids.length) add('extensions.duplicate', 'an extension appears twice');
  const extOf = (oid: string) => cert.extensions.find(e => e.oid === oid);
  const bc = extOf('2.5.29.19');
  if (p.ca) {
    if (!bc || !bc.critical || !cert.basicConstraints?.ca) add('basicConstraints', 'CA certificates need critical basicConstraints cA=TRUE');
    if (p.pathLen !== undefined && cert.basicConstraints?.pathLen !== p.pathLen) add('basicConstraints.pathLen', `pathLenConstraint must be ${p.pathLen}`);
  } else if (cert.basicConstraints?.ca) {
    add('basicConstraints', 'end-entity certificates must not be CAs');
  }
  const ku = extOf('2.5.29.15');
  if (!ku || !ku.critical) add('keyUsage.critical', 'keyUsage must be present and critical');
  if (!sameSet(cert.keyUsage ?? [], p.keyUsage)) add('keyUsage.bits', `keyUsage must be exactly ${p.keyUsage.join(', ')}`);
  if (p.usage === 'encrypt' && (cert.keyUsage ?? []).some(k => k === 'digitalSignature' || k === 'nonRepudiation'))
    add('keyUsage.dual', 'an encryption certificate must not sign (GM/T 0015 dual certificates)');
  if (p.usage === 'sign' && (cert.keyUsage ?? []).some(k => k === 'keyEncipherment' || k === 'dataEncipherment'))
    add('keyUsage.dual', 'a signing certificate must not encrypt (GM/T 0015 dual certificates)');
  const eku = extOf('2.5.29.37');
  if (p.extKeyUsage.length > 0) {
    if (!sameSet(cert.extKeyUsage ?? [], p.extKeyUsage)) add('extKeyUsage', `extKeyUsage must be exactly ${p.extKeyUsage.join(', ')}`);
    if (!!p.extKeyUsageCritical !== !!eku?.critical) add('extKeyUsage.critical', `extKeyUsage must ${p.extKeyUsageCritical ? '' : 'not '}be critical`);
  } else if (eku) add('extKeyUsage', 'this profile takes no extKeyUsage');
  if (!cert.subjectKeyIdentifier) add('ski', 'subjectKeyIdentifier is required');
  else if (!eq(cert.subjectKeyIdentifier, keyIdentifierOf(key.spki))) add('ski.value', 'subjectKeyIdentifier does not match the key');
  if (ctx.issuer || !p.ca) {
    if (!cert.authorityKeyIdentifier) add('aki', 'authorityKeyIdentifier is required');
    else if (!eq(cert.authorityKeyIdentifier, issuer.subjectKeyIdentifier ?? keyIdentifierOf(issuer.publicKey.spki)))
      add('aki.value', "authorityKeyIdentifier must equal the issuer's key identifier");
  }
  if (p.revocationPointers) {
    const cdp = cert.crlDistributionPoints ?? [];
    if (!cdp.some(u => u.startsWith('http://'))) add('crlDistributionPoints', 'an HTTP CRL distribution point is required');
    if (!extOf('1.3.6.1.5.5.7.1.1')) add('authorityInfoAccess', 'authorityInfoAccess (OCSP, CA issuers) is required');
  }
  if (p.requiresDnsName && !(cert.subjectAltName?.dns?.length)) add('subjectAltName.dns', 'a TLS server certificate needs DNS names');
  if (p.ocspNoCheck && !extOf('1.3.6.1.5.5.7.48.1.5')) add('ocspNoCheck', 'an OCSP signing certificate carries id-pkix-ocsp-nocheck');
  return v;
}
