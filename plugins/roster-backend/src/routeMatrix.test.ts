/*
 * Every route of the roster API × every role, a backend plugin and an anonymous caller, through
 * the real permission backend and yinxin's role policy, on each database engine: the policy's
 * answer and only that; no 5xx; every refusal leaves the database exactly as it was. Then every
 * JSON route with a malformed body: 400, nothing changed.
 */
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases, walkRouteMatrix } from '@yinxin/backend-testing';
import { rosterPermissions } from '@yinxin/plugin-roster-common';
import { lastRoster } from './plugin';
import { as, rosterTestFeatures, snapshot } from './testing/rosterBackend';

jest.setTimeout(600_000);

const databases = engineDatabases();
const fillPath = (p: string) => p.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':month', '2026-05');

describe.each(databases.eachSupportedId())('roster routes × roles on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: rosterTestFeatures({ renderPdf: async () => Buffer.from('%PDF-1.7 test') }, {}, [
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'roster') knex = k;
        }),
      ]),
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => stop?.());

  it('declares a permission of the roster on every route but the audit ones', () => {
    const names = new Set(rosterPermissions.map(p => p.name));
    for (const r of lastRoster!.api.routes()) {
      if (!('permissions' in r.access)) throw new Error(`${r.method} ${r.path} is public`);
      const perms = r.access.permissions.map(p => p.name);
      if (!r.path.startsWith('/audit')) expect(perms.every(n => names.has(n))).toBe(true);
    }
  });

  it('answers every route × caller as the policy says; refusals leave the database untouched', async () => {
    const routes = lastRoster!.api.routes();
    expect(routes.length).toBeGreaterThan(40);
    const { problems, tally } = await walkRouteMatrix({ server, base: '/api/roster', routes, knex, fillPath });
    expect(problems).toEqual([]);
    expect(tally.refused).toBeGreaterThan(500);
    expect(tally.granted).toBeGreaterThan(100);
    expect(tally.anonymous).toBe(routes.length);
  });

  it('answers malformed JSON on every JSON route with 400 VALIDATION_FAILED, changing nothing', async () => {
    const problems: string[] = [];
    const jsonRoutes = lastRoster!.api.routes().filter(r => r.method !== 'get' && r.sampleBody !== undefined);
    expect(jsonRoutes.length).toBeGreaterThan(20);
    for (const route of jsonRoutes) {
      const before = await snapshot(knex);
      const res = await (request(server) as any)[route.method](`/api/roster${fillPath(route.path)}`)
        .set('Authorization', as('roster-manager'))
        .set('Content-Type', 'application/json')
        .send('{"reason": "半截');
      if (res.status !== 400 || res.body?.error?.code !== 'VALIDATION_FAILED') problems.push(`${route.method} ${route.path} → ${res.status}`);
      if ((await snapshot(knex)) !== before) problems.push(`${route.method} ${route.path}: database changed`);
    }
    expect(problems).toEqual([]);
  });
});
