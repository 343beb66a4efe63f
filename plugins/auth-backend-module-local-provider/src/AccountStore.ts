import { createHash, randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { hashPassword, verifyPassword } from './password';

/** A local account as stored (without its password hash). */
export interface Account {
  username: string;
  entityRef: string;
  displayName: string;
  failedAttempts: number;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

/** Lockout rule: after `maxAttempts` consecutive failures the account is locked for `lockMinutes`. */
export interface LockoutPolicy {
  maxAttempts: number;
  lockMinutes: number;
}

/** Outcome of a password check. */
export type PasswordCheck =
  | { result: 'ok'; account: Account }
  | { result: 'invalid'; account?: Account; lockedNow: boolean }
  | { result: 'locked'; account: Account }
  | { result: 'disabled'; account: Account };

interface AccountRow {
  username: string;
  entity_ref: string;
  display_name: string;
  password_hash: string;
  failed_attempts: number;
  locked_until: string | null;
  must_change_password: boolean | number;
  disabled: boolean | number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

const migrations: Knex.MigrationSource<{ name: string; up(k: Knex): Promise<void> }> = {
  async getMigrations() {
    return [
      {
        name: '20261128_local_accounts',
        async up(knex: Knex) {
          await knex.schema.createTable('local_accounts', t => {
            t.string('username', 64).primary();
            t.string('entity_ref', 255).notNullable().unique();
            t.string('display_name', 255).notNullable();
            t.string('password_hash', 255).notNullable();
            t.integer('failed_attempts').notNullable().defaultTo(0);
            t.string('locked_until', 32).nullable();
            t.boolean('must_change_password').notNullable().defaultTo(false);
            t.boolean('disabled').notNullable().defaultTo(false);
            t.string('created_at', 32).notNullable();
            t.string('updated_at', 32).notNullable();
            t.string('last_login_at', 32).nullable();
          });
          await knex.schema.createTable('local_sessions', t => {
            t.string('token_hash', 64).primary();
            t.string('username', 64).notNullable().references('local_accounts.username').onDelete('CASCADE');
            t.string('created_at', 32).notNullable();
            t.string('expires_at', 32).notNullable();
            t.index(['username']);
          });
        },
      },
    ];
  },
  getMigrationName: m => m.name,
  getMigration: async m => ({ up: m.up, down: async () => {} }),
};

/** Creates or upgrades the account tables in the auth plugin's database. */
export async function migrateAccountStore(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    migrationSource: migrations,
    tableName: 'yinxin_local_accounts_migrations',
  });
}

function toAccount(row: AccountRow): Account {
  return {
    username: row.username,
    entityRef: row.entity_ref,
    displayName: row.display_name,
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    mustChangePassword: Boolean(row.must_change_password),
    disabled: Boolean(row.disabled),
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// A real scrypt hash of a random password, checked when the user does not exist, so that the
// response time does not reveal which user names exist.
let dummyHash: Promise<string> | undefined;

/** Local accounts and their sessions, in the auth plugin's database. */
export class AccountStore {
  constructor(
    private readonly knex: Knex,
    private readonly lockout: LockoutPolicy = { maxAttempts: 5, lockMinutes: 15 },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Number of accounts. */
  async count(): Promise<number> {
    const [{ n }] = await this.knex('local_accounts').count({ n: '*' });
    return Number(n);
  }

  /** Lists all accounts, by user name. */
  async list(): Promise<Account[]> {
    const rows = await this.knex<AccountRow>('local_accounts').orderBy('username');
    return rows.map(toAccount);
  }

  /** One account, or undefined. */
  async get(username: string, trx: Knex = this.knex): Promise<Account | undefined> {
    const row = await trx<AccountRow>('local_accounts').where({ username }).first();
    return row ? toAccount(row) : undefined;
  }

  /** Creates an account; throws on a duplicate user name or entity ref. */
  async create(
    input: { username: string; entityRef: string; displayName: string; password: string; mustChangePassword: boolean },
    trx: Knex = this.knex,
  ): Promise<Account> {
    const now = this.clock().toISOString();
    await trx('local_accounts').insert({
      username: input.username,
      entity_ref: input.entityRef,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      failed_attempts: 0,
      locked_until: null,
      must_change_password: input.mustChangePassword,
      disabled: false,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    });
    return (await this.get(input.username, trx))!;
  }

  /** Checks a password, counting failures and locking the account per the lockout policy. */
  async checkPassword(username: string, password: string, trx: Knex = this.knex): Promise<PasswordCheck> {
    // Concurrent guesses must not all read the same failure count (and so never reach the limit):
    // the check runs in a transaction holding the account row (FOR UPDATE; SQLite serialises
    // write transactions anyway) from the read of the count to its update.
    if (!(trx as Knex.Transaction).isTransaction) return trx.transaction(t => this.checkPassword(username, password, t));
    const row = await trx<AccountRow>('local_accounts').where({ username }).forUpdate().first();
    const now = this.clock();
    if (!row) {
      dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await dummyHash);
      return { result: 'invalid', lockedNow: false };
    }
    const account = toAccount(row);
    if (account.disabled) return { result: 'disabled', account };
    if (account.lockedUntil && new Date(account.lockedUntil) > now) return { result: 'locked', account };
    if (await verifyPassword(password, row.password_hash)) {
      await trx('local_accounts')
        .where({ username })
        .update({ failed_attempts: 0, locked_until: null, last_login_at: now.toISOString(), updated_at: now.toISOString() });
      return { result: 'ok', account: (await this.get(username, trx))! };
    }
    const failed = account.failedAttempts + 1;
    const lockedNow = failed >= this.lockout.maxAttempts;
    await trx('local_accounts')
      .where({ username })
      .update({
        failed_attempts: lockedNow ? 0 : failed,
        locked_until: lockedNow
          ? new Date(now.getTime() + this.lockout.lockMinutes * 60_000).toISOString()
          : account.lockedUntil,
        updated_at: now.toISOString(),
      });
    return { result: 'invalid', account: (await this.get(username, trx))!, lockedNow };
  }

  /** Sets a new password (and whether it must be changed at next sign-in); ends all sessions. */
  async setPassword(username: string, password: string, mustChange: boolean, trx: Knex = this.knex): Promise<void> {
    const now = this.clock().toISOString();
    await trx('local_accounts').where({ username }).update({
      password_hash: await hashPassword(password),
      must_change_password: mustChange,
      failed_attempts: 0,
      locked_until: null,
      updated_at: now,
    });
    await trx('local_sessions').where({ username }).delete();
  }

  /** Lifts a lockout. */
  async unlock(username: string, trx: Knex = this.knex): Promise<void> {
    await trx('local_accounts')
      .where({ username })
      .update({ failed_attempts: 0, locked_until: null, updated_at: this.clock().toISOString() });
  }

  /** Enables or disables an account; disabling ends its sessions. */
  async setDisabled(username: string, disabled: boolean, trx: Knex = this.knex): Promise<void> {
    await trx('local_accounts').where({ username }).update({ disabled, updated_at: this.clock().toISOString() });
    if (disabled) await trx('local_sessions').where({ username }).delete();
  }

  /** Opens a session; returns the opaque token (only its SHA-256 is stored). */
  async openSession(username: string, hours: number, trx: Knex = this.knex): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock();
    await trx('local_sessions').insert({
      token_hash: sha256(token),
      username,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    });
    return token;
  }

  /** The account of a live session, or undefined. */
  async sessionAccount(token: string): Promise<Account | undefined> {
    const session = await this.knex('local_sessions').where({ token_hash: sha256(token) }).first();
    if (!session || new Date(session.expires_at) <= this.clock()) return undefined;
    const account = await this.get(session.username);
    if (!account || account.disabled) return undefined;
    return account;
  }

  /** Ends a session. */
  async closeSession(token: string): Promise<void> {
    await this.knex('local_sessions').where({ token_hash: sha256(token) }).delete();
  }

  /** Deletes expired sessions. */
  async purgeExpiredSessions(): Promise<number> {
    return this.knex('local_sessions').where('expires_at', '<=', this.clock().toISOString()).delete();
  }
}
