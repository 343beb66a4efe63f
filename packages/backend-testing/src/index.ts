/**
 * Test support for yinxin's backend plugins: test backends behind the real permission backend
 * and yinxin's role policy, users named after their role, the route × role callers, a database of
 * the engine under test for every plugin, and whole-database snapshots.
 *
 * @packageDocumentation
 */
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases, mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
// A static import: this jest setup does not run dynamic import() without --experimental-vm-modules.
import permissionPlugin from '@backstage/plugin-permission-backend';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { ROLES, SERVICE_GRANTS, grantMatches, rolesGrant } from '@yinxin/ops-common';
import { RealtimeHub, permissionModuleRolePolicy, realtimeServiceRef } from '@yinxin/ops-node';

/** The Authorization header of the test user `name`: a role (`ra-review`) or a role and a number (`ra-review-2`). */
export const as = (name: string) => mockCredentials.user.header(`user:default/${name}`);

/**
 * mockServices.userInfo.factory() takes no options and reports only the user's own ref, so a test
 * user could hold no role. Here `user:default/<role>` and `user:default/<role>-<n>` are members
 * of `group:default/<role>`, so a test can have several distinct users of one role.
 */
export const roleNamedUsers = createServiceFactory({
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

/** A caller of the route matrix and what the policy grants it. */
export interface Caller {
  name: string;
  header?: string;
  granted(permissionName: string): boolean;
}

/** Every role, a backend plugin, and an anonymous caller. */
export const CALLERS: Caller[] = [
  ...ROLES.map(role => ({ name: role, header: as(role), granted: (p: string) => rolesGrant([role], p) })),
  { name: 'service', header: mockCredentials.service.header(), granted: (p: string) => SERVICE_GRANTS.some(g => grantMatches(g, p)) },
  { name: 'anonymous', header: undefined, granted: () => false },
];

/**
 * The features every plugin test backend needs besides the plugins under test: the real
 * permission backend with yinxin's role policy, role-named users, the realtime hub, and the
 * `yinxin` configuration.
 */
export function policyTestFeatures(yinxin: JsonObject): unknown[] {
  return [
    permissionPlugin,
    permissionModuleRolePolicy,
    permissionsServiceFactory,
    roleNamedUsers,
    mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    createServiceFactory({ service: realtimeServiceRef, deps: {}, factory: () => new RealtimeHub() }),
    mockServices.rootConfig.factory({ data: { permission: { enabled: true }, yinxin } }),
  ];
}

/** SQLite always; PostgreSQL 15 when `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` is set. */
export function engineDatabases(): TestDatabases {
  return TestDatabases.create({
    ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
  });
}

/**
 * A database service giving every plugin its own database of engine `id`; `onClient` learns each
 * plugin's client so that the test can look into it.
 */
export function engineDatabaseFactory(databases: TestDatabases, id: TestDatabaseId, onClient: (pluginId: string, knex: Knex) => void) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory({ plugin }) {
      const knex = await databases.init(id);
      onClient(plugin.getId(), knex);
      return { getClient: async () => knex };
    },
  });
}

/** Every row of every table of a database, in a comparable form. */
export async function snapshot(knex: Knex): Promise<string> {
  const client = String(knex.client.config.client);
  const tables: string[] = /pg|postgres/.test(client)
    ? (await knex('pg_catalog.pg_tables').where({ schemaname: 'public' }).select('tablename')).map((r: any) => r.tablename)
    : (await knex('sqlite_master').where({ type: 'table' }).select('name')).map((r: any) => r.name).filter((n: string) => !n.startsWith('sqlite_'));
  const out: Record<string, string[]> = {};
  for (const table of tables.sort()) out[table] = (await knex(table).select()).map(r => JSON.stringify(r)).sort();
  return JSON.stringify(out);
}
