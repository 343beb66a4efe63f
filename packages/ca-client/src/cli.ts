import { promises as fsp } from 'node:fs';
import { createInterface } from 'node:readline';
import type { NameAttribute } from '@yinxin/gm';
import { basename } from 'node:path';
import { CaApiError, CaClient, SealClient, backendBaseOf, signIn } from './CaClient';
import { TokenError } from './errors';
import { SoftToken, validatePin, type TokenCertificateInfo } from './SoftToken';

/** Usage text of the `yinxin-token` command (Chinese, with English in brackets). */
export const TOKEN_CLI_USAGE = `用法 (Usage): yinxin-token <命令 command> [选项 options]

软 USB Key（国密 SM2 软令牌，参照 GM/T 0016）与 CA 申请、解锁客户端
(Soft SM2 USB key modelled on GM/T 0016, with enrolment and unlock against the yinxin CA)

命令 (Commands):
  init       --file F --serial S [--user-retries 5] [--admin-retries 3]
             初始化新令牌并在令牌内生成签名密钥对 (initialise a token; generates the signing key pair)
  csr        --file F --cn 名称 [--o 单位] [--ou 部门] [--c CN] [--out 文件]
             生成 PKCS#10 证书请求，令牌内签名 (make a CSR signed inside the token)
  enrol      --file F --api URL --subject-id ID [--profile sm2-dual] [--cn 名称 --o 单位] [--ticket N]
             [--wait] [--timeout 秒]
             生成请求并提交证书申请；--wait 等待签发后自动导入 (submit an application; --wait waits and imports)
  import     --file F --api URL --application ID
             导入签发结果：签名证书、加密密钥对（数字信封）、加密证书、解锁密钥
             (import the issuance: certificates, enveloped encryption key, unlock key)
  check      --file F
             检查私钥与证书是否匹配 (check that each private key matches its certificate)
  pin-status --file F
             查看 PIN 剩余次数与证书 (PIN counters and certificates; no PIN needed)
  change-pin --file F
             修改用户 PIN (change the user PIN)
  unlock     --file F --api URL [--ticket N] [--request ID] [--interval 秒] [--timeout 秒]
             远程解锁：生成挑战→提交解锁申请→等待 RA 核验身份→取回响应→设置新 PIN
             (remote unlock: challenge → request → RA verifies identity → response → new PIN);
             --request 续接已提交的申请 (resume a submitted request)
  seal-sign  --file F --api URL --seal ID --document 文件 --type 文书类型 [--name 文书名称]
             [--certificate 证书ID] [--request 用印申请ID] [--timestamp] [--out 签章文件]
             用令牌内的签名密钥加盖持有人印章：平台准备待签数据，令牌签名，平台生成 SES_Signature
             (apply a holder-key seal with the token's key: the platform prepares TBS_Sign, the token
             signs it, the platform completes the SES_Signature; written to --out, default 文件.ses)

PIN 与凭据 (PINs and credentials) — 从不作为参数传入 (never as arguments):
  YINXIN_PIN       用户 PIN；未设置时提示输入 (user PIN; prompted when unset)
  YINXIN_NEW_PIN   新 PIN（init、change-pin、unlock）(new PIN; prompted when unset)
  YINXIN_TOKEN     门户令牌 (Backstage user token)，或 (or) --token T
  --user 账号      用门户账号登录，密码取 YINXIN_PASSWORD 或提示输入
                   (sign in with a portal account; password from YINXIN_PASSWORD or prompted)

退出码 (Exit codes): 0 成功 (ok), 1 失败 (failure), 2 用法错误 (usage error)`;

/** What the CLI talks to; every part can be replaced in tests. */
export interface TokenCliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** Asks for a value; `secret` ones are not echoed. Undefined when there is no terminal. */
  prompt(question: string, opts: { secret: boolean }): Promise<string | undefined>;
  fetch: typeof fetch;
  /** Milliseconds between polls (tests shorten it). */
  pollIntervalMs?: number;
}

class UsageError extends Error {}

type Flags = Record<string, string | true>;

const COMMANDS: Record<string, { value: string[]; bool?: string[] }> = {
  init: { value: ['file', 'serial', 'user-retries', 'admin-retries'] },
  csr: { value: ['file', 'cn', 'o', 'ou', 'c', 'out'] },
  enrol: { value: ['file', 'api', 'subject-id', 'profile', 'cn', 'o', 'ou', 'c', 'ticket', 'timeout', 'interval', 'token', 'user'], bool: ['wait'] },
  import: { value: ['file', 'api', 'application', 'token', 'user'] },
  check: { value: ['file'] },
  'pin-status': { value: ['file'] },
  'change-pin': { value: ['file'] },
  unlock: { value: ['file', 'api', 'ticket', 'request', 'interval', 'timeout', 'token', 'user'] },
  'seal-sign': { value: ['file', 'api', 'seal', 'document', 'type', 'name', 'certificate', 'request', 'out', 'token', 'user'], bool: ['timestamp'] },
};

function parseArgs(argv: string[]): { command: string; flags: Flags } | 'help' {
  if (argv.length === 0) throw new UsageError('缺少命令 (missing command)');
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return 'help';
  const command = argv[0];
  const spec = COMMANDS[command];
  if (!spec) throw new UsageError(`未知命令 (unknown command) ${JSON.stringify(command)}`);
  const flags: Flags = {};
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`多余的参数 (unexpected argument) ${JSON.stringify(arg)}`);
    const name = m[1];
    if (name === 'pin' || name === 'new-pin' || name === 'password') {
      throw new UsageError(`PIN 和密码不能作为参数，请用环境变量或提示输入 (--${name} is not accepted: use the environment or the prompt)`);
    }
    if (spec.bool?.includes(name)) {
      if (m[2] !== undefined) throw new UsageError(`--${name} 不带值 (takes no value)`);
      flags[name] = true;
      continue;
    }
    if (!spec.value.includes(name)) throw new UsageError(`${command} 不接受 (does not take) --${name}`);
    let v = m[2];
    if (v === undefined) {
      v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`--${name} 需要一个值 (needs a value)`);
      i += 1;
    }
    if (v.length === 0) throw new UsageError(`--${name} 需要一个值 (needs a value)`);
    if (flags[name] !== undefined) throw new UsageError(`--${name} 重复 (given twice)`);
    flags[name] = v;
  }
  return { command, flags };
}

function need(flags: Flags, name: string): string {
  const v = flags[name];
  if (typeof v !== 'string') throw new UsageError(`缺少 (missing) --${name}`);
  return v;
}

function opt(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

function intFlag(flags: Flags, name: string, dflt: number, min: number, max: number): number {
  const v = opt(flags, name);
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} 须为 ${min}–${max} 的整数 (must be an integer from ${min} to ${max})`);
  return Number(v);
}

function subjectOf(flags: Flags, fallbackCn: string): NameAttribute[] {
  const s: NameAttribute[] = [];
  const c = opt(flags, 'c') ?? 'CN';
  if (!/^[A-Z]{2}$/.test(c)) throw new UsageError('--c 须为两位国家代码 (must be a two-letter country code)');
  s.push({ type: 'C', value: c });
  const o = opt(flags, 'o');
  if (o) s.push({ type: 'O', value: o });
  const ou = opt(flags, 'ou');
  if (ou) s.push({ type: 'OU', value: ou });
  s.push({ type: 'CN', value: opt(flags, 'cn') ?? fallbackCn });
  return s;
}

async function askPin(io: TokenCliIo, envName: string, question: string, confirm: boolean): Promise<string> {
  const fromEnv = io.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const pin = await io.prompt(question, { secret: true });
  if (pin === undefined) throw new UsageError(`需要 ${envName} 或交互终端 (set ${envName} or run in a terminal)`);
  if (confirm) {
    const again = await io.prompt('再次输入 (repeat): ', { secret: true });
    if (again !== pin) throw new TokenError('PIN_POLICY', '两次输入的 PIN 不一致 (the PINs differ)');
  }
  return pin;
}

/** The largest document `seal-sign` sends (the seal API's limit). */
const SEAL_SIGN_MAX_BYTES = 8 * 1024 * 1024;

async function tokenOf(flags: Flags, io: TokenCliIo): Promise<string> {
  return (await clientOf(flags, io)).bearer;
}

async function clientOf(flags: Flags, io: TokenCliIo): Promise<CaClient> {
  const api = need(flags, 'api');
  let token = opt(flags, 'token') ?? io.env.YINXIN_TOKEN;
  const user = opt(flags, 'user');
  if (user) {
    const backend = backendBaseOf(api);
    if (!backend) throw new UsageError('--user 需要以 /api/ca 结尾的 --api (--user needs an --api URL ending in /api/ca)');
    let password = io.env.YINXIN_PASSWORD;
    if (!password) password = await io.prompt(`${user} 的门户密码 (portal password): `, { secret: true });
    if (!password) throw new UsageError('需要 YINXIN_PASSWORD 或交互终端 (set YINXIN_PASSWORD or run in a terminal)');
    const s = await signIn(backend, user, password, { fetch: io.fetch });
    if (s.mustChangePassword) throw new CaApiError('PASSWORD_CHANGE_REQUIRED', '请先在门户修改初始密码 (change the initial password in the portal first)');
    token = s.token;
  }
  if (!token) throw new UsageError('需要门户令牌：YINXIN_TOKEN、--token 或 --user (a portal token is needed: YINXIN_TOKEN, --token or --user)');
  return new CaClient({ baseUrl: api, token, fetch: io.fetch });
}

function describeCert(label: string, c: TokenCertificateInfo | undefined): string {
  return c ? `${label}: ${c.subject} 序列号 (serial) ${c.serialHex} 有效期至 (until) ${c.notAfter}` : `${label}: 无 (none)`;
}

async function importFrom(io: TokenCliIo, token: SoftToken, client: CaClient, applicationId: string, pin: string): Promise<void> {
  const response = await client.getIssuance(applicationId);
  const r = await token.importIssuance(pin, response);
  io.out(describeCert('签名证书 (signing certificate)', r.signCertificate));
  if (r.encCertificate) io.out(describeCert('加密证书 (encryption certificate)', r.encCertificate));
  io.out(`加密密钥对 (encryption key pair): ${r.encKeyImported ? '已导入 (imported)' : '未变更 (unchanged)'}`);
  io.out(
    `解锁密钥 (unlock key): ${
      { installed: '已安装 (installed)', kept: '沿用 (kept)', none: '无，无法远程解锁 (none: the token cannot be unlocked remotely)' }[r.unlockKey]
    }`,
  );
}

async function run(command: string, flags: Flags, io: TokenCliIo): Promise<number> {
  const file = need(flags, 'file');
  switch (command) {
    case 'init': {
      const serial = need(flags, 'serial');
      const userRetries = intFlag(flags, 'user-retries', 5, 1, 15);
      const adminRetries = intFlag(flags, 'admin-retries', 3, 1, 15);
      const pin = await askPin(io, 'YINXIN_PIN', '设置用户 PIN，至少 6 位 (new user PIN, 6+ characters): ', true);
      const t = await SoftToken.create(file, { serial, userPin: pin, userRetries, adminRetries });
      const st = await t.status();
      io.out(`已初始化令牌 (token initialised) ${st.serial}`);
      io.out(`签名公钥 (signing public key) ${st.signPublicKey}`);
      return 0;
    }
    case 'csr': {
      const t = await SoftToken.open(file);
      const pin = await askPin(io, 'YINXIN_PIN', '用户 PIN (user PIN): ', false);
      const pem = await t.createCsr(pin, subjectOf(flags, t.serial));
      const out = opt(flags, 'out');
      if (out) {
        await fsp.writeFile(out, pem, { mode: 0o644 });
        io.out(`证书请求已写入 (CSR written to) ${out}`);
      } else {
        io.out(pem.trimEnd());
      }
      return 0;
    }
    case 'enrol': {
      const t = await SoftToken.open(file);
      const client = await clientOf(flags, io);
      const pin = await askPin(io, 'YINXIN_PIN', '用户 PIN (user PIN): ', false);
      const csrPem = await t.createCsr(pin, subjectOf(flags, t.serial));
      const app = await client.submitApplication({
        subjectId: need(flags, 'subject-id'),
        profile: opt(flags, 'profile') ?? 'sm2-dual',
        csrPem,
        tokenSerial: t.serial,
        ticketId: opt(flags, 'ticket'),
      });
      io.out(`已提交申请 (application submitted) ${app.number} id=${app.id} 状态 (status) ${app.status}`);
      if (!flags.wait) {
        io.out(`签发后执行 (after issuance run): yinxin-token import --file ${file} --api ${need(flags, 'api')} --application ${app.id}`);
        return 0;
      }
      let last = '';
      await client.waitForIssued(app.id, {
        intervalMs: io.pollIntervalMs ?? intFlag(flags, 'interval', 5, 1, 3600) * 1000,
        timeoutMs: intFlag(flags, 'timeout', 3600, 1, 7 * 86400) * 1000,
        onPoll: s => {
          if (s !== last) io.err(`申请状态 (application status): ${s}`);
          last = s;
        },
      });
      await importFrom(io, t, client, app.id, pin);
      return 0;
    }
    case 'import': {
      const t = await SoftToken.open(file);
      const client = await clientOf(flags, io);
      const pin = await askPin(io, 'YINXIN_PIN', '用户 PIN (user PIN): ', false);
      await importFrom(io, t, client, need(flags, 'application'), pin);
      return 0;
    }
    case 'check': {
      const t = await SoftToken.open(file);
      const pin = await askPin(io, 'YINXIN_PIN', '用户 PIN (user PIN): ', false);
      const r = await t.check(pin);
      const line = (label: string, k: typeof r.signing) =>
        `${label}: 私钥 (private key) ${k.present ? '有 (present)' : '无 (absent)'}; 证书 (certificate) ${k.certificatePresent ? '有 (present)' : '无 (absent)'}; ` +
        `匹配 (matches) ${k.matchesCertificate ? '是 (yes)' : '否 (no)'}; 自检 (self-test) ${k.selfTest ? '通过 (passed)' : '未通过 (failed)'}`;
      io.out(line('签名密钥 (signing key)', r.signing));
      io.out(line('加密密钥 (encryption key)', r.encryption));
      io.out(`可远程解锁 (remote unlock available): ${r.unlockAvailable ? '是 (yes)' : '否 (no)'}`);
      io.out(r.ok ? '结果 (result): 正常 (OK)' : '结果 (result): 异常 (NOT OK)');
      return r.ok ? 0 : 1;
    }
    case 'pin-status': {
      const t = await SoftToken.open(file);
      const st = await t.status();
      io.out(`令牌序列号 (token serial): ${st.serial}`);
      io.out(`用户 PIN (user PIN): 剩余 (remaining) ${st.userPin.remaining}/${st.userPin.maxRetries}${st.userPin.locked ? '，已锁定 (LOCKED)' : ''}`);
      io.out(`解锁次数 (unlock tries): 剩余 (remaining) ${st.adminPin.remaining}/${st.adminPin.maxRetries}${st.adminPin.locked ? '，已永久锁定 (LOCKED for good)' : ''}`);
      io.out(describeCert('签名证书 (signing certificate)', st.signCertificate));
      io.out(describeCert('加密证书 (encryption certificate)', st.encCertificate));
      io.out(`可远程解锁 (remote unlock available): ${st.unlockAvailable ? '是 (yes)' : '否 (no)'}`);
      if (st.pendingChallenge) io.out(`待用挑战 (pending challenge): ${st.pendingChallenge}`);
      return 0;
    }
    case 'change-pin': {
      const t = await SoftToken.open(file);
      const oldPin = await askPin(io, 'YINXIN_PIN', '当前 PIN (current PIN): ', false);
      const newPin = await askPin(io, 'YINXIN_NEW_PIN', '新 PIN，至少 6 位 (new PIN, 6+ characters): ', true);
      await t.changePin(oldPin, newPin);
      io.out('PIN 已修改 (PIN changed)');
      return 0;
    }
    case 'unlock': {
      const t = await SoftToken.open(file);
      const client = await clientOf(flags, io);
      let requestId = opt(flags, 'request');
      if (requestId) {
        const u = await client.getUnlock(requestId);
        const st = await t.status();
        if (!st.pendingChallenge || u.challenge.toLowerCase() !== st.pendingChallenge) {
          throw new TokenError('UNLOCK_FAILED', '该申请的挑战不是本令牌当前的挑战 (the request does not carry this token\'s pending challenge); 请重新发起 (start again without --request)');
        }
      } else {
        const challenge = await t.unlockChallenge();
        const u = await client.requestUnlock({ tokenSerial: t.serial, challenge, ticketId: opt(flags, 'ticket') });
        requestId = u.id;
        io.out(`解锁申请已提交 (unlock request submitted): ${u.id}`);
        io.out(`挑战 (challenge): ${challenge}`);
      }
      io.err('等待 RA 核验身份… (waiting for an RA officer to verify the identity)');
      await client.waitForUnlockVerified(requestId, {
        intervalMs: io.pollIntervalMs ?? intFlag(flags, 'interval', 5, 1, 3600) * 1000,
        timeoutMs: intFlag(flags, 'timeout', 3600, 1, 7 * 86400) * 1000,
      });
      const newPin = await askPin(io, 'YINXIN_NEW_PIN', '新用户 PIN，至少 6 位 (new user PIN, 6+ characters): ', true);
      validatePin(newPin); // before the one-time response is fetched
      const { response } = await client.unlockResponse(requestId);
      await t.unblock(response, newPin);
      io.out('令牌已解锁，新 PIN 已生效 (token unlocked; the new PIN is set)');
      return 0;
    }
    case 'seal-sign': {
      const t = await SoftToken.open(file);
      const api = need(flags, 'api');
      const backend = backendBaseOf(api);
      if (!backend) throw new UsageError('--api 须以 /api/ca 结尾 (the --api URL must end in /api/ca)');
      const seals = new SealClient({ baseUrl: `${backend}/api/seal`, token: await tokenOf(flags, io), fetch: io.fetch });
      const documentPath = need(flags, 'document');
      const document = await fsp.readFile(documentPath);
      if (document.length > SEAL_SIGN_MAX_BYTES) throw new UsageError(`文书超过 8 MiB (the document is larger than 8 MiB)`);
      const seal = await seals.getSeal(need(flags, 'seal'));
      if (seal.keyMode !== 'holder') throw new TokenError('SEAL_NOT_HOLDER_KEY', `印章 ${seal.name} 由平台密钥签章，不用令牌 (the seal is applied with the platform's key, not a token)`);
      let certificateId = opt(flags, 'certificate');
      if (!certificateId) {
        const mine = (await t.status()).signCertificate?.serialHex;
        certificateId = seal.certificates.find(c => c.serial === mine)?.caCertificateId;
        if (!certificateId) throw new TokenError('SEAL_CERT_NOT_LISTED', '令牌的签名证书不在该印章的证书列表中 (the token\'s signing certificate is not one of the seal\'s)');
      }
      const pin = await askPin(io, 'YINXIN_PIN', '用户 PIN (user PIN): ', false);
      const prepared = await seals.prepare(seal.id, {
        data: document.toString('base64'),
        documentName: opt(flags, 'name') ?? basename(documentPath),
        documentType: need(flags, 'type'),
        certificateId,
        useRequestId: opt(flags, 'request'),
        timestamp: flags.timestamp === true,
      });
      const signature = await t.sign(pin, Buffer.from(prepared.tbs, 'base64'));
      const done = await seals.complete(prepared.useId, Buffer.from(signature).toString('base64'));
      const out = opt(flags, 'out') ?? `${documentPath}.ses`;
      await fsp.writeFile(out, Buffer.from(done.signature, 'base64'), { mode: 0o644 });
      io.out(`已签章 (sealed) ${seal.name} ${seal.esId ?? ''}`.trimEnd());
      io.out(`文书摘要 (document hash) ${done.use.documentHash}`);
      io.out(`签章文件 (SES signature) ${out}`);
      return 0;
    }
    default:
      throw new UsageError(`未知命令 (unknown command) ${command}`);
  }
}

/** Reads lines of stdin one prompt at a time (no terminal: piped input). */
let pipedLines: AsyncIterator<string> | undefined;

async function defaultPrompt(question: string, opts: { secret: boolean }): Promise<string | undefined> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    if (!pipedLines) pipedLines = createInterface({ input: stdin, terminal: false })[Symbol.asyncIterator]();
    const r = await pipedLines.next();
    return r.done ? undefined : r.value;
  }
  process.stderr.write(question);
  if (!opts.secret) {
    const rl = createInterface({ input: stdin, output: process.stderr, terminal: true });
    return new Promise(resolve => rl.question('', a => (rl.close(), resolve(a))));
  }
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new UsageError('已取消 (cancelled)'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
      return undefined;
    };
    stdin.on('data', onData);
  });
}

/**
 * Runs `yinxin-token` with its arguments (without `node` and the script).
 * @param argv - arguments
 * @param ioOverrides - replacements for output, environment, prompt and fetch (tests)
 * @returns exit code: 0 ok, 1 failure, 2 usage error
 */
export async function runTokenCli(argv: string[], ioOverrides: Partial<TokenCliIo> = {}): Promise<number> {
  const io: TokenCliIo = {
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`),
    env: process.env,
    prompt: defaultPrompt,
    fetch: (...a) => fetch(...a),
    ...ioOverrides,
  };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(argv);
    if (parsed === 'help') {
      io.out(TOKEN_CLI_USAGE);
      return 0;
    }
    return await run(parsed.command, parsed.flags, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`yinxin-token: ${e.message}`);
      io.err('yinxin-token --help 查看用法 (for usage)');
      return 2;
    }
    if (e instanceof TokenError) {
      io.err(`yinxin-token: 令牌错误 (token error) ${e.code}${e.skfCode ? ` (SKF 0x${e.skfCode.toString(16).toUpperCase().padStart(8, '0')})` : ''}: ${e.message}`);
      return 1;
    }
    if (e instanceof CaApiError) {
      io.err(`yinxin-token: CA 接口错误 (CA API error) ${e.code}${e.status ? ` [HTTP ${e.status}]` : ''}: ${e.message}`);
      return 1;
    }
    io.err(`yinxin-token: ${(e as Error)?.message ?? e}`);
    return 1;
  }
}
