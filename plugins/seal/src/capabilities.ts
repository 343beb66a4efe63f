import { rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';
import {
  sealApplyPermission,
  sealMakePermission,
  sealManagePermission,
  sealReadPermission,
  sealReviewPermission,
  sealUsePermission,
  usageReadPermission,
  useRequestApprovePermission,
  useRequestCreatePermission,
} from '@yinxin/plugin-seal-common';

/**
 * What the signed-in user may do in the seal UI. Only used to decide what to show: the backend
 * decides what is allowed, and a refusal is shown with its translated error.
 */
export interface SealCapabilities {
  /** Reads the registry, a seal's details, impression and history. */
  read: boolean;
  /** Applies for seals and for changed versions (更换). */
  apply: boolean;
  /** Approves or rejects seal applications (never one's own). */
  review: boolean;
  /** Makes and issues approved seals. */
  make: boolean;
  /** Suspends, resumes, reports lost, revokes; sets holders and the use policy. */
  manage: boolean;
  /** Applies seals one holds (用印). */
  sign: boolean;
  /** Asks to use a seal (用印申请). */
  requestUse: boolean;
  /** Approves or rejects use requests. */
  approveUse: boolean;
  /** Reads the usage log and charts. */
  usageRead: boolean;
}

/** The capabilities of a user with these ownership entity refs (`group:default/<role>`). */
export function capabilitiesOf(ownershipRefs: readonly string[]): SealCapabilities {
  const roles = rolesFromOwnershipRefs(ownershipRefs);
  const may = (permission: { name: string }) => rolesGrant(roles, permission.name);
  return {
    read: may(sealReadPermission),
    apply: may(sealApplyPermission),
    review: may(sealReviewPermission),
    make: may(sealMakePermission),
    manage: may(sealManagePermission),
    sign: may(sealUsePermission),
    requestUse: may(useRequestCreatePermission),
    approveUse: may(useRequestApprovePermission),
    usageRead: may(usageReadPermission),
  };
}

/** The sections (tabs) of the seal page, in display order. */
export const SEAL_SECTIONS = ['applications', 'registry', 'status', 'use-requests', 'use', 'usage'] as const;
/** One of {@link SEAL_SECTIONS}. */
export type SealSection = (typeof SEAL_SECTIONS)[number];

/**
 * The sections a user sees. The status lookup answers anyone (its API is public), so every
 * signed-in user has at least that; the others follow the permissions that read their data.
 */
export function visibleSections(caps: SealCapabilities): SealSection[] {
  const show: Record<SealSection, boolean> = {
    applications: caps.read && (caps.apply || caps.review || caps.make),
    registry: caps.read,
    status: true,
    'use-requests': caps.requestUse || caps.approveUse,
    use: caps.sign,
    usage: caps.usageRead,
  };
  return SEAL_SECTIONS.filter(s => show[s]);
}

/**
 * Where `/seal` takes a user: administrators and reviewers to the applications waiting for them,
 * seal users to 用印, auditors to the registry, everyone else to the status lookup.
 */
export function homeSection(caps: SealCapabilities): SealSection {
  const sections = visibleSections(caps);
  for (const preferred of ['applications', 'use', 'use-requests', 'registry'] as const) {
    if (sections.includes(preferred)) return preferred;
  }
  return 'status';
}
