import { createPermission } from '@backstage/plugin-permission-common';

const p = (name: string, action: 'create' | 'read' | 'update' | 'delete') =>
  createPermission({ name: `yinxin.tickets.${name}`, attributes: { action } });

/** Record a ticket for anyone (agents: phone calls, e-mails). */
export const ticketCreatePermission = p('ticket.create', 'create');
/** Submit a ticket as oneself (requesters, web form when signed in). */
export const ticketCreateOwnPermission = p('ticket.create-own', 'create');
/** Read every ticket, with internal notes. */
export const ticketReadPermission = p('ticket.read', 'read');
/** Read one's own tickets, without internal notes. */
export const ticketReadOwnPermission = p('ticket.read-own', 'read');
/** Edit a ticket's fields (category, priority, links). */
export const ticketUpdatePermission = p('ticket.update', 'update');
/** Move a ticket through its lifecycle. */
export const ticketTransitionPermission = p('ticket.transition', 'update');
/** Reply to the requester. */
export const ticketCommentPermission = p('ticket.comment', 'update');
/** Reply on one's own ticket. */
export const ticketCommentOwnPermission = p('ticket.comment-own', 'update');
/** Write internal notes. */
export const ticketNotePermission = p('ticket.note', 'update');
/** Assign or reassign. */
export const ticketAssignPermission = p('ticket.assign', 'update');
/** Merge and split tickets, add sub-tasks. */
export const ticketMergePermission = p('ticket.merge', 'update');
/** Escalate, and change SLA targets and agent lists. */
export const ticketAdminPermission = p('admin', 'update');
/** Read knowledge-base articles. */
export const kbReadPermission = p('kb.read', 'read');
/** Write knowledge-base articles and canned replies. */
export const kbWritePermission = p('kb.write', 'update');
/** Read canned replies. */
export const cannedReadPermission = p('canned.read', 'read');
/** Read reports. */
export const reportReadPermission = p('report.read', 'read');

/** Every permission of the tickets plugin. */
export const ticketsPermissions = [
  ticketCreatePermission,
  ticketCreateOwnPermission,
  ticketReadPermission,
  ticketReadOwnPermission,
  ticketUpdatePermission,
  ticketTransitionPermission,
  ticketCommentPermission,
  ticketCommentOwnPermission,
  ticketNotePermission,
  ticketAssignPermission,
  ticketMergePermission,
  ticketAdminPermission,
  kbReadPermission,
  kbWritePermission,
  cannedReadPermission,
  reportReadPermission,
];
