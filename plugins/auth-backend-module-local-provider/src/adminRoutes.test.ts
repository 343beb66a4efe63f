/*
 * Account administration: every registered route against every role (generated from the router's
 * own route list, evaluated by yinxin's role policy), and the administrator's actions.
 */
import express from 'express';
import request from 'supertest';
import knexFactory, { Knex } from 'knex';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ROLES, rolesGrant } from '@yinxin/ops-common';
import { ApiRouter, AuditLog, RolePermissionPolicy, createApiRouter, migrateAuditLog, registerAuditRoutes } from '@yinxin/ops-node';
import { AccountStore, migrateAccountStore } from './AccountStore';
import { registerAdminRoutes } from './adminRoutes';

/** Users are named after their role, as members of that role's group. */
const userInfo = {
  async getUserInfo(credentials: any) {
    const ref: string = credentials.principal.userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: [ref, `group:default/${ref.split('/')[1]}`] };
  },
};

describe('account administration', () => {
  let knex: Knex;
  let app: express.Express;
  let api: ApiRouter;
  let store: AccountStore;

  beforeEach(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await migrateAccountStore(knex);
    await migrateAuditLog(knex);
    store = new AccountStore(knex);
    await store.create({ username: 'agent1', entityRef: 'user:default/agent1', displayName: '张坐席', password: 'Agent1-Passw0rd!', mustChangePassword: false });
    const policy = new RolePermissionPolicy(userInfo as any);
    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockImplementation((async (reqs: any[], { credentials }: any) =>
      Promise.all(reqs.map(r => policy.handle({ permission: r.permission }, { credentials, info: undefined as any })))) as any);
    api = createApiRouter({
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.none() }),
      permissions,
      logger: mockServices.logger.mock(),
    });
    const audit = new AuditLog({ knex, source: 'auth' });
    registerAdminRoutes(api, { knex, store, audit });
    registerAuditRoutes(api, audit);
    app = express().use(api.router);
  });
  afterEach(() => knex.destroy());

  it('answers every route as the role policy says, for every role', async () => {
    const failures: string[] = [];
    for (const route of api.routes()) {
      if ('public' in route.access) continue;
      const names = route.access.permissions.map(p => p.name);
      for (const role of ROLES) {
        const path = route.path.replace(':username', 'agent1');
        const req = (request(app) as any)[route.method](path).set('Authorization', mockCredentials.user.header(`user:default/${role}`));
        const res = await (route.method === 'get' ? req : req.send(route.sampleBody ?? {}));
        const granted = names.some(n => rolesGrant([role], n));
        if (granted && res.status === 403) failures.push(`${role} ${route.method} ${route.path}: refused`);
        if (!granted && res.status !== 403) failures.push(`${role} ${route.method} ${route.path}: ${res.status} instead of 403`);
      }
      const anonymous = await (request(app) as any)[route.method](route.path.replace(':username', 'agent1'));
      if (anonymous.status !== 401) failures.push(`anonymous ${route.method} ${route.path}: ${anonymous.status}`);
    }
    expect(failures).toEqual([]);
    expect(api.routes().length).toBeGreaterThanOrEqual(7);
  });

  it('lets the administrator create, reset, unlock and disable, each audited', async () => {
    const admin = { Authorization: mockCredentials.user.header('user:default/super-admin') };
    const created = await request(app).post('/accounts').set(admin).send({ username: 'agent9', entityRef: 'user:default/agent9', displayName: '新坐席' });
    expect(created.status).toBe(201);
    expect((await store.checkPassword('agent9', created.body.initialPassword)).result).toBe('ok');
    expect((await store.get('agent9'))?.mustChangePassword).toBe(true);

    const dup = await request(app).post('/accounts').set(admin).send({ username: 'agent9', entityRef: 'user:default/x', displayName: 'x' });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'CONFLICT']);
    const weak = await request(app).post('/accounts').set(admin).send({ username: 'agent8', entityRef: 'user:default/agent8', displayName: 'x', password: 'weak' });
    expect([weak.status, weak.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badName = await request(app).post('/accounts').set(admin).send({ username: 'Agent 8', entityRef: 'user:default/agent8', displayName: 'x' });
    expect(badName.status).toBe(400);

    for (let i = 0; i < 5; i++) await store.checkPassword('agent1', 'wrong');
    expect((await store.checkPassword('agent1', 'Agent1-Passw0rd!')).result).toBe('locked');
    await request(app).post('/accounts/agent1/unlock').set(admin).expect(200);
    expect((await store.checkPassword('agent1', 'Agent1-Passw0rd!')).result).toBe('ok');

    const reset = await request(app).post('/accounts/agent1/reset-password').set(admin).send({});
    expect((await store.checkPassword('agent1', reset.body.temporaryPassword)).result).toBe('ok');
    await request(app).post('/accounts/agent1/disabled').set(admin).send({ disabled: true }).expect(200);
    expect((await store.checkPassword('agent1', reset.body.temporaryPassword)).result).toBe('disabled');
    expect((await request(app).post('/accounts/ghost/unlock').set(admin)).status).toBe(404);

    const auditor = { Authorization: mockCredentials.user.header('user:default/auditor') };
    const records = await request(app).get('/audit').set(auditor);
    expect(records.body.items.map((r: any) => r.action)).toEqual(
      expect.arrayContaining(['account.create', 'account.unlock', 'account.reset-password', 'account.disable']),
    );
    expect((await request(app).get('/audit/verify').set(auditor)).body.ok).toBe(true);
  });
});
