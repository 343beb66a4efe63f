/*
 * Every route of the CA API × every role, a backend plugin and an anonymous caller, through the
 * real permission backend and yinxin's role policy, on each database engine: the policy's answer
 * and only that; no 5xx; every refusal leaves the database exactly as it was.
 */
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases, walkRouteMatrix } from '@yinxin/backend-testing';
import { caTestFeatures } from './testing/caBackend';
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
    const { problems, tally } = await walkRouteMatrix({
      server,
      base: '/api/ca',
      routes,
      knex,
      fillPath: p => p.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':file', 'x.cer'),
    });
    expect(problems).toEqual([]);
    expect(tally.refused).toBeGreaterThan(300);
    expect(tally.granted).toBeGreaterThan(60);
    expect(tally.public).toBeGreaterThan(0);
  });
});
