import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { z } from 'zod';
import { AuditLog, ApiError, createApiRouter, migrateAuditLog, parseInput, permissionRoomAuthorizer, realtimeServiceRef } from '@yinxin/ops-node';
import type { ApiRouter } from '@yinxin/ops-node';
import { alertAckPermission, monitorReadPermission, monitorRunPermission, silenceManagePermission } from '@yinxin/plugin-monitor-common';
import type { Knex } from 'knex';
import type { AlertRule } from './alerts/engine';
import { MonitorService, createMonitorTablesV1, createMonitorTablesV2, createMonitorTablesV3, defaultRules } from './MonitorService';
import { RosterPager } from './paging/RosterPager';
import { MONITOR_ANNOTATIONS, catalogTargets, configTargets, staticSource, type CatalogEntityLike, type TargetSource } from './targets/sources';
import { CaHealthSource } from './targets/caHealthSource';
import { SampleStore, createSeriesTables } from './series/SampleStore';
import { AlertTickets } from './tickets/AlertTickets';

/** The API router and service of the last started instance (route-matrix and journey tests). */
export let lastMonitor: { api: ApiRouter; service: MonitorService } | undefined;

async function migrateMonitor(knex: Knex) {
  await knex.migrate.latest({
    tableName: 'yinxin_monitor_migrations',
    migrationSource: {
      getMigrations: async () => ['20261129_01_monitor', '20261129_02_silences_availability', '20261129_03_paging'],
      getMigrationName: (m: string) => m,
      getMigration: async (m: string) => ({
        up: async (k: Knex) => {
          if (m === '20261129_01_monitor') {
            await createSeriesTables(k);
            await createMonitorTablesV1(k);
          } else if (m === '20261129_02_silences_availability') {
            await createMonitorTablesV2(k);
          } else {
            await createMonitorTablesV3(k);
          }
        },
        down: async () => {},
      }),
    },
  });
}

const isoTime = z.string().datetime({ offset: true });
const id64 = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/);
const silenceSchema = z.object({
  kind: z.enum(['silence', 'maintenance']),
  ruleId: id64.optional(),
  targetId: id64.optional(),
  startsAt: isoTime,
  endsAt: isoTime,
  reason: z.string().trim().min(2).max(500),
});
const eventQuerySchema = z.object({
  targetId: id64.optional(),
  ruleId: id64.optional(),
  type: z.enum(['pending', 'firing', 'resolved', 'cancelled']).optional(),
  severity: z.enum(['critical', 'major', 'minor', 'info']).optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  q: z.string().max(100).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/**
 * Backend plugin `monitor`. Targets come from `yinxin.monitor.targets`
 * (`{ id, name, kind, owner?, criticality?, options }`), from catalog entities annotated with
 * `yinxin.io/monitor-kind` (`yinxin.monitor.catalog.enabled`, default true; secrets from
 * `yinxin.monitor.secrets`), and from the portal's own services found through the CA's health
 * report (`yinxin.monitor.builtin.enabled`, default true; `warnDays`, `crlWarnMinutes`). They are
 * probed every `yinxin.monitor.intervalSeconds` (default 60); alert rules come from
 * `yinxin.monitor.rules` or {@link defaultRules}; firing alerts open tickets through the tickets
 * API; status changes are published to the realtime room `monitor:status`; availability is
 * measured against `yinxin.monitor.availabilityTarget` (default 0.999).
 */
export const monitorPlugin = createBackendPlugin({
  pluginId: 'monitor',
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
        hub: realtimeServiceRef,
        catalog: catalogServiceRef,
      },
      async init({ database, httpRouter, httpAuth, auth, discovery, permissions, logger, config, scheduler, hub, catalog }) {
        const knex = await database.getClient();
        await migrateMonitor(knex);
        await migrateAuditLog(knex);
        const cfg = config.getOptionalConfig('yinxin.monitor');
        const sources: TargetSource[] = [staticSource('config', configTargets(cfg?.getOptional<unknown[]>('targets') ?? []))];
        const backendBase = config.getOptionalString('backend.baseUrl') ?? 'http://localhost:7007';
        if (cfg?.getOptionalBoolean('catalog.enabled') ?? true) {
          const secrets = (cfg?.getOptional<Record<string, Record<string, unknown>>>('secrets') ?? {}) as Record<string, Record<string, unknown>>;
          sources.push({
            name: 'catalog',
            async list() {
              const { items } = await catalog.getEntities(
                { filter: { [`metadata.annotations.${MONITOR_ANNOTATIONS.kind}`]: CATALOG_FILTER_EXISTS }, fields: ['kind', 'metadata', 'spec.owner'] },
                { credentials: await auth.getOwnServiceCredentials() },
              );
              return catalogTargets(items as CatalogEntityLike[], secrets, backendBase);
            },
          });
        }
        if (cfg?.getOptionalBoolean('builtin.enabled') ?? true) {
          const db = config.getOptionalConfig('backend.database');
          const connection = db?.getOptional<unknown>('connection');
          sources.push(
            new CaHealthSource({
              discovery,
              auth,
              options: {
                warnDays: cfg?.getOptionalNumber('builtin.warnDays'),
                crlWarnMinutes: cfg?.getOptionalNumber('builtin.crlWarnMinutes'),
                sealBase: (cfg?.getOptionalBoolean('builtin.sealStatus') ?? true) ? await discovery.getBaseUrl('seal') : undefined,
                metricsUrl: (cfg?.getOptionalBoolean('builtin.metrics') ?? true) ? `${backendBase}/metrics` : undefined,
                metricsToken: config.getOptionalString('yinxin.metrics.token'),
                postgres: db?.getOptionalString('client') === 'pg' && typeof connection === 'string' ? { connectionString: connection } : undefined,
              },
            }),
          );
        }
        const rules = (cfg?.getOptional<AlertRule[]>('rules') ?? defaultRules()) as AlertRule[];
        const audit = new AuditLog({ knex, source: 'monitor' });
        const store = new SampleStore(knex, { rawDays: cfg?.getOptionalNumber('rawDays'), hourlyDays: cfg?.getOptionalNumber('hourlyDays') });
        const service = new MonitorService({
          knex,
          audit,
          store,
          tickets: new AlertTickets(discovery, auth),
          pager:
            (cfg?.getOptionalBoolean('paging.enabled') ?? true)
              ? new RosterPager(discovery, auth, { severities: cfg?.getOptionalStringArray('paging.severities') as any, location: cfg?.getOptionalString('paging.location') })
              : undefined,
          sources,
          rules,
          availabilityTarget: cfg?.getOptionalNumber('availabilityTarget'),
          onError: e => logger.warn(`monitor: ${e}`),
        });
        hub.registerRooms('monitor:', permissionRoomAuthorizer({ auth, permissions, permission: monitorReadPermission }));
        service.onChange(changed => hub.publish('monitor:status', 'status', changed));

        const api = createApiRouter({ httpAuth, permissions, logger });
        api.route({ method: 'get', path: '/targets', access: { permissions: [monitorReadPermission] } }, async () => service.targets());
        api.route({ method: 'get', path: '/targets/problems', access: { permissions: [monitorReadPermission] } }, async () => service.problems());
        api.route({ method: 'get', path: '/targets/:id', access: { permissions: [monitorReadPermission] } }, async ({ req }) => service.target(parseInput(id64, req.params.id)));
        api.route({ method: 'get', path: '/rules', access: { permissions: [monitorReadPermission] } }, async () => service.rules());
        api.route({ method: 'get', path: '/availability', access: { permissions: [monitorReadPermission] } }, async ({ req }) =>
          service.availability(parseInput(z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'yyyy-mm') }), req.query).month),
        );
        api.route({ method: 'get', path: '/certificates', access: { permissions: [monitorReadPermission] } }, async () => service.certificateExpiries());
        api.route({ method: 'get', path: '/silences', access: { permissions: [monitorReadPermission] } }, async ({ req }) =>
          service.silences(parseInput(z.object({ all: z.enum(['true', 'false']).optional() }), req.query).all === 'true'),
        );
        api.route(
          { method: 'post', path: '/silences', access: { permissions: [silenceManagePermission] }, sampleBody: { kind: 'silence', ruleId: 'down', startsAt: '2026-01-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', reason: '例行维护' } },
          async ctx => service.createSilence(ctx.userRef ?? ctx.actor, parseInput(silenceSchema, ctx.req.body)),
        );
        api.route({ method: 'post', path: '/silences/:id/cancel', access: { permissions: [silenceManagePermission] } }, async ctx =>
          service.cancelSilence(ctx.userRef ?? ctx.actor, parseInput(z.coerce.number().int().min(1), ctx.req.params.id)),
        );
        api.route({ method: 'get', path: '/alerts', access: { permissions: [monitorReadPermission] } }, async ({ req }) =>
          service.alerts(parseInput(z.object({ all: z.enum(['true', 'false']).optional() }), req.query).all === 'true'),
        );
        api.route({ method: 'get', path: '/alerts/events', access: { permissions: [monitorReadPermission] } }, async ({ req }) => service.events(parseInput(eventQuerySchema, req.query)));
        api.route({ method: 'post', path: '/alerts/:ruleId/:targetId/ack', access: { permissions: [alertAckPermission] } }, async ctx =>
          service.acknowledge(ctx.userRef ?? ctx.actor, String(ctx.req.params.ruleId).slice(0, 64), String(ctx.req.params.targetId).slice(0, 64)),
        );
        api.route({ method: 'get', path: '/series', access: { permissions: [monitorReadPermission] } }, async ({ req }) => {
          const q = parseInput(
            z.object({ name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$/), target: z.string().max(64), from: z.coerce.number().int(), to: z.coerce.number().int(), step: z.coerce.number().int().min(60_000) }),
            req.query,
          );
          if (q.to - q.from > 400 * 86_400_000 || (q.to - q.from) / q.step > 20_000) throw new ApiError('VALIDATION_FAILED', 'the range asks for too many points');
          return store.query(q.name, { target: q.target }, q.from, q.to, q.step);
        });
        api.route({ method: 'post', path: '/run', access: { permissions: [monitorRunPermission] } }, async ctx => ({ events: await service.runRequested(ctx.userRef ?? ctx.actor) }));
        lastMonitor = { api, service };
        httpRouter.use(api.router);

        await scheduler.scheduleTask({
          id: 'monitor-probes',
          frequency: { seconds: cfg?.getOptionalNumber('intervalSeconds') ?? 60 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: cfg?.getOptionalNumber('initialDelaySeconds') ?? 15 },
          fn: async () => {
            await service.runOnce();
          },
        });
        await scheduler.scheduleTask({
          id: 'monitor-series-upkeep',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 5 },
          fn: async () => {
            await store.downsample(Date.now());
            await store.retain();
          },
        });
      },
    });
  },
});
