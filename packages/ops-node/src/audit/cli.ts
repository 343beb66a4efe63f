import fs from 'node:fs';
import path from 'node:path';
import { knex as createKnex, Knex } from 'knex';
import { verifyAuditLog } from './verify';

/** Usage text of the `yinxin-audit-verify` command. */
export const AUDIT_VERIFY_USAGE = `Usage:
  yinxin-audit-verify --client better-sqlite3 --connection <file.sqlite> [--name <label>]
  yinxin-audit-verify --client pg --connection <postgres://...> [--schema <plugin>] [--name <label>]
  yinxin-audit-verify --all-sqlite <directory>

Verifies the hash-chained audit log (table audit_log) of plugin databases,
printing one line per chain:
  OK <name> <count> records head <hash>
  BROKEN <name> first broken record seq=<seq> (<reason>)
With --all-sqlite, every *.sqlite file in the directory is checked; files
without an audit_log table are reported as SKIP.

Exit code: 0 all chains intact, 1 any chain broken or unreadable, 2 usage error.`;

/** Where {@link runAuditVerifyCli} writes its output, one line per call. */
export interface AuditVerifyCliOutput {
  /** Receives result lines (and the usage text for --help). */
  out(line: string): void;
  /** Receives diagnostics: usage errors and details of broken chains. */
  err(line: string): void;
}

class UsageError extends Error {}

interface Target {
  name: string;
  config: Knex.Config;
  /** Whether a database without an audit_log table is skipped rather than failed. */
  optional: boolean;
}

type Flags = Partial<
  Record<'client' | 'connection' | 'schema' | 'all-sqlite' | 'name', string>
>;

const KNOWN_FLAGS = new Set([
  'client',
  'connection',
  'schema',
  'all-sqlite',
  'name',
]);

function parseArgs(argv: string[]): Flags | 'help' {
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match)
      throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const flag = match[1];
    if (!KNOWN_FLAGS.has(flag))
      throw new UsageError(`unknown option --${flag}`);
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        throw new UsageError(`--${flag} needs a value`);
      }
      i += 1;
    }
    if (value.length === 0) throw new UsageError(`--${flag} needs a value`);
    const key = flag as keyof Flags;
    if (flags[key] !== undefined) throw new UsageError(`--${flag} given twice`);
    flags[key] = value;
  }
  return flags;
}

function sqliteTarget(file: string, name: string, optional: boolean): Target {
  return {
    name,
    optional,
    config: {
      client: 'better-sqlite3',
      connection: { filename: file, options: { readonly: true } },
      useNullAsDefault: true,
    },
  };
}

function chainNameOfFile(file: string): string {
  return path.basename(file).replace(/\.sqlite$/, '');
}

function targetsFrom(flags: Flags): Target[] {
  const dir = flags['all-sqlite'];
  if (dir !== undefined) {
    for (const other of ['client', 'connection', 'schema', 'name'] as const) {
      if (flags[other] !== undefined) {
        throw new UsageError(`--all-sqlite cannot be combined with --${other}`);
      }
    }
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      throw new UsageError(`${dir} is not a directory`);
    }
    const files = fs
      .readdirSync(dir)
      .filter(f => f.endsWith('.sqlite'))
      .sort();
    if (files.length === 0) {
      throw new UsageError(`no *.sqlite files in ${dir}`);
    }
    return files.map(f =>
      sqliteTarget(path.join(dir, f), chainNameOfFile(f), true),
    );
  }

  const { client, connection, schema, name } = flags;
  if (client === undefined || connection === undefined) {
    throw new UsageError('give --client and --connection, or --all-sqlite');
  }
  if (client === 'better-sqlite3') {
    if (schema !== undefined) {
      throw new UsageError('--schema applies to --client pg only');
    }
    if (!fs.existsSync(connection) || !fs.statSync(connection).isFile()) {
      throw new UsageError(`${connection} is not a file`);
    }
    return [
      sqliteTarget(connection, name ?? chainNameOfFile(connection), false),
    ];
  }
  if (client === 'pg') {
    let database: string | undefined;
    try {
      database =
        decodeURIComponent(new URL(connection).pathname.slice(1)) || undefined;
    } catch {
      throw new UsageError(
        '--connection must be a postgres:// URL for --client pg',
      );
    }
    return [
      {
        name: name ?? schema ?? database ?? 'postgres',
        optional: false,
        config: {
          client: 'pg',
          connection,
          ...(schema !== undefined ? { searchPath: [schema] } : {}),
          pool: { min: 0, max: 1 },
          acquireConnectionTimeout: 15000,
        },
      },
    ];
  }
  throw new UsageError(`--client must be better-sqlite3 or pg, not ${client}`);
}

type Verdict = 'ok' | 'skipped' | 'failed';

async function verifyTarget(
  target: Target,
  output: AuditVerifyCliOutput,
): Promise<Verdict> {
  const db = createKnex(target.config);
  try {
    if (!(await db.schema.hasTable('audit_log'))) {
      if (target.optional) {
        output.out(`SKIP ${target.name} no audit_log table`);
        return 'skipped';
      }
      output.out(`BROKEN ${target.name} no audit_log table`);
      return 'failed';
    }
    const result = await verifyAuditLog(db);
    if (result.ok) {
      output.out(
        `OK ${target.name} ${result.count} records head ${result.headHash}`,
      );
      return 'ok';
    }
    const { seq, reason, detail } = result.firstBroken;
    output.out(
      `BROKEN ${target.name} first broken record seq=${seq} (${reason})`,
    );
    output.err(
      `${target.name}: seq=${seq}: ${detail}; ${result.count} records before it are intact`,
    );
    return 'failed';
  } catch (e) {
    output.out(`ERROR ${target.name} ${(e as Error)?.message ?? String(e)}`);
    return 'failed';
  } finally {
    await db.destroy();
  }
}

/**
 * Runs the `yinxin-audit-verify` command (see {@link AUDIT_VERIFY_USAGE}).
 * The databases are opened read-only where the driver allows it and are
 * never migrated.
 *
 * @param argv - the arguments after the command name
 * @param output - where to write; defaults to the process's stdout and stderr
 * @returns the exit code: 0 all chains intact, 1 any broken or unreadable, 2 usage error
 */
export async function runAuditVerifyCli(
  argv: string[],
  output: AuditVerifyCliOutput = {
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  let targets: Target[];
  try {
    const flags = parseArgs(argv);
    if (flags === 'help') {
      output.out(AUDIT_VERIFY_USAGE);
      return 0;
    }
    targets = targetsFrom(flags);
  } catch (e) {
    if (e instanceof UsageError) {
      output.err(`yinxin-audit-verify: ${e.message}`);
      output.err(AUDIT_VERIFY_USAGE);
      return 2;
    }
    throw e;
  }

  let failed = false;
  for (const target of targets) {
    if ((await verifyTarget(target, output)) === 'failed') failed = true;
  }
  return failed ? 1 : 0;
}
