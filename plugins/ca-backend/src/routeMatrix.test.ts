/*
 * Every route of the CA API × every role, a backend plugin and an anonymous caller, through the
 * real permission backend and yinxin's role policy, on each database engine: the policy's answer
 * and only that; no 5xx; every refusal leaves the database exactly as it was.
 */
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { CALLERS, engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import { caTestFeatures, snapshot } from './testing/caBackend';
import { lastCaApi } from './plugin';

jest.setTimeout(600_000);

const databases = engineDatabases();



describe.each(databases.eachSupportedId())('CA routes × roles on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: caTestFeatures(undefined, [
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'ca') knex = k;
        }),
      ]),
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => stop?.());

  it('answers every route × caller as the policy says; refusals leave the database untouched', async () => {
    const routes = lastCaApi!.routes();
    expect(routes.length).toBeGreaterThan(30);
    const problems: string[] = [];
    const tally = { public: 0, anonymous: 0, refused: 0, granted: 0 };
    let before = await snapshot(knex);
    for (const route of routes) {
      const path = route.path.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':file', 'x.cer');
      for (const caller of CALLERS) {
        let req = (request(server) as any)[route.method](`/api/ca${path}`);
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
          const after = await snapshot(knex);
          if (after !== before) problems.push(`${what}: the database changed`);
          before = after;
        } else {
          before = await snapshot(knex);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(tally.refused).toBeGreaterThan(300);
    expect(tally.granted).toBeGreaterThan(60);
    expect(tally.public).toBeGreaterThan(0);
  });
});
