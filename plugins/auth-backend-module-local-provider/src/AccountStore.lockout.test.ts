/*
 * Account lockout and sessions on SQLite and PostgreSQL, with an injected clock: the exact
 * failure count and lock window, what happens while locked, resets, concurrent guessing, and the
 * life of a session (open, look up, expire at its instant, close, purge).
 */
import { Knex } from 'knex';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { AccountStore, LockoutPolicy, migrateAccountStore } from './AccountStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});

const PASSWORD = 'Seal-Admin-2026';
const START = '2026-03-11T01:00:00.000Z';

describe.each(databases.eachSupportedId())('AccountStore on %p', (databaseId: TestDatabaseId) => {
  async function setup(policy: LockoutPolicy = { maxAttempts: 5, lockMinutes: 15 }) {
    const knex: Knex = await databases.init(databaseId);
    await migrateAccountStore(knex);
    const clock = { now: new Date(START) };
    const store = new AccountStore(knex, policy, () => clock.now);
    await store.create({ username: 'sealadmin', entityRef: 'user:default/sealadmin', displayName: '印章管理员', password: PASSWORD, mustChangePassword: false });
    const advance = (ms: number) => {
      clock.now = new Date(clock.now.getTime() + ms);
    };
    return { knex, store, clock, advance };
  }

  it('locks on exactly the fifth consecutive failure, for fifteen minutes from it', async () => {
    const { store, advance } = await setup();
    for (let n = 1; n <= 4; n++) {
      const r = await store.checkPassword('sealadmin', `wrong-${n}`);
      expect(r).toMatchObject({ result: 'invalid', lockedNow: false, account: { failedAttempts: n, lockedUntil: null } });
      advance(60_000);
    }
    const fifth = await store.checkPassword('sealadmin', 'wrong-5'); // at 01:04
    expect(fifth).toMatchObject({ result: 'invalid', lockedNow: true, account: { lockedUntil: '2026-03-11T01:19:00.000Z' } });
  });

  it('answers locked while locked, for right and wrong passwords alike, without extending the lock', async () => {
    const { store, advance } = await setup();
    for (let n = 0; n < 5; n++) await store.checkPassword('sealadmin', 'wrong');
    const lockedUntil = (await store.get('sealadmin'))!.lockedUntil;
    expect(lockedUntil).toBe('2026-03-11T01:15:00.000Z');

    advance(5 * 60_000);
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('locked');
    for (let n = 0; n < 7; n++) expect((await store.checkPassword('sealadmin', 'wrong')).result).toBe('locked');
    advance(10 * 60_000 - 1);
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('locked');
    expect((await store.get('sealadmin'))!.lockedUntil).toBe(lockedUntil);

    advance(1); // the lock ends at its instant
    const ok = await store.checkPassword('sealadmin', PASSWORD);
    expect(ok).toMatchObject({ result: 'ok', account: { failedAttempts: 0, lockedUntil: null, lastLoginAt: '2026-03-11T01:15:00.000Z' } });
  });

  it('starts counting afresh after a success, after the lock ends, and after an unlock', async () => {
    const { store, advance } = await setup();
    for (let n = 0; n < 4; n++) await store.checkPassword('sealadmin', 'wrong');
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('ok');
    for (let n = 0; n < 4; n++) expect(await store.checkPassword('sealadmin', 'wrong')).toMatchObject({ lockedNow: false });
    expect(await store.checkPassword('sealadmin', 'wrong')).toMatchObject({ lockedNow: true });

    advance(15 * 60_000);
    expect(await store.checkPassword('sealadmin', 'wrong')).toMatchObject({ result: 'invalid', lockedNow: false, account: { failedAttempts: 1 } });
    for (let n = 0; n < 4; n++) await store.checkPassword('sealadmin', 'wrong');
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('locked');

    await store.unlock('sealadmin');
    expect(await store.get('sealadmin')).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('ok');
  });

  it('follows a configured policy', async () => {
    const { store, advance } = await setup({ maxAttempts: 3, lockMinutes: 1 });
    await store.checkPassword('sealadmin', 'a');
    await store.checkPassword('sealadmin', 'b');
    expect(await store.checkPassword('sealadmin', 'c')).toMatchObject({ lockedNow: true, account: { lockedUntil: '2026-03-11T01:01:00.000Z' } });
    advance(59_999);
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('locked');
    advance(1);
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('ok');
  });

  it('locks even when the guesses arrive at the same time', async () => {
    const { store } = await setup();
    const results = await Promise.all(Array.from({ length: 12 }, (_, n) => store.checkPassword('sealadmin', `guess-${n}`)));
    expect(results.every(r => r.result === 'invalid' || r.result === 'locked')).toBe(true);
    expect(results.filter(r => r.result === 'invalid' && r.lockedNow)).toHaveLength(1);
    expect((await store.get('sealadmin'))!.lockedUntil).toBe('2026-03-11T01:15:00.000Z');
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('locked');
  });

  it('reports a disabled account as disabled without counting failures', async () => {
    const { store } = await setup();
    await store.setDisabled('sealadmin', true);
    for (let n = 0; n < 6; n++) expect((await store.checkPassword('sealadmin', 'wrong')).result).toBe('disabled');
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('disabled');
    await store.setDisabled('sealadmin', false);
    expect(await store.get('sealadmin')).toMatchObject({ failedAttempts: 0, lockedUntil: null, disabled: false });
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('ok');
  });

  it('opens sessions, finds them by token until they expire, and closes them', async () => {
    const { knex, store, advance } = await setup();
    const a = await store.openSession('sealadmin', 8);
    const b = await store.openSession('sealadmin', 1);
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(40);
    const rows = await knex('local_sessions').orderBy('expires_at');
    expect(rows.map(r => [r.username, r.created_at, r.expires_at])).toEqual([
      ['sealadmin', START, '2026-03-11T02:00:00.000Z'],
      ['sealadmin', START, '2026-03-11T09:00:00.000Z'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(a);
    expect(JSON.stringify(rows)).not.toContain(b);

    expect(await store.sessionAccount(a)).toMatchObject({ username: 'sealadmin', entityRef: 'user:default/sealadmin' });
    expect(await store.sessionAccount(`${a}x`)).toBeUndefined();
    expect(await store.sessionAccount('')).toBeUndefined();

    advance(3_600_000 - 1);
    expect((await store.sessionAccount(b))?.username).toBe('sealadmin');
    advance(1); // a session ends at its expiry instant
    expect(await store.sessionAccount(b)).toBeUndefined();
    expect((await store.sessionAccount(a))?.username).toBe('sealadmin');
    expect(await store.purgeExpiredSessions()).toBe(1);
    expect(await store.purgeExpiredSessions()).toBe(0);

    await store.closeSession(a);
    expect(await store.sessionAccount(a)).toBeUndefined();
    await expect(store.closeSession(a)).resolves.toBeUndefined();
    expect(await knex('local_sessions').count({ n: '*' }).then(r => Number(r[0].n))).toBe(0);
  });

  it('ends sessions on a password change and on disabling, but not on unlock or a failed login', async () => {
    const { store } = await setup();
    const keep = await store.openSession('sealadmin', 8);
    await store.checkPassword('sealadmin', 'wrong');
    await store.unlock('sealadmin');
    expect((await store.sessionAccount(keep))?.username).toBe('sealadmin');

    await store.setPassword('sealadmin', 'New-Seal-Admin-1', true);
    expect(await store.sessionAccount(keep)).toBeUndefined();
    expect(await store.get('sealadmin')).toMatchObject({ mustChangePassword: true });
    expect((await store.checkPassword('sealadmin', PASSWORD)).result).toBe('invalid');

    const next = await store.openSession('sealadmin', 8);
    await store.setDisabled('sealadmin', true);
    expect(await store.sessionAccount(next)).toBeUndefined();
    await store.setDisabled('sealadmin', false);
    expect(await store.sessionAccount(next)).toBeUndefined();
  });

  it('treats an unknown user like a wrong password, without creating anything', async () => {
    const { knex, store } = await setup();
    expect(await store.checkPassword('nobody', PASSWORD)).toEqual({ result: 'invalid', lockedNow: false });
    expect(await store.count()).toBe(1);
    expect((await store.list()).map(a => a.username)).toEqual(['sealadmin']);
    expect(Number((await knex('local_sessions').count({ n: '*' }))[0].n)).toBe(0);
  });
});
