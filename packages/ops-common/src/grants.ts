import { Role } from './roles';

/**
 * What each role may do, as permission-name patterns. A pattern is either an exact permission
 * name or a prefix ending in `.*`. This table is the single place where roles meet permissions:
 * the backend permission policy evaluates it and the UI uses it to explain a refusal.
 *
 * Backstage's own read permissions (catalog.entity.read and friends) are granted to every
 * signed-in user by the policy itself; everything not listed here is denied.
 */
export const ROLE_GRANTS: Record<Role, readonly string[]> = {
  'super-admin': [
    'yinxin.accounts.*',
    'yinxin.calendar.*',
    'yinxin.realtime.*',
    'yinxin.tickets.*',
    'catalog.*',
  ],
  // GM/T 0037: the audit administrator manages the audit function but performs no business
  // actions; auditors only read.
  'audit-admin': ['yinxin.audit.*', 'yinxin.calendar.read'],
  auditor: [
    'yinxin.audit.read',
    'yinxin.calendar.read',
    'yinxin.tickets.report.read',
    'yinxin.ca.certificate.read',
    'yinxin.ca.application.read',
    'yinxin.ca.authority.read',
    'yinxin.ca.report.read',
    'yinxin.kmc.recovery.read',
    'yinxin.kmc.stats.read',
    'yinxin.seal.seal.read',
    'yinxin.seal.usage.read',
    'yinxin.roster.read',
    'yinxin.roster.report.read',
    'yinxin.training.report.read',
  ],
  'support-agent': [
    'yinxin.realtime.subscribe',
    'yinxin.calendar.read',
    'yinxin.tickets.ticket.create',
    'yinxin.tickets.ticket.read',
    'yinxin.tickets.ticket.update',
    'yinxin.tickets.ticket.transition',
    'yinxin.tickets.ticket.comment',
    'yinxin.tickets.ticket.note',
    'yinxin.tickets.ticket.assign',
    'yinxin.tickets.ticket.merge',
    'yinxin.tickets.kb.read',
    'yinxin.tickets.kb.write',
    'yinxin.tickets.canned.read',
    'yinxin.tickets.report.read',
    'yinxin.ca.unlock.request',
    'yinxin.roster.duty.read',
  ],
  'support-lead': [
    'yinxin.realtime.subscribe',
    'yinxin.calendar.read',
    'yinxin.tickets.*',
    'yinxin.monitor.read',
    'yinxin.ca.unlock.request',
    'yinxin.roster.read',
    'yinxin.roster.duty.read',
    'yinxin.roster.dispatch.create',
    'yinxin.roster.report.read',
  ],
  'ops-engineer': [
    'yinxin.realtime.subscribe',
    'yinxin.calendar.read',
    'yinxin.monitor.*',
    'yinxin.ca.health.read',
    'yinxin.tickets.ticket.create',
    'yinxin.tickets.ticket.read',
    'yinxin.tickets.ticket.transition',
    'yinxin.tickets.ticket.comment',
    'yinxin.tickets.ticket.note',
    'yinxin.tickets.kb.read',
    'yinxin.roster.read',
    'yinxin.roster.duty.read',
    'yinxin.roster.swap.request',
    'yinxin.roster.attendance.self',
    'yinxin.roster.dispatch.create',
    'yinxin.roster.dispatch.self',
  ],
  'ra-entry': [
    'yinxin.calendar.read',
    'yinxin.tickets.kb.read',
    'yinxin.ca.subject.read',
    'yinxin.ca.subject.write',
    'yinxin.ca.application.create',
    'yinxin.ca.application.read',
    'yinxin.ca.certificate.read',
    'yinxin.ca.authority.read',
    'yinxin.ca.unlock.request',
    'yinxin.kmc.recovery.request',
    'yinxin.kmc.recovery.read',
  ],
  'ra-review': [
    'yinxin.calendar.read',
    'yinxin.tickets.kb.read',
    'yinxin.ca.subject.read',
    'yinxin.ca.application.read',
    'yinxin.ca.application.review',
    'yinxin.ca.certificate.read',
    'yinxin.ca.certificate.revoke',
    'yinxin.ca.authority.read',
    'yinxin.ca.unlock.verify',
  ],
  'ra-issue': [
    'yinxin.calendar.read',
    'yinxin.tickets.kb.read',
    'yinxin.ca.subject.read',
    'yinxin.ca.application.read',
    'yinxin.ca.application.issue',
    'yinxin.ca.certificate.read',
    'yinxin.ca.authority.read',
  ],
  'ca-admin': [
    'yinxin.calendar.read',
    'yinxin.tickets.kb.read',
    'yinxin.ca.authority.*',
    'yinxin.ca.health.read',
    'yinxin.ca.report.read',
    'yinxin.ca.certificate.read',
    'yinxin.ca.application.read',
    'yinxin.ca.subject.read',
    'yinxin.kmc.stats.read',
  ],
  'kmc-officer': ['yinxin.calendar.read', 'yinxin.kmc.*', 'yinxin.ca.certificate.read'],
  // Seal administrators apply for, make, issue and manage seals and pick holders' certificates;
  // reviewers approve seal applications and use requests (never their own); users apply seals
  // they hold and ask to use them.
  'seal-admin': [
    'yinxin.calendar.read',
    'yinxin.tickets.kb.read',
    'yinxin.ca.certificate.read',
    'yinxin.seal.seal.read',
    'yinxin.seal.seal.apply',
    'yinxin.seal.seal.make',
    'yinxin.seal.seal.manage',
    'yinxin.seal.use.sign',
    'yinxin.seal.usage.read',
  ],
  'seal-review': [
    'yinxin.calendar.read',
    'yinxin.tickets.kb.read',
    'yinxin.seal.seal.read',
    'yinxin.seal.seal.review',
    'yinxin.seal.use-request.approve',
    'yinxin.seal.usage.read',
  ],
  'seal-user': [
    'yinxin.tickets.ticket.create-own',
    'yinxin.tickets.ticket.read-own',
    'yinxin.seal.seal.read',
    'yinxin.seal.use.sign',
    'yinxin.seal.use-request.create',
  ],
  // The project manager keeps the team, the rosters and the dispatches, and reports to the client.
  'roster-manager': [
    'yinxin.realtime.subscribe',
    'yinxin.calendar.read',
    'yinxin.roster.*',
    'yinxin.tickets.ticket.read',
    'yinxin.monitor.read',
  ],
  // Trainers write materials and run sessions; reviewers publish materials (never their own);
  // the training manager keeps plans, trainers' qualifications and the records.
  trainer: [
    'yinxin.realtime.subscribe',
    'yinxin.calendar.read',
    'yinxin.training.material.write',
    'yinxin.training.session.manage',
    'yinxin.training.plan.read',
    'yinxin.training.report.read',
  ],
  'training-review': [
    'yinxin.realtime.subscribe',
    'yinxin.calendar.read',
    'yinxin.training.material.review',
    'yinxin.training.plan.read',
  ],
  'training-manager': ['yinxin.realtime.subscribe', 'yinxin.calendar.read', 'yinxin.training.*'],
  requester: [
    'yinxin.tickets.ticket.create-own',
    'yinxin.tickets.ticket.read-own',
    'yinxin.tickets.ticket.comment-own',
    'yinxin.tickets.kb.read',
  ],
};

/**
 * Granted to every role: changing one's own password; learning (reading published training
 * materials, plans and sessions, enrolling, checking in, giving feedback, asking for a session).
 */
export const EVERY_ROLE_GRANTS: readonly string[] = ['yinxin.accounts.self', 'yinxin.training.learn.*'];

/** True when `permissionName` matches `pattern` (exact, or prefix for `x.y.*`). */
export function grantMatches(pattern: string, permissionName: string): boolean {
  if (pattern.endsWith('.*')) return permissionName.startsWith(pattern.slice(0, -1));
  return pattern === permissionName;
}

/** True when any of `roles` is granted `permissionName` by {@link ROLE_GRANTS}. */
export function rolesGrant(roles: readonly Role[], permissionName: string): boolean {
  if (roles.length > 0 && EVERY_ROLE_GRANTS.some(p => grantMatches(p, permissionName))) return true;
  return roles.some(role => ROLE_GRANTS[role].some(p => grantMatches(p, permissionName)));
}

/**
 * What other backend plugins (service principals) may do through a plugin's API: read the
 * calendar; open, read, comment on and move tickets (monitoring alerts, roster dispatch); have
 * the CA certify service keys and read certificates (the seal plugin).
 */
export const SERVICE_GRANTS: readonly string[] = [
  'yinxin.calendar.read',
  // the monitor reads the catalog for declared targets
  'catalog.entity.read',
  // the seal plugin: certificates for its service and organisation keys, holders' certificates
  'yinxin.ca.service-certificate.issue',
  'yinxin.ca.service-certificate.revoke',
  'yinxin.ca.certificate.read',
  // the monitor: service certificates' life, the KMC pool, publication points
  'yinxin.ca.health.read',
  'yinxin.tickets.ticket.create',
  'yinxin.tickets.ticket.read',
  'yinxin.tickets.ticket.comment',
  'yinxin.tickets.ticket.transition',
  // the monitor plugin pages the engineer on duty
  'yinxin.roster.duty.read',
  'yinxin.roster.dispatch.create',
];
