import { rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';
import {
  applicationCreatePermission,
  applicationIssuePermission,
  applicationReadPermission,
  applicationReviewPermission,
  authorityManagePermission,
  authorityReadPermission,
  caReportReadPermission,
  certificateReadPermission,
  certificateRevokePermission,
  kmcPoolManagePermission,
  kmcRecoveryApprovePermission,
  kmcRecoveryReadPermission,
  kmcRecoveryRequestPermission,
  kmcStatsReadPermission,
  subjectReadPermission,
  subjectWritePermission,
  unlockRequestPermission,
  unlockVerifyPermission,
} from '@yinxin/plugin-ca-common';

/**
 * What the signed-in user may do in the CA UI. Only used to decide what to show: the backend
 * decides what is allowed, and a refusal is shown with its translated error.
 */
export interface CaCapabilities {
  /** Reads subscribers (identity numbers masked). */
  subjectRead: boolean;
  /** Enters subscribers (RA entry). */
  subjectWrite: boolean;
  /** Reads applications. */
  applicationRead: boolean;
  /** Enters applications: new, renew (延期), re-key (换发); downloads issuance results. */
  applicationCreate: boolean;
  /** Approves or rejects applications (never one's own). */
  review: boolean;
  /** Issues approved applications. */
  issue: boolean;
  /** Searches, reads and downloads certificates. */
  certificateRead: boolean;
  /** Revokes, holds and releases certificates. */
  revoke: boolean;
  /** Reads the hierarchy and the profiles. */
  authorityRead: boolean;
  /** Manages the hierarchy (external root: CSR, certificate import). */
  authorityManage: boolean;
  /** Reads CA reports (issuance volume). */
  reportRead: boolean;
  /** Opens USB-key unlock requests. */
  unlockRequest: boolean;
  /** Verifies the identity behind unlock requests. */
  unlockVerify: boolean;
  /** Reads KMC key-store statistics. */
  kmcStats: boolean;
  /** Refills the KMC standby pool. */
  kmcPool: boolean;
  /** Reads key recoveries. */
  recoveryRead: boolean;
  /** Requests a user key recovery (RA, for the subscriber). */
  recoveryRequest: boolean;
  /** Approves or rejects recoveries; opens judicial recoveries (KMC officers). */
  recoveryApprove: boolean;
}

/** The capabilities of a user with these ownership entity refs (`group:default/<role>`). */
export function capabilitiesOf(ownershipRefs: readonly string[]): CaCapabilities {
  const roles = rolesFromOwnershipRefs(ownershipRefs);
  const may = (permission: { name: string }) => rolesGrant(roles, permission.name);
  return {
    subjectRead: may(subjectReadPermission),
    subjectWrite: may(subjectWritePermission),
    applicationRead: may(applicationReadPermission),
    applicationCreate: may(applicationCreatePermission),
    review: may(applicationReviewPermission),
    issue: may(applicationIssuePermission),
    certificateRead: may(certificateReadPermission),
    revoke: may(certificateRevokePermission),
    authorityRead: may(authorityReadPermission),
    authorityManage: may(authorityManagePermission),
    reportRead: may(caReportReadPermission),
    unlockRequest: may(unlockRequestPermission),
    unlockVerify: may(unlockVerifyPermission),
    kmcStats: may(kmcStatsReadPermission),
    kmcPool: may(kmcPoolManagePermission),
    recoveryRead: may(kmcRecoveryReadPermission),
    recoveryRequest: may(kmcRecoveryRequestPermission),
    recoveryApprove: may(kmcRecoveryApprovePermission),
  };
}

/** The sections (tabs) of the CA page, in display order. */
export const CA_SECTIONS = ['subjects', 'applications', 'certificates', 'unlock', 'admin', 'publication', 'kmc'] as const;
/** One of {@link CA_SECTIONS}. */
export type CaSection = (typeof CA_SECTIONS)[number];

/** The sections a user sees: those whose data their roles may read. */
export function visibleSections(caps: CaCapabilities): CaSection[] {
  const show: Record<CaSection, boolean> = {
    subjects: caps.subjectRead,
    applications: caps.applicationRead,
    certificates: caps.certificateRead,
    unlock: caps.unlockRequest || caps.unlockVerify,
    // The hierarchy is read by every RA role; the administration page is for those who manage
    // it or read its reports (CA administrators, auditors).
    admin: caps.authorityManage || caps.reportRead,
    // CRLs, OCSP, TSA and LDAP publication: for those who run or audit the CA.
    publication: caps.authorityManage || caps.reportRead,
    kmc: caps.kmcStats || caps.recoveryRead,
  };
  return CA_SECTIONS.filter(s => show[s]);
}

/**
 * Where `/ca` takes a user: the applications (the RA's daily work) when they may read them, else
 * the first section they may see; undefined for a user without any CA rights.
 */
export function homeSection(caps: CaCapabilities): CaSection | undefined {
  const sections = visibleSections(caps);
  for (const preferred of ['applications', 'certificates', 'unlock', 'kmc', 'admin'] as const) {
    if (sections.includes(preferred)) return preferred;
  }
  return sections[0];
}
