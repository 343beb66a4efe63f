import { createPermission } from '@backstage/plugin-permission-common';

/** Read the audit chain and run its verifier. */
export const auditReadPermission = createPermission({
  name: 'yinxin.audit.read',
  attributes: { action: 'read' },
});

/** Edit the working-day calendar (holidays, make-up workdays, business hours). */
export const calendarManagePermission = createPermission({
  name: 'yinxin.calendar.manage',
  attributes: { action: 'update' },
});

/** Read the working-day calendar. */
export const calendarReadPermission = createPermission({
  name: 'yinxin.calendar.read',
  attributes: { action: 'read' },
});

/** Create local accounts, reset passwords, unlock locked accounts. */
export const accountsManagePermission = createPermission({
  name: 'yinxin.accounts.manage',
  attributes: { action: 'update' },
});

/** Change one's own password (every account holder). */
export const accountsSelfPermission = createPermission({
  name: 'yinxin.accounts.self',
  attributes: { action: 'update' },
});

/** Join realtime rooms (queues, alert streams). */
export const realtimeSubscribePermission = createPermission({
  name: 'yinxin.realtime.subscribe',
  attributes: { action: 'read' },
});

/** Platform-wide permissions defined outside any plugin. */
export const platformPermissions = [
  auditReadPermission,
  calendarManagePermission,
  calendarReadPermission,
  accountsManagePermission,
  accountsSelfPermission,
  realtimeSubscribePermission,
];
