import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const JARS = ['bcprov.jar', 'bcpkix.jar', 'bcutil.jar'].map(j => `/usr/share/java/${j}`);
const SOURCE = resolve(__dirname, '../java/YinxinCheck.java');

/** What {@link bcCheck} reports. */
export interface BcResult {
  /** True when the check passed (exit code 0). */
  ok: boolean;
  exitCode: number;
  /** The JSON object the checker printed. */
  result: any;
  stderr: string;
}

function run(cmd: string, args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(res => {
    execFile(cmd, args, { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as any).code === 'number' ? (err as any).code : 127) : 0;
      res({ code, stdout: String(stdout), stderr: String(stderr) + (err && code === 127 ? String(err.message) : '') });
    });
  });
}

let compiled: Promise<string> | undefined;

// Compiles the checker once per source hash; parallel jest workers race safely through a rename.
function classesDir(): Promise<string> {
  compiled ??= (async () => {
    for (const jar of JARS) if (!existsSync(jar)) throw new Error(`${jar} missing: install openjdk-17-jdk-headless libbcprov-java libbcpkix-java (.ci/run does this)`);
    const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 16);
    const dir = join(tmpdir(), 'yinxin-bc', hash);
    if (existsSync(join(dir, 'YinxinCheck.class'))) return dir;
    mkdirSync(join(tmpdir(), 'yinxin-bc'), { recursive: true });
    const work = mkdtempSync(join(tmpdir(), 'yinxin-bc', `build-${hash}-`));
    const r = await run('javac', ['-nowarn', '-d', work, '-cp', JARS.join(':'), SOURCE]);
    if (r.code !== 0) throw new Error(`javac failed (install openjdk-17-jdk-headless): ${r.stderr}`);
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true }); // another worker won
    }
    return dir;
  })();
  return compiled;
}

/**
 * Runs one BouncyCastle check (see java/YinxinCheck.java: chain, csr, crl, sm2-encrypt,
 * sm2-decrypt, sm2-verify, key-matches). `files` are written into a fresh directory, where the
 * arguments can name them.
 */
export async function bcCheck(subcommand: string, args: string[], opts: { files?: Record<string, Uint8Array | string> } = {}): Promise<BcResult> {
  const classes = await classesDir();
  const cwd = mkdtempSync(join(tmpdir(), 'yinxin-bc-run-'));
  try {
    for (const [name, content] of Object.entries(opts.files ?? {})) writeFileSync(join(cwd, name), content);
    const r = await run('java', ['-cp', [classes, ...JARS].join(':'), 'YinxinCheck', subcommand, ...args], cwd);
    if (r.code === 127) throw new Error(`java missing: install openjdk-17-jdk-headless (.ci/run does this): ${r.stderr}`);
    let result: any;
    try {
      result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    } catch {
      throw new Error(`the BouncyCastle checker printed no JSON (exit ${r.code}): ${r.stdout} ${r.stderr}`);
    }
    if (r.code === 2) throw new Error(`bcCheck usage error: ${result.error}`);
    return { ok: r.code === 0 && result.ok === true, exitCode: r.code, result, stderr: r.stderr };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Runs openssl with `args` in `cwd`. */
export function runOpenssl(args: string[], cwd?: string) {
  return run('openssl', args, cwd);
}

/**
 * `openssl verify` of `certPem` against `caPem` (and `untrustedPem` intermediates). `sm2` adds
 * `-partial_chain -vfyopt distid:1234567812345678`: OpenSSL 3.0 checks SM2 one link at a time.
 */
export async function opensslVerify(a: { caPem: string; certPem: string; untrustedPem?: string; sm2?: boolean; crlPem?: string }): Promise<{ ok: boolean; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'yinxin-ossl-'));
  try {
    writeFileSync(join(cwd, 'ca.pem'), a.caPem);
    writeFileSync(join(cwd, 'cert.pem'), a.certPem);
    const args = ['verify', '-CAfile', 'ca.pem'];
    if (a.untrustedPem) {
      writeFileSync(join(cwd, 'untrusted.pem'), a.untrustedPem);
      args.push('-untrusted', 'untrusted.pem');
    }
    if (a.crlPem) {
      writeFileSync(join(cwd, 'crl.pem'), a.crlPem);
      args.push('-CRLfile', 'crl.pem', '-crl_check');
    }
    if (a.sm2) args.push('-partial_chain', '-vfyopt', 'distid:1234567812345678');
    args.push('cert.pem');
    const r = await run('openssl', args, cwd);
    if (r.code === 127) throw new Error('openssl missing (.ci/run installs it)');
    const output = r.stdout + r.stderr;
    return { ok: r.code === 0 && /: OK\s*$/.test(r.stdout.trim()), output };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** A file of `../shared/testdata/interop/` (or `$YINXIN_INTEROP_DIR`): third-party artifacts. */
export function interopFile(name: string): Buffer {
  const dir = process.env.YINXIN_INTEROP_DIR ?? resolve(__dirname, '../../../../shared/testdata/interop');
  const file = join(dir, name);
  if (!existsSync(file)) throw new Error(`interop file ${file} missing (set YINXIN_INTEROP_DIR)`);
  return readFileSync(file);
}
