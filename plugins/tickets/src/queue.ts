import type { SlaClock, Ticket, TicketState } from '@yinxin/plugin-tickets-common';

/** Filters of the queue, as the backend's `GET /tickets` understands them. */
export interface QueueFilter {
  /** One state, or all when empty. */
  state?: TicketState | '';
  /** One category, or all when empty. */
  category?: string;
  /** `me`: assigned to the caller; `none`: unassigned; empty: everybody's. */
  assignee?: '' | 'me' | 'none';
  /** Text searched in number, title, requester name and organisation. */
  q?: string;
  /** Only open tickets with a clock past due. */
  breached?: boolean;
}

/** What the queue shows: the first page of matching tickets and how many match in all. */
export interface QueueState {
  items: Ticket[];
  total: number;
}

/** The query string of a filter. */
export function queueQuery(filter: QueueFilter, limit = 100): string {
  const p = new URLSearchParams();
  if (filter.state) p.set('state', filter.state);
  if (filter.category) p.set('category', filter.category);
  if (filter.assignee) p.set('assignee', filter.assignee);
  if (filter.q?.trim()) p.set('q', filter.q.trim());
  if (filter.breached) p.set('breached', 'true');
  p.set('limit', String(limit));
  return p.toString();
}

/** States whose clocks run (the backend's "breached only" looks at these). */
const RUNNING_STATES: readonly TicketState[] = ['new', 'acknowledged', 'plan-given', 'in-progress'];

const overdue = (clock: SlaClock, now: Date) => !clock.metAt && (clock.breached || Date.parse(clock.dueAt) < now.getTime());

/**
 * True when a ticket pushed over the socket belongs in the filtered list: the same rules as the
 * backend's list query, evaluated on the pushed ticket.
 */
export function matchesFilter(ticket: Ticket, filter: QueueFilter, me?: string, now: Date = new Date()): boolean {
  if (filter.state && ticket.state !== filter.state) return false;
  if (filter.category && ticket.category !== filter.category) return false;
  if (filter.assignee === 'me' && (!me || ticket.assignee !== me)) return false;
  if (filter.assignee === 'none' && ticket.assignee) return false;
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    const hay = [ticket.number, ticket.title, ticket.requesterName, ticket.organisation].join('\n').toLowerCase();
    if (!hay.includes(q)) return false;
  }
  if (filter.breached) {
    if (!RUNNING_STATES.includes(ticket.state) || ticket.sla.pausedSince) return false;
    if (!overdue(ticket.sla.response, now) && !overdue(ticket.sla.plan, now)) return false;
  }
  return true;
}

/**
 * Merges a ticket received live into the list: replaces it in place when present, puts it on top
 * when new and matching, drops it when it no longer matches. Returns `list` itself when nothing
 * changes.
 */
export function mergeLive(list: Ticket[], ticket: Ticket, filter: QueueFilter, me?: string, now?: Date): Ticket[] {
  const index = list.findIndex(t => t.id === ticket.id);
  const matches = matchesFilter(ticket, filter, me, now);
  if (index >= 0) {
    if (!matches) return list.filter(t => t.id !== ticket.id);
    const copy = list.slice();
    copy[index] = ticket;
    return copy;
  }
  return matches ? [ticket, ...list] : list;
}

/** {@link mergeLive} on the whole queue state, keeping the total count in step with the list. */
export function applyLive(state: QueueState, ticket: Ticket, filter: QueueFilter, me?: string, now?: Date): QueueState {
  const items = mergeLive(state.items, ticket, filter, me, now);
  if (items === state.items) return state;
  return { items, total: Math.max(0, state.total + items.length - state.items.length) };
}
