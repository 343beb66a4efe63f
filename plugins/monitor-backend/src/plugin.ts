import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { AuditLog, ApiError, createApiRouter, migrateAuditLog, parseInput, permissionRoomAuthorizer, realtimeServiceRef } from '@yinxin/ops-node';
import type { ApiRouter } from '@yinxin/ops-node';
import { TARGET_KINDS, CRITICALITIES, alertAckPermission, monitorReadPermission, monitorRunPermission } from '@yinxin/plugin-monitor-common';
import type { Knex } from 'knex';
import type { AlertRule } from './alerts/engine';
import { MonitorService, createMonitorTables, defaultRules, type TargetConfig } from './MonitorService';
import { SampleStore, createSeriesTables } from './series/SampleStore';
import { AlertTickets } from './tickets/AlertTickets';

/** The API router and service of the last started instance (route-matrix and journey tests). */
export let lastMonitor: { api: ApiRouter; service: MonitorService } | undefined;

async function migrateMonitor(knex: Knex) {
  await knex.migrate.latest({
    tableName: 'yinxin_monitor_migrations',
    migrationSource: {
      getMigrations: async () => ['20261129_01_monitor'],
      getMigrationName: (m: string) => m,
      getMigration: async () => ({
        up: async (k: Knex) => {
          await createSeriesTables(k);
          await createMonitorTables(k);
        },
        down: async () => {},
      }),
    },
  });
}

const targetSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  name: z.string().min(1).max(100),
  kind: z.enum(TARGET_KINDS),
  owner: z.string().max(255).optional(),
  criticality: z.enum(CRITICALITIES).optional(),
  options: z.record(z.string(), z.unknown()).default({}),
});

/**
 * Backend plugin `monitor` (issue 6, first version): targets from `yinxin.monitor.targets`
 * (`{ id, name, kind, owner?, criticality?, options }`), probed every
 * `yinxin.monitor.intervalSeconds` (default 60); alert rules from `yinxin.monitor.rules` or
 * {@link defaultRules}; firing alerts open tickets through the tickets API; status changes are
 * published to the realtime room `monitor:status`.
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
      },
      async init({ database, httpRouter, httpAuth, auth, discovery, permissions, logger, config, scheduler, hub }) {
        const knex = await database.getClient();
        await migrateMonitor(knex);
        await migrateAuditLog(knex);
        const cfg = config.getOptionalConfig('yinxin.monitor');
        const targets: TargetConfig[] = (cfg?.getOptional<unknown[]>('targets') ?? []).map((t, i) => {
          const r = targetSchema.safeParse(t);
          if (!r.success) throw new Error(`yinxin.monitor.targets[${i}]: ${r.error.issues.map(x => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
          return r.data as TargetConfig;
        });
        const rules = (cfg?.getOptional<AlertRule[]>('rules') ?? defaultRules()) as AlertRule[];
        const audit = new AuditLog({ knex, source: 'monitor' });
        const store = new SampleStore(knex, { rawDays: cfg?.getOptionalNumber('rawDays'), hourlyDays: cfg?.getOptionalNumber('hourlyDays') });
        const service = new MonitorService({ knex, audit, store, tickets: new AlertTickets(discovery, auth), targets, rules, onError: e => logger.warn(`monitor: ${e}`) });
        hub.registerRooms('monitor:', permissionRoomAuthorizer({ auth, permissions, permission: monitorReadPermission }));
        service.onChange(changed => hub.publish('monitor:status', 'status', changed));

        const api = createApiRouter({ httpAuth, permissions, logger });
        api.route({ method: 'get', path: '/targets', access: { permissions: [monitorReadPermission] } }, async () => service.targets());
        api.route({ method: 'get', path: '/alerts', access: { permissions: [monitorReadPermission] } }, async ({ req }) =>
          service.alerts(parseInput(z.object({ all: z.enum(['true', 'false']).optional() }), req.query).all === 'true'),
        );
        api.route({ method: 'get', path: '/alerts/events', access: { permissions: [monitorReadPermission] } }, async ({ req }) =>
          service.events(parseInput(z.object({ targetId: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }), req.query)),
        );
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
