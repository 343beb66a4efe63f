import type { Ticket, TicketState } from '@yinxin/plugin-tickets-common';

/** Filters of the queue, as the backend understands them. */
export interface QueueFilter {
  state?: TicketState | '';
  category?: string;
  assignee?: '' | 'me' | 'none';
  q?: string;
  breached?: boolean;
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

/** True when a ticket pushed over the socket belongs in the filtered list. */
export function matchesFilter(ticket: Ticket, filter: QueueFilter, me?: string): boolean {
  if (filter.state && ticket.state !== filter.state) return false;
  if (filter.category && ticket.category !== filter.category) return false;
  if (filter.assignee === 'me' && ticket.assignee !== me) return false;
  if (filter.assignee === 'none' && ticket.assignee) return false;
  if (filter.q) {
    const q = filter.q.toLowerCase();
    const hay = `${ticket.number} ${ticket.title} ${ticket.requesterName} ${ticket.organisation}`.toLowerCase();
    if (!hay.includes(q)) return false;
  }
  if (filter.breached && !(ticket.sla.response.breached || ticket.sla.plan.breached)) return false;
  return true;
}

/**
 * Merges a ticket received live into the list: replaces it in place when present, puts it on top
 * when new and matching, drops it when it no longer matches.
 */
export function mergeLive(list: Ticket[], ticket: Ticket, filter: QueueFilter, me?: string): Ticket[] {
  const index = list.findIndex(t => t.id === ticket.id);
  const matches = matchesFilter(ticket, filter, me);
  if (index >= 0) {
    if (!matches) return list.filter(t => t.id !== ticket.id);
    const copy = list.slice();
    copy[index] = ticket;
    return copy;
  }
  return matches ? [ticket, ...list] : list;
}
