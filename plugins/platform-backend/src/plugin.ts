import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { calendarManagePermission, calendarReadPermission } from '@yinxin/ops-common';
import {
  ApiError,
  AuditLog,
  CalendarExport,
  CalendarStore,
  createApiRouter,
  migrateAuditLog,
  migrateCalendarStore,
  parseInput,
  registerAuditRoutes,
} from '@yinxin/ops-node';
import type { ApiRouter } from '@yinxin/ops-node';

/** The API router of the last started instance, for the route-matrix test. */
export let lastPlatformApi: ApiRouter | undefined;

/**
 * Backend plugin `platform`: owns the working-day calendar. `GET /calendar/export` serves the
 * calendar to other plugins; administrators list a year and set or clear a day's override, and
 * change the time zone and business hours — each change audited in the same transaction.
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
      },
      async init({ database, httpRouter, httpAuth, permissions, logger }) {
        const knex = await database.getClient();
        await migrateCalendarStore(knex);
        await migrateAuditLog(knex);
        const store = new CalendarStore({ knex });
        const audit = new AuditLog({ knex, source: 'platform' });
        const seeded = await store.seedIfEmpty();
        if (seeded) logger.info(`calendar seeded with ${seeded} holiday and make-up workday entries`);

        const api = createApiRouter({ httpAuth, permissions, logger });
        const read = { permissions: [calendarReadPermission] };
        const manage = { permissions: [calendarManagePermission] };

        api.route({ method: 'get', path: '/calendar/export', access: read }, async (): Promise<CalendarExport> => {
          const calendar = await store.load();
          const days: CalendarExport['days'] = {};
          for (const [day, o] of calendar.overrides()) days[day] = o.name ? { kind: o.kind, name: o.name } : { kind: o.kind };
          return { timeZone: calendar.timeZone, businessHours: { ...calendar.businessHours }, days };
        });
        api.route({ method: 'get', path: '/calendar/years/:year', access: read }, async ({ req }) => {
          const year = Number(req.params.year);
          if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ApiError('VALIDATION_FAILED', 'year must be 2000–2100');
          return { year, settings: await store.getSettings(), days: await store.listYear(year) };
        });
        api.route(
          { method: 'put', path: '/calendar/days/:day', access: manage, sampleBody: { kind: null } },
          async ({ req, actor }) => {
            const body = parseInput(
              z.object({ kind: z.enum(['holiday', 'workday']).nullable(), name: z.string().max(100).nullable().optional() }),
              req.body,
            );
            const change = await knex.transaction(async trx => {
              let result;
              try {
                result = await store.setDay(req.params.day, body.kind, body.name ?? null, actor, trx);
              } catch (e) {
                if (e instanceof RangeError) throw new ApiError('VALIDATION_FAILED', e.message);
                throw e;
              }
              await audit.append(trx, {
                actor,
                action: 'calendar.set-day',
                targetType: 'calendar-day',
                targetId: req.params.day,
                outcome: 'success',
                details: { kind: body.kind, name: body.name ?? null },
              });
              return result;
            });
            return { day: req.params.day, before: change.before ?? null, after: change.after ?? null };
          },
        );
        api.route(
          { method: 'put', path: '/calendar/settings', access: manage, sampleBody: {} },
          async ({ req, actor }) => {
            const patch = parseInput(
              z.object({
                timeZone: z.string().max(64).optional(),
                businessHours: z.object({ start: z.string().max(5), end: z.string().max(5) }).optional(),
              }),
              req.body,
            );
            return knex.transaction(async trx => {
              let change;
              try {
                change = await store.setSettings(patch, trx);
              } catch (e) {
                if (e instanceof RangeError) throw new ApiError('VALIDATION_FAILED', e.message);
                throw e;
              }
              await audit.append(trx, { actor, action: 'calendar.settings', targetType: 'calendar', targetId: 'settings', outcome: 'success', details: { after: JSON.parse(JSON.stringify(change.after)) } });
              return change.after;
            });
          },
        );
        registerAuditRoutes(api, audit);
        lastPlatformApi = api;
        httpRouter.use(api.router);
      },
    });
  },
});
