import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  AuditLog,
  calendarServiceRef,
  createApiRouter,
  migrateAuditLog,
  permissionRoomAuthorizer,
  realtimeServiceRef,
} from '@yinxin/ops-node';
import { CATEGORIES, Category, ticketReadPermission } from '@yinxin/plugin-tickets-common';
import { migrateTickets } from './service/migrations';
import { TicketService } from './service/TicketService';
import { KnowledgeService } from './service/KnowledgeService';
import { ReportService } from './service/ReportService';
import { registerTicketRoutes } from './service/router';
import { StaticAgentDirectory } from './service/assignment';
import { readSlaPolicy } from './sla/SlaPolicy';
import { ingestMailDrop } from './ingest/emailIngest';
import type { ApiRouter } from '@yinxin/ops-node';

/** The API router of the last started instance, for the route-matrix test. */
export let lastTicketsApi: ApiRouter | undefined;

/**
 * Backend plugin `tickets`. Configuration under `yinxin.tickets`: `agents` (`ref`, `skills`),
 * `sla` (per-priority and problem-list targets), `maxAttachmentBytes`, `email.dropDirectory`,
 * `im.webhookSecret`.
 */
export const ticketsPlugin = createBackendPlugin({
  pluginId: 'tickets',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        scheduler: coreServices.scheduler,
        calendar: calendarServiceRef,
        hub: realtimeServiceRef,
      },
      async init({ database, httpRouter, httpAuth, auth, permissions, logger, config, scheduler, calendar, hub }) {
        const knex = await database.getClient();
        await migrateTickets(knex);
        await migrateAuditLog(knex);
        const cfg = config.getOptionalConfig('yinxin.tickets');
        const audit = new AuditLog({ knex, source: 'tickets' });
        const agents = (cfg?.getOptionalConfigArray('agents') ?? []).map(a => ({
          ref: a.getString('ref'),
          skills: (a.getOptionalStringArray('skills') ?? []).filter((s): s is Category =>
            (CATEGORIES as readonly string[]).includes(s),
          ),
        }));
        const tickets = new TicketService({
          knex,
          audit,
          calendar: () => calendar.current(),
          policy: readSlaPolicy(cfg?.getOptional('sla')),
          agents: new StaticAgentDirectory(agents),
          hub,
          maxAttachmentBytes: cfg?.getOptionalNumber('maxAttachmentBytes'),
        });
        const knowledge = new KnowledgeService(knex, audit);
        const reports = new ReportService(knex);

        hub.registerRooms('tickets:', permissionRoomAuthorizer({ auth, permissions, permission: ticketReadPermission }));

        const api = createApiRouter({ httpAuth, permissions, logger, anonymousPerMinute: config.getOptionalNumber('yinxin.publicRateLimit.perMinute') });
        registerTicketRoutes(api, {
          tickets,
          knowledge,
          reports,
          audit,
          hub,
          imWebhookSecret: cfg?.getOptionalString('im.webhookSecret'),
        });
        lastTicketsApi = api;
        httpRouter.use(api.router);
        httpRouter.addAuthPolicy({ path: '/public', allow: 'unauthenticated' });

        await scheduler.scheduleTask({
          id: 'tickets-sla-sweep',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 30 },
          fn: async () => {
            const r = await tickets.slaSweep();
            if (r.warned.length || r.escalated.length)
              logger.info(`SLA sweep: warned ${r.warned.join(',') || '-'}; escalated ${r.escalated.join(',') || '-'}`);
          },
        });
        const dropDirectory = cfg?.getOptionalString('email.dropDirectory');
        if (dropDirectory) {
          await scheduler.scheduleTask({
            id: 'tickets-mail-drop',
            frequency: { seconds: 30 },
            timeout: { minutes: 5 },
            fn: async () => {
              const r = await ingestMailDrop(dropDirectory, tickets);
              if (r.created.length || r.failed.length)
                logger.info(`mail drop: created ${r.created.join(',') || '-'}; failed ${r.failed.join(',') || '-'}`);
            },
          });
        }
      },
    });
  },
});
