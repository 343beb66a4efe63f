import { TestDatabases } from '@backstage/backend-test-utils';
import { AccountStore, migrateAccountStore } from './AccountStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});

describe.each(databases.eachSupportedId())('AccountStore on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    await migrateAccountStore(knex);
    const now = { t: new Date('2026-11-28T02:00:00Z') };
    const store = new AccountStore(knex, { maxAttempts: 5, lockMinutes: 15 }, () => now.t);
    await store.create({ username: 'agent1', entityRef: 'user:default/agent1', displayName: '张坐席', password: 'Agent1-Passw0rd!', mustChangePassword: false });
    return { knex, store, now };
  }

  it('locks an account after five failures and unlocks after the lock time or by an administrator', async () => {
    const { store, now } = await setup();
    for (let i = 1; i <= 4; i++) expect(await store.checkPassword('agent1', 'wrong')).toMatchObject({ result: 'invalid', lockedNow: false });
    expect(await store.checkPassword('agent1', 'wrong')).toMatchObject({ result: 'invalid', lockedNow: true });
    // Locked: even the right password is refused.
    expect((await store.checkPassword('agent1', 'Agent1-Passw0rd!')).result).toBe('locked');
    now.t = new Date(now.t.getTime() + 16 * 60_000);
    expect((await store.checkPassword('agent1', 'Agent1-Passw0rd!')).result).toBe('ok');

    for (let i = 0; i < 5; i++) await store.checkPassword('agent1', 'wrong');
    expect((await store.checkPassword('agent1', 'Agent1-Passw0rd!')).result).toBe('locked');
    await store.unlock('agent1');
    expect((await store.checkPassword('agent1', 'Agent1-Passw0rd!')).result).toBe('ok');
  });

  it('answers an unknown user like a wrong password', async () => {
    const { store } = await setup();
    expect(await store.checkPassword('nobody', 'whatever')).toEqual({ result: 'invalid', lockedNow: false });
  });

  it('keeps sessions by hash, expires them, and ends them on logout, password reset and disabling', async () => {
    const { knex, store, now } = await setup();
    const token = await store.openSession('agent1', 12);
    expect(JSON.stringify(await knex('local_sessions').select())).not.toContain(token);
    expect((await store.sessionAccount(token))?.username).toBe('agent1');
    expect(await store.sessionAccount('forged')).toBeUndefined();
    now.t = new Date(now.t.getTime() + 13 * 3_600_000);
    expect(await store.sessionAccount(token)).toBeUndefined();
    expect(await store.purgeExpiredSessions()).toBe(1);

    const t2 = await store.openSession('agent1', 12);
    await store.closeSession(t2);
    expect(await store.sessionAccount(t2)).toBeUndefined();

    const t3 = await store.openSession('agent1', 12);
    await store.setPassword('agent1', 'New-Passw0rd!!', true);
    expect(await store.sessionAccount(t3)).toBeUndefined();
    expect((await store.get('agent1'))?.mustChangePassword).toBe(true);
    expect((await store.checkPassword('agent1', 'New-Passw0rd!!')).result).toBe('ok');

    const t4 = await store.openSession('agent1', 12);
    await store.setDisabled('agent1', true);
    expect(await store.sessionAccount(t4)).toBeUndefined();
    expect((await store.checkPassword('agent1', 'New-Passw0rd!!')).result).toBe('disabled');
  });

  it('refuses duplicate user names and entity refs', async () => {
    const { store } = await setup();
    // The driver's error class may come from another test file's module realm (native addons are
    // loaded once per worker), so match on the message rather than on `instanceof Error`.
    await expect(
      store.create({ username: 'agent1', entityRef: 'user:default/other', displayName: 'x', password: 'Xx-123456789', mustChangePassword: false }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/constraint/i) });
    await expect(
      store.create({ username: 'other', entityRef: 'user:default/agent1', displayName: 'x', password: 'Xx-123456789', mustChangePassword: false }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/constraint/i) });
  });
});
