import type { Tone } from '@yinxin/ops-react';
import {
  REASON_AT_LABELS,
  SEAL_STATUS_LABELS,
  SEAL_TYPE_INFO,
  type KeyMode,
  type OwnerKind,
  type SealEvent,
  type SealStatus,
  type SealStatusAnswer,
  type SealTemplateKind,
  type SealType,
  type UseRequestStatus,
  type Verdict,
  type VerifyCheck,
} from '@yinxin/plugin-seal-common';

type Label = { zh: string; en: string };

export { VERDICTS, VERIFY_CHECKS, type Verdict, type VerifyCheck } from '@yinxin/plugin-seal-common';

/** Names of the model's values in the two UI languages. */
export const LABELS = {
  sealType: Object.fromEntries(Object.entries(SEAL_TYPE_INFO).map(([k, v]) => [k, { zh: v.zh, en: v.en }])) as Record<SealType, Label>,
  sealStatus: SEAL_STATUS_LABELS,
  statusAt: {
    'not-issued': { zh: '未启用', en: 'Not issued' },
  } satisfies Record<Exclude<SealStatusAnswer['statusAt'], SealStatus>, Label>,
  reasonAt: REASON_AT_LABELS,
  ownerKind: {
    organisation: { zh: '单位', en: 'Organisation' },
    person: { zh: '个人', en: 'Person' },
  } satisfies Record<OwnerKind, Label>,
  keyMode: {
    server: { zh: '服务器签章（平台托管密钥）', en: 'Server signing (platform-held key)' },
    holder: { zh: '持有人密钥（USB-key）', en: 'Holder’s key (USB key)' },
  } satisfies Record<KeyMode, Label>,
  keyModeShort: {
    server: { zh: '服务器签章', en: 'Server' },
    holder: { zh: '持有人密钥', en: 'Holder’s key' },
  } satisfies Record<KeyMode, Label>,
  templateKind: {
    round: { zh: '圆形（五角星）', en: 'Round (with star)' },
    oval: { zh: '椭圆形', en: 'Oval' },
    square: { zh: '方形（个人名章）', en: 'Square (name seal)' },
    upload: { zh: '上传印模图片（PNG）', en: 'Upload an impression (PNG)' },
  } satisfies Record<SealTemplateKind, Label>,
  version: {
    4: { zh: 'GB/T 38540（v4）', en: 'GB/T 38540 (v4)' },
    1: { zh: 'GM/T 0031（v1）', en: 'GM/T 0031 (v1)' },
  } satisfies Record<1 | 4, Label>,
  eventAction: {
    apply: { zh: '申请', en: 'Applied' },
    change: { zh: '更换申请', en: 'Change applied' },
    approve: { zh: '审核通过', en: 'Approved' },
    reject: { zh: '驳回', en: 'Rejected' },
    make: { zh: '制作', en: 'Made' },
    issue: { zh: '启用', en: 'Issued' },
    suspend: { zh: '停用', en: 'Suspended' },
    resume: { zh: '恢复启用', en: 'Resumed' },
    'report-lost': { zh: '挂失', en: 'Reported lost' },
    revoke: { zh: '注销', en: 'Revoked' },
    supersede: { zh: '被新版本替代', en: 'Superseded' },
    grant: { zh: '设置持有人', en: 'Holders set' },
    policy: { zh: '修改用印策略', en: 'Use policy changed' },
  } satisfies Record<SealEvent['action'], Label>,
  useRequestStatus: {
    pending: { zh: '待审批', en: 'Pending' },
    approved: { zh: '已批准', en: 'Approved' },
    rejected: { zh: '已驳回', en: 'Rejected' },
    exhausted: { zh: '已用完', en: 'Used up' },
    expired: { zh: '已过期', en: 'Expired' },
  } satisfies Record<UseRequestStatus, Label>,
  verdict: {
    valid: { zh: '有效', en: 'Valid' },
    invalid: { zh: '无效', en: 'Invalid' },
    indeterminate: { zh: '无法确定', en: 'Indeterminate' },
  } satisfies Record<Verdict, Label>,
  check: {
    signature: { zh: '签章签名值正确', en: 'Signature value' },
    sealMaker: { zh: '制章人签名正确（印章未被篡改）', en: 'Seal maker’s signature (seal intact)' },
    signerInSealList: { zh: '签章人证书属于该印章', en: 'Signer certificate bound to the seal' },
    dataHash: { zh: '原文与签章一致', en: 'Document matches the signature' },
    timeStamp: { zh: '时间戳有效', en: 'Timestamp' },
    signTimeInValidity: { zh: '签章时间在印章有效期内', en: 'Signed within the seal’s validity' },
    sealValidAtSignTime: { zh: '签章时印章状态有效（本平台登记）', en: 'Seal valid at signing (this registry)' },
    signerNotRevokedAtSignTime: { zh: '签章时证书未被吊销', en: 'Certificate not revoked at signing' },
  } satisfies Record<VerifyCheck, Label>,
} as const;

/** How the seal plugin's own status words look (the shared table covers the common ones). */
export const SEAL_TONES: Readonly<Record<string, Tone>> = {
  approved: 'wait',
  made: 'wait',
  active: 'ok',
  suspended: 'wait',
  lost: 'bad',
  superseded: 'neutral',
  'not-issued': 'neutral',
  exhausted: 'neutral',
};

/** The label of a status at a time: a seal status, or 未启用. */
export function statusAtLabel(status: SealStatusAnswer['statusAt']): Label {
  return status === 'not-issued' ? LABELS.statusAt['not-issued'] : LABELS.sealStatus[status];
}
