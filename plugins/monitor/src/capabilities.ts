import { rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';
import { alertAckPermission, monitorReadPermission, monitorRunPermission, silenceManagePermission } from '@yinxin/plugin-monitor-common';

/**
 * What the signed-in user may do in the monitor UI. Only used to decide what to show: the backend
 * decides what is allowed, and a refusal is shown with its translated error.
 */
export interface MonitorCapabilities {
  /** Sees the wall, the history, availability, certificate ends and silences. */
  read: boolean;
  /** Takes (acknowledges) alerts. */
  ack: boolean;
  /** Runs a probe round now. */
  run: boolean;
  /** Creates and ends silences and maintenance windows. */
  silence: boolean;
}

/** The capabilities of a user with these ownership entity refs (`group:default/<role>`). */
export function capabilitiesOf(ownershipRefs: readonly string[]): MonitorCapabilities {
  const roles = rolesFromOwnershipRefs(ownershipRefs);
  const may = (permission: { name: string }) => rolesGrant(roles, permission.name);
  return {
    read: may(monitorReadPermission),
    ack: may(alertAckPermission),
    run: may(monitorRunPermission),
    silence: may(silenceManagePermission),
  };
}

/** The sections (tabs) of the monitor page, in display order. */
export const MONITOR_SECTIONS = ['wall', 'history', 'availability', 'certificates', 'silences'] as const;
/** One of {@link MONITOR_SECTIONS}. */
export type MonitorSection = (typeof MONITOR_SECTIONS)[number];

/** The sections a user sees: every one of them with the right to read the monitor, none without. */
export function visibleSections(caps: MonitorCapabilities): MonitorSection[] {
  return caps.read ? [...MONITOR_SECTIONS] : [];
}

/** Where `/monitor` takes a user: the status wall, or nowhere without the right to read. */
export function homeSection(caps: MonitorCapabilities): MonitorSection | undefined {
  return caps.read ? 'wall' : undefined;
}
