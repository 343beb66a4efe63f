/**
 * Test support for yinxin's backend plugins: test backends behind the real permission backend
 * and yinxin's role policy, users named after their role, the route × role callers, a database of
 * the engine under test for every plugin, whole-database snapshots, and a real OpenLDAP slapd.
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
import request from 'supertest';
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
export function policyTestFeatures(yinxin: JsonObject, config: JsonObject = {}): unknown[] {
  return [
    permissionPlugin,
    permissionModuleRolePolicy,
    permissionsServiceFactory,
    roleNamedUsers,
    mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    createServiceFactory({ service: realtimeServiceRef, deps: {}, factory: () => new RealtimeHub() }),
    mockServices.rootConfig.factory({ data: { ...config, permission: { enabled: true }, yinxin } }),
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

/** What {@link walkRouteMatrix} found. */
export interface RouteMatrixResult {
  /** one line per disagreement with the policy (empty when all is well) */
  problems: string[];
  tally: { public: number; anonymous: number; refused: number; granted: number };
}

/**
 * Calls every route × every caller of {@link CALLERS} and checks the answer against the policy:
 * public routes never refuse, anonymous callers get 401 elsewhere, granted callers are not
 * refused, others get 403 FORBIDDEN; no 5xx; and a refusal (401/403/404) leaves the database
 * exactly as it was.
 * @param o - the test server, the plugin's base path (`/api/ca`), its routes, its database and
 *   how to fill path parameters
 */
export async function walkRouteMatrix(o: {
  server: any;
  base: string;
  routes: readonly { method: string; path: string; access: { public: true } | { permissions: readonly { name: string }[] }; sampleBody?: unknown }[];
  knex: Knex;
  fillPath(path: string): string;
}): Promise<RouteMatrixResult> {
  const problems: string[] = [];
  const tally = { public: 0, anonymous: 0, refused: 0, granted: 0 };
  let before = await snapshot(o.knex);
  for (const route of o.routes) {
    const path = o.fillPath(route.path);
    for (const caller of CALLERS) {
      let req = (request(o.server) as any)[route.method](`${o.base}${path}`);
      if (caller.header) req = req.set('Authorization', caller.header);
      if (route.method !== 'get') req = req.set('Content-Type', 'application/json').send(JSON.stringify(route.sampleBody ?? {}));
      const res = await req;
      const what = `${caller.name} ${route.method.toUpperCase()} ${route.path} → ${res.status} ${res.body?.error?.code ?? ''}`;
      const policyRefusal = res.status === 401 || (res.status === 403 && /^Missing permission/.test(res.body?.error?.message ?? ''));
      if (res.status >= 500) problems.push(`${what}: server error`);
      if ('public' in route.access) {
        tally.public++;
        if (policyRefusal) problems.push(`${what}: a public route must not refuse`);
      } else if (!caller.header) {
        tally.anonymous++;
        if (res.status !== 401) problems.push(`${what}: anonymous must get 401`);
      } else if (route.access.permissions.some(p => caller.granted(p.name))) {
        tally.granted++;
        if (policyRefusal) problems.push(`${what}: granted but refused`);
      } else {
        tally.refused++;
        if (!policyRefusal || res.body?.error?.code !== 'FORBIDDEN') problems.push(`${what}: expected 403 FORBIDDEN`);
      }
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        const after = await snapshot(o.knex);
        if (after !== before) problems.push(`${what}: the database changed`);
        before = after;
      } else {
        before = await snapshot(o.knex);
      }
    }
  }
  return { problems, tally };
}

export { TestSlapd, freePort, parseLdif, startSlapd, type SlapdOptions } from './slapd';
export { startTcpForwarder, type TcpForwarder } from './forwarder';
export { manualScheduler, type ManualScheduler } from './manualScheduler';
