// Administration journeys: unlocking a locked account, creating an account whose holder must set
// a new password at first sign-in, and entering next year's holiday in the working-day calendar.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launch, shot, signIn, URL, USERS } from './helpers.mts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function attempt(username: string, password: string) {
  const res = await fetch(`${URL}/api/auth/local/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return res.status;
}

test('an administrator unlocks an account locked by five wrong passwords', async () => {
  for (let i = 0; i < 4; i++) assert.equal(await attempt('agent2', 'wrong-password'), 401);
  assert.equal(await attempt('agent2', 'wrong-password'), 423);
  assert.equal(await attempt('agent2', USERS.agent2), 423);

  const admin = await signIn(browser, 'admin');
  await admin.goto(`${URL}/admin`);
  const row = await admin.waitForSelector('[data-testid="account-agent2"]:has-text("已锁定")');
  await shot(admin, 'admin-accounts');
  await (await row.$('button:has-text("解锁")'))!.click();
  await admin.waitForSelector('[data-testid="account-agent2"]:has-text("正常")');
  assert.equal(await attempt('agent2', USERS.agent2), 200);
  await admin.context().close();
});

test('a new account must set its own password at first sign-in', async () => {
  const admin = await signIn(browser, 'admin');
  await admin.goto(`${URL}/admin`);
  await admin.fill('input[name="new-username"]', 'newagent');
  await admin.fill('input[name="new-displayName"]', '刘新人');
  await admin.click('button:has-text("新建账户")');
  const message = (await (await admin.waitForSelector('[data-testid="admin-message"]:has-text("临时密码")')).textContent()) ?? '';
  const temporary = /临时密码：(\S+?)（/.exec(message)?.[1] ?? '';
  assert.ok(temporary.length >= 10, message);
  await admin.waitForSelector('[data-testid="account-newagent"]');
  await admin.context().close();

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(URL);
  await page.fill('input[name="username"]', 'newagent');
  await page.fill('input[name="password"]', temporary);
  await page.click('[data-testid="sign-in-submit"]');
  await page.waitForSelector('[data-testid="change-password-form"]');
  await page.fill('input[name="newPassword"]', 'weak');
  await page.fill('input[name="newPasswordAgain"]', 'weak');
  await page.click('[data-testid="change-password-submit"]');
  await page.waitForSelector('[data-testid="change-password-error"]');
  await page.fill('input[name="newPassword"]', 'Newagent-Passw0rd!');
  await page.fill('input[name="newPasswordAgain"]', 'Newagent-Passw0rd!');
  await shot(page, 'sign-in-change-password');
  await page.click('[data-testid="change-password-submit"]');
  await page.waitForURL(/\/tickets/);
  await page.waitForSelector('[data-testid="new-ticket-button"]');
  await context.close();
  assert.equal(await attempt('newagent', temporary), 401);
  assert.equal(await attempt('newagent', 'Newagent-Passw0rd!'), 200);
});

test('an administrator enters next year’s New Year holiday in the calendar', async () => {
  const admin = await signIn(browser, 'admin');
  await admin.goto(`${URL}/admin`);
  await admin.fill('input[name="calendar-year"]', '2027');
  await admin.fill('input[name="calendar-day"]', '2027-01-01');
  await admin.fill('input[name="calendar-name"]', '元旦');
  await admin.click('button:has-text("设置")');
  await admin.waitForSelector('[data-testid="calendar-2027-01-01"]:has-text("元旦")');
  await admin.fill('input[name="calendar-day"]', '2027-02-30');
  await admin.click('button:has-text("设置")');
  await admin.waitForSelector('text=输入有误');
  await shot(admin, 'admin-calendar');
  await admin.context().close();
});

test('a user changes their own password from the sidebar, and planned modules say they are not installed', async () => {
  const page = await signIn(browser, 'engineer1');
  await page.click('text=修改密码');
  await page.waitForURL(/\/account/);
  await page.fill('input[name="currentPassword"]', 'wrong-Passw0rd!');
  await page.fill('input[name="newPassword"]', 'Engineer1-Changed-9');
  await page.fill('input[name="newPasswordAgain"]', 'Engineer1-Changed-9');
  await page.click('[data-testid="change-password-submit"]');
  await page.waitForSelector('[data-testid="change-password-error"]:has-text("用户名或密码错误")');
  await page.fill('input[name="currentPassword"]', USERS.engineer1);
  await page.click('[data-testid="change-password-submit"]');
  await page.waitForSelector('[data-testid="change-password-done"]');
  assert.equal(await attempt('engineer1', USERS.engineer1), 401);
  assert.equal(await attempt('engineer1', 'Engineer1-Changed-9'), 200);

  // signed in with the new password, the engineer reaches their roster
  await page.goto(`${URL}/roster`);
  await page.waitForSelector('[data-testid="roster-tab-calendar"]');
  await page.context().close();
});
