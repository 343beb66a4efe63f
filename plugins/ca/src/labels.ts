import type {
  ApplicationKind,
  ApplicationStatus,
  Authority,
  CertificateEvent,
  CertificateStatus,
  CertificateUsage,
  IdType,
  PublishItem,
  PublishStatus,
  RecoveryStatus,
  RevocationReason,
  SubjectKind,
  UnlockStatus,
} from '@yinxin/plugin-ca-common';

type Label = { zh: string; en: string };

/** Status of a certificate as shown: the CA's state, or `expired` once past notAfter. */
export type ShownCertificateStatus = CertificateStatus | 'expired';

/** The status a certificate is shown with: revoked and held win over expired. */
export function shownStatus(c: { status: CertificateStatus; expired: boolean }): ShownCertificateStatus {
  return c.status === 'good' && c.expired ? 'expired' : c.status;
}

/** Names of the model's values in the two UI languages. */
export const LABELS = {
  subjectKind: {
    person: { zh: '个人', en: 'Person' },
    organisation: { zh: '机构', en: 'Organisation' },
    server: { zh: '服务器', en: 'Server' },
  } satisfies Record<SubjectKind, Label>,
  idType: {
    'resident-id': { zh: '居民身份证', en: 'Resident identity card' },
    passport: { zh: '护照', en: 'Passport' },
    other: { zh: '其他证件', en: 'Other document' },
  } satisfies Record<IdType, Label>,
  applicationStatus: {
    submitted: { zh: '待审核', en: 'Submitted' },
    approved: { zh: '已批准', en: 'Approved' },
    rejected: { zh: '已驳回', en: 'Rejected' },
    issued: { zh: '已签发', en: 'Issued' },
    failed: { zh: '签发失败', en: 'Failed' },
  } satisfies Record<ApplicationStatus, Label>,
  applicationKind: {
    new: { zh: '新申请', en: 'New' },
    renew: { zh: '延期', en: 'Renewal' },
    rekey: { zh: '换发', en: 'Re-key' },
  } satisfies Record<ApplicationKind, Label>,
  certificateStatus: {
    good: { zh: '有效', en: 'Valid' },
    hold: { zh: '挂起', en: 'On hold' },
    revoked: { zh: '已吊销', en: 'Revoked' },
    expired: { zh: '已过期', en: 'Expired' },
  } satisfies Record<ShownCertificateStatus, Label>,
  usage: {
    'root-ca': { zh: '根 CA', en: 'Root CA' },
    'issuing-ca': { zh: '签发 CA', en: 'Issuing CA' },
    sign: { zh: '签名', en: 'Signing' },
    encrypt: { zh: '加密', en: 'Encryption' },
    'tls-server': { zh: '服务器 TLS', en: 'TLS server' },
    ocsp: { zh: 'OCSP 签名', en: 'OCSP signing' },
    tsa: { zh: '时间戳', en: 'Timestamping' },
    'seal-maker': { zh: '制章人', en: 'Seal maker' },
    'seal-status': { zh: '印章状态服务', en: 'Seal status service' },
  } satisfies Record<CertificateUsage, Label>,
  revocationReason: {
    unspecified: { zh: '未指定', en: 'Unspecified' },
    keyCompromise: { zh: '密钥泄露', en: 'Key compromise' },
    cACompromise: { zh: 'CA 密钥泄露', en: 'CA compromise' },
    affiliationChanged: { zh: '隶属关系变更', en: 'Affiliation changed' },
    superseded: { zh: '已被替代', en: 'Superseded' },
    cessationOfOperation: { zh: '停止使用', en: 'Cessation of operation' },
    certificateHold: { zh: '挂起', en: 'Certificate hold' },
    privilegeWithdrawn: { zh: '权限撤销', en: 'Privilege withdrawn' },
  } satisfies Record<RevocationReason, Label>,
  authorityKind: {
    root: { zh: '根 CA', en: 'Root CA' },
    issuing: { zh: '签发 CA', en: 'Issuing CA' },
  } satisfies Record<Authority['kind'], Label>,
  authorityStatus: {
    active: { zh: '运行中', en: 'Active' },
    'awaiting-certificate': { zh: '等待上级签发证书', en: 'Awaiting certificate' },
    retired: { zh: '已停用', en: 'Retired' },
  } satisfies Record<Authority['status'], Label>,
  recoveryStatus: {
    pending: { zh: '待审批', en: 'Pending' },
    approved: { zh: '已批准', en: 'Approved' },
    rejected: { zh: '已驳回', en: 'Rejected' },
    released: { zh: '已领取', en: 'Released' },
  } satisfies Record<RecoveryStatus, Label>,
  recoveryKind: {
    user: { zh: '用户密钥恢复', en: 'User recovery' },
    judicial: { zh: '司法取证恢复', en: 'Judicial recovery' },
  } satisfies Record<'user' | 'judicial', Label>,
  unlockStatus: {
    pending: { zh: '待核验', en: 'Pending' },
    verified: { zh: '已核验', en: 'Verified' },
    answered: { zh: '已发放解锁码', en: 'Answered' },
    rejected: { zh: '已驳回', en: 'Rejected' },
  } satisfies Record<UnlockStatus, Label>,
  verificationMethod: {
    ticket: { zh: '工单核验', en: 'Ticket' },
    'in-person': { zh: '现场核验', en: 'In person' },
  } satisfies Record<'ticket' | 'in-person', Label>,
  certificateEvent: {
    issued: { zh: '签发', en: 'Issued' },
    revoked: { zh: '吊销', en: 'Revoked' },
    held: { zh: '挂起', en: 'Put on hold' },
    released: { zh: '解除挂起', en: 'Released from hold' },
    renewed: { zh: '延期', en: 'Renewed' },
    rekeyed: { zh: '换发', en: 'Re-keyed' },
    'key-recovered': { zh: '密钥恢复', en: 'Key recovered' },
    downloaded: { zh: '下载', en: 'Downloaded' },
  } satisfies Record<CertificateEvent['action'], Label>,
  publishStatus: {
    pending: { zh: '待发布', en: 'Pending' },
    done: { zh: '已发布', en: 'Published' },
    failed: { zh: '失败，等待重试', en: 'Failed, will retry' },
  } satisfies Record<PublishStatus, Label>,
  publishKind: {
    ca: { zh: 'CA 条目', en: 'CA entry' },
    'crl-dp': { zh: 'CRL 发布点', en: 'CRL distribution point' },
    certificate: { zh: '用户证书', en: 'Subscriber certificate' },
  } satisfies Record<PublishItem['kind'], Label>,
} as const;

/** The revocation reasons an RA reviewer may choose (hold is its own action). */
export const REVOKE_CHOICES = [
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
  'cACompromise',
  'unspecified',
] as const satisfies readonly RevocationReason[];

/** Names of the extended key usages our profiles use (others are shown as their OID). */
export const EXT_KEY_USAGE_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

/** An extended key usage as shown: its name and OID, or the OID alone. */
export function extKeyUsageName(oid: string): string {
  const name = EXT_KEY_USAGE_NAMES[oid];
  return name ? `${name} (${oid})` : oid;
}
