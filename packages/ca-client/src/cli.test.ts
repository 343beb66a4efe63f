import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseCsr } from '@yinxin/gm';
import { CaApiError, CaClient, backendBaseOf, signIn } from './CaClient';
import { runTokenCli, type TokenCliIo } from './cli';
import { SoftToken } from './SoftToken';
import { FAKE_USER, startFakeCa, type FakeCa } from './testing/fakeCa';
import { makeTestCa } from './testing/testCa';

const PIN = 'Cli-PIN-2468';
const NEW_PIN = 'Cli-New-1357';

let dir: string;
let fake: FakeCa;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'yinxin-token-cli-'));
  fake = await startFakeCa(await makeTestCa());
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.script.pollsUntilIssued = 2;
  fake.script.pollsUntilVerified = 2;
  fake.script.reject = undefined;
});

/** Runs the CLI with captured output, a given environment and scripted prompt answers. */
async function cli(argv: string[], env: Record<string, string> = {}, answers: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Partial<TokenCliIo> = {
    out: l => out.push(l),
    err: l => err.push(l),
    env,
    prompt: async () => answers.shift(),
    pollIntervalMs: 5,
  };
  const code = await runTokenCli(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n'), all: `${out.join('\n')}\n${err.join('\n')}` };
}

const tokenFile = () => join(dir, `t${++n}.json`);
const serialOf = () => `USBKEY-${1000 + n}`;

async function initToken() {
  const file = tokenFile();
  const r = await cli(['init', '--file', file, '--serial', serialOf()], { YINXIN_PIN: PIN });
  expect(r.code).toBe(0);
  return file;
}

describe('usage', () => {
  it.each([
    [[], 2],
    [['frobnicate'], 2],
    [['init', '--serial', 'USBKEY-1'], 2],
    [['init', '--file', 'x.json', '--serial', 'USBKEY-1', '--pin', '123456'], 2],
    [['check', '--file'], 2],
    [['check', '--file', 'a', '--file', 'b'], 2],
    [['check', '--file', 'a', 'extra'], 2],
    [['enrol', '--file', 'a', '--wait=yes'], 2],
    [['pin-status', '--api', 'http://x'], 2],
  ])('%j exits %i', async (argv, code) => {
    const r = await cli(argv as string[]);
    expect(r.code).toBe(code);
    expect(r.err).toContain('--help');
  });

  it('prints Chinese help with English in brackets', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('用法 (Usage)');
    expect(r.out).toContain('远程解锁');
  });

  it('needs a PIN from the environment or a terminal', async () => {
    const r = await cli(['init', '--file', tokenFile(), '--serial', 'USBKEY-0001']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('YINXIN_PIN');
  });

  it('asks twice for a new PIN at the prompt and refuses different answers', async () => {
    const file = tokenFile();
    expect((await cli(['init', '--file', file, '--serial', 'USBKEY-0002'], {}, [PIN, 'something-else'])).code).toBe(1);
    expect((await cli(['init', '--file', file, '--serial', 'USBKEY-0002'], {}, [PIN, PIN])).code).toBe(0);
    expect((await cli(['check', '--file', file], {}, [PIN])).code).toBe(1); // no certificates yet: not OK
  });
});

describe('token commands', () => {
  it('init, pin-status, csr and failures with exit code 1', async () => {
    const file = await initToken();
    const again = await cli(['init', '--file', file, '--serial', 'USBKEY-9999'], { YINXIN_PIN: PIN });
    expect(again.code).toBe(1);
    expect(again.err).toContain('TOKEN_EXISTS');
    const st = await cli(['pin-status', '--file', file]);
    expect(st.code).toBe(0);
    expect(st.out).toContain('剩余 (remaining) 5/5');
    const csr = await cli(['csr', '--file', file, '--cn', '张三', '--o', '某某厅'], { YINXIN_PIN: PIN });
    expect(csr.code).toBe(0);
    const info = parseCsr(csr.out);
    expect(info.signatureValid).toBe(true);
    expect(info.subject.map(a => a.value)).toEqual(['CN', '某某厅', '张三']);
    const wrong = await cli(['csr', '--file', file, '--cn', 'x'], { YINXIN_PIN: 'not-the-pin' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('PIN_INCORRECT');
    expect(wrong.err).toContain('0x0A000024');
    const changed = await cli(['change-pin', '--file', file], { YINXIN_PIN: PIN, YINXIN_NEW_PIN: NEW_PIN });
    expect(changed.code).toBe(0);
    expect((await SoftToken.open(file).then(t => t.verifyPin(NEW_PIN))).ok).toBe(true);
    for (const r of [again, st, csr, wrong, changed]) {
      expect(r.all).not.toContain(PIN);
      expect(r.all).not.toContain(NEW_PIN);
    }
  });
});

describe('against the CA API', () => {
  it('enrols with --wait: submits the CSR with the token serial, waits, imports; the PIN never leaves the machine', async () => {
    const file = await initToken();
    const seenBefore = fake.seen.length;
    const r = await cli(
      ['enrol', '--file', file, '--api', fake.apiUrl, '--subject-id', 'subj-1', '--profile', 'sm2-dual', '--cn', '张三', '--wait', '--user', FAKE_USER.username],
      { YINXIN_PIN: PIN, YINXIN_PASSWORD: FAKE_USER.password },
    );
    expect(r.all).not.toContain(PIN); // nothing secret in the output
    expect(r.code).toBe(0);
    expect(r.out).toContain('已提交申请 (application submitted) RA-');
    expect(r.out).toContain('解锁密钥 (unlock key): 已安装 (installed)');
    const submitted = fake.seen.slice(seenBefore).find(s => s.method === 'POST' && s.url === '/api/ca/applications')!;
    const body = JSON.parse(submitted.body);
    const token = await SoftToken.open(file);
    expect(body).toMatchObject({ subjectId: 'subj-1', profile: 'sm2-dual', tokenSerial: token.serial });
    expect(submitted.headers.authorization).toBe(`Bearer ${FAKE_USER.token}`);
    for (const s of fake.seen.slice(seenBefore)) expect(`${s.url}${s.body}${JSON.stringify(s.headers)}`).not.toContain(PIN);
    const check = await cli(['check', '--file', file], { YINXIN_PIN: PIN });
    expect(check.code).toBe(0);
    expect(check.out).toContain('结果 (result): 正常 (OK)');
  });

  it('enrols without --wait, then imports by application id with YINXIN_TOKEN', async () => {
    const file = await initToken();
    const r = await cli(['enrol', '--file', file, '--api', fake.apiUrl, '--subject-id', 'subj-2'], { YINXIN_PIN: PIN, YINXIN_TOKEN: FAKE_USER.token });
    expect(r.code).toBe(0);
    const id = /id=([0-9a-f-]{36})/.exec(r.out)![1];
    const early = await cli(['import', '--file', file, '--api', fake.apiUrl, '--application', id], { YINXIN_PIN: PIN, YINXIN_TOKEN: FAKE_USER.token });
    expect(early.code).toBe(1);
    expect(early.err).toContain('ILLEGAL_TRANSITION');
    const client = new CaClient({ baseUrl: fake.apiUrl, token: FAKE_USER.token });
    await client.waitForIssued(id, { intervalMs: 5, timeoutMs: 5000 });
    const imp = await cli(['import', '--file', file, '--api', fake.apiUrl, '--application', id], { YINXIN_PIN: PIN, YINXIN_TOKEN: FAKE_USER.token });
    expect(imp.code).toBe(0);
    expect((await (await SoftToken.open(file)).check(PIN)).ok).toBe(true);
  });

  it('reports a rejected application with its reason', async () => {
    fake.script.reject = '身份证明材料不全';
    const file = await initToken();
    const r = await cli(['enrol', '--file', file, '--api', fake.apiUrl, '--subject-id', 's', '--wait'], { YINXIN_PIN: PIN, YINXIN_TOKEN: FAKE_USER.token });
    expect(r.code).toBe(1);
    expect(r.err).toContain('REJECTED');
    expect(r.err).toContain('身份证明材料不全');
  });

  it('unlocks a locked token: challenge → request → RA verification → response → new PIN', async () => {
    const file = await initToken();
    expect((await cli(['enrol', '--file', file, '--api', fake.apiUrl, '--subject-id', 's', '--wait'], { YINXIN_PIN: PIN, YINXIN_TOKEN: FAKE_USER.token })).code).toBe(0);
    const token = await SoftToken.open(file);
    for (let i = 0; i < 5; i++) await token.verifyPin('wrong-pin!');
    expect((await cli(['check', '--file', file], { YINXIN_PIN: PIN })).err).toContain('PIN_LOCKED');
    const seenBefore = fake.seen.length;
    const r = await cli(['unlock', '--file', file, '--api', fake.apiUrl, '--ticket', '42'], { YINXIN_NEW_PIN: NEW_PIN, YINXIN_TOKEN: FAKE_USER.token });
    expect(r.err).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(r.out).toContain('令牌已解锁');
    const req = JSON.parse(fake.seen.slice(seenBefore).find(s => s.method === 'POST' && s.url === '/api/ca/unlock')!.body);
    expect(req).toMatchObject({ tokenSerial: token.serial, ticketId: '42' });
    expect(req.challenge).toMatch(/^04[0-9a-f]{128}$/);
    const k = Buffer.from(fake.unlockKeys.get(token.serial)!);
    for (const text of [r.all, readFileSync(file, 'utf8')]) {
      expect(text).not.toContain(NEW_PIN);
      expect(text).not.toContain(k.toString('hex'));
      expect(text).not.toContain(k.toString('base64'));
    }
    for (const s of fake.seen.slice(seenBefore)) expect(s.body).not.toContain(NEW_PIN);
    expect((await cli(['check', '--file', file], { YINXIN_PIN: NEW_PIN })).code).toBe(0);
    expect((await token.status()).userPin).toEqual({ maxRetries: 5, remaining: 5, locked: false });
  });

  it('unlock refuses a new PIN that breaks the rules before fetching the one-time response', async () => {
    const file = await initToken();
    expect((await cli(['enrol', '--file', file, '--api', fake.apiUrl, '--subject-id', 's', '--wait'], { YINXIN_PIN: PIN, YINXIN_TOKEN: FAKE_USER.token })).code).toBe(0);
    const seenBefore = fake.seen.length;
    const r = await cli(['unlock', '--file', file, '--api', fake.apiUrl], { YINXIN_NEW_PIN: '123', YINXIN_TOKEN: FAKE_USER.token });
    expect(r.code).toBe(1);
    expect(r.err).toContain('PIN_POLICY');
    expect(fake.seen.slice(seenBefore).some(s => s.url.endsWith('/response'))).toBe(false);
    // resume the same request with --request and a good PIN
    const id = /submitted\): ([0-9a-f-]{36})/.exec(r.out)![1];
    const resumed = await cli(['unlock', '--file', file, '--api', fake.apiUrl, '--request', id], { YINXIN_NEW_PIN: NEW_PIN, YINXIN_TOKEN: FAKE_USER.token });
    expect(resumed.code).toBe(0);
    expect((await (await SoftToken.open(file)).verifyPin(NEW_PIN)).ok).toBe(true);
  });

  it('needs a portal token', async () => {
    const file = await initToken();
    const r = await cli(['import', '--file', file, '--api', fake.apiUrl, '--application', 'x'], { YINXIN_PIN: PIN });
    expect(r.code).toBe(2);
    expect(r.err).toContain('YINXIN_TOKEN');
  });
});

describe('CaClient and signIn', () => {
  it('signs in with the local provider and maps API errors to their codes', async () => {
    expect(backendBaseOf(fake.apiUrl)).toBe(fake.url);
    expect(backendBaseOf('http://h/other')).toBeUndefined();
    const s = await signIn(fake.url, FAKE_USER.username, FAKE_USER.password);
    expect(s).toMatchObject({ token: FAKE_USER.token, userEntityRef: 'user:default/ra-agent', mustChangePassword: false });
    const bad = await signIn(fake.url, FAKE_USER.username, 'wrong').catch(e => e);
    expect(bad).toBeInstanceOf(CaApiError);
    expect(bad).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    const anon = await new CaClient({ baseUrl: fake.apiUrl, token: 'nope' }).getApplication('x').catch(e => e);
    expect(anon).toMatchObject({ code: 'AuthenticationError', status: 401 });
    const client = new CaClient({ baseUrl: `${fake.apiUrl}/`, token: s.token });
    expect(await client.getApplication('missing').catch(e => e.code)).toBe('NOT_FOUND');
    expect(await client.getUnlock('missing').catch(e => e.code)).toBe('NOT_FOUND');
    expect(await client.submitApplication({ subjectId: 's', profile: 'sm2-dual', csrPem: 'junk' }).catch(e => e.code)).toBe('BAD_CSR');
    const down = await new CaClient({ baseUrl: 'http://127.0.0.1:9/api/ca', token: 't' }).getApplication('x').catch(e => e);
    expect(down.code).toBe('NETWORK');
  });

  it('waitForIssued times out while the application is pending', async () => {
    fake.script.pollsUntilIssued = 1000;
    const token = await SoftToken.create(tokenFile(), { serial: 'USBKEY-7777', userPin: PIN, scryptN: 1024 });
    const client = new CaClient({ baseUrl: fake.apiUrl, token: FAKE_USER.token });
    const app = await client.submitApplication({ subjectId: 's', profile: 'sm2-dual', csrPem: await token.createCsr(PIN, [{ type: 'CN', value: 'x' }]), tokenSerial: token.serial });
    expect(await client.waitForIssued(app.id, { intervalMs: 5, timeoutMs: 50 }).catch(e => e.code)).toBe('TIMEOUT');
  });
});

describe('bin/yinxin-token.js', () => {
  it('runs the TypeScript source and exits with the CLI code', () => {
    const bin = join(__dirname, '..', 'bin', 'yinxin-token.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8', timeout: 120_000 });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('yinxin-token');
    const usage = spawnSync(process.execPath, [bin, 'nonsense'], { encoding: 'utf8', timeout: 120_000 });
    expect(usage.status).toBe(2);
  });
});
