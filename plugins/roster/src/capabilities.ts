import { rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';
import {
  attendanceSelfPermission,
  dispatchCreatePermission,
  dispatchSelfPermission,
  dutyReadPermission,
  peopleManagePermission,
  reportReadPermission,
  rosterReadPermission,
  scheduleManagePermission,
  swapRequestPermission,
} from '@yinxin/plugin-roster-common';

/**
 * What the signed-in user may do in the roster UI. Only used to decide what to show: the backend
 * decides what is allowed, and a refusal is shown with its message.
 */
export interface RosterCapabilities {
  /** Reads the team (contacts masked), rosters, coverage, swaps and dispatches. */
  read: boolean;
  /** Sees who is on duty now. */
  dutyRead: boolean;
  /** Adds people, records staff changes, sees contacts in full. */
  managePeople: boolean;
  /** Templates, rotations, generation, overrides, leave, swap decisions. */
  manageSchedule: boolean;
  /** Asks to swap one's own shifts. */
  requestSwap: boolean;
  /** Checks in and out of one's own on-site shifts. */
  attendSelf: boolean;
  /** Dispatches an engineer to a ticket. */
  dispatch: boolean;
  /** Accepts, arrives at, logs and completes one's own dispatches. */
  dispatchSelf: boolean;
  /** Reads the arrival SLA and everyone's attendance. */
  reports: boolean;
}

/** The capabilities of a user with these ownership entity refs (`group:default/<role>`). */
export function capabilitiesOf(ownershipRefs: readonly string[]): RosterCapabilities {
  const roles = rolesFromOwnershipRefs(ownershipRefs);
  const may = (permission: { name: string }) => rolesGrant(roles, permission.name);
  return {
    read: may(rosterReadPermission),
    dutyRead: may(dutyReadPermission),
    managePeople: may(peopleManagePermission),
    manageSchedule: may(scheduleManagePermission),
    requestSwap: may(swapRequestPermission),
    attendSelf: may(attendanceSelfPermission),
    dispatch: may(dispatchCreatePermission),
    dispatchSelf: may(dispatchSelfPermission),
    reports: may(reportReadPermission),
  };
}

/** The sections (tabs) of the roster page, in display order. */
export const ROSTER_SECTIONS = ['calendar', 'duty', 'people', 'dispatch', 'attendance', 'settings'] as const;
/** One of {@link ROSTER_SECTIONS}. */
export type RosterSection = (typeof ROSTER_SECTIONS)[number];

/**
 * The sections a user sees: the calendar, the team and dispatches with the right to read the
 * roster; who is on duty with `duty.read` (support agents see only that); attendance for those
 * who check in or read reports; settings and templates for the schedule's managers.
 */
export function visibleSections(caps: RosterCapabilities): RosterSection[] {
  const show: Record<RosterSection, boolean> = {
    calendar: caps.read,
    duty: caps.dutyRead,
    people: caps.read,
    dispatch: caps.read && (caps.dispatch || caps.dispatchSelf || caps.reports || caps.manageSchedule),
    attendance: caps.attendSelf || caps.reports,
    settings: caps.manageSchedule,
  };
  return ROSTER_SECTIONS.filter(s => show[s]);
}

/** Where `/roster` takes a user: the calendar, else who is on duty, else nowhere. */
export function homeSection(caps: RosterCapabilities): RosterSection | undefined {
  return visibleSections(caps)[0];
}
