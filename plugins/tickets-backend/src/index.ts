/**
 * Backend plugin `tickets`: call-centre tickets with SLA clocks on the working-day calendar.
 *
 * @packageDocumentation
 */
export { ticketsPlugin as default, lastTicketsApi } from './plugin';
export { TicketService, QUEUE_ROOM, ticketRoom } from './service/TicketService';
export type { NewTicket, TicketQuery } from './service/TicketService';
export { pickAgent, StaticAgentDirectory } from './service/assignment';
export type { Agent, AgentDirectory } from './service/assignment';
export { DEFAULT_SLA_POLICY, initialDeadlines, readSlaPolicy, resumeDeadline } from './sla/SlaPolicy';
export type { SlaPolicy, SlaTarget, SlaTargets } from './sla/SlaPolicy';
export { migrateTickets } from './service/migrations';
export { parseEmail, ingestMailDrop } from './ingest/emailIngest';
