// Journey of the support team (issue 2): an agent records a phone ticket, a second agent sees it
// appear live, the ticket gets a plan and is resolved; a requester sees replies but not internal
// notes; a role without rights is refused; the auditor verifies the chain.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launch, shot, signIn, URL } from './helpers.mts';

let browser: Browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function fillTicketForm(page: Page, fields: Record<string, string>, category: string) {
  for (const [name, value] of Object.entries(fields)) {
    await page.fill(`form[data-testid="ticket-form"] :is(input, textarea)[name="${name}"]`, value);
  }
  await page.selectOption('form[data-testid="ticket-form"] select[name="category"]', { label: category });
}

/** Posts a reply (or, with `internal`, a note) on the open ticket page and waits until it shows. */
async function post(page: Page, text: string, internal = false) {
  if (internal) await page.click('[data-testid="reply-internal-toggle"]');
  await page.fill('textarea[data-testid="reply-input"]', text);
  await page.click('[data-testid="reply-submit"]');
  await page.waitForSelector(`[data-internal="${internal}"]:has-text("${text.slice(0, 8)}")`);
}

/** Moves the open ticket to `state` and waits for the state chip to read `label`. */
async function move(page: Page, state: string, label: string) {
  await page.click(`[data-testid="transition-${state}"]`);
  await page.waitForSelector(`[data-testid="ticket-state"]:has-text("${label}")`);
}

let ticketNumber = '';

test('the sign-in page speaks Chinese and refuses a wrong password', async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(URL);
  await page.waitForSelector('[data-testid="sign-in-form"]');
  assert.match(await page.textContent('body') ?? '', /登录/);
  await shot(page, 'sign-in');
  await page.fill('input[name="username"]', 'agent1');
  await page.fill('input[name="password"]', 'wrong-password');
  await page.click('[data-testid="sign-in-submit"]');
  const error = await page.waitForSelector('[data-testid="sign-in-error"]');
  assert.match((await error.textContent()) ?? '', /用户名或密码错误/);
  await context.close();
});

test('an agent records a phone ticket and a second agent sees it appear live', async () => {
  const agent1 = await signIn(browser, 'agent1');
  const agent2 = await signIn(browser, 'agent2');
  await agent2.waitForSelector('[data-testid="realtime-status"][data-connected="true"]');

  await agent1.click('[data-testid="new-ticket-button"]');
  await agent1.waitForURL(/\/tickets\/new/);
  await fillTicketForm(
    agent1,
    {
      title: 'USB-key 被锁，无法签章',
      description: '审批科陈经办来电：USB-key 连续输错 PIN 被锁，需要解锁。',
      requesterName: '陈经办',
      requesterContact: '13800000000',
      organisation: '市人社局审批科',
    },
    'USB-key 解锁',
  );
  await shot(agent1, 'ticket-new-phone');
  await agent1.click('[data-testid="ticket-form-submit"]');
  await agent1.waitForURL(/\/tickets\/\d+$/);
  const heading = await agent1.waitForSelector('[data-testid="ticket-number"]');
  ticketNumber = ((await heading.textContent()) ?? '').trim();
  assert.match(ticketNumber, /^YX\d{12}$/);

  // Agent 2 never reloads: the row arrives over socket.io.
  await agent2.waitForSelector(`[data-testid="ticket-row-${ticketNumber}"]`);
  await shot(agent2, 'ticket-queue-live');

  // Agent 2 opens the ticket: agent 1 sees who else is viewing it.
  await agent2.goto(agent1.url());
  await agent2.waitForSelector(`[data-testid="ticket-number"]:has-text("${ticketNumber}")`);
  await agent1.waitForSelector('[data-testid="viewer-chip-agent2"]');

  // Acknowledge, give a plan, work on it, resolve.
  await move(agent1, 'acknowledged', '已受理');
  await post(agent1, '您好，已受理，请携带 USB-key 到服务窗口或远程协助解锁。');
  await move(agent1, 'plan-given', '已给出方案');
  await move(agent1, 'in-progress', '处理中');
  await move(agent1, 'resolved', '已解决');
  await shot(agent1, 'ticket-detail-resolved');
  await agent1.context().close();
  await agent2.context().close();
});

test('a requester sees the replies on their ticket but not the internal notes', async () => {
  const requester = await signIn(browser, 'requester1');
  await requester.click('[data-testid="new-ticket-button"]');
  await fillTicketForm(
    requester,
    { title: '证书即将到期，如何更新', requesterName: '陈经办', requesterContact: '13800000000', organisation: '市人社局审批科' },
    '证书更新/吊销',
  );
  await requester.click('[data-testid="ticket-form-submit"]');
  await requester.waitForURL(/\/tickets\/\d+$/);
  const path = new globalThis.URL(requester.url()).pathname;

  const agent = await signIn(browser, 'agent1');
  await agent.goto(`${URL}${path}`);
  await post(agent, '请在到期前 30 天内通过证书更新功能提交申请。');
  await post(agent, '内部：该单位证书批量到期，需与 RA 协调。', true);

  await requester.reload();
  await requester.waitForSelector('text=到期前 30 天');
  const body = (await requester.textContent('body')) ?? '';
  assert.ok(!body.includes('批量到期'), 'the requester must not see the internal note');
  await shot(requester, 'ticket-requester-view');
  await agent.context().close();
  await requester.context().close();
});

test('an agent writes a knowledge-base article and reads the reports', async () => {
  const agent = await signIn(browser, 'agent1');
  await agent.click('text=知识库');
  await agent.click('text=新建文章');
  await agent.fill('input[name="kb-title"]', 'USB-key PIN 解锁步骤');
  await agent.fill('textarea[name="kb-body"]', '1. 核实持有人身份\n2. 在证书管理端生成解锁码\n3. 用户在客户端输入解锁码并设置新 PIN');
  await agent.click('button:has-text("保存")');
  await agent.waitForSelector('[data-testid="kb-article"] >> text=核实持有人身份');
  await shot(agent, 'ticket-knowledge-base');
  await agent.click('text=统计报表');
  await agent.waitForSelector('[data-testid="chart-channel"]');
  await agent.waitForSelector('[data-testid="sla-table"]');
  // The phone ticket and the requester's web ticket of the journeys are counted.
  const phone = await agent.waitForSelector('[data-testid="chart-channel"] g[data-label="电话"]');
  assert.ok(Number(await phone.getAttribute('data-value')) >= 1);
  const web = await agent.getAttribute('[data-testid="chart-channel"] g[data-label="网页"]', 'data-value');
  assert.ok(Number(web) >= 1);
  await shot(agent, 'ticket-reports');
  await agent.context().close();
});

test('the public web form takes a ticket without sign-in and shows its progress', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${URL}/api/tickets/public/form`);
  await page.fill('#submit-form input[name="title"]', '电子印章无法加盖');
  await page.fill('#submit-form textarea[name="description"]', '签章客户端提示印章已停用。');
  await page.selectOption('#submit-form select[name="category"]', { label: '印章' });
  await page.fill('#submit-form input[name="requesterName"]', '王科员');
  await page.fill('#submit-form input[name="requesterContact"]', 'wang@example.invalid');
  await page.click('#submit-form button[type="submit"]');
  const ok = await page.waitForSelector('#submit-ok');
  const number = (await ok.getAttribute('data-number')) ?? '';
  const code = (await ok.getAttribute('data-code')) ?? '';
  assert.match(number, /^YX\d{12}$/);
  await shot(page, 'ticket-public-form');

  // An agent answers it, with an internal note as well.
  const agent = await signIn(browser, 'agent1');
  await agent.waitForSelector(`[data-testid="ticket-row-${number}"] a`);
  await agent.click(`[data-testid="ticket-row-${number}"] a`);
  await post(agent, '印章已恢复启用，请重新签章。');
  await post(agent, '内部：印章曾被误停用。', true);
  await agent.context().close();

  await page.fill('#lookup-form input[name="number"]', number);
  await page.fill('#lookup-form input[name="code"]', code);
  await page.click('#lookup-form button[type="submit"]');
  await page.waitForSelector('#lookup-result .reply:has-text("印章已恢复启用")');
  assert.ok(!((await page.textContent('#lookup-result')) ?? '').includes('误停用'));
  await page.fill('#lookup-form input[name="code"]', 'wrong-code');
  await page.click('#lookup-form button[type="submit"]');
  await page.waitForSelector('#lookup-result.error');
  await context.close();
});

test('the UI switches to English and back', async () => {
  const agent = await signIn(browser, 'agent1');
  await agent.waitForSelector('text=工单队列');
  await agent.click('text=English');
  await agent.waitForSelector('text=Queue');
  await agent.waitForSelector('text=Record phone ticket');
  await shot(agent, 'ticket-queue-english');
  await agent.click('text=中文');
  await agent.waitForSelector('text=工单队列');
  await agent.context().close();
});

test('a role without ticket rights is refused', async () => {
  const trainer = await signIn(browser, 'trainer1');
  await trainer.waitForSelector('text=您没有执行此操作的权限');
  await shot(trainer, 'ticket-forbidden');
  await trainer.context().close();
});

test('the auditor verifies the tickets audit chain', async () => {
  const auditor = await signIn(browser, 'auditor1');
  await auditor.goto(`${URL}/audit`);
  await auditor.click('[data-testid="audit-verify"]');
  const verdict = await auditor.waitForSelector('[data-testid="audit-verdict"]');
  assert.match((await verdict.textContent()) ?? '', /校验通过/);
  await auditor.waitForSelector('[data-testid="audit-table"] >> text=ticket.transition');
  await shot(auditor, 'audit');
  await auditor.context().close();
});
