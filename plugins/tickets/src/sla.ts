import type { SlaClock, Ticket } from '@yinxin/plugin-tickets-common';

/** How a clock looks to an agent. */
export type ClockStatus = 'met' | 'met-late' | 'breached' | 'due-soon' | 'running' | 'paused';

/** Four hours: a clock due within this is "due soon". */
export const DUE_SOON_MS = 4 * 3_600_000;

/** The status of one SLA clock at `now`. */
export function clockStatus(clock: SlaClock, paused: boolean, now: Date): ClockStatus {
  if (clock.metAt) return clock.metAt > clock.dueAt ? 'met-late' : 'met';
  if (paused) return 'paused';
  const left = Date.parse(clock.dueAt) - now.getTime();
  if (left < 0) return 'breached';
  if (left <= DUE_SOON_MS) return 'due-soon';
  return 'running';
}

/** The most urgent status of a ticket's two clocks, for the queue. */
export function ticketSlaStatus(ticket: Ticket, now: Date): ClockStatus {
  const order: ClockStatus[] = ['breached', 'due-soon', 'met-late', 'running', 'paused', 'met'];
  const paused = !!ticket.sla.pausedSince;
  const statuses = [clockStatus(ticket.sla.response, paused, now), clockStatus(ticket.sla.plan, paused, now)];
  return order.find(s => statuses.includes(s)) ?? 'running';
}
