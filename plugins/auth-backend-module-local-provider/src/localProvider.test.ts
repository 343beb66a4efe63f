/*
 * The local provider over HTTP: sign-in, wrong password, lockout (423), session renewal from the
 * HttpOnly cookie, logout — each sign-in attempt audited in the auth plugin's chain.
 */
import express from 'express';
import request from 'supertest';
import knexFactory, { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { AuditLog, migrateAuditLog } from '@yinxin/ops-node';
import { AccountStore, migrateAccountStore } from './AccountStore';
import { SESSION_COOKIE, createLocalProviderFactory } from './localProvider';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token shaped like the auth backend's (the provider only reads its claims). */
const fakeToken = (sub: string) => `${b64({ alg: 'ES256' })}.${b64({ sub, ent: [sub, 'group:default/support-agent'], exp: 4102444800 })}.sig`;

function cookies(req: express.Request) {
  return Object.fromEntries(
    (req.headers.cookie ?? '').split(';').filter(Boolean).map(c => c.trim().split('=').map(decodeURIComponent) as [string, string]),
  );
}

describe('local provider', () => {
  let knex: Knex;
  let app: express.Express;
  let audit: AuditLog;

  beforeEach(async () => {
    knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    await migrateAccountStore(knex);
    await migrateAuditLog(knex);
    const store = new AccountStore(knex, { maxAttempts: 5, lockMinutes: 15 });
    await store.create({ username: 'agent1', entityRef: 'user:default/agent1', displayName: '张坐席', password: 'Agent1-Passw0rd!', mustChangePassword: false });
    audit = new AuditLog({ knex, source: 'auth' });
    const handlers = createLocalProviderFactory({ knex, store, audit, logger: mockServices.logger.mock(), sessionHours: 12, secureCookie: false })({
      providerId: 'local',
      resolverContext: { signInWithCatalogUser: async ({ entityRef }: any) => ({ token: fakeToken(entityRef) }) },
    } as any);
    app = express();
    app.use(express.json());
    app.use((req, _res, next) => {
      (req as any).cookies = cookies(req);
      next();
    });
    app.post('/api/auth/local/refresh', (req, res) => handlers.refresh!(req, res));
    app.post('/api/auth/local/logout', (req, res) => handlers.logout!(req, res));
  });

  afterEach(() => knex.destroy());

  const signIn = (username: string, password: string) => request(app).post('/api/auth/local/refresh').send({ username, password });

  it('signs in, renews from the HttpOnly cookie, and signs out', async () => {
    const res = await signIn('agent1', 'Agent1-Passw0rd!');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe('user:default/agent1');
    const cookie = res.headers['set-cookie'][0];
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/auth\/local/);

    const session = cookie.split(';')[0];
    const renewed = await request(app).post('/api/auth/local/refresh').set('Cookie', session).send({});
    expect(renewed.status).toBe(200);
    expect(renewed.body.profile.displayName).toBe('张坐席');

    await request(app).post('/api/auth/local/logout').set('Cookie', session).expect(200);
    const after = await request(app).post('/api/auth/local/refresh').set('Cookie', session).send({});
    expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('refuses wrong passwords, then locks the account with 423', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await signIn('agent1', 'wrong-password');
      expect([r.status, r.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    }
    const fifth = await signIn('agent1', 'wrong-password');
    expect([fifth.status, fifth.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    const right = await signIn('agent1', 'Agent1-Passw0rd!');
    expect([right.status, right.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(right.headers['set-cookie']).toBeUndefined();

    const actions = (await audit.list({ limit: 20 })).map(r => `${r.action}:${r.outcome}`);
    expect(actions.filter(a => a === 'auth.login:denied')).toHaveLength(5);
    expect(actions).toContain('auth.lockout:denied');
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('answers an unknown user exactly like a wrong password, and bad bodies with 400', async () => {
    const unknown = await signIn('nobody', 'whatever-1A');
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    const empty = await signIn('', '');
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const long = await signIn('a'.repeat(65), 'x');
    expect(long.status).toBe(400);
  });
});
