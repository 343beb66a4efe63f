import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { AuditLog, calendarServiceRef, createApiRouter, migrateAuditLog, permissionRoomAuthorizer, realtimeServiceRef } from '@yinxin/ops-node';
import type { ApiRouter } from '@yinxin/ops-node';
import { dutyReadPermission } from '@yinxin/plugin-roster-common';
import { migrateRoster } from './db/migrations';
import { pdfDocRenderer, type PdfRenderer } from './export/pdf';
import { registerRosterRoutes } from './router';
import { AttendanceService } from './service/AttendanceService';
import { DispatchService } from './service/DispatchService';
import { PeopleService } from './service/PeopleService';
import { ScheduleService } from './service/ScheduleService';
import { readSettings } from './service/settings';
import { RosterStore } from './service/store';
import { SwapService } from './service/SwapService';
import { HttpTicketGateway, type TicketGateway } from './service/tickets';

/** The API router and services of the last started instance (route-matrix and journey tests). */
export let lastRoster: { api: ApiRouter; store: RosterStore } | undefined;

/** Options of {@link createRosterPlugin} (for tests; the backend uses {@link rosterPlugin}). */
export interface RosterPluginOptions {
  /** The plugin's clock (default: the system clock). */
  clock?: () => Date;
  /** PDF rendering (default: `renderPdf` of `@yinxin/pdf-doc`). */
  renderPdf?: PdfRenderer;
  /** Ticket lookups (default: the tickets plugin's API). */
  tickets?: TicketGateway;
}

/**
 * Makes the roster backend plugin `roster`: the service team, shift templates, month rosters on
 * the working-day calendar, coverage rules, leave, swaps and overrides, dispatch with arrival
 * deadlines, attendance. Configuration under `yinxin.roster` (see config.d.ts and README.md).
 * Live changes are published to the realtime room `roster:duty`.
 */
export function createRosterPlugin(options: RosterPluginOptions = {}) {
  return createBackendPlugin({
    pluginId: 'roster',
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          discovery: coreServices.discovery,
          permissions: coreServices.permissions,
          logger: coreServices.logger,
          config: coreServices.rootConfig,
          scheduler: coreServices.scheduler,
          calendar: calendarServiceRef,
          hub: realtimeServiceRef,
        },
        async init({ database, httpRouter, httpAuth, auth, discovery, permissions, logger, config, scheduler, calendar, hub }) {
          const knex = await database.getClient();
          await migrateRoster(knex);
          await migrateAuditLog(knex);
          const settings = readSettings(config.getOptionalConfig('yinxin.roster'));
          const clock = options.clock ?? (() => new Date());
          const audit = new AuditLog({ knex, source: 'roster', clock });
          const store = new RosterStore({
            knex,
            audit,
            clock,
            settings,
            calendar: () => calendar.current(),
            hub,
            tickets: options.tickets ?? new HttpTicketGateway(discovery, auth),
            renderPdf: options.renderPdf ?? pdfDocRenderer(),
            logger,
          });
          hub.registerRooms('roster:', permissionRoomAuthorizer({ auth, permissions, permission: dutyReadPermission }));

          const api = createApiRouter({ httpAuth, permissions, logger });
          registerRosterRoutes(api, {
            store,
            audit,
            people: new PeopleService(store),
            schedule: new ScheduleService(store),
            swaps: new SwapService(store),
            dispatches: new DispatchService(store),
            attendance: new AttendanceService(store),
          });
          lastRoster = { api, store };
          httpRouter.use(api.router);

          // Shifts begin and end with time: announce who is on duty when that changes.
          await scheduler.scheduleTask({
            id: 'roster-duty-watch',
            frequency: { minutes: 1 },
            timeout: { minutes: 1 },
            initialDelay: { seconds: 20 },
            fn: async () => {
              await store.refreshDuty();
            },
          });
        },
      });
    },
  });
}

/** The roster backend plugin. */
export const rosterPlugin = createRosterPlugin();
