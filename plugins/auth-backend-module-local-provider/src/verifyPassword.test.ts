/*
 * A damaged stored hash must read as a wrong password, never as an error: the sign-in route
 * would otherwise answer 500 (and an attacker who can write one row could break sign-in).
 * Before the fix, cost parameters that node's scrypt refuses made verifyPassword reject.
 */
import knexFactory from 'knex';
import { AccountStore, migrateAccountStore } from './AccountStore';
import { hashPassword, verifyPassword } from './password';

const SALT = Buffer.from('salt-salt-salt!!').toString('base64');
const KEY = Buffer.alloc(32, 7).toString('base64');

describe('verifyPassword on damaged hashes', () => {
  it.each([
    ['N = 0', `scrypt$0$8$1$${SALT}$${KEY}`],
    ['N = 1', `scrypt$1$8$1$${SALT}$${KEY}`],
    ['N not a power of two', `scrypt$3000$8$1$${SALT}$${KEY}`],
    ['negative N', `scrypt$-2$8$1$${SALT}$${KEY}`],
    ['N too large for the memory limit', `scrypt$1048576$32$16$${SALT}$${KEY}`],
    ['r = 0', `scrypt$16384$0$1$${SALT}$${KEY}`],
    ['p = 0', `scrypt$16384$8$0$${SALT}$${KEY}`],
    ['fractional r', `scrypt$16384$1.5$1$${SALT}$${KEY}`],
    ['empty fields', 'scrypt$$$$$'],
    ['key too short', `scrypt$16384$8$1$${SALT}$${Buffer.alloc(8).toString('base64')}`],
    ['key absurdly long', `scrypt$16384$8$1$${SALT}$${Buffer.alloc(4096).toString('base64')}`],
  ])('%s → false', async (_name, stored) => {
    await expect(verifyPassword('Any-Passw0rd!', stored)).resolves.toBe(false);
  });

  it('still verifies a hash made with other valid parameters', async () => {
    // Parameters of an older, cheaper hash remain readable (N = 2^14).
    const good = await hashPassword('Right-Passw0rd');
    const [, , r, p, salt, key] = good.split('$');
    expect(await verifyPassword('Right-Passw0rd', ['scrypt', 32768, r, p, salt, key].join('$'))).toBe(true);
    expect(await verifyPassword('Right-Passw0rd', ['scrypt', 16384, r, p, salt, key].join('$'))).toBe(false);
  });

  it('counts a sign-in against a damaged hash as a failed attempt instead of throwing', async () => {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    try {
      await migrateAccountStore(knex);
      const store = new AccountStore(knex);
      await store.create({ username: 'u1', entityRef: 'user:default/u1', displayName: 'u1', password: 'Right-Passw0rd', mustChangePassword: false });
      await knex('local_accounts').where({ username: 'u1' }).update({ password_hash: `scrypt$-2$8$1$${SALT}$${KEY}` });
      await expect(store.checkPassword('u1', 'Right-Passw0rd')).resolves.toMatchObject({ result: 'invalid', lockedNow: false });
      expect((await store.get('u1'))?.failedAttempts).toBe(1);
    } finally {
      await knex.destroy();
    }
  });
});
