import { createPermission } from '@backstage/plugin-permission-common';

const seal = (name: string, action: 'create' | 'read' | 'update' | 'delete') =>
  createPermission({ name: `yinxin.seal.${name}`, attributes: { action } });

/** Read the seal registry, a seal's details and history. */
export const sealReadPermission = seal('seal.read', 'read');
/** Apply for a seal, or for a changed version of one (seal administrators). */
export const sealApplyPermission = seal('seal.apply', 'create');
/** Approve or reject seal applications (seal reviewers; never one's own). */
export const sealReviewPermission = seal('seal.review', 'update');
/** Make (sign and file) and issue approved seals (seal administrators). */
export const sealMakePermission = seal('seal.make', 'update');
/** Suspend, resume, report lost, revoke; set holders and the use policy (seal administrators). */
export const sealManagePermission = seal('seal.manage', 'update');
/** Apply a seal one holds (seal users and administrators). */
export const sealUsePermission = seal('use.sign', 'create');
/** Ask to use a seal (用印申请). */
export const useRequestCreatePermission = seal('use-request.create', 'create');
/** Approve or reject use requests (seal reviewers). */
export const useRequestApprovePermission = seal('use-request.approve', 'update');
/** Read the usage log and usage charts. */
export const usageReadPermission = seal('usage.read', 'read');

/** Every permission of the seal plugin. */
export const sealPermissions = [
  sealReadPermission,
  sealApplyPermission,
  sealReviewPermission,
  sealMakePermission,
  sealManagePermission,
  sealUsePermission,
  useRequestCreatePermission,
  useRequestApprovePermission,
  usageReadPermission,
];
