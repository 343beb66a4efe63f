/**
 * The roles of yinxin (design.md §4, GM/T 0037 role model). Each role is a catalog Group whose
 * name is the role id; a user holds a role by being a member of that group.
 */
export const ROLES = [
  'super-admin',
  'audit-admin',
  'support-agent',
  'support-lead',
  'ops-engineer',
  'ra-entry',
  'ra-review',
  'ra-issue',
  'ca-admin',
  'kmc-officer',
  'seal-admin',
  'seal-review',
  'seal-user',
  'roster-manager',
  'trainer',
  'training-review',
  'training-manager',
  'auditor',
  'requester',
] as const;

/** One of the role ids in {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Human-readable role names in the two UI languages. */
export const ROLE_TITLES: Record<Role, { zh: string; en: string }> = {
  'super-admin': { zh: '超级管理员', en: 'Super administrator' },
  'audit-admin': { zh: '审计管理员', en: 'Audit administrator' },
  'support-agent': { zh: '客服坐席', en: 'Support agent' },
  'support-lead': { zh: '客服主管', en: 'Support lead' },
  'ops-engineer': { zh: '运维工程师', en: 'Operations engineer' },
  'ra-entry': { zh: 'RA 录入员', en: 'RA entry operator' },
  'ra-review': { zh: 'RA 审核员', en: 'RA reviewer' },
  'ra-issue': { zh: 'RA 签发员', en: 'RA issuing operator' },
  'ca-admin': { zh: 'CA 管理员', en: 'CA administrator' },
  'kmc-officer': { zh: 'KMC 密钥管理员', en: 'KMC officer' },
  'seal-admin': { zh: '印章管理员', en: 'Seal administrator' },
  'seal-review': { zh: '印章审核员', en: 'Seal reviewer' },
  'seal-user': { zh: '印章使用人', en: 'Seal user' },
  'roster-manager': { zh: '项目经理（排班）', en: 'Roster manager' },
  trainer: { zh: '培训讲师', en: 'Trainer' },
  'training-review': { zh: '培训资料审核员', en: 'Training reviewer' },
  'training-manager': { zh: '培训管理员', en: 'Training manager' },
  auditor: { zh: '审计员', en: 'Auditor' },
  requester: { zh: '服务申请人', en: 'Requester' },
};

/** True when `value` names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Extracts the roles held by a user from the ownership entity refs of their Backstage identity
 * (`group:default/<role>`). Unknown groups are ignored.
 */
export function rolesFromOwnershipRefs(refs: readonly string[]): Role[] {
  const roles = new Set<Role>();
  for (const ref of refs) {
    const match = /^group:default\/(.+)$/i.exec(ref);
    if (match && isRole(match[1].toLowerCase())) roles.add(match[1].toLowerCase() as Role);
  }
  return [...roles];
}
