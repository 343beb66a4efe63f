/* A TicketService on a real database, with migrations, audit chain and an injected clock. */
import { Knex } from 'knex';
import { AuditLog, WorkingCalendar, migrateAuditLog, seedDaysFromChineseDays } from '@yinxin/ops-node';
import { DEFAULT_SLA_POLICY } from '../sla/SlaPolicy';
import { Agent, StaticAgentDirectory } from '../service/assignment';
import { migrateTickets } from '../service/migrations';
import { TicketService } from '../service/TicketService';

/** The 2026 calendar (Asia/Shanghai, 08:30–17:30) from the chinese-days data. */
export const testCalendar = new WorkingCalendar({ days: seedDaysFromChineseDays() });

/** Migrates `knex` and builds the service with its audit log. */
export async function ticketServiceForTest(
  knex: Knex,
  options: { clock: () => Date; agents: Agent[]; maxAttachmentBytes?: number },
) {
  await migrateTickets(knex);
  await migrateAuditLog(knex);
  const audit = new AuditLog({ knex, source: 'tickets', clock: options.clock });
  const service = new TicketService({
    knex,
    audit,
    calendar: async () => testCalendar,
    policy: DEFAULT_SLA_POLICY,
    agents: new StaticAgentDirectory(options.agents),
    clock: options.clock,
    maxAttachmentBytes: options.maxAttachmentBytes,
  });
  return { knex, audit, service };
}
