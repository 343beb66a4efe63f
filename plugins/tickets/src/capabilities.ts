import { rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';
import {
  cannedReadPermission,
  kbReadPermission,
  kbWritePermission,
  reportReadPermission,
  ticketAssignPermission,
  ticketCommentOwnPermission,
  ticketCommentPermission,
  ticketCreateOwnPermission,
  ticketCreatePermission,
  ticketMergePermission,
  ticketNotePermission,
  ticketReadPermission,
  ticketTransitionPermission,
  ticketUpdatePermission,
} from '@yinxin/plugin-tickets-common';

/**
 * What the signed-in user may do in the tickets UI. Only used to decide what to show: the backend
 * decides what is allowed, and a refusal is shown with its translated error.
 */
export interface TicketCapabilities {
  /** Staff: reads every ticket, with internal notes and history; may join the realtime rooms. */
  read: boolean;
  /** Records tickets on behalf of callers (phone tickets). */
  create: boolean;
  /** Submits tickets as oneself (requesters). */
  createOwn: boolean;
  /** Edits fields, links knowledge articles, adds sub-tasks. */
  update: boolean;
  /** Moves tickets through their lifecycle. */
  transition: boolean;
  /** Replies to requesters (or, for requesters, on their own tickets). */
  comment: boolean;
  /** Writes internal notes. */
  note: boolean;
  /** Assigns and reassigns. */
  assign: boolean;
  /** Merges and splits. */
  merge: boolean;
  /** Reads the knowledge base. */
  kbRead: boolean;
  /** Writes knowledge-base articles. */
  kbWrite: boolean;
  /** Reads canned replies. */
  cannedRead: boolean;
  /** Reads reports. */
  reportRead: boolean;
}

/** The capabilities of a user with these ownership entity refs (`group:default/<role>`). */
export function capabilitiesOf(ownershipRefs: readonly string[]): TicketCapabilities {
  const roles = rolesFromOwnershipRefs(ownershipRefs);
  const may = (permission: { name: string }) => rolesGrant(roles, permission.name);
  return {
    read: may(ticketReadPermission),
    create: may(ticketCreatePermission),
    createOwn: may(ticketCreateOwnPermission),
    update: may(ticketUpdatePermission),
    transition: may(ticketTransitionPermission),
    comment: may(ticketCommentPermission) || may(ticketCommentOwnPermission),
    note: may(ticketNotePermission),
    assign: may(ticketAssignPermission),
    merge: may(ticketMergePermission),
    kbRead: may(kbReadPermission),
    kbWrite: may(kbWritePermission),
    cannedRead: may(cannedReadPermission),
    reportRead: may(reportReadPermission),
  };
}
