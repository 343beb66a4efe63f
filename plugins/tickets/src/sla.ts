import type { SlaClock, Ticket } from '@yinxin/plugin-tickets-common';

/** How an SLA clock looks to an agent. */
export type ClockStatus = 'met' | 'met-late' | 'breached' | 'due-soon' | 'running' | 'paused';

/** Four hours: an open clock due within this is "due soon" (amber). */
export const DUE_SOON_MS = 4 * 3_600_000;

/**
 * The status of one SLA clock at `now`. The server's `breached` flag wins (a clock breached before
 * the ticket was paused stays breached); otherwise the deadline is compared with `now`.
 */
export function clockStatus(clock: SlaClock, paused: boolean, now: Date): ClockStatus {
  if (clock.metAt) return clock.breached || Date.parse(clock.metAt) > Date.parse(clock.dueAt) ? 'met-late' : 'met';
  if (clock.breached) return 'breached';
  if (paused) return 'paused';
  const left = Date.parse(clock.dueAt) - now.getTime();
  if (left < 0) return 'breached';
  if (left <= DUE_SOON_MS) return 'due-soon';
  return 'running';
}

/** Statuses from the most to the least urgent. */
const URGENCY: readonly ClockStatus[] = ['breached', 'due-soon', 'met-late', 'running', 'paused', 'met'];

/** The most urgent status of a ticket's two clocks (for sorting or a single summary chip). */
export function ticketSlaStatus(ticket: Ticket, now: Date): ClockStatus {
  const paused = !!ticket.sla.pausedSince;
  const statuses = [clockStatus(ticket.sla.response, paused, now), clockStatus(ticket.sla.plan, paused, now)];
  return URGENCY.find(s => statuses.includes(s)) ?? 'running';
}
