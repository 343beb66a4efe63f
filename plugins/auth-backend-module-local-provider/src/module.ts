import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { authProvidersExtensionPoint } from '@backstage/plugin-auth-node';
import { AuditLog, createApiRouter, migrateAuditLog, registerAuditRoutes } from '@yinxin/ops-node';
import { AccountStore, migrateAccountStore } from './AccountStore';
import { createLocalProviderFactory } from './localProvider';
import { registerAdminRoutes } from './adminRoutes';
import { generatePassword } from './password';
import type { ApiRouter } from '@yinxin/ops-node';

/** The API router of the last started instance, for the route-matrix test. */
export let lastAccountsApi: ApiRouter | undefined;

/**
 * Auth backend module `local`: local accounts with scrypt hashes and lockout, for sign-in without
 * any outside identity provider. Configuration under `yinxin.accounts`:
 * `initialAdmin` (`username`, `entityRef`, `displayName`, optional `password`, `credentialsFile`),
 * `seed` (accounts created when missing — development and tests only), `lockout`
 * (`maxAttempts`, `lockMinutes`), `sessionHours`, `secureCookie`.
 */
export const authModuleLocalProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'local-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        database: coreServices.database,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
      },
      async init({ providers, database, config, logger, httpAuth, httpRouter, permissions }) {
        const knex = await database.getClient();
        await migrateAccountStore(knex);
        await migrateAuditLog(knex);
        const cfg = config.getOptionalConfig('yinxin.accounts');
        const store = new AccountStore(knex, {
          maxAttempts: cfg?.getOptionalNumber('lockout.maxAttempts') ?? 5,
          lockMinutes: cfg?.getOptionalNumber('lockout.lockMinutes') ?? 15,
        });
        const audit = new AuditLog({ knex, source: 'auth' });

        const initial = cfg?.getOptionalConfig('initialAdmin');
        if ((await store.count()) === 0 && initial) {
          const username = initial.getOptionalString('username') ?? 'admin';
          const password = initial.getOptionalString('password') ?? generatePassword();
          await knex.transaction(async trx => {
            await store.create(
              {
                username,
                entityRef: initial.getOptionalString('entityRef') ?? `user:default/${username}`,
                displayName: initial.getOptionalString('displayName') ?? '系统管理员',
                password,
                mustChangePassword: !initial.has('password'),
              },
              trx,
            );
            await audit.append(trx, { actor: 'system', action: 'account.create-initial-admin', targetType: 'account', targetId: username, outcome: 'success', details: {} });
          });
          const file = initial.getOptionalString('credentialsFile');
          if (file) {
            fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
            fs.writeFileSync(path.resolve(file), `username: ${username}\npassword: ${password}\n`, { mode: 0o600 });
            logger.info(`Initial administrator '${username}' created; credentials written to ${path.resolve(file)}`);
          } else {
            logger.info(`Initial administrator '${username}' created`);
          }
        }
        for (const seed of cfg?.getOptionalConfigArray('seed') ?? []) {
          const username = seed.getString('username');
          if (await store.get(username)) continue;
          await knex.transaction(async trx => {
            await store.create(
              {
                username,
                entityRef: seed.getOptionalString('entityRef') ?? `user:default/${username}`,
                displayName: seed.getOptionalString('displayName') ?? username,
                password: seed.getString('password'),
                mustChangePassword: false,
              },
              trx,
            );
            await audit.append(trx, { actor: 'system', action: 'account.seed', targetType: 'account', targetId: username, outcome: 'success', details: {} });
          });
        }

        providers.registerProvider({
          providerId: 'local',
          factory: createLocalProviderFactory({
            knex,
            store,
            audit,
            logger,
            sessionHours: cfg?.getOptionalNumber('sessionHours') ?? 12,
            secureCookie: cfg?.getOptionalBoolean('secureCookie') ?? false,
          }),
        });

        const api = createApiRouter({ httpAuth, permissions, logger });
        registerAdminRoutes(api, { knex, store, audit });
        registerAuditRoutes(api, audit);
        lastAccountsApi = api;
        const mount = express.Router();
        mount.use('/local-accounts', api.router);
        httpRouter.use(mount);
      },
    });
  },
});
