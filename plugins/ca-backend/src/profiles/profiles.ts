import type {
  ApplicationProfile,
  CertificateUsage,
  KeyAlgorithm,
  ProfileInfo,
  SubjectKind,
} from '@yinxin/plugin-ca-common';
import { OIDS } from '@yinxin/gm';

/** Key-usage bits by name, as `ext.keyUsage` takes them. */
export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

/**
 * What a certificate of one usage must carry (GM/T 0015 for SM2, RFC 5280 for RSA). The lints
 * check the to-be-signed certificate against exactly this.
 */
export interface CertificateProfile {
  usage: CertificateUsage;
  ca: boolean;
  pathLen?: number;
  keyUsage: KeyUsageName[];
  extKeyUsage: string[];
  /** EKU critical (RFC 3161 §2.3 requires it for timestamping). */
  extKeyUsageCritical?: boolean;
  /** Subscriber certificates carry CRL distribution points and AIA; roots carry neither. */
  revocationPointers: boolean;
  /** A DNS subjectAltName is required (TLS). */
  requiresDnsName?: boolean;
  /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1) for OCSP signers. */
  ocspNoCheck?: boolean;
  /** GM/T 0015 identity extensions from the subject's records. */
  identityExtensions: boolean;
}

/** The certificate profiles, by usage. */
export const CERTIFICATE_PROFILES: Record<CertificateUsage, CertificateProfile> = {
  'root-ca': { usage: 'root-ca', ca: true, keyUsage: ['keyCertSign', 'cRLSign'], extKeyUsage: [], revocationPointers: false, identityExtensions: false },
  'issuing-ca': { usage: 'issuing-ca', ca: true, pathLen: 0, keyUsage: ['keyCertSign', 'cRLSign'], extKeyUsage: [], revocationPointers: true, identityExtensions: false },
  sign: {
    usage: 'sign',
    ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extKeyUsage: [OIDS.clientAuth, OIDS.emailProtection],
    revocationPointers: true,
    identityExtensions: true,
  },
  encrypt: {
    usage: 'encrypt',
    ca: false,
    keyUsage: ['keyEncipherment', 'dataEncipherment', 'keyAgreement'],
    extKeyUsage: [],
    revocationPointers: true,
    identityExtensions: true,
  },
  'tls-server': {
    usage: 'tls-server',
    ca: false,
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    extKeyUsage: [OIDS.serverAuth],
    revocationPointers: true,
    requiresDnsName: true,
    identityExtensions: false,
  },
  ocsp: {
    usage: 'ocsp',
    ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extKeyUsage: [OIDS.ocspSigning],
    revocationPointers: false,
    ocspNoCheck: true,
    identityExtensions: false,
  },
  tsa: {
    usage: 'tsa',
    ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extKeyUsage: [OIDS.timeStamping],
    extKeyUsageCritical: true,
    revocationPointers: true,
    identityExtensions: false,
  },
  'seal-maker': {
    usage: 'seal-maker',
    ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extKeyUsage: [],
    revocationPointers: true,
    identityExtensions: true,
  },
  'seal-status': {
    usage: 'seal-status',
    ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extKeyUsage: [],
    revocationPointers: true,
    identityExtensions: false,
  },
};

/** An application profile with what it issues. */
export interface ApplicationProfileDefinition extends ProfileInfo {
  /** The certificate whose key comes from the CSR (the others come from the KMC). */
  csrUsage: CertificateUsage;
}

const P = (
  id: ApplicationProfile,
  keyAlgorithm: KeyAlgorithm,
  subjectKinds: SubjectKind[],
  usages: CertificateUsage[],
  validityDays: number,
  requiredApprovals: number,
  zh: string,
  en: string,
): ApplicationProfileDefinition => ({
  id,
  keyAlgorithm,
  subjectKinds,
  usages,
  validityDays,
  requiredApprovals,
  title: { zh, en },
  csrUsage: usages[0],
});

/**
 * The application profiles. Service certificates (OCSP, TSA, seal maker) need two reviewers;
 * subscriber certificates one. `yinxin.ca.profiles.<id>.requiredApprovals` and `.validityDays`
 * override the numbers.
 */
export const DEFAULT_APPLICATION_PROFILES: ApplicationProfileDefinition[] = [
  P('sm2-dual', 'SM2', ['person', 'organisation'], ['sign', 'encrypt'], 730, 1, 'SM2 双证书（签名 + 加密）', 'SM2 dual certificates (signing + encryption)'),
  P('rsa-sign', 'RSA', ['person', 'organisation'], ['sign'], 730, 1, 'RSA 签名证书', 'RSA signing certificate'),
  P('sm2-tls', 'SM2', ['server'], ['tls-server'], 365, 1, 'SM2 服务器证书', 'SM2 TLS server certificate'),
  P('rsa-tls', 'RSA', ['server'], ['tls-server'], 365, 1, 'RSA 服务器证书', 'RSA TLS server certificate'),
  P('sm2-ocsp', 'SM2', ['server'], ['ocsp'], 365, 2, 'SM2 OCSP 签名证书', 'SM2 OCSP signing certificate'),
  P('rsa-ocsp', 'RSA', ['server'], ['ocsp'], 365, 2, 'RSA OCSP 签名证书', 'RSA OCSP signing certificate'),
  P('sm2-tsa', 'SM2', ['server'], ['tsa'], 1095, 2, 'SM2 时间戳服务证书', 'SM2 timestamping certificate'),
  P('sm2-seal-maker', 'SM2', ['organisation'], ['seal-maker'], 1095, 2, 'SM2 制章人证书', 'SM2 seal-maker certificate'),
];

/** Profiles with configuration overrides applied. */
export function applicationProfiles(
  overrides: Partial<Record<ApplicationProfile, { requiredApprovals?: number; validityDays?: number }>> = {},
): Map<ApplicationProfile, ApplicationProfileDefinition> {
  return new Map(
    DEFAULT_APPLICATION_PROFILES.map(p => {
      const o = overrides[p.id] ?? {};
      const requiredApprovals = Math.max(1, Math.min(5, o.requiredApprovals ?? p.requiredApprovals));
      const validityDays = Math.max(1, Math.min(3650, o.validityDays ?? p.validityDays));
      return [p.id, { ...p, requiredApprovals, validityDays }];
    }),
  );
}
