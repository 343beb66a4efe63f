import { resolve } from 'node:path';
import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { AuditLog, createApiRouter, migrateAuditLog } from '@yinxin/ops-node';
import type { ApiRouter } from '@yinxin/ops-node';
import { Keystore, loadMasterKey } from '@yinxin/keystore';
import { migrateSeal } from './db/migrations';
import { HttpCaGateway } from './ca/CaClient';
import { ServiceKeys } from './keys/ServiceKeys';
import { SealRegistry } from './seals/SealRegistry';
import { templateImpressions } from './seals/templateImpressions';
import { SealUseService } from './use/SealUseService';
import { registerSealRoutes } from './router';

/** The API router of the last started instance, for the route-matrix test. */
export let lastSealApi: ApiRouter | undefined;

/**
 * Backend plugin `seal`: the electronic seal manager. Configuration under `yinxin.seal`:
 * `masterKey` or `masterKeyFile` (the keystore of the seal maker, status service and
 * organisation seal keys), `regionCode` (6 digits starting every seal code, default 350100),
 * `vendorId` (SES_Header.Vid, default YINXIN), `font` (a TrueType/TTC CJK font for impressions).
 */
export const sealPlugin = createBackendPlugin({
  pluginId: 'seal',
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
      },
      async init({ database, httpRouter, httpAuth, auth, discovery, permissions, logger, config, scheduler }) {
        const knex = await database.getClient();
        await migrateSeal(knex);
        await migrateAuditLog(knex);
        const cfg = config.getOptionalConfig('yinxin.seal');
        const master = loadMasterKey({
          hex: cfg?.getOptionalString('masterKey'),
          file: resolve(cfg?.getOptionalString('masterKeyFile') ?? '../../.data/secrets/seal-master.key'),
          allowFile: process.env.NODE_ENV !== 'production',
          what: 'yinxin.seal.masterKey',
        });
        if (master.source !== 'config') logger.warn(`seal keystore master key read from a development key file (${master.source}); production must configure it`);
        const regionCode = cfg?.getOptionalString('regionCode') ?? '350100';
        if (!/^\d{6}$/.test(regionCode)) throw new Error('yinxin.seal.regionCode: six digits (an administrative region code)');
        const audit = new AuditLog({ knex, source: 'seal' });
        const keystore = new Keystore(knex, master.key.derive('keystore'), { table: 'seal_keys', context: 'seal-key' });
        const ca = new HttpCaGateway(discovery, auth);
        const keys = new ServiceKeys({ knex, keystore, ca, audit });
        const impressions = templateImpressions({ font: cfg?.getOptionalString('font') });
        const registry = new SealRegistry({
          knex,
          audit,
          ca,
          keys,
          keystore,
          impressions,
          regionCode,
          vendorId: cfg?.getOptionalString('vendorId') ?? 'YINXIN',
        });
        const uses = new SealUseService({ knex, audit, registry, keystore, ca });

        const api = createApiRouter({ httpAuth, permissions, logger, jsonLimit: '12mb', anonymousPerMinute: config.getOptionalNumber('yinxin.publicRateLimit.perMinute') });
        registerSealRoutes(api, { registry, impressions, uses, keys });
        lastSealApi = api;
        httpRouter.use(api.router);
        httpRouter.addAuthPolicy({ path: '/public', allow: 'unauthenticated' });

        await scheduler.scheduleTask({
          id: 'seal-abandon-stale-uses',
          frequency: { hours: 1 },
          timeout: { minutes: 5 },
          initialDelay: { minutes: 5 },
          fn: async () => {
            const n = await uses.abandonStalePrepared();
            if (n) logger.info(`abandoned ${n} seal uses prepared more than a day ago`);
          },
        });
        // The service keys need the CA, which may start after this plugin: try now, then every minute.
        await scheduler.scheduleTask({
          id: 'seal-service-keys',
          frequency: { minutes: 1 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            try {
              const made = await keys.ensure();
              if (made) logger.info(`certified ${made} seal service keys (seal maker, status service)`);
            } catch (e) {
              logger.warn(`seal service keys not ready: ${e}`);
            }
          },
        });
      },
    });
  },
});
