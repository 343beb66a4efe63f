/*
 * Test only: a real OpenLDAP slapd for a test, on a free port of 127.0.0.1, with its own cn=config
 * (made with `slapadd -n0` from an LDIF including Debian's core, cosine and inetorgperson schemas)
 * and an mdb database for the base DN, in a temporary folder. Works as root and as a normal user
 * (no -u: slapd keeps the identity it was started with). Stop and start again keep the data.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SLAPD = process.env.YINXIN_SLAPD ?? '/usr/sbin/slapd';
const SLAPADD = process.env.YINXIN_SLAPADD ?? '/usr/sbin/slapadd';
const LDAPSEARCH = process.env.YINXIN_LDAPSEARCH ?? '/usr/bin/ldapsearch';
const SCHEMA_DIR = '/etc/ldap/schema';
const MODULE_DIR = '/usr/lib/ldap';

/** Options of {@link startSlapd}. */
export interface SlapdOptions {
  /** The suffix of the database (default `o=yinxin test,c=CN`). */
  baseDn?: string;
  /** The rootDN's password (default `secret`); the rootDN is `cn=admin,<baseDn>`. */
  rootPassword?: string;
  /** Readable by anonymous binds (default true), so that `ldapsearch -x` needs no credentials. */
  anonymousRead?: boolean;
}

/** A free TCP port of 127.0.0.1 (free when asked; slapd takes it soon after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** cn=config for one mdb database. */
function configLdif(dir: string, baseDn: string, rootDn: string, password: string, anonymousRead: boolean): string {
  return `dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: ${join(dir, 'slapd.pid')}

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: ${MODULE_DIR}
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file://${SCHEMA_DIR}/core.ldif

include: file://${SCHEMA_DIR}/cosine.ldif

include: file://${SCHEMA_DIR}/inetorgperson.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSizeLimit: unlimited

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config
olcAccess: {0}to * by * none

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: ${baseDn}
olcRootDN: ${rootDn}
olcRootPW: ${password}
olcDbDirectory: ${join(dir, 'data')}
olcDbMaxSize: 268435456
olcAccess: {0}to * by ${anonymousRead ? '* read' : 'users read by * auth'}
`;
}

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise(resolve => {
    execFile(file, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as any).code === 'number' ? (error as any).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A running (or stopped) test slapd. */
export class TestSlapd {
  #child: ChildProcess | undefined;
  #exited: Promise<void> | undefined;

  private constructor(
    /** The temporary folder: slapd.d, data, slapd.log. */
    readonly dir: string,
    readonly port: number,
    readonly baseDn: string,
    readonly rootDn: string,
    readonly rootPassword: string,
  ) {}

  /** `ldap://127.0.0.1:<port>`. */
  get url(): string {
    return `ldap://127.0.0.1:${this.port}`;
  }

  /** Whether slapd is running. */
  get running(): boolean {
    return !!this.#child && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Makes the configuration in a new temporary folder and starts slapd. */
  static async start(options: SlapdOptions = {}): Promise<TestSlapd> {
    const baseDn = options.baseDn ?? 'o=yinxin test,c=CN';
    const rootPassword = options.rootPassword ?? 'secret';
    const dir = mkdtempSync(join(tmpdir(), 'yinxin-slapd-'));
    mkdirSync(join(dir, 'slapd.d'));
    mkdirSync(join(dir, 'data'));
    const rootDn = `cn=admin,${baseDn}`;
    writeFileSync(join(dir, 'config.ldif'), configLdif(dir, baseDn, rootDn, rootPassword, options.anonymousRead ?? true));
    execFileSync(SLAPADD, ['-n0', '-F', join(dir, 'slapd.d'), '-l', join(dir, 'config.ldif')], { stdio: 'pipe' });
    const slapd = new TestSlapd(dir, await freePort(), baseDn, rootDn, rootPassword);
    await slapd.resume();
    return slapd;
  }

  /** Starts slapd again (same folder, data and port) and waits until it answers. */
  async resume(): Promise<void> {
    if (this.running) return;
    const log = openSync(join(this.dir, 'slapd.log'), 'a');
    // -d 0: stay in the foreground (no fork), so that the process can be waited for.
    const child = spawn(SLAPD, ['-d', '0', '-F', join(this.dir, 'slapd.d'), '-h', `${this.url}/`], { stdio: ['ignore', log, log] });
    closeSync(log);
    this.#child = child;
    this.#exited = new Promise(resolve => child.once('exit', () => resolve()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (!this.running) throw new Error(`slapd exited at start (${child.exitCode ?? child.signalCode}): ${this.log()}`);
      const r = await run(LDAPSEARCH, ['-x', '-H', this.url, '-b', '', '-s', 'base', '-LLL', 'namingContexts']);
      if (r.code === 0) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`slapd did not answer on ${this.url}: ${r.stderr} ${this.log()}`);
      }
      await new Promise(resolve => setTimeout(resolve, 50));
    }
  }

  /** What slapd wrote. */
  log(): string {
    try {
      return readFileSync(join(this.dir, 'slapd.log'), 'utf8');
    } catch {
      return '';
    }
  }

  /** Stops slapd (SIGTERM, then SIGKILL after 10 s) and waits for it to exit. Data stays. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.kill('SIGTERM');
    await this.#exited;
    clearTimeout(timer);
  }

  /** Stops slapd and removes its folder. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Runs the real `ldapsearch` (anonymous simple bind, `-o ldif-wrap=no -LLL`) and returns its LDIF.
   * Throws with ldapsearch's message on failure; a missing base gives exit code 32.
   */
  async search(base: string, opts: { scope?: 'base' | 'one' | 'sub'; filter?: string; attributes?: string[] } = {}): Promise<{ code: number; ldif: string; stderr: string }> {
    const r = await run(LDAPSEARCH, [
      '-x',
      '-H',
      this.url,
      '-o',
      'ldif-wrap=no',
      '-LLL',
      '-b',
      base,
      '-s',
      opts.scope ?? 'base',
      opts.filter ?? '(objectClass=*)',
      ...(opts.attributes ?? []),
    ]);
    return { code: r.code, ldif: r.stdout, stderr: r.stderr };
  }
}

/** Starts a test slapd (see {@link TestSlapd}). */
export function startSlapd(options?: SlapdOptions): Promise<TestSlapd> {
  return TestSlapd.start(options);
}

/**
 * Parses `ldapsearch -LLL -o ldif-wrap=no` output into entries: dn and attribute values, base64
 * values (`attr:: …`) decoded to Buffers, the others as UTF-8 strings.
 */
export function parseLdif(ldif: string): Array<{ dn: string; attributes: Record<string, Array<string | Buffer>> }> {
  const out: Array<{ dn: string; attributes: Record<string, Array<string | Buffer>> }> = [];
  for (const block of ldif.split(/\n\n+/)) {
    const lines = block.split('\n').filter(l => l && !l.startsWith('#'));
    if (lines.length === 0) continue;
    let dn = '';
    const attributes: Record<string, Array<string | Buffer>> = {};
    for (const line of lines) {
      const m = /^([^:]+)(::?) ?(.*)$/.exec(line);
      if (!m) continue;
      const [, name, sep, raw] = m;
      const isBase64 = sep === '::';
      if (name === 'dn') {
        dn = isBase64 ? Buffer.from(raw, 'base64').toString('utf8') : raw;
        continue;
      }
      const value = isBase64 ? Buffer.from(raw, 'base64') : raw;
      (attributes[name] ??= []).push(value);
    }
    out.push({ dn, attributes });
  }
  return out;
}
