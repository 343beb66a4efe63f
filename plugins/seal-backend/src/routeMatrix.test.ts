/*
 * Every route of the seal API × every role, a backend plugin and an anonymous caller, through the
 * real permission backend and yinxin's role policy, on each database engine: the policy's answer
 * and only that; no 5xx; every refusal leaves the database exactly as it was.
 */
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases, walkRouteMatrix } from '@yinxin/backend-testing';
import { sealTestFeatures } from './testing/sealBackend';
import { lastSealApi } from './plugin';

jest.setTimeout(600_000);

const databases = engineDatabases();

describe.each(databases.eachSupportedId())('seal routes × roles on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: sealTestFeatures(undefined, [
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'seal') knex = k;
        }),
      ]),
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => stop?.());

  it('answers every route × caller as the policy says; refusals leave the database untouched', async () => {
    const routes = lastSealApi!.routes();
    expect(routes.length).toBeGreaterThan(25);
    const { problems, tally } = await walkRouteMatrix({
      server,
      base: '/api/seal',
      routes,
      knex,
      fillPath: p => p.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':seal', '3501000000001'),
    });
    expect(problems).toEqual([]);
    expect(tally.refused).toBeGreaterThan(200);
    expect(tally.granted).toBeGreaterThan(30);
    expect(tally.public).toBeGreaterThan(0);
  });
});
