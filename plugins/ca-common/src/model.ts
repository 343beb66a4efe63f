/**
 * The CA plugin's shared model: what the RA console shows and what the API returns.
 * Dates are ISO-8601 strings; binary values are base64 (DER) or PEM strings.
 */

/** Public-key algorithms the CA certifies. */
export const KEY_ALGORITHMS = ['SM2', 'RSA'] as const;
/** One of {@link KEY_ALGORITHMS}. */
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** Kinds of subscriber. */
export const SUBJECT_KINDS = ['person', 'organisation', 'server'] as const;
/** One of {@link SUBJECT_KINDS}. */
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** Identity documents a person can present. */
export const ID_TYPES = ['resident-id', 'passport', 'other'] as const;
/** One of {@link ID_TYPES}. */
export type IdType = (typeof ID_TYPES)[number];

/** A subscriber as the API returns it: identity numbers are only ever shown masked. */
export interface Subject {
  id: string;
  kind: SubjectKind;
  /** Person's name, organisation's name or server's host name. */
  name: string;
  /** Organisation a person or server belongs to (O), and department (OU). */
  organisation?: string;
  orgUnit?: string;
  province?: string;
  city?: string;
  idType?: IdType;
  /** e.g. `110***********1234`; the full number is stored encrypted. */
  idNumberMasked?: string;
  /** Unified social credit code (统一社会信用代码) of an organisation, 18 characters. */
  creditCode?: string;
  email?: string;
  phone?: string;
  dnsNames?: string[];
  createdBy: string;
  createdAt: string;
}

/** The input that creates a subscriber. */
export interface SubjectInput {
  kind: SubjectKind;
  name: string;
  organisation?: string;
  orgUnit?: string;
  province?: string;
  city?: string;
  idType?: IdType;
  idNumber?: string;
  creditCode?: string;
  email?: string;
  phone?: string;
  dnsNames?: string[];
}

/**
 * Application profiles: what a subscriber can apply for. `sm2-dual` issues the GM/T 0015 pair
 * (signing certificate for the CSR's key, encryption certificate for a KMC key).
 */
export const APPLICATION_PROFILES = [
  'sm2-dual',
  'rsa-sign',
  'sm2-tls',
  'rsa-tls',
  'sm2-ocsp',
  'rsa-ocsp',
  'sm2-tsa',
  'sm2-seal-maker',
] as const;
/** One of {@link APPLICATION_PROFILES}. */
export type ApplicationProfile = (typeof APPLICATION_PROFILES)[number];

/** What each certificate is for (its certificate profile). */
export const CERTIFICATE_USAGES = [
  'root-ca',
  'issuing-ca',
  'sign',
  'encrypt',
  'tls-server',
  'ocsp',
  'tsa',
  'seal-maker',
  'seal-status',
] as const;
/** One of {@link CERTIFICATE_USAGES}. */
export type CertificateUsage = (typeof CERTIFICATE_USAGES)[number];

/** An application profile as `GET /profiles` describes it. */
export interface ProfileInfo {
  id: ApplicationProfile;
  keyAlgorithm: KeyAlgorithm;
  subjectKinds: SubjectKind[];
  /** Certificates issued per application, in order (e.g. sign then encrypt). */
  usages: CertificateUsage[];
  validityDays: number;
  /** Distinct approvers needed (never the submitter). */
  requiredApprovals: number;
  title: { zh: string; en: string };
}

/** States of an application. */
export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected', 'issued', 'failed'] as const;
/** One of {@link APPLICATION_STATUSES}. */
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** new: first certificates; renew: 延期 (same keys, new validity and serial); rekey: 换发 (new keys). */
export const APPLICATION_KINDS = ['new', 'renew', 'rekey'] as const;
/** One of {@link APPLICATION_KINDS}. */
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

/** Allowed application transitions; anything else is `ILLEGAL_TRANSITION` (409). */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['approved', 'rejected'],
  approved: ['issued', 'failed'],
  rejected: [],
  issued: [],
  failed: [],
};

/** One reviewer's decision. */
export interface Approval {
  approver: string;
  decision: 'approve' | 'reject';
  comment?: string;
  at: string;
}

/** An application as the API returns it. */
export interface Application {
  id: string;
  /** Human-readable number, e.g. `RA-20261128-0007`. */
  number: string;
  kind: ApplicationKind;
  profile: ApplicationProfile;
  keyAlgorithm: KeyAlgorithm;
  subjectId: string;
  subjectName: string;
  /** Distinguished name the certificates will carry. */
  subjectDn: string;
  status: ApplicationStatus;
  requiredApprovals: number;
  approvals: Approval[];
  submittedBy: string;
  submittedAt: string;
  decidedAt?: string;
  issuedAt?: string;
  issuedBy?: string;
  rejectionReason?: string;
  failureReason?: string;
  /** For renew and rekey: the signing (or single) certificate being replaced. */
  targetCertificateId?: string;
  /** Certificates issued by this application. */
  certificateIds: string[];
  /** Serial of the USB key (soft token) the signing key lives on. */
  tokenSerial?: string;
  ticketId?: string;
}

/** Certificate states kept by the CA; `expired` is derived from notAfter. */
export const CERTIFICATE_STATUSES = ['good', 'hold', 'revoked'] as const;
/** One of {@link CERTIFICATE_STATUSES}. */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** RFC 5280 CRLReason codes the RA may choose (certificateHold is the hold action). */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  privilegeWithdrawn: 9,
} as const;
/** A key of {@link REVOCATION_REASONS}. */
export type RevocationReason = keyof typeof REVOCATION_REASONS;

/** A certificate in search results. */
export interface CertificateSummary {
  id: string;
  /** Lowercase hex, 128 random bits. */
  serial: string;
  usage: CertificateUsage;
  profile: ApplicationProfile | 'ca';
  keyAlgorithm: KeyAlgorithm;
  subjectDn: string;
  subjectId?: string;
  subjectName?: string;
  issuerId: string;
  issuerName: string;
  notBefore: string;
  notAfter: string;
  status: CertificateStatus;
  expired: boolean;
  revocationReason?: RevocationReason;
  revokedAt?: string;
  /** The other half of a dual pair (signing ↔ encryption). */
  pairCertificateId?: string;
  applicationId?: string;
  /** Set once renewed or re-keyed: the certificate that replaced this one. */
  replacedById?: string;
  createdAt: string;
}

/** One entry of a certificate's history. */
export interface CertificateEvent {
  at: string;
  actor: string;
  action: 'issued' | 'revoked' | 'held' | 'released' | 'renewed' | 'rekeyed' | 'key-recovered' | 'downloaded';
  detail?: Record<string, unknown>;
}

/** A certificate with its PEM, extensions and history. */
export interface CertificateDetail extends CertificateSummary {
  pem: string;
  /** SM3 fingerprint of the DER, hex. */
  fingerprintSm3: string;
  keyUsage: string[];
  extKeyUsage: string[];
  crlDistributionPoints: string[];
  history: CertificateEvent[];
}

/** A page of certificate search results. */
export interface CertificatePage {
  items: CertificateSummary[];
  total: number;
}

/** A certification authority of the hierarchy. */
export interface Authority {
  id: string;
  name: string;
  algorithm: KeyAlgorithm;
  kind: 'root' | 'issuing';
  /** awaiting-certificate: an issuing CA whose CSR went to an external root. */
  status: 'active' | 'awaiting-certificate' | 'retired';
  subjectDn: string;
  parentId?: string;
  /** True when the parent is outside this system (e.g. the national root). */
  externalParent: boolean;
  serial?: string;
  notBefore?: string;
  notAfter?: string;
  pem?: string;
  createdAt: string;
}

/** `GET /applications/:id/response`: what the subscriber's client imports. */
export interface IssuanceResponse {
  /** GM/T 0092 CSRResponse, base64 DER (signing certificate chain, SM2EnvelopedKey, encryption certificate). */
  csrResponse: string;
  /** Certificates issued, PEM, leaf first, then the issuing chain. */
  certificatesPem: string[];
  chainPem: string[];
  /** The token's unlock key, SM2-encrypted (GM/T 0009 SM2Cipher, base64) to the signing public key. */
  tokenUnlockKey?: string;
}

/** Issuance volume per day. */
export interface IssuancePoint {
  day: string;
  sm2: number;
  rsa: number;
}

/** KMC key-store statistics (GM/T 0038 §7.6: 备用库, 在用库, 历史库). */
export interface KmcStats {
  standby: number;
  inUse: number;
  history: number;
  poolLowWater: number;
  poolTarget: number;
}

/** What a watched CA service certificate is for (`GET /service/health`). */
export type WatchedCertificatePurpose = 'root-ca' | 'issuing-ca' | 'ocsp' | 'tsa' | 'seal-maker' | 'seal-status' | 'seal-signer';

/** A certificate the CA's services (or other plugins' services) depend on, with its life. */
export interface WatchedCertificate {
  id: string;
  purpose: WatchedCertificatePurpose;
  /** subject common name, or the authority's name */
  name: string;
  algorithm: KeyAlgorithm;
  serialHex: string;
  /** the authority that issued it (for authorities: itself when self-signed) */
  issuerId: string;
  notBefore: string;
  notAfter: string;
}

/** Where and how the monitor can check one authority's publication points. */
export interface AuthorityEndpoints {
  id: string;
  name: string;
  algorithm: KeyAlgorithm;
  kind: 'root' | 'issuing';
  /** the authority's certificate, PEM (the OCSP probe needs the issuer) */
  certificatePem: string;
  crlUrl: string;
  ocspUrl: string;
  /** a certificate this authority issued and still lists as good: the OCSP probe asks for it */
  knownGoodSerialHex?: string;
  /** the LDAP entry holding its CRL, when LDAP publication is on */
  ldapCrl?: { url: string; dn: string };
}

/** `GET /api/ca/service/health`: what the monitor watches in the CA. */
export interface CaHealthReport {
  at: string;
  certificates: WatchedCertificate[];
  kmc: KmcStats;
  authorities: AuthorityEndpoints[];
  tsa: { sm2: string; rsa: string };
}

/** States of a key recovery. */
export const RECOVERY_STATUSES = ['pending', 'approved', 'rejected', 'released'] as const;
/** One of {@link RECOVERY_STATUSES}. */
export type RecoveryStatus = (typeof RECOVERY_STATUSES)[number];

/** A key recovery: user (two officers, not the requester) or judicial (M of N officers). */
export interface Recovery {
  id: string;
  kind: 'user' | 'judicial';
  certificateId: string;
  certificateSerial: string;
  subjectName?: string;
  requestedBy: string;
  reason: string;
  /** Judicial: court or case reference. */
  caseReference?: string;
  /** Judicial: the authorised recipient's certificate the key is enveloped to. */
  recipientCertificateId?: string;
  requiredApprovals: number;
  approvals: Approval[];
  status: RecoveryStatus;
  createdAt: string;
  releasedAt?: string;
}

/** States of a USB-key PIN unlock request. */
export const UNLOCK_STATUSES = ['pending', 'verified', 'answered', 'rejected'] as const;
/** One of {@link UNLOCK_STATUSES}. */
export type UnlockStatus = (typeof UNLOCK_STATUSES)[number];

/** A USB-key PIN unlock request (GM/T 0016 §7.2 modelled challenge–response). */
export interface UnlockRequest {
  id: string;
  tokenSerial: string;
  subjectName?: string;
  certificateId?: string;
  /** Hex challenge from the token. */
  challenge: string;
  requestedBy: string;
  ticketId?: string;
  status: UnlockStatus;
  verifiedBy?: string;
  verificationMethod?: 'ticket' | 'in-person';
  verificationNote?: string;
  createdAt: string;
  answeredAt?: string;
}

/** The newest CRL of one kind for one authority (`GET /crls`). */
export interface CrlStatus {
  issuerId: string;
  kind: 'full' | 'delta';
  number: number;
  thisUpdate: string;
  nextUpdate: string;
  entries: number;
  url: string;
}

/** The CA's public services (`GET /public/services`). */
export interface PublicationServices {
  authorities: Array<{ id: string; name: string; algorithm: KeyAlgorithm; kind: 'root' | 'issuing'; certificate: string; crl: string; deltaCrl: string; ocsp: string }>;
  tsa: { sm2: string; rsa: string; policy: string };
}

/** States of an LDAP publication item (failed: retried with backoff after repeated failures). */
export const PUBLISH_STATUSES = ['pending', 'done', 'failed'] as const;
/** One of {@link PUBLISH_STATUSES}. */
export type PublishStatus = (typeof PUBLISH_STATUSES)[number];

/** One object in the LDAP publication queue. */
export interface PublishItem {
  kind: 'ca' | 'crl-dp' | 'certificate';
  objectId: string;
  /** The entry written, once known. */
  dn: string | null;
  status: PublishStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  enqueuedAt: string;
  updatedAt: string;
}

/** LDAP publication as `GET /ldap/status` reports it. */
export interface LdapStatus {
  /** not-configured: no directory (`yinxin.ca.ldap.url`); nothing is published. */
  state: 'not-configured' | 'disabled' | 'enabled';
  /** A sentence for people. */
  message: string;
  url?: string;
  baseDn?: string;
  counts: Record<PublishStatus, number>;
  queueDepth: number;
  oldestPendingAt: string | null;
  oldestPendingSeconds: number | null;
  lastError: { kind: PublishItem['kind']; objectId: string; error: string; at: string } | null;
  items: PublishItem[];
}
