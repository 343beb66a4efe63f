/*
 * Test backend for the CA plugin: the real permission backend with yinxin's role policy, the
 * tickets plugin (for unlock requests that cite a ticket), and users named after their role —
 * `user:default/<role>` or `user:default/<role>-<n>` is a member of `group:default/<role>`, so
 * a test can have several distinct reviewers or KMC officers.
 */
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import permissionPlugin from '@backstage/plugin-permission-backend';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import platformPlugin from '@yinxin/plugin-platform-backend';
import ticketsPlugin from '@yinxin/plugin-tickets-backend';
import { RealtimeHub, permissionModuleRolePolicy, realtimeServiceRef } from '@yinxin/ops-node';
import { caPlugin } from '../plugin';

/** The Authorization header of the test user `name` (e.g. `ra-review` or `ra-review-2`). */
export const as = (name: string) => mockCredentials.user.header(`user:default/${name}`);

const roleUsers = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const principal = (credentials as { principal: { type: string; userEntityRef?: string } }).principal;
      if (principal.type !== 'user' || !principal.userEntityRef) throw new Error('not a user principal');
      const ref = principal.userEntityRef;
      const role = ref.slice(ref.indexOf('/') + 1).replace(/-\d+$/, '');
      return { userEntityRef: ref, ownershipEntityRefs: [ref, `group:default/${role}`] };
    },
  }),
});

/** Fixed test master keys (never used outside tests). */
export const TEST_CA_CONFIG: JsonObject = {
  ca: { masterKey: '00112233445566778899aabbccddeeff', organisation: '测试数字证书认证中心', rsaBits: 2048, ldapUrl: 'ldap://ldap.test' },
  kmc: { masterKey: 'ffeeddccbbaa99887766554433221100', poolLowWater: 5, poolTarget: 12, judicialApprovals: 2 },
};

/** Features of a test backend running the CA (and tickets, platform) behind the role policy. */
export function caTestFeatures(yinxin: JsonObject = TEST_CA_CONFIG, extra: unknown[] = []) {
  return [
    caPlugin,
    ticketsPlugin,
    platformPlugin,
    permissionPlugin,
    permissionModuleRolePolicy,
    permissionsServiceFactory,
    roleUsers,
    mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    createServiceFactory({ service: realtimeServiceRef, deps: {}, factory: () => new RealtimeHub() }),
    mockServices.rootConfig.factory({ data: { permission: { enabled: true }, yinxin } }),
    ...extra,
  ] as any[];
}

/** Every row of every table of the plugin's database, in a comparable form. */
export async function snapshot(knex: Knex): Promise<string> {
  const client = String(knex.client.config.client);
  const tables: string[] = /pg|postgres/.test(client)
    ? (await knex('pg_catalog.pg_tables').where({ schemaname: 'public' }).select('tablename')).map((r: any) => r.tablename)
    : (await knex('sqlite_master').where({ type: 'table' }).select('name')).map((r: any) => r.name).filter((n: string) => !n.startsWith('sqlite_'));
  const out: Record<string, string[]> = {};
  for (const table of tables.sort()) out[table] = (await knex(table).select()).map(r => JSON.stringify(r)).sort();
  return JSON.stringify(out);
}
