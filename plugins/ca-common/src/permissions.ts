import { createPermission } from '@backstage/plugin-permission-common';

const ca = (name: string, action: 'create' | 'read' | 'update' | 'delete') =>
  createPermission({ name: `yinxin.ca.${name}`, attributes: { action } });
const kmc = (name: string, action: 'create' | 'read' | 'update' | 'delete') =>
  createPermission({ name: `yinxin.kmc.${name}`, attributes: { action } });

/** Read subscribers (persons, organisations, servers); identity numbers stay masked. */
export const subjectReadPermission = ca('subject.read', 'read');
/** Enter and edit subscribers (RA entry). */
export const subjectWritePermission = ca('subject.write', 'create');
/** Enter applications: new, renewal, re-key (RA entry). */
export const applicationCreatePermission = ca('application.create', 'create');
/** Read applications. */
export const applicationReadPermission = ca('application.read', 'read');
/** Approve or reject applications (RA review). The submitter never approves their own. */
export const applicationReviewPermission = ca('application.review', 'update');
/** Issue approved applications (RA issuance). */
export const applicationIssuePermission = ca('application.issue', 'update');
/** Search, read and download certificates. */
export const certificateReadPermission = ca('certificate.read', 'read');
/** Revoke, hold and release certificates. */
export const certificateRevokePermission = ca('certificate.revoke', 'update');
/** Read the CA hierarchy and profiles. */
export const authorityReadPermission = ca('authority.read', 'read');
/** Manage the CA hierarchy: external-root CSRs, certificate import. */
export const authorityManagePermission = ca('authority.manage', 'update');
/** Read CA reports (issuance volume, expiring certificates). */
export const caReportReadPermission = ca('report.read', 'read');
/** Open a USB-key PIN unlock request with the token's challenge. */
export const unlockRequestPermission = ca('unlock.request', 'create');
/** Check the identity behind an unlock request and let the response be released. */
export const unlockVerifyPermission = ca('unlock.verify', 'update');
/** Read KMC key-store statistics. */
export const kmcStatsReadPermission = kmc('stats.read', 'read');
/** Request recovery of a subscriber's escrowed encryption key (RA, on the subscriber's behalf). */
export const kmcRecoveryRequestPermission = kmc('recovery.request', 'create');
/** Read key-recovery requests. */
export const kmcRecoveryReadPermission = kmc('recovery.read', 'read');
/** Approve or reject key recoveries; open judicial recoveries (KMC officers). */
export const kmcRecoveryApprovePermission = kmc('recovery.approve', 'update');
/** Refill the KMC's standby key pool. */
export const kmcPoolManagePermission = kmc('pool.manage', 'update');
/**
 * Issue a certificate for another plugin's service key (seal maker, seal status service,
 * organisation seal keys held by the seal platform). Granted to backend plugins only.
 */
export const serviceCertificateIssuePermission = ca('service-certificate.issue', 'create');
/** Revoke a certificate made for another plugin's key (when the seal it served ends). Backend plugins only. */
export const serviceCertificateRevokePermission = ca('service-certificate.revoke', 'update');

/**
 * Read the CA's health report: the life of its service certificates, the KMC pool and where its
 * publication points are (the monitor; operations engineers and CA administrators).
 */
export const caHealthReadPermission = ca('health.read', 'read');

/** Every permission of the CA plugin (CA, RA, KMC, unlock). */
export const caPermissions = [
  subjectReadPermission,
  subjectWritePermission,
  applicationCreatePermission,
  applicationReadPermission,
  applicationReviewPermission,
  applicationIssuePermission,
  certificateReadPermission,
  certificateRevokePermission,
  authorityReadPermission,
  authorityManagePermission,
  caReportReadPermission,
  unlockRequestPermission,
  unlockVerifyPermission,
  kmcStatsReadPermission,
  serviceCertificateIssuePermission,
  serviceCertificateRevokePermission,
  caHealthReadPermission,
  kmcRecoveryRequestPermission,
  kmcRecoveryReadPermission,
  kmcRecoveryApprovePermission,
  kmcPoolManagePermission,
];
