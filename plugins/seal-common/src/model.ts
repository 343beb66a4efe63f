/**
 * The seal plugin's shared model: what the seal pages show and what the API returns.
 * Dates are ISO-8601 strings; binary values are base64.
 */

/**
 * Seal types (印章类型) and the integer written in SES_ESPropertyInfo.type. The standards leave
 * the integer to the business; these follow the order of the public-security seal categories.
 */
export const SEAL_TYPES = ['official', 'finance', 'contract', 'business', 'department', 'personal', 'signature'] as const;
/** One of {@link SEAL_TYPES}. */
export type SealType = (typeof SEAL_TYPES)[number];

/** Per seal type: the SES type code, the owner kind, and the default impression template. */
export const SEAL_TYPE_INFO: Record<SealType, { code: number; owner: OwnerKind; template: SealTemplateKind; zh: string; en: string }> = {
  official: { code: 1, owner: 'organisation', template: 'round', zh: '法定名称章（公章）', en: 'Official seal' },
  finance: { code: 2, owner: 'organisation', template: 'round', zh: '财务专用章', en: 'Finance seal' },
  contract: { code: 3, owner: 'organisation', template: 'round', zh: '合同专用章', en: 'Contract seal' },
  business: { code: 4, owner: 'organisation', template: 'round', zh: '业务专用章', en: 'Business seal' },
  department: { code: 5, owner: 'organisation', template: 'round', zh: '内设机构章', en: 'Department seal' },
  personal: { code: 6, owner: 'person', template: 'square', zh: '个人名章', en: 'Personal name seal' },
  signature: { code: 7, owner: 'person', template: 'upload', zh: '手写签名', en: 'Handwritten signature' },
};

/** Who a seal belongs to. */
export const OWNER_KINDS = ['organisation', 'person'] as const;
/** One of {@link OWNER_KINDS}. */
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** How the impression is made: a template, or an uploaded scan (PNG). */
export const SEAL_TEMPLATE_KINDS = ['round', 'oval', 'square', 'upload'] as const;
/** One of {@link SEAL_TEMPLATE_KINDS}. */
export type SealTemplateKind = (typeof SEAL_TEMPLATE_KINDS)[number];

/**
 * Where the signing key lives: on each holder's device (client-side use: the holder signs the
 * TBS_Sign the platform prepares), or an organisation key made and held in the platform's
 * keystore (服务器签章).
 */
export const KEY_MODES = ['holder', 'server'] as const;
/** One of {@link KEY_MODES}. */
export type KeyMode = (typeof KEY_MODES)[number];

/**
 * Seal states. `pending` → review → `approved` → make (filing record) → `made` → issue →
 * `active`; then `suspended` (停用), `lost` (挂失), `revoked` (注销), or `superseded` when a
 * changed version (更换) is issued; `rejected` ends an application.
 */
export const SEAL_STATUSES = ['pending', 'rejected', 'approved', 'made', 'active', 'suspended', 'lost', 'revoked', 'superseded'] as const;
/** One of {@link SEAL_STATUSES}. */
export type SealStatus = (typeof SEAL_STATUSES)[number];

/** Lifecycle actions and the states they lead from → to. */
export const SEAL_ACTIONS = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  make: { from: ['approved'], to: 'made' },
  issue: { from: ['made'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  resume: { from: ['suspended', 'lost'], to: 'active' },
  'report-lost': { from: ['active', 'suspended'], to: 'lost' },
  revoke: { from: ['made', 'active', 'suspended', 'lost'], to: 'revoked' },
  supersede: { from: ['active', 'suspended', 'lost'], to: 'superseded' },
} as const satisfies Record<string, { from: readonly SealStatus[]; to: SealStatus }>;
/** One of the keys of {@link SEAL_ACTIONS}. */
export type SealAction = keyof typeof SEAL_ACTIONS;

/** True when `action` may be taken on a seal in `status`. */
export function canTake(action: SealAction, status: SealStatus): boolean {
  return (SEAL_ACTIONS[action].from as readonly SealStatus[]).includes(status);
}

/** The states a seal can change (更换) from: a new version is applied for with it as predecessor. */
export const CHANGEABLE_STATUSES: readonly SealStatus[] = ['active', 'suspended', 'lost'];

/** An impression template as the API takes it. */
export interface SealTemplate {
  kind: Exclude<SealTemplateKind, 'upload'>;
  /** round: 38–45 (40 or 42 usual); square: 15–25 */
  sizeMm?: number;
  /** text along the upper arc (round/oval) or the name (square); default the seal's owner name */
  text?: string;
  /** horizontal text below the star (round) or in the lower half (oval), e.g. 财务专用章 */
  lowerText?: string;
  /** small code along the lower arc (round/oval), e.g. the seal code */
  code?: string;
}

/** One signing certificate bound to a seal (from the CA plugin, or the platform's own). */
export interface SealCertificate {
  /** the CA plugin's certificate id */
  caCertificateId: string;
  serial: string;
  subjectDn: string;
  notBefore: string;
  notAfter: string;
  /** SM3 fingerprint, hex */
  fingerprintSm3: string;
}

/** Use policy: whether each use needs a 用印审批, and its limits. */
export interface SealUsePolicy {
  requireApproval: boolean;
  /** allowed document types (empty: any) */
  documentTypes: string[];
  /** at most this many uses per approval (default 1) */
  maxUsesPerApproval?: number;
  /** an approval stays usable this many days (default 7) */
  approvalValidDays?: number;
}

/** A seal as the API returns it. */
export interface Seal {
  id: string;
  /** esID: the seal code (13 digits: region code and sequence), given when the seal is made */
  esId?: string;
  /** structure version written: 4 (GB/T 38540) or 1 (GM/T 0031) */
  version: 1 | 4;
  /** number in a chain of changed versions: 1, 2, … */
  generation: number;
  type: SealType;
  name: string;
  ownerKind: OwnerKind;
  ownerName: string;
  /** unified social credit code of an organisation (persons: none — no personal data here) */
  ownerCode?: string;
  status: SealStatus;
  keyMode: KeyMode;
  template?: SealTemplate;
  pictureType: 'PNG' | 'SVG';
  widthMm: number;
  heightMm: number;
  certificates: SealCertificate[];
  validStart: string;
  validEnd: string;
  usePolicy: SealUsePolicy;
  /** users allowed to apply the seal */
  holders: string[];
  predecessorId?: string;
  successorId?: string;
  /** filing record number (备案号), set when made */
  filingNumber?: string;
  /** SM3 of the SESeal DER, hex, once made */
  sealHash?: string;
  reason?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One entry of a seal's status history. */
export interface SealEvent {
  id: number;
  at: string;
  action: SealAction | 'apply' | 'change' | 'grant' | 'policy';
  fromStatus?: SealStatus;
  toStatus?: SealStatus;
  actor: string;
  reason?: string;
}

/** A seal with its history. */
export interface SealDetail extends Seal {
  history: SealEvent[];
}

/**
 * The answer to "was seal X valid at time T, and what is it now". `statusAt` is the state at T
 * (`not-issued` before it was issued); `validAt` is true only when it was `active` and T lies in
 * the validity period.
 */
export interface SealStatusAnswer {
  sealId: string;
  esId?: string;
  name: string;
  type: SealType;
  version: 1 | 4;
  /** the time asked about */
  at: string;
  statusAt: SealStatus | 'not-issued';
  validAt: boolean;
  /** why not valid at T, when not */
  reasonAt?: 'not-issued' | 'not-yet-valid' | 'expired' | 'suspended' | 'lost' | 'revoked' | 'superseded';
  /** now */
  currentStatus: SealStatus;
  validStart: string;
  validEnd: string;
  /** SM3 of the SESeal DER, hex */
  sealHash?: string;
  /** when the service answered */
  checkedAt: string;
}

/** Use requests (用印申请) and their states. */
export const USE_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'exhausted', 'expired'] as const;
/** One of {@link USE_REQUEST_STATUSES}. */
export type UseRequestStatus = (typeof USE_REQUEST_STATUSES)[number];

/** A request to use a seal (用印申请). */
export interface UseRequest {
  id: string;
  sealId: string;
  sealName: string;
  requester: string;
  documentType: string;
  documentName: string;
  purpose: string;
  uses: number;
  usesLeft: number;
  status: UseRequestStatus;
  approver?: string;
  decidedAt?: string;
  validUntil?: string;
  reason?: string;
  createdAt: string;
}

/** One logged use of a seal. */
export interface SealUse {
  id: string;
  sealId: string;
  sealName: string;
  actor: string;
  at: string;
  documentName: string;
  documentType: string;
  /** SM3 (SM2 seals) or SHA-256 of the data, hex */
  documentHash: string;
  propertyInfo: string;
  useRequestId?: string;
  version: 1 | 4;
  timestamped: boolean;
  /** prepared (holder signing pending), completed, or abandoned (not completed within a day) */
  state: 'prepared' | 'completed' | 'abandoned';
}

/** A name in the two UI languages. */
export interface SealLabel {
  zh: string;
  en: string;
}

/** Names of the seal states (shared by the pages and the public lookup page). */
export const SEAL_STATUS_LABELS: Record<SealStatus, SealLabel> = {
  pending: { zh: '待审核', en: 'Pending review' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  approved: { zh: '已批准（待制作）', en: 'Approved' },
  made: { zh: '已制作（待启用）', en: 'Made' },
  active: { zh: '已启用', en: 'Active' },
  suspended: { zh: '已停用', en: 'Suspended' },
  lost: { zh: '已挂失', en: 'Reported lost' },
  revoked: { zh: '已注销', en: 'Revoked' },
  superseded: { zh: '已更换', en: 'Superseded' },
};

/** Why a seal was not valid at a time. */
export const REASON_AT_LABELS: Record<NonNullable<SealStatusAnswer['reasonAt']>, SealLabel> = {
  'not-issued': { zh: '当时尚未启用', en: 'not issued yet' },
  'not-yet-valid': { zh: '未到有效期', en: 'before its validity' },
  expired: { zh: '已过有效期', en: 'past its validity' },
  suspended: { zh: '已停用', en: 'suspended' },
  lost: { zh: '已挂失', en: 'reported lost' },
  revoked: { zh: '已注销', en: 'revoked' },
  superseded: { zh: '已被新版本替代', en: 'superseded by a new version' },
};

/** The verdicts of a seal-signature verification: 有效 / 无效 / 无法确定. */
export const VERDICTS = ['valid', 'invalid', 'indeterminate'] as const;
/** One of {@link VERDICTS}. */
export type Verdict = (typeof VERDICTS)[number];

/** The checks a verification reports, in the order they are shown. */
export const VERIFY_CHECKS = [
  'signature',
  'sealMaker',
  'signerInSealList',
  'dataHash',
  'timeStamp',
  'signTimeInValidity',
  'sealValidAtSignTime',
  'signerNotRevokedAtSignTime',
] as const;
/** One of {@link VERIFY_CHECKS}. */
export type VerifyCheck = (typeof VERIFY_CHECKS)[number];

/** The verdict on an SES signature (`POST /public/verify`), with what the registry and the CA know. */
export interface SesVerdict {
  /** valid (有效), invalid (无效) or indeterminate (无法确定: integrity holds, a fact could not be established) */
  verdict: Verdict;
  version: number;
  esId: string;
  sealName: string;
  signTime?: string;
  propertyInfo: string;
  signerSubject?: string;
  /**
   * signature, sealMaker, signerInSealList: integrity and binding; dataHash (with the document);
   * timeStamp (when present); signTimeInValidity: inside the seal's and the certificate's validity;
   * sealValidAtSignTime: the registry says the seal was valid then (undefined: not registered here);
   * signerNotRevokedAtSignTime: the CA says the signer certificate had not been revoked then.
   */
  checks: Partial<Record<VerifyCheck, boolean>>;
  problems: string[];
  warnings: string[];
}
