/*
 * The local provider inside the real Backstage auth backend (@backstage/plugin-auth-backend), on
 * SQLite and PostgreSQL: users resolved through the catalog (catalogServiceMock), Backstage tokens
 * signed by the auth plugin's own key (checked against its JWKS), lockout, the HttpOnly session
 * cookie, logout — and what each step leaves in the auth plugin's database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import request from 'supertest';
import { Knex } from 'knex';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import { AuditLog } from '@yinxin/ops-node';
import { authModuleLocalProvider } from './module';
import { SESSION_COOKIE } from './localProvider';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});

const PASSWORD = 'Agent1-Passw0rd!';
const SEED = ['agent1', 'agent2', 'agent3', 'agent4', 'ghost'];

function user(name: string, groups: string[]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName: name }, memberOf: groups },
    relations: groups.map(g => ({ type: 'memberOf', targetRef: `group:default/${g}` })),
  };
}
// 'ghost' has a local account but no catalog user.
const entities = [
  user('agent1', ['support-agent']),
  user('agent2', ['support-agent']),
  user('agent3', ['support-lead']),
  user('agent4', ['support-agent']),
  user('admin', ['super-admin']),
  { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'support-agent', namespace: 'default' }, spec: { type: 'role', children: [] } },
];

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe.each(databases.eachSupportedId())('local provider in the auth backend on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  let credentialsFile: string;

  beforeAll(async () => {
    credentialsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-auth-')), 'admin.txt');
    const pluginDatabases = new Map<string, Knex>();
    const backend = await startTestBackend({
      features: [
        authPlugin,
        authModuleLocalProvider,
        catalogServiceMock.factory({ entities: entities as any }),
        // Each plugin gets its own database of the engine under test, as in production.
        createServiceFactory({
          service: coreServices.database,
          deps: { plugin: coreServices.pluginMetadata },
          async factory({ plugin }) {
            const db = await databases.init(databaseId);
            pluginDatabases.set(plugin.getId(), db);
            return { getClient: async () => db };
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: { providers: { local: {} } },
            yinxin: {
              accounts: {
                initialAdmin: { username: 'admin', entityRef: 'user:default/admin', displayName: '系统管理员', credentialsFile },
                seed: SEED.map(username => ({ username, password: PASSWORD, displayName: `坐席 ${username}` })),
                lockout: { maxAttempts: 5, lockMinutes: 15 },
                sessionHours: 12,
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    knex = pluginDatabases.get('auth')!;
  });

  afterAll(async () => {
    await stop?.();
  });

  const signIn = (username: string, password: string) => request(server).post('/api/auth/local/refresh').send({ username, password });
  const sessionOf = (res: request.Response) => {
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find(c => c.startsWith(`${SESSION_COOKIE}=`));
    if (!cookie) throw new Error('no session cookie');
    return { cookie, pair: cookie.split(';')[0], token: decodeURIComponent(cookie.split(';')[0].split('=')[1]) };
  };

  /** Verifies a Backstage token against the auth plugin's published keys; returns its claims. */
  async function verifiedClaims(token: string): Promise<Record<string, any>> {
    const [h, p, s] = token.split('.');
    const header = decode(h);
    const { keys } = (await request(server).get('/api/auth/.well-known/jwks.json').expect(200)).body;
    const jwk = keys.find((k: any) => k.kid === header.kid);
    if (!jwk) throw new Error(`no published key ${header.kid}`);
    expect(header.alg).toBe('ES256');
    const ok = verifySignature('sha256', Buffer.from(`${h}.${p}`), { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
    if (!ok) throw new Error('bad token signature');
    return decode(p);
  }

  it('creates the initial administrator with a generated password written to the credentials file', async () => {
    const file = fs.readFileSync(credentialsFile, 'utf8');
    expect(fs.statSync(credentialsFile).mode & 0o777).toBe(0o600);
    const password = /^password: (.+)$/m.exec(file)?.[1];
    expect(file).toMatch(/^username: admin$/m);
    expect(password).toBeDefined();
    const res = await signIn('admin', password!);
    expect(res.status).toBe(200);
    expect(res.body.providerInfo).toEqual({ username: 'admin', mustChangePassword: true });
    const accounts = await knex('local_accounts').orderBy('username').select('username', 'password_hash');
    expect(accounts.map(a => a.username)).toEqual(['admin', ...SEED].sort());
    for (const a of accounts) expect(a.password_hash).toMatch(/^scrypt\$/);
    const actions = (await knex('audit_log').orderBy('seq').select('action')).map(r => r.action);
    expect(actions.slice(0, 1 + SEED.length)).toEqual(['account.create-initial-admin', ...SEED.map(() => 'account.seed')]);
  });

  it('signs in with good credentials: a token signed by the auth backend, roles from the catalog, an HttpOnly session', async () => {
    const res = await signIn('agent1', PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({ displayName: '坐席 agent1' });
    expect(res.body.providerInfo).toEqual({ username: 'agent1', mustChangePassword: false });
    const identity = res.body.backstageIdentity;
    expect(identity.identity).toMatchObject({ type: 'user', userEntityRef: 'user:default/agent1' });
    expect(identity.identity.ownershipEntityRefs).toEqual(expect.arrayContaining(['user:default/agent1', 'group:default/support-agent']));
    const claims = await verifiedClaims(identity.token);
    expect(claims.sub).toBe('user:default/agent1');
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    // A token altered after signing does not verify.
    const [h, , s] = identity.token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'user:default/admin' })).toString('base64url')}.${s}`;
    await expect(verifiedClaims(forged)).rejects.toThrow('bad token signature');

    const session = sessionOf(res);
    expect(session.cookie).toMatch(/HttpOnly/);
    expect(session.cookie).toMatch(/SameSite=Strict/);
    expect(session.cookie).toMatch(/Path=\/api\/auth\/local/);
    expect(session.cookie).not.toMatch(/Secure/);
    const rows = await knex('local_sessions').where({ username: 'agent1' });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(session.token);
    const account = await knex('local_accounts').where({ username: 'agent1' }).first();
    expect(account.last_login_at).not.toBeNull();
    const login = await knex('audit_log').where({ action: 'auth.login', target_id: 'agent1' }).orderBy('seq', 'desc').first();
    expect([login.actor, login.outcome]).toEqual(['user:default/agent1', 'success']);
  });

  it('answers a wrong password and an unknown user alike with 401 INVALID_CREDENTIALS, without a cookie', async () => {
    const wrong = await signIn('agent2', 'Wrong-Passw0rd!');
    const unknown = await signIn('nobody', 'Wrong-Passw0rd!');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Wrong user name or password' } });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await knex('local_accounts').where({ username: 'agent2' }).first()).failed_attempts).toBe(1);
    expect(await knex('local_sessions').where({ username: 'agent2' })).toEqual([]);
    // A good sign-in resets the count.
    expect((await signIn('agent2', PASSWORD)).status).toBe(200);
    expect((await knex('local_accounts').where({ username: 'agent2' }).first()).failed_attempts).toBe(0);

    const bad = await request(server).post('/api/auth/local/refresh').send({ username: 'agent2' });
    expect([bad.status, bad.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('locks the account with 423 ACCOUNT_LOCKED on the fifth failure, refuses even the right password, and opens again after the lock time', async () => {
    for (let i = 1; i <= 4; i++) {
      const res = await signIn('agent4', `Wrong-${i}-Passw0rd`);
      expect([res.status, res.body.error?.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    }
    const fifth = await signIn('agent4', 'Wrong-5-Passw0rd');
    expect([fifth.status, fifth.body.error?.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    const right = await signIn('agent4', PASSWORD);
    expect([right.status, right.body.error?.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(right.headers['set-cookie']).toBeUndefined();
    expect(right.body.backstageIdentity).toBeUndefined();
    const locked = await knex('local_accounts').where({ username: 'agent4' }).first();
    const minutes = (Date.parse(locked.locked_until) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await knex('audit_log').where({ action: 'auth.lockout', target_id: 'agent4' })).toHaveLength(1);
    expect(await knex('local_sessions').where({ username: 'agent4' })).toEqual([]);

    // Fifteen minutes later (moved in the database): the right password works again.
    await knex('local_accounts').where({ username: 'agent4' }).update({ locked_until: new Date(Date.now() - 1000).toISOString() });
    const later = await signIn('agent4', PASSWORD);
    expect(later.status).toBe(200);
    expect(later.body.backstageIdentity.identity.userEntityRef).toBe('user:default/agent4');
  });

  it('renews the token from the session cookie, and logout ends the session', async () => {
    const first = await signIn('agent3', PASSWORD);
    expect(first.status).toBe(200);
    const { pair } = sessionOf(first);

    const renewed = await request(server).post('/api/auth/local/refresh').set('Cookie', pair).send({});
    expect(renewed.status).toBe(200);
    expect((await verifiedClaims(renewed.body.backstageIdentity.token)).sub).toBe('user:default/agent3');
    expect(renewed.body.backstageIdentity.identity.ownershipEntityRefs).toContain('group:default/support-lead');
    // The app's session manager renews with GET.
    const viaGet = await request(server).get('/api/auth/local/refresh').set('Cookie', pair);
    expect(viaGet.status).toBe(200);
    expect(viaGet.body.providerInfo.username).toBe('agent3');

    for (const cookie of [undefined, `${SESSION_COOKIE}=forged`]) {
      const req = request(server).post('/api/auth/local/refresh');
      const res = await (cookie ? req.set('Cookie', cookie) : req).send({});
      expect([res.status, res.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
    }

    const logout = await request(server).post('/api/auth/local/logout').set('Cookie', pair);
    expect(logout.status).toBe(200);
    expect(String(logout.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
    expect(await knex('local_sessions').where({ username: 'agent3' })).toEqual([]);
    const after = await request(server).post('/api/auth/local/refresh').set('Cookie', pair).send({});
    expect([after.status, after.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('does not renew an expired session or one of a disabled account', async () => {
    const expiring = sessionOf(await signIn('agent1', PASSWORD));
    await knex('local_sessions').where({ username: 'agent1' }).update({ expires_at: new Date(Date.now() - 1000).toISOString() });
    const expired = await request(server).post('/api/auth/local/refresh').set('Cookie', expiring.pair).send({});
    expect([expired.status, expired.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);

    const live = sessionOf(await signIn('agent2', PASSWORD));
    expect((await request(server).post('/api/auth/local/refresh').set('Cookie', live.pair).send({})).status).toBe(200);
    await knex('local_accounts').where({ username: 'agent2' }).update({ disabled: true });
    expect((await request(server).post('/api/auth/local/refresh').set('Cookie', live.pair).send({})).status).toBe(401);
    const disabled = await signIn('agent2', PASSWORD);
    expect([disabled.status, disabled.body.error?.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    await knex('local_accounts').where({ username: 'agent2' }).update({ disabled: false });
  });

  it('refuses an account whose user is not in the catalog with 403, issuing no token', async () => {
    const res = await signIn('ghost', PASSWORD);
    expect([res.status, res.body.error?.code]).toEqual([403, 'FORBIDDEN']);
    expect(res.body.backstageIdentity).toBeUndefined();
  });

  it('keeps an intact audit chain in the auth database, and names the first tampered record', async () => {
    const audit = new AuditLog({ knex, source: 'auth' });
    const verified = await audit.verify();
    expect(verified).toMatchObject({ ok: true });
    expect(verified.count).toBeGreaterThan(20);
    const target = await knex('audit_log').where({ action: 'auth.lockout' }).first();
    await knex('audit_log').where({ seq: target.seq }).update({ details: JSON.stringify({ reason: 'ok' }) });
    const broken = await audit.verify();
    expect(broken.ok).toBe(false);
    expect(!broken.ok && Number(broken.firstBroken.seq)).toBe(Number(target.seq));
  });
});
