import { createPermission } from '@backstage/plugin-permission-common';

const roster = (name: string, action: 'create' | 'read' | 'update' | 'delete') =>
  createPermission({ name: `yinxin.roster.${name}`, attributes: { action } });

/** Read the team (contact details masked), templates, rotations, leave, month rosters, coverage, swaps, dispatches. */
export const rosterReadPermission = roster('read', 'read');
/** Ask who is on duty at an instant (support agents, the monitor). */
export const dutyReadPermission = roster('duty.read', 'read');
/** Add, edit and change people (join, leave, replace) and see their contact details unmasked. */
export const peopleManagePermission = roster('people.manage', 'update');
/** Shift templates, rotations, month generation, overrides, leave, approving or rejecting swaps. */
export const scheduleManagePermission = roster('schedule.manage', 'update');
/** Ask to swap (or hand over) one's own shift. */
export const swapRequestPermission = roster('swap.request', 'create');
/** Check in and out of one's own on-site shifts and read one's own attendance. */
export const attendanceSelfPermission = roster('attendance.self', 'update');
/** Dispatch an engineer to a ticket or an alert. */
export const dispatchCreatePermission = roster('dispatch.create', 'create');
/** Accept, arrive at, log work on and complete one's own dispatches. */
export const dispatchSelfPermission = roster('dispatch.self', 'update');
/** Read reports: arrival SLA, attendance of every engineer. */
export const reportReadPermission = roster('report.read', 'read');

/** Every permission of the roster plugin. */
export const rosterPermissions = [
  rosterReadPermission,
  dutyReadPermission,
  peopleManagePermission,
  scheduleManagePermission,
  swapRequestPermission,
  attendanceSelfPermission,
  dispatchCreatePermission,
  dispatchSelfPermission,
  reportReadPermission,
];
