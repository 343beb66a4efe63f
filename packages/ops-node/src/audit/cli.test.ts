import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { knex as createKnex, Knex } from 'knex';
import { AuditLog } from './AuditLog';
import { migrateAuditLog } from './migrations';
import { runAuditVerifyCli } from './cli';

jest.setTimeout(60_000);

const BIN = path.resolve(__dirname, '../../bin/audit-verify.js');

function runBin(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { timeout: 50_000 },
      (error, stdout, stderr) => {
        const code = error
          ? typeof error.code === 'number'
            ? error.code
            : -1
          : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function runInProcess(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuditVerifyCli(args, {
    out: line => out.push(line),
    err: line => err.push(line),
  });
  return { code, out, err };
}

async function withSqlite<T>(
  file: string,
  fn: (knex: Knex) => Promise<T>,
): Promise<T> {
  const knex = createKnex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    return await fn(knex);
  } finally {
    await knex.destroy();
  }
}

async function createChain(
  file: string,
  source: string,
  n: number,
): Promise<string> {
  return withSqlite(file, async knex => {
    await migrateAuditLog(knex);
    const audit = new AuditLog({ knex, source });
    let hash = '';
    for (let i = 1; i <= n; i++) {
      const record = await knex.transaction(trx =>
        audit.append(trx, {
          actor: 'user:default/alice',
          action: `${source}.update`,
          targetType: source,
          targetId: String(i),
          outcome: 'success',
          details: { i },
        }),
      );
      hash = record.hash;
    }
    return hash;
  });
}

describe('yinxin-audit-verify', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-audit-verify-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports an intact chain, then the tampered record with exit code 1 (bin)', async () => {
    const file = path.join(dir, 'tickets.sqlite');
    const head = await createChain(file, 'tickets', 10);

    const ok = await runBin([
      '--client',
      'better-sqlite3',
      '--connection',
      file,
    ]);
    expect(ok).toEqual({
      code: 0,
      stdout: `OK tickets 10 records head ${head}\n`,
      stderr: '',
    });

    await withSqlite(file, knex =>
      knex.raw('UPDATE audit_log SET details = ? WHERE seq = ?', [
        '{"i":40}',
        4,
      ]),
    );
    const bad = await runBin([
      '--client=better-sqlite3',
      `--connection=${file}`,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      'BROKEN tickets first broken record seq=4 (hash-mismatch)\n',
    );
    expect(bad.stderr).toContain('3 records before it are intact');
  });

  it('exits with 2 on usage errors (bin)', async () => {
    const result = await runBin(['--client', 'mysql', '--connection', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client must be better-sqlite3 or pg');
    expect(result.stdout).toBe('');
  });

  it('checks every *.sqlite file of a folder with --all-sqlite', async () => {
    const ticketsHead = await createChain(
      path.join(dir, 'tickets.sqlite'),
      'tickets',
      5,
    );
    const rostersHead = await createChain(
      path.join(dir, 'rosters.sqlite'),
      'rosters',
      3,
    );
    await withSqlite(path.join(dir, 'catalog.sqlite'), knex =>
      knex.schema.createTable('entities', t => t.string('id')),
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a database');

    expect(await runInProcess(['--all-sqlite', dir])).toEqual({
      code: 0,
      out: [
        'SKIP catalog no audit_log table',
        `OK rosters 3 records head ${rostersHead}`,
        `OK tickets 5 records head ${ticketsHead}`,
      ],
      err: [],
    });

    await withSqlite(path.join(dir, 'rosters.sqlite'), knex =>
      knex('audit_log').where({ seq: 2 }).delete(),
    );
    const broken = await runInProcess(['--all-sqlite', dir]);
    expect(broken.code).toBe(1);
    expect(broken.out).toEqual([
      'SKIP catalog no audit_log table',
      'BROKEN rosters first broken record seq=2 (seq-gap)',
      `OK tickets 5 records head ${ticketsHead}`,
    ]);
  });

  it('verifies an empty chain and fails a database without audit tables', async () => {
    const empty = path.join(dir, 'monitor.sqlite');
    await withSqlite(empty, knex => migrateAuditLog(knex));
    expect(
      (
        await runInProcess([
          '--client',
          'better-sqlite3',
          '--connection',
          empty,
        ])
      ).out,
    ).toEqual([`OK monitor 0 records head ${'0'.repeat(64)}`]);

    const plain = path.join(dir, 'catalog.sqlite');
    await withSqlite(plain, knex =>
      knex.schema.createTable('entities', t => t.string('id')),
    );
    const result = await runInProcess([
      '--client',
      'better-sqlite3',
      '--connection',
      plain,
      '--name',
      'catalog-db',
    ]);
    expect(result).toMatchObject({
      code: 1,
      out: ['BROKEN catalog-db no audit_log table'],
    });
  });

  it('does not modify the database it verifies', async () => {
    const file = path.join(dir, 'tickets.sqlite');
    await createChain(file, 'tickets', 2);
    const before = fs.readFileSync(file);
    await runInProcess(['--client', 'better-sqlite3', '--connection', file]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    [[]],
    [['--client', 'better-sqlite3']],
    [['--connection', 'x.sqlite']],
    [['--client', 'better-sqlite3', '--connection', '/nonexistent/x.sqlite']],
    [
      [
        '--client',
        'better-sqlite3',
        '--connection',
        'x.sqlite',
        '--schema',
        's',
      ],
    ],
    [['--client', 'pg', '--connection', 'not a url']],
    [['--all-sqlite']],
    [['--all-sqlite', '/nonexistent-dir']],
    [['--all-sqlite', '.', '--client', 'pg']],
    [['--bogus']],
    [['stray']],
    [['--client', 'pg', '--client', 'pg']],
  ])('exits with 2 for %j', async args => {
    const result = await runInProcess(args);
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err[0]).toMatch(/^yinxin-audit-verify: /);
  });

  it('exits with 2 when a folder has no *.sqlite files', async () => {
    expect((await runInProcess(['--all-sqlite', dir])).code).toBe(2);
  });

  it('prints usage for --help', async () => {
    const result = await runInProcess(['--help']);
    expect(result.code).toBe(0);
    expect(result.out[0]).toContain('Usage:');
  });
});

const pgConnection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const describePg = pgConnection ? describe : describe.skip;

describePg('yinxin-audit-verify on PostgreSQL', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

  it('verifies the chain in a plugin schema', async () => {
    const base = await databases.init('POSTGRES_15');
    const database = (await base.raw('SELECT current_database() AS name'))
      .rows[0].name;
    await base.raw('CREATE SCHEMA tickets');
    const scoped = createKnex({
      ...base.client.config,
      searchPath: ['tickets'],
    });
    let head: string;
    try {
      await migrateAuditLog(scoped);
      const audit = new AuditLog({ knex: scoped, source: 'tickets' });
      const records = [];
      for (let i = 0; i < 3; i++) {
        records.push(
          await scoped.transaction(trx =>
            audit.append(trx, {
              actor: 'plugin:tickets',
              action: 'ticket.escalate',
              outcome: 'success',
            }),
          ),
        );
      }
      head = records[2].hash;
    } finally {
      await scoped.destroy();
    }

    const url = new URL(pgConnection!);
    url.pathname = `/${database}`;
    const args = ['--client', 'pg', '--connection', url.toString()];
    expect((await runInProcess([...args, '--schema', 'tickets'])).out).toEqual([
      `OK tickets 3 records head ${head}`,
    ]);
    expect(await runInProcess([...args, '--schema', 'absent'])).toMatchObject({
      code: 1,
      out: ['BROKEN absent no audit_log table'],
    });

    await base.raw('UPDATE tickets.audit_log SET actor = ? WHERE seq = 2', [
      'plugin:evil',
    ]);
    const bad = await runBin([...args, '--schema', 'tickets']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(
      'BROKEN tickets first broken record seq=2 (hash-mismatch)\n',
    );
  });
});
