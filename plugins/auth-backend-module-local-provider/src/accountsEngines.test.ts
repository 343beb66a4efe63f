/*
 * Account administration on SQLite and PostgreSQL: every registered route × every role (plus
 * anonymous), evaluated by yinxin's role policy, with refusals leaving the auth database exactly
 * as it was; inputs at the column limits; and what each administrator action leaves behind.
 */
import express from 'express';
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, TestDatabases, mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ROLES, rolesGrant } from '@yinxin/ops-common';
import { ApiRouter, AuditLog, RolePermissionPolicy, createApiRouter, migrateAuditLog, registerAuditRoutes } from '@yinxin/ops-node';
import { AccountStore, migrateAccountStore } from './AccountStore';
import { registerAdminRoutes } from './adminRoutes';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});

const PASSWORD = 'Agent1-Passw0rd!';
const as = (name: string) => mockCredentials.user.header(`user:default/${name}`);

async function snapshot(knex: Knex): Promise<string> {
  const pg = /pg|postgres/.test(String(knex.client.config.client));
  const tables: string[] = pg
    ? (await knex('pg_catalog.pg_tables').where({ schemaname: 'public' }).select('tablename')).map((r: any) => r.tablename)
    : (await knex('sqlite_master').where({ type: 'table' }).select('name')).map((r: any) => r.name).filter((n: string) => !n.startsWith('sqlite_'));
  const out: Record<string, string[]> = {};
  for (const t of tables.sort()) out[t] = (await knex(t).select()).map(r => JSON.stringify(r)).sort();
  return JSON.stringify(out);
}

describe.each(databases.eachSupportedId())('account administration on %p', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let store: AccountStore;
  let api: ApiRouter;
  let app: express.Express;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await migrateAccountStore(knex);
    await migrateAuditLog(knex);
    store = new AccountStore(knex);
    const audit = new AuditLog({ knex, source: 'auth' });
    // Every role's user has a local account (for the own-password route), plus agent1.
    for (const username of ['agent1', ...ROLES]) {
      await store.create({ username, entityRef: `user:default/${username}`, displayName: username, password: PASSWORD, mustChangePassword: false });
    }
    const policy = new RolePermissionPolicy({
      async getUserInfo(credentials: any) {
        const ref: string = credentials.principal.userEntityRef;
        return { userEntityRef: ref, ownershipEntityRefs: [ref, `group:default/${ref.slice(ref.indexOf('/') + 1)}`] };
      },
    });
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation((async (reqs: any[], { credentials }: any) =>
      Promise.all(reqs.map(r => policy.handle({ permission: r.permission }, { credentials, info: undefined as any })))) as any);
    api = createApiRouter({ httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }), permissions, logger: mockServices.logger.mock() });
    registerAdminRoutes(api, { knex, store, audit });
    registerAuditRoutes(api, audit);
    app = express().use(api.router);
  });

  it('answers every route × role as the policy says, and refusals change nothing in the database', async () => {
    const problems: string[] = [];
    let refused = 0;
    let granted = 0;
    for (const route of api.routes()) {
      for (const caller of [...ROLES, undefined]) {
        const before = await snapshot(knex);
        const path = route.path.replace(/:(\w+)/g, (_, k: string) => {
          if (k !== 'username') throw new Error(`no value for :${k}`);
          return 'agent1';
        });
        let req = (request(app) as any)[route.method](path);
        if (caller) req = req.set('Authorization', as(caller));
        const res = await (route.method === 'get' ? req : req.send(route.sampleBody ?? {}));
        const what = `${caller ?? 'anonymous'} ${route.method.toUpperCase()} ${route.path} → ${res.status} ${res.body?.error?.code ?? ''}`;
        if (res.status >= 500) problems.push(`${what}: server error`);
        const allowed = 'public' in route.access || (!!caller && route.access.permissions.some(p => rolesGrant([caller as any], p.name)));
        if (allowed) {
          granted++;
          if (res.status === 403 || res.body?.error?.code === 'UNAUTHENTICATED') problems.push(`${what}: granted but refused`);
        } else {
          refused++;
          const expected = caller ? [403, 'FORBIDDEN'] : [401, 'UNAUTHENTICATED'];
          if (res.status !== expected[0] || res.body?.error?.code !== expected[1]) problems.push(`${what}: expected ${expected.join(' ')}`);
          if ((await snapshot(knex)) !== before) problems.push(`${what}: the database changed`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(refused).toBeGreaterThan(50);
    expect(granted).toBeGreaterThan(10);
  });

  it('refuses entity refs and names beyond the column limits with 400, never 500', async () => {
    const before = await snapshot(knex);
    const create = (body: object) => request(app).post('/accounts').set('Authorization', as('super-admin')).send(body);
    const long = await create({ username: 'longref', entityRef: `user:default/${'a'.repeat(243)}`, displayName: 'x' }); // 256 characters
    expect([long.status, long.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    const name = await create({ username: `a${'b'.repeat(64)}`, entityRef: 'user:default/x', displayName: 'x' });
    expect([name.status, name.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await snapshot(knex)).toBe(before);
    // 255 characters fit.
    const fits = await create({ username: 'maxref', entityRef: `user:default/${'a'.repeat(242)}`, displayName: 'x' });
    expect(fits.status).toBe(201);
    expect((await knex('local_accounts').where({ username: 'maxref' }).first()).entity_ref).toHaveLength(255);
  });

  it('creates, refuses duplicates with 409, resets, unlocks and disables — each audited, with its effect in the database', async () => {
    const admin = as('super-admin');
    const created = await request(app).post('/accounts').set('Authorization', admin).send({ username: 'newagent', entityRef: 'user:default/newagent', displayName: '新坐席' });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ username: 'newagent', mustChangePassword: true, disabled: false });
    const initial: string = created.body.initialPassword;
    expect((await store.checkPassword('newagent', initial)).result).toBe('ok');

    for (const body of [
      { username: 'newagent', entityRef: 'user:default/other', displayName: 'x' },
      { username: 'other', entityRef: 'user:default/newagent', displayName: 'x' },
    ]) {
      const dup = await request(app).post('/accounts').set('Authorization', admin).send(body);
      expect([dup.status, dup.body.error?.code]).toEqual([409, 'CONFLICT']);
    }

    const session = await store.openSession('newagent', 12);
    const reset = await request(app).post('/accounts/newagent/reset-password').set('Authorization', admin).send({});
    expect(reset.status).toBe(200);
    expect(await store.sessionAccount(session)).toBeUndefined();
    expect((await store.checkPassword('newagent', initial)).result).toBe('invalid');
    expect((await store.checkPassword('newagent', reset.body.temporaryPassword)).result).toBe('ok');

    for (let i = 0; i < 5; i++) await store.checkPassword('newagent', 'wrong');
    expect((await store.get('newagent'))?.lockedUntil).not.toBeNull();
    expect((await request(app).post('/accounts/newagent/unlock').set('Authorization', admin).send({})).status).toBe(200);
    expect((await store.get('newagent'))?.lockedUntil).toBeNull();

    expect((await request(app).post('/accounts/newagent/disabled').set('Authorization', admin).send({ disabled: true })).status).toBe(200);
    expect((await store.checkPassword('newagent', reset.body.temporaryPassword)).result).toBe('disabled');
    const missing = await request(app).post('/accounts/nobody/unlock').set('Authorization', admin).send({});
    expect([missing.status, missing.body.error?.code]).toEqual([404, 'NOT_FOUND']);

    const audit = new AuditLog({ knex, source: 'auth' });
    const actions = (await audit.list({ targetId: 'newagent' })).map(r => `${r.actor} ${r.action}`).reverse();
    expect(actions).toEqual([
      'user:default/super-admin account.create',
      'user:default/super-admin account.reset-password',
      'user:default/super-admin account.unlock',
      'user:default/super-admin account.disable',
    ]);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
});
