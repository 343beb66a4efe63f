/*
 * Every route of the training API × every role, a backend plugin and an anonymous caller, through
 * the real permission backend and yinxin's role policy, on each database engine: the policy's
 * answer and only that; no 5xx; every refusal leaves the database exactly as it was — and the
 * storage directory holds no partial upload.
 */
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases, walkRouteMatrix } from '@yinxin/backend-testing';
import { lastTraining } from './plugin';
import { removeTempStorage, tempStorage, trainingTestFeatures } from './testing/trainingBackend';

jest.setTimeout(600_000);

const databases = engineDatabases();

describe.each(databases.eachSupportedId())('training routes × roles on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: trainingTestFeatures({ storageDir: tempStorage() }, [engineDatabaseFactory(databases, databaseId, (pluginId, k) => pluginId === 'training' && (knex = k))]),
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => {
    await stop?.();
    removeTempStorage();
  });

  it('answers every route × caller as the policy says; refusals leave the database untouched', async () => {
    const routes = lastTraining!.api.routes();
    expect(routes.length).toBeGreaterThan(45);
    const { problems, tally } = await walkRouteMatrix({
      server,
      base: '/api/training',
      routes,
      knex,
      fillPath: p => p.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':n', '1'),
    });
    expect(problems).toEqual([]);
    expect(tally.refused).toBeGreaterThan(300);
    expect(tally.granted).toBeGreaterThan(300);
    // every route but the signed stream URLs (public: the URL is the credential) refuses anonymous callers
    expect(routes.filter(r => 'public' in r.access).map(r => r.path)).toEqual(['/stream/:token']);
    expect(tally.anonymous).toBe(routes.length - 1);
    expect((await lastTraining!.store.listAll()).filter(f => f.startsWith('tmp/'))).toEqual([]);
  });
});
