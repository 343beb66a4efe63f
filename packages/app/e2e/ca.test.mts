// Journey of the certificate service (issue 3), in Debian's chromium against the running portal:
// RA entry registers a person (a wrong identity number is refused) and applies for an SM2 dual
// certificate with a CSR made by the reference USB key (yinxin-token); a reviewer approves, an
// issuer issues; the token imports the pair and checks it; the downloaded certificate verifies
// with OpenSSL against the issuing CA downloaded by the CA administrator; two KMC officers approve a
// key recovery the RA requested; a locked token is unlocked after a reviewer verifies the caller;
// a reviewer revokes the pair; a role without CA rights sees no CA page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { act, confirm, downloadOf, journeyBrowser, openSection, shot, signIn, URL, USERS } from './helpers.mts';

const run = promisify(execFile);
const root = new globalThis.URL('../../../', import.meta.url).pathname;
const tokenCli = path.join(root, 'packages/ca-client/bin/yinxin-token.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-ca-e2e-'));
const tokenFile = path.join(work, 'token.json');
const TOKEN_SERIAL = 'YX-E2E-0001';
const PIN = 'Pin-123456';
const API = `${URL}/api/ca`;
// A resident identity number with a valid GB 11643 check character (and one with a wrong one).
const GOOD_ID = '11010519491231002X';
const BAD_ID = '110105194912310021';

const browser = journeyBrowser(work);

/** Runs the reference client; resolves to its stdout, rejects with its output on failure. */
async function token(args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [tokenCli, ...args], {
      cwd: root,
      env: { ...process.env, YINXIN_PIN: PIN, ...env },
      timeout: 120_000,
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`yinxin-token ${args[0]} failed: ${err.message}\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

/** Signs in and opens a CA section. */
const openCa = (user: keyof typeof USERS, section: string) => openSection(browser(), user, 'ca', section);

/** Saves what a click downloads into the journey's folder. */
const save = (page: Page, selector: string, name: string) => downloadOf(page, selector, work, name);

let subjectUrl = '';
let applicationUrl = '';
let applicationId = '';
let signingUrl = '';
let encryptionUrl = '';
let issuingCaPem = '';

test('a role without CA rights sees no certificate service', async () => {
  const page = await signIn(browser(), 'requester1');
  await page.goto(`${URL}/ca`);
  const text = await (await page.waitForSelector('[data-testid="ca-no-access"]')).textContent();
  assert.match(text ?? '', /没有证书服务的权限/);
  await page.context().close();
});

test('RA entry registers a person; a wrong identity number is refused before it is sent', async () => {
  const page = await openCa('raentry1', 'subjects');
  await page.click('[data-testid="new-subject-button"]');
  await page.waitForSelector('[data-testid="subject-form"]');
  await page.fill('form[data-testid="subject-form"] input[name="name"]', '张三');
  await page.fill('form[data-testid="subject-form"] input[name="organisation"]', '省人力资源和社会保障厅');
  await page.fill('form[data-testid="subject-form"] input[name="orgUnit"]', '社会保障卡管理处');
  await page.fill('form[data-testid="subject-form"] input[name="idNumber"]', BAD_ID);
  await page.click('[data-testid="subject-form-submit"]');
  await page.waitForSelector('text=居民身份证号码无效');
  await shot(page, 'ca-subject-invalid-id');
  await page.fill('form[data-testid="subject-form"] input[name="idNumber"]', GOOD_ID);
  await page.click('[data-testid="subject-form-submit"]');
  await page.waitForURL(/\/ca\/subjects\/[0-9a-f-]{36}$/);
  subjectUrl = page.url();
  // The number is stored sealed and only ever shown masked.
  const shown = await (await page.waitForSelector('[data-testid="subject-id-number"]')).textContent();
  assert.equal(shown, '110***********002X');
  assert.ok(!(await page.content()).includes(GOOD_ID));
  await page.context().close();
});

test('RA entry applies for an SM2 dual certificate with a CSR made on the USB key', async () => {
  await token(['init', '--file', tokenFile, '--serial', TOKEN_SERIAL]);
  const csrFile = path.join(work, 'sign.csr');
  await token(['csr', '--file', tokenFile, '--cn', '张三', '--o', '省人力资源和社会保障厅', '--out', csrFile]);

  const page = await signIn(browser(), 'raentry1');
  await page.goto(subjectUrl);
  await page.click('[data-testid="apply-for-subject"]');
  await page.waitForSelector('[data-testid="application-form"]');
  await page.waitForSelector('[data-testid="application-subject"]:has-text("张三")');
  // Nonsense pasted as a CSR is refused in the form.
  await page.fill('textarea[name="csrPem"]', 'not a request');
  await page.click('[data-testid="application-form-submit"]');
  await page.waitForSelector('text=不是 PEM 格式的 PKCS#10 证书请求');
  await page.setInputFiles('[data-testid="application-csr-file"]', csrFile);
  await page.waitForFunction(() => (document.querySelector('textarea[name="csrPem"]') as HTMLTextAreaElement)?.value.includes('BEGIN CERTIFICATE REQUEST'));
  await page.fill('input[name="tokenSerial"]', TOKEN_SERIAL);
  const profile = await page.$eval('select[name="profile"]', el => (el as HTMLSelectElement).value);
  assert.equal(profile, 'sm2-dual');
  await shot(page, 'ca-application-new');
  await page.click('[data-testid="application-form-submit"]');
  await page.waitForURL(/\/ca\/applications\/[0-9a-f-]{36}$/);
  applicationUrl = page.url();
  applicationId = applicationUrl.split('/').pop()!;
  await page.waitForSelector('[data-testid="application-status"][data-status="submitted"]');
  assert.match((await page.textContent('[data-testid="application-number"]')) ?? '', /^RA-\d{8}-\d{4}$/);
  // RA entry may not review.
  assert.equal(await page.$('[data-testid="application-approve"]'), null);
  await page.context().close();
});

test('a reviewer approves and an issuer issues: the pair is signed', async () => {
  const reviewer = await signIn(browser(), 'rareview1');
  await reviewer.goto(`${URL}/ca/applications`);
  // Reviewers start on the applications waiting for them.
  await reviewer.waitForSelector('[data-testid="application-row"]');
  await reviewer.goto(applicationUrl);
  await act(reviewer, 'application-approve', 'approve', { comment: '身份证件与单位介绍信已核对' });
  await reviewer.waitForSelector('[data-testid="application-status"][data-status="approved"]');
  assert.equal(await reviewer.$('[data-testid="application-issue"]'), null);
  await reviewer.context().close();

  const issuer = await signIn(browser(), 'raissue1');
  await issuer.goto(applicationUrl);
  await act(issuer, 'application-issue', 'issue');
  await issuer.waitForSelector('[data-testid="application-status"][data-status="issued"]');
  await issuer.waitForSelector('[data-testid="application-certificates"] [data-testid="certificate-row"] >> nth=1');
  await shot(issuer, 'ca-application-issued');
  await issuer.context().close();
});

test('the USB key imports the issued pair (GM/T 0092 response) and checks both keys', async () => {
  await token(['import', '--file', tokenFile, '--api', API, '--application', applicationId, '--user', 'raentry1'], { YINXIN_PASSWORD: USERS.raentry1 });
  const out = await token(['check', '--file', tokenFile]);
  assert.match(out, /结果 \(result\): 正常 \(OK\)/);
  assert.match(out, /可远程解锁 \(remote unlock available\): 是/);
});

test('the CA administrator sees the hierarchy, the issuance chart and downloads the issuing CA', async () => {
  const page = await openCa('caadmin1', 'admin');
  await page.waitForSelector('[data-testid="authority-row"] >> nth=3');
  assert.equal((await page.$$('[data-testid="authority-row"][data-kind="root"]')).length, 2);
  await page.waitForSelector('[data-testid="issuance-chart"] rect[data-series="sm2"]');
  await shot(page, 'ca-admin');
  const file = await save(page, '[data-testid="authority-row"][data-kind="issuing"][data-algorithm="SM2"] [data-testid="authority-download"]', 'issuing-sm2.pem');
  issuingCaPem = fs.readFileSync(file, 'utf8');
  assert.match(issuingCaPem, /BEGIN CERTIFICATE/);
  await page.context().close();
});

test('certificate search finds the pair; the downloaded signing certificate verifies with OpenSSL', async () => {
  const page = await openCa('raentry1', 'certificates');
  await page.fill('[data-testid="certificate-filter"] input[name="q"]', '张三');
  await page.click('[data-testid="certificate-search-submit"]');
  await page.waitForURL(/q=/);
  // The unfiltered list (CA, OCSP and TSA certificates too) shows until the search answers.
  await page.waitForSelector('[data-testid="pager-total"]:has-text("共 2 条")');
  await page.waitForSelector('[data-testid="certificate-row"] >> nth=1');
  assert.match((await page.textContent('[data-testid="pager-total"]')) ?? '', /共 2 条/);
  await shot(page, 'ca-certificates');
  await page.click('[data-testid="certificate-row"]:has-text("签名")');
  await page.waitForURL(/\/ca\/certificates\/[0-9a-f-]{36}$/);
  signingUrl = page.url();
  await page.waitForSelector('[data-testid="certificate-status"][data-status="good"]');
  await shot(page, 'ca-certificate');
  const leaf = await save(page, '[data-testid="certificate-download-pem"]', 'leaf.pem');
  const ca = path.join(work, 'issuing.pem');
  fs.writeFileSync(ca, issuingCaPem);
  // OpenSSL 3.0 checks one SM2 link at a time: the leaf against the issuing CA.
  const { stdout } = await run('openssl', ['verify', '-partial_chain', '-vfyopt', 'distid:1234567812345678', '-CAfile', ca, leaf]);
  assert.match(stdout, /: OK/);
  const text = (await run('openssl', ['x509', '-in', leaf, '-noout', '-text'])).stdout;
  assert.match(text, /Digital Signature, Non Repudiation/);
  // RA entry neither revokes nor holds.
  assert.equal(await page.$('[data-testid="certificate-revoke"]'), null);
  await page.click('[data-testid="certificate-pair-link"]');
  await page.waitForURL(u => u.toString() !== signingUrl);
  encryptionUrl = page.url();
  await page.context().close();
});

test('a key recovery requested by the RA needs two KMC officers; the requester receives the envelope', async () => {
  const ra = await signIn(browser(), 'raentry1');
  await ra.goto(encryptionUrl);
  await act(ra, 'certificate-recovery', 'recovery', { reason: 'USB-key 损坏，需恢复加密密钥以解密历史文件' });
  await ra.waitForSelector('[data-testid="certificate-notice"]');

  for (const officer of ['kmc1', 'kmc2'] as const) {
    const page = await openCa(officer, 'kmc');
    await page.waitForSelector('[data-testid="kmc-stats"]');
    await page.click('[data-testid="recovery-row"]:has-text("张三") [data-testid="recovery-approve"]');
    await confirm(page, 'recovery-approve');
    if (officer === 'kmc2') {
      await page.waitForSelector('[data-testid="recovery-row"]:has-text("张三") [data-status="approved"]');
      await shot(page, 'ca-kmc');
    } else {
      // The same officer cannot approve twice.
      await page.waitForSelector('[data-testid="recovery-row"]:has-text("张三") [data-testid="recovery-approve"][disabled]');
    }
    await page.context().close();
  }

  await ra.goto(`${URL}/ca/kmc`);
  const envelope = await save(ra, '[data-testid="recovery-row"]:has-text("张三") [data-testid="recovery-release"]', 'recovered.sm2env');
  // An SM2EnvelopedKey (GM/T 0009 §7.4) is a DER SEQUENCE.
  const der = fs.readFileSync(envelope);
  assert.equal(der[0], 0x30);
  assert.ok(der.length > 100);
  await ra.waitForSelector('[data-testid="recovery-row"]:has-text("张三") [data-status="released"]');
  await ra.context().close();
});

test('a locked USB key is unlocked once a reviewer has verified the caller', async () => {
  // Five wrong PINs lock the token.
  for (let i = 0; i < 5; i++) {
    await assert.rejects(token(['change-pin', '--file', tokenFile], { YINXIN_PIN: 'Wrong-000000', YINXIN_NEW_PIN: 'Pin-654321' }));
  }
  assert.match(await token(['pin-status', '--file', tokenFile]), /已锁定 \(LOCKED\)/);

  // The client sends the challenge and waits for the RA; the reviewer verifies in the portal.
  const client = spawn(process.execPath, [tokenCli, 'unlock', '--file', tokenFile, '--api', API, '--user', 'raentry1', '--interval', '1', '--timeout', '300'], {
    cwd: root,
    env: { ...process.env, YINXIN_PASSWORD: USERS.raentry1, YINXIN_NEW_PIN: 'Pin-777777' },
  });
  let output = '';
  client.stdout.on('data', d => (output += d));
  client.stderr.on('data', d => (output += d));
  const exited = new Promise<number | null>(resolve => client.on('exit', resolve));

  const reviewer = await openCa('rareview1', 'unlock');
  const row = `[data-testid="unlock-row"][data-token="${TOKEN_SERIAL}"]`;
  for (let i = 0; i < 30 && !(await reviewer.$(`${row} [data-testid="unlock-verify"]`)); i++) {
    await reviewer.waitForTimeout(1000);
    await reviewer.reload();
  }
  await reviewer.click(`${row} [data-testid="unlock-verify"]`);
  await reviewer.fill('[data-testid="verify-dialog"] textarea[name="note"]', '回拨预留电话，核对身份证后四位 002X');
  await shot(reviewer, 'ca-unlock-verify');
  await confirm(reviewer, 'verify');
  // The client polls every second and may take its response (answered) before the page reloads.
  await reviewer.waitForSelector(`${row} :is([data-status="verified"], [data-status="answered"])`);
  await reviewer.context().close();

  assert.equal(await exited, 0, output);
  assert.match(output, /令牌已解锁/);
  const status = await token(['pin-status', '--file', tokenFile]);
  assert.match(status, /用户 PIN \(user PIN\): 剩余 \(remaining\) 5\/5/);
  await token(['check', '--file', tokenFile], { YINXIN_PIN: 'Pin-777777' });
});

test('a reviewer revokes the signing certificate with a reason; the pair is revoked with it', async () => {
  const page = await signIn(browser(), 'rareview1');
  await page.goto(signingUrl);
  await page.click('[data-testid="certificate-revoke"]');
  await page.selectOption('[data-testid="revoke-dialog"] select[name="reason"]', 'affiliationChanged');
  await page.fill('[data-testid="revoke-dialog"] textarea[name="comment"]', '调离原单位');
  await shot(page, 'ca-revoke');
  await confirm(page, 'revoke');
  await page.waitForSelector('[data-testid="certificate-status"][data-status="revoked"]');
  assert.match((await page.textContent('[data-testid="certificate-revocation"]')) ?? '', /隶属关系变更/);
  await page.goto(encryptionUrl);
  await page.waitForSelector('[data-testid="certificate-status"][data-status="revoked"]');
  await page.context().close();
});

test('the CA administrator sees every CRL, issues one at once, and is told no LDAP directory is configured', async () => {
  const page = await openCa('caadmin1', 'publication');
  const row = '[data-testid="crl-row"][data-kind="full"]';
  await page.waitForSelector(`${row} >> nth=3`);
  const first = page.locator(row).first();
  const before = Number(await first.getAttribute('data-number'));
  assert.ok(before >= 1);
  await first.locator('[data-testid="crl-issue"]').click();
  await page.waitForSelector('[data-testid="publication-notice"]');
  await page.waitForFunction(
    ([selector, n]) => Number(document.querySelector(selector as string)?.getAttribute('data-number')) > (n as number),
    [row, before] as const,
  );
  assert.match((await page.textContent('[data-testid="ldap-not-configured"]')) ?? '', /未配置 LDAP 目录/);
  assert.match((await page.textContent('[data-testid="tsa-urls"]')) ?? '', /\/api\/ca\/tsa\/sm2/);
  await shot(page, 'ca-publication');
  // The CRL link serves the DER CRL without signing in.
  const href = await first.locator('a').getAttribute('href');
  const crl = await fetch(href!);
  assert.equal(crl.headers.get('content-type'), 'application/pkix-crl');
  await page.context().close();
});
