import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { exec } from './exec';

const INSTALL_HINT =
  'install openjdk-17-jdk-headless libbcprov-java libbcpkix-java — .ci/run does this';
const SOURCE = resolve(__dirname, '../java/YinxinCheck.java');
const REPO_ROOT = resolve(__dirname, '../../..');

/** BouncyCastle jars: Debian's, or those in `$YINXIN_BC_JAR_DIR`. */
function jars(): string[] {
  const dir = process.env.YINXIN_BC_JAR_DIR ?? '/usr/share/java';
  return ['bcprov.jar', 'bcpkix.jar', 'bcutil.jar'].map(j => join(dir, j));
}

/** What {@link bcCheck} reports. */
export interface BcResult {
  /** True when the check passed: exit code 0 and `"ok": true`. */
  ok: boolean;
  /** 0 passed, 1 failed (or an input could not be parsed); 2 (usage) throws instead. */
  exitCode: number;
  /** The JSON object the checker printed. */
  result: any;
  stderr: string;
}

let compiled: Promise<string> | undefined;

/**
 * Compiles java/YinxinCheck.java once per source and BouncyCastle version into
 * `<repo>/node_modules/.cache/yinxin-bc/<hash>/` and returns that directory. Parallel jest
 * workers may both compile; each builds in its own directory and the first rename wins.
 */
export function bcCompile(): Promise<string> {
  compiled ??= (async () => {
    for (const jar of jars()) {
      if (!existsSync(jar))
        throw new Error(`BouncyCastle jar ${jar} missing: ${INSTALL_HINT}`);
    }
    const hash = createHash('sha256')
      .update(readFileSync(SOURCE))
      .update(
        jars()
          .map(j => realpathSync(j))
          .join(':'),
      )
      .digest('hex')
      .slice(0, 16);
    const root = join(REPO_ROOT, 'node_modules', '.cache', 'yinxin-bc');
    const dir = join(root, hash);
    if (existsSync(join(dir, 'YinxinCheck.class'))) return dir;
    mkdirSync(root, { recursive: true });
    const work = mkdtempSync(join(root, `.build-${hash}-`));
    try {
      const r = await exec('javac', [
        '-encoding',
        'UTF-8',
        '-nowarn',
        '--release',
        '17',
        '-d',
        work,
        '-cp',
        jars().join(':'),
        SOURCE,
      ]);
      if (r.code === 127) throw new Error(`javac not found: ${INSTALL_HINT}`);
      if (r.code !== 0)
        throw new Error(`javac failed on ${SOURCE}:\n${r.stderr}`);
      try {
        renameSync(work, dir);
      } catch (e) {
        if (!existsSync(join(dir, 'YinxinCheck.class'))) throw e; // not "another worker won"
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return dir;
  })();
  compiled.catch(() => {
    compiled = undefined; // let a later call retry (and report) instead of caching the failure
  });
  return compiled;
}

/**
 * Runs one check of the BouncyCastle checker (java/YinxinCheck.java; see the package README
 * for the subcommands). `files` are written into a fresh directory that is the working
 * directory of the run, so `args` can name them (`{ files: { 'ca.pem': pem } }`, `['--anchor', 'ca.pem']`).
 *
 * Throws when Java or BouncyCastle is missing, on a usage error (exit 2), and when the checker
 * prints no JSON; a failed check resolves with `ok: false`.
 */
export async function bcCheck(
  subcommand: string,
  args: string[],
  opts: { files?: Record<string, Uint8Array | string> } = {},
): Promise<BcResult> {
  const classes = await bcCompile();
  const cwd = mkdtempSync(join(tmpdir(), 'yinxin-bc-run-'));
  try {
    for (const [name, content] of Object.entries(opts.files ?? {})) {
      if (basename(name) !== name || name.startsWith('.'))
        throw new Error(`bcCheck: file name ${name} must be a plain name`);
      writeFileSync(join(cwd, name), content);
    }
    const javaArgs = [
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      '-cp',
      [classes, ...jars()].join(':'),
      'YinxinCheck',
    ];
    const r = await exec('java', [...javaArgs, subcommand, ...args], { cwd });
    if (r.code === 127) throw new Error(`java not found: ${INSTALL_HINT}`);
    let result: any;
    try {
      result = JSON.parse(r.stdout.trim());
    } catch {
      throw new Error(
        `the BouncyCastle checker printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`,
      );
    }
    if (r.code === 2)
      throw new Error(
        `bcCheck ${subcommand}: ${result.error} (${JSON.stringify(
          result.usage,
        )})`,
      );
    return {
      ok: r.code === 0 && result.ok === true,
      exitCode: r.code,
      result,
      stderr: r.stderr,
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
