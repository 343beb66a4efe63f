// Journey of the seal manager, in Debian's chromium against the running portal: the seal
// administrator applies for an official seal (server key, round template) — a wrong credit code
// is refused in the form; a reviewer approves (the applicant may not); the administrator makes and
// issues it and its impression is shown; a holder seals a document and the signature verifies
// against the original; the administrator suspends the seal with a reason and the timeline shows
// apply → approve → make → issue → suspend; the public status lookup says 已停用, not valid now,
// and hands out the signed answer; a role without seal rights only sees the status lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { act, confirm, downloadOf, journeyBrowser, openSection, shot, signIn, URL, USERS } from './helpers.mts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-seal-e2e-'));
// Unique per run, so that a journey against a portal with older data finds its own seal.
const SEAL_NAME = `某某市人力资源和社会保障局 ${Date.now().toString(36).toUpperCase()}`;
const OWNER = '某某市人力资源和社会保障局';
// A unified social credit code with a valid GB 32100 check character (and one with a wrong one).
const GOOD_CODE = '91350100M000100Y43';
const BAD_CODE = '91350100M000100Y44';
const REASON = '印章保管人调岗，暂停使用';

const browser = journeyBrowser(work);

/** Signs in and opens a seal section. */
const openSeal = (user: keyof typeof USERS, section: string) => openSection(browser(), user, 'seal', section);

/** Saves what a click downloads into the journey's folder. */
const save = (page: Page, selector: string, name: string) => downloadOf(page, selector, work, name);

/** Waits until the impression has loaded (an image with its natural size). */
async function imageShown(page: Page, testId: string) {
  await page.waitForFunction(id => {
    const img = document.querySelector(`img[data-testid="${id}"]`) as HTMLImageElement | null;
    return !!img && img.complete && img.naturalWidth > 0;
  }, testId);
}

let sealUrl = '';
let esId = '';

test('a role without seal rights sees only the public status lookup', async () => {
  const page = await signIn(browser(), 'requester1');
  await page.goto(`${URL}/seal`);
  await page.waitForURL(/\/seal\/status$/);
  await page.waitForSelector('[data-testid="status-form"]');
  assert.deepEqual(await page.$$eval('[data-testid^="seal-tab-"]', tabs => tabs.map(t => t.getAttribute('data-testid'))), ['seal-tab-status']);
  await page.context().close();
});

test('the seal administrator applies for an official seal; a wrong credit code is refused in the form', async () => {
  const page = await openSeal('sealadmin1', 'applications');
  await page.click('[data-testid="new-seal-button"]');
  await page.waitForSelector('[data-testid="seal-form"]');
  assert.equal(await page.$eval('select[name="type"]', el => (el as HTMLSelectElement).value), 'official');
  assert.equal(await page.$eval('select[name="keyMode"]', el => (el as HTMLSelectElement).value), 'server');
  assert.equal(await page.$eval('select[name="templateKind"]', el => (el as HTMLSelectElement).value), 'round');
  await page.fill('input[name="name"]', SEAL_NAME);
  await page.fill('input[name="ownerName"]', OWNER);
  await page.fill('input[name="ownerCode"]', BAD_CODE);
  await page.fill('input[name="holders"]', 'sealuser1');
  await page.click('[data-testid="seal-form-submit"]');
  await page.waitForSelector('text=统一社会信用代码校验位不正确');
  await page.fill('input[name="ownerCode"]', GOOD_CODE);
  // The template is previewed as it is filled in.
  await imageShown(page, 'seal-template-preview');
  await shot(page, 'seal-application-new');
  await page.click('[data-testid="seal-form-submit"]');
  await page.waitForURL(/\/seal\/applications\/[0-9a-f-]{36}$/);
  sealUrl = page.url();
  await page.waitForSelector('[data-testid="seal-status"][data-status="pending"]');
  // The impression is drawn at application, for the reviewer.
  await imageShown(page, 'seal-image');
  await page.waitForSelector('[data-testid="seal-event"][data-action="apply"]');
  // The administrator may not review.
  assert.equal(await page.$('[data-testid="seal-approve"]'), null);
  await page.context().close();
});

test('a reviewer approves; the administrator makes and issues the seal, whose impression is shown', async () => {
  const reviewer = await openSeal('sealreview1', 'applications');
  // Reviewers start on the applications waiting for them.
  await reviewer.waitForSelector(`[data-testid="seal-row"][data-name="${SEAL_NAME}"][data-status="pending"]`);
  await reviewer.click(`[data-testid="seal-row"][data-name="${SEAL_NAME}"]`);
  await reviewer.waitForURL(sealUrl);
  await imageShown(reviewer, 'seal-image');
  await act(reviewer, 'seal-approve', 'approve', { comment: '营业执照与印模核对无误' });
  await reviewer.waitForSelector('[data-testid="seal-status"][data-status="approved"]');
  // Reviewers neither make nor issue.
  assert.equal(await reviewer.$('[data-testid="seal-make"]'), null);
  await reviewer.context().close();

  const admin = await signIn(browser(), 'sealadmin1');
  await admin.goto(sealUrl);
  await act(admin, 'seal-make', 'make');
  await admin.waitForSelector('[data-testid="seal-status"][data-status="made"]');
  esId = ((await admin.textContent('[data-testid="seal-es-id"]')) ?? '').trim();
  assert.match(esId, /^\d{13}$/);
  assert.equal(((await admin.textContent('[data-testid="seal-filing-number"]')) ?? '').trim(), `BA${esId}01`);
  assert.match((await admin.textContent('[data-testid="seal-hash"]')) ?? '', /^[0-9a-f]{64}$/);
  await admin.waitForSelector('[data-testid="seal-certificates"]');
  await act(admin, 'seal-issue', 'issue');
  await admin.waitForSelector('[data-testid="seal-status"][data-status="active"]');
  await imageShown(admin, 'seal-image');
  await shot(admin, 'seal-detail');
  // The seal file (SESeal, DER) downloads.
  const esl = fs.readFileSync(await save(admin, '[data-testid="seal-download-esl"]', 'seal.esl'));
  assert.equal(esl[0], 0x30);

  // The registry lists it with its impression and state; filters live in the URL.
  await admin.goto(`${URL}/seal/registry?status=active`);
  await admin.waitForSelector(`[data-testid="seal-row"][data-name="${SEAL_NAME}"] img`);
  assert.equal(await admin.$$eval('[data-testid="seal-row"]', rows => rows.every(r => r.getAttribute('data-status') === 'active')), true);
  await shot(admin, 'seal-registry');
  await admin.context().close();
});

test('a holder seals a document; the signature verifies against the original', async () => {
  const document = path.join(work, '采购合同.txt');
  fs.writeFileSync(document, '甲方与乙方签订采购合同，金额人民币十万元整。\n');
  const page = await openSeal('sealuser1', 'use');
  await page.waitForSelector('[data-testid="sign-form"]');
  // The seal users' seals are offered by name and seal code.
  const option = await page.$eval('select[name="sealId"]', (el, code) => [...(el as HTMLSelectElement).options].find(o => o.text.includes(code))?.value, esId);
  assert.ok(option, 'the new seal is offered to its holder');
  await page.selectOption('select[name="sealId"]', option);
  await page.setInputFiles('[data-testid="sign-file"]', document);
  await page.waitForSelector('[data-testid="sign-file-chosen"]');
  assert.equal(await page.inputValue('input[name="documentName"]'), '采购合同.txt');
  await page.fill('input[name="documentType"]', '合同');
  await page.click('[data-testid="sign-submit"]');
  await page.waitForSelector('[data-testid="sign-result"]');
  const ses = await save(page, '[data-testid="sign-download"]', 'contract.ses');
  assert.equal(fs.readFileSync(ses)[0], 0x30);

  await page.setInputFiles('[data-testid="verify-signature"]', ses);
  await page.setInputFiles('[data-testid="verify-original"]', document);
  await page.click('[data-testid="verify-submit"]');
  await page.waitForSelector('[data-testid="verify-verdict"][data-status="valid"]');
  assert.equal(await page.getAttribute('[data-testid="verify-checks"] [data-check="dataHash"]', 'data-state'), 'pass');
  await shot(page, 'seal-use-verify');
  // A changed document does not match the signature.
  const changed = path.join(work, '采购合同-改.txt');
  fs.writeFileSync(changed, '甲方与乙方签订采购合同，金额人民币一百万元整。\n');
  await page.setInputFiles('[data-testid="verify-original"]', changed);
  await page.click('[data-testid="verify-submit"]');
  await page.waitForSelector('[data-testid="verify-verdict"][data-status="invalid"]');
  assert.equal(await page.getAttribute('[data-testid="verify-checks"] [data-check="dataHash"]', 'data-state'), 'fail');
  await page.context().close();

  // The use is in the log and on the chart.
  const admin = await openSeal('sealadmin1', 'usage');
  await admin.waitForSelector('[data-testid="usage-row"]:has-text("采购合同.txt")');
  await admin.waitForSelector('[data-testid="usage-chart"] rect[data-series="uses"]');
  await shot(admin, 'seal-usage');
  await admin.context().close();
});

test('a holder asks to use the seal (用印申请); a reviewer approves, never the requester', async () => {
  const user = await openSeal('sealuser1', 'use-requests');
  await user.waitForSelector('[data-testid="use-request-form"]');
  const option = await user.$eval('select[name="sealId"]', (el, code) => [...(el as HTMLSelectElement).options].find(o => o.text.includes(code))?.value, esId);
  await user.selectOption('select[name="sealId"]', option!);
  await user.fill('[data-testid="use-request-form"] input[name="documentType"]', '合同');
  await user.fill('[data-testid="use-request-form"] input[name="documentName"]', '年度采购框架协议');
  await user.fill('[data-testid="use-request-form"] input[name="purpose"]', '与中标供应商签订框架协议');
  await user.click('[data-testid="use-request-submit"]');
  await user.waitForSelector('[data-testid="use-request-sent"]');
  await user.waitForSelector('[data-testid="use-request-row"][data-document="年度采购框架协议"][data-status="pending"]');
  // Requesters do not decide.
  assert.equal(await user.$('[data-testid="use-request-approve"]'), null);
  await user.context().close();

  const reviewer = await openSeal('sealreview1', 'use-requests');
  const row = '[data-testid="use-request-row"][data-document="年度采购框架协议"]';
  await reviewer.click(`${row} [data-testid="use-request-approve"]`);
  await reviewer.fill('[data-testid="use-approve-dialog"] [name="reason"]', '用途与合同审批单一致');
  await confirm(reviewer, 'use-approve');
  await reviewer.waitForSelector(`${row}[data-status="approved"]`);
  await shot(reviewer, 'seal-use-requests');
  await reviewer.context().close();
});

test('the administrator suspends the seal with a reason; the timeline shows the whole lifecycle', async () => {
  const page = await signIn(browser(), 'sealadmin1');
  await page.goto(sealUrl);
  await page.click('[data-testid="seal-suspend"]');
  // A reason is required.
  await page.click('[data-testid="suspend-confirm"]');
  await page.waitForSelector('[data-testid="suspend-dialog"] >> text=必填');
  await page.fill('[data-testid="suspend-dialog"] [name="reason"]', REASON);
  await confirm(page, 'suspend');
  await page.waitForSelector('[data-testid="seal-status"][data-status="suspended"]');
  await page.waitForSelector('[data-testid="seal-event"][data-action="suspend"]');
  const actions = await page.$$eval('[data-testid="seal-event"]', items => items.map(i => i.getAttribute('data-action')));
  assert.deepEqual(actions, ['apply', 'approve', 'make', 'issue', 'suspend']);
  const last = await page.textContent('[data-testid="seal-event"][data-action="suspend"]');
  assert.match(last ?? '', new RegExp(REASON));
  assert.match(last ?? '', /sealadmin1/);
  assert.match(last ?? '', /已启用 → 已停用/);
  // Resuming, reporting lost and revoking are offered; suspending again is not.
  await page.waitForSelector('[data-testid="seal-resume"]');
  assert.equal(await page.$('[data-testid="seal-suspend"]'), null);
  await shot(page, 'seal-timeline');
  await page.context().close();
});

test('the public status lookup says 已停用 and not valid now, and hands out the signed answer', async () => {
  const page = await openSeal('sealuser2', 'status');
  await page.fill('[data-testid="status-form"] input[name="seal"]', '12345');
  await page.click('[data-testid="status-submit"]');
  await page.waitForSelector('text=印章编码为 13 位数字');
  await page.fill('[data-testid="status-form"] input[name="seal"]', esId);
  await page.click('[data-testid="status-submit"]');
  await page.waitForURL(new RegExp(`seal=${esId}`));
  await page.waitForSelector('[data-testid="status-at"][data-status="suspended"]');
  assert.match((await page.textContent('[data-testid="status-at"]')) ?? '', /已停用/);
  assert.equal(await page.getAttribute('[data-testid="status-valid"]', 'data-valid'), 'false');
  assert.match((await page.textContent('[data-testid="status-valid"]')) ?? '', /当前无效/);
  await imageShown(page, 'status-image');
  await shot(page, 'seal-status');
  // The signed answer is a CMS SignedData (DER).
  const evidence = fs.readFileSync(await save(page, '[data-testid="status-evidence"]', 'status.p7m'));
  assert.equal(evidence[0], 0x30);
  assert.ok(evidence.includes(Buffer.from(esId)));

  // Asked about a time before it was made, the seal was not issued yet.
  await page.goto(`${URL}/seal/status?seal=${esId}&at=2020-01-01T12:00`);
  await page.waitForSelector('[data-testid="status-at"][data-status="not-issued"]');
  assert.match((await page.textContent('[data-testid="status-valid"]')) ?? '', /无效/);
  await page.context().close();

  // The API answers without signing in.
  const anonymous = await fetch(`${URL}/api/seal/public/status/${esId}`);
  assert.equal(anonymous.status, 200);
  const answer = await anonymous.json();
  assert.equal(answer.currentStatus, 'suspended');
  assert.equal(answer.validAt, false);
});

test('anyone, without an account, looks the seal up on the public page (no personal data)', async () => {
  const context = await browser().newContext({ viewport: { width: 900, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => {
    // the 404 of the unknown seal below is expected; anything else (a CSP refusal, a bad pattern) is not
    if (m.type() === 'error' && !/status of 404/.test(m.text())) errors.push(m.text());
  });
  await page.goto(`${URL}/api/seal/public/lookup`);
  await page.fill('#lookup-form input[name="seal"]', '3501009999999');
  await page.click('#lookup-form button');
  await page.waitForSelector('#lookup-error');
  assert.match((await page.textContent('#lookup-error')) ?? '', /未找到/);
  await page.fill('#lookup-form input[name="seal"]', esId);
  await page.click('#lookup-form button');
  await page.waitForSelector('#lookup-verdict');
  assert.match((await page.textContent('#lookup-verdict')) ?? '', /无效/);
  assert.match((await page.textContent('#lookup-current')) ?? '', /已停用/);
  await page.waitForFunction(() => {
    const img = document.querySelector('#lookup-result img') as HTMLImageElement | null;
    return !!img && img.complete && img.naturalWidth > 0;
  });
  const text = (await page.textContent('#lookup-result')) ?? '';
  assert.doesNotMatch(text, new RegExp(`user:default|${GOOD_CODE}`));
  // Asked about a moment before the seal existed: not issued then.
  await page.fill('#lookup-form input[name="at"]', '2020-01-01T12:00');
  await page.click('#lookup-form button');
  await page.waitForFunction(() => /尚未启用/.test(document.querySelector('#lookup-verdict')?.textContent ?? ''));
  assert.deepEqual(errors, []); // the Content-Security-Policy holds (script from its own file)
  await shot(page, 'seal-public-lookup');
  await context.close();
});
