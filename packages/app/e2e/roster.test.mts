// Journey of the roster, in Debian's chromium against the running portal: the project manager
// sets the team up (one person through the join dialog with its written notice, the others through
// the API) and generates next month's roster after a preview; engineer1 drags one of their shifts
// onto one of engineer2's, which opens the swap request prefilled; the manager approves and
// engineer2's calendar, open all along, follows without reloading; the manager may not approve a
// swap he takes part in (the backend's message shows, nothing changes); the manager covers the
// current hour with an override and the support lead's "on duty now" panel follows live, with the
// contact masked; the lead dispatches engineer1 to a ticket, who accepts, arrives, logs and
// completes, and the arrival SLA chart counts it; a support agent only sees who is on duty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { downloadOf, journeyBrowser, shot, signIn, URL, USERS } from './helpers.mts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-roster-e2e-'));
const browser = journeyBrowser(work);

/** This month and the next one in China time. */
function chinaMonth(offset = 0): string {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 7);
}
const THIS_MONTH = chinaMonth();
const NEXT_MONTH = chinaMonth(1);

/** The team the contract asks for: six roles, five people, engineers linked to their sign-in users. */
const TEAM = [
  { user: 'engineer1', name: '张驻场', roles: ['maintenance', 'resident'], phone: '13800010001', email: 'engineer1@example.com' },
  { user: 'pm1', name: '王项目', roles: ['project-manager', 'technical-support'], phone: '13800010000' },
  { user: 'engineer2', name: '李驻场', roles: ['technical-support', 'resident'], phone: '13800010002' },
  { user: 'engineer3', name: '赵运维', roles: ['maintenance', 'resident'], phone: '13800010003' },
  { user: null, name: '陈录入', roles: ['enrolment', 'customer-service'], phone: '13800010004' },
] as const;
const NOTICE = '项目组按合同配置驻场与运维人员，已书面通知甲方';

interface PersonLite {
  id: string;
  name: string;
  userRef: string | null;
  status: string;
}

/** A bearer token of the page's signed-in user (the session cookie renews it). */
async function tokenOf(page: Page): Promise<string> {
  const res = await page.request.post(`${URL}/api/auth/local/refresh`, { data: {} });
  assert.equal(res.status(), 200);
  return (await res.json()).backstageIdentity.token;
}

/** Calls the portal's API as the page's user. */
async function api<T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers = { authorization: `Bearer ${await tokenOf(page)}` };
  const res = method === 'GET' ? await page.request.get(`${URL}/api${path}`, { headers }) : await page.request.post(`${URL}/api${path}`, { headers, data: body ?? {} });
  assert.ok(res.ok(), `${method} ${path}: HTTP ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The team's people by sign-in user. */
async function peopleByUser(page: Page): Promise<Map<string, PersonLite>> {
  const { items } = await api<{ items: PersonLite[] }>(page, 'GET', '/roster/people?status=active');
  return new Map(items.filter(p => p.userRef).map(p => [p.userRef!, p]));
}

/** Signs in and opens the roster calendar on a month, waiting until it is live and loaded. */
async function openCalendar(user: keyof typeof USERS, month: string): Promise<Page> {
  const page = await signIn(browser(), user);
  await page.goto(`${URL}/roster/calendar?view=month&month=${month}`);
  await page.waitForSelector('[data-testid="roster-tab-calendar"]');
  await page.waitForSelector('[data-testid="roster-live"][data-live="true"]');
  await page.waitForSelector(`[data-testid="roster-calendar"][data-months="${month}"]`);
  return page;
}

/** A shift as the calendar draws it. */
interface Shift {
  id: string;
  person: string;
  kind: string;
  day: string;
  starts: number;
  ends: number;
  draggable: boolean;
}

/** Every shift on the page's calendar. */
async function shiftsOn(page: Page): Promise<Shift[]> {
  return page.$$eval('[data-shift]', els =>
    els.map(e => ({
      id: e.getAttribute('data-shift')!,
      person: e.getAttribute('data-person')!,
      kind: e.getAttribute('data-kind')!,
      day: e.getAttribute('data-day')!,
      starts: Date.parse(e.getAttribute('data-starts')!),
      ends: Date.parse(e.getAttribute('data-ends')!),
      draggable: e.getAttribute('data-draggable') === 'true',
    })),
  );
}

/** Whether `person` is free during `shift` (apart from the shift they give up). */
const freeFor = (shifts: readonly Shift[], person: string, shift: Shift, giving?: Shift) =>
  !shifts.some(s => s.person === person && s.id !== giving?.id && s.starts < shift.ends && shift.starts < s.ends);

let ids: Map<string, PersonLite>;

test('the project manager sets up the team and generates next month’s roster after a preview', async () => {
  const page = await signIn(browser(), 'pm1');
  await page.goto(`${URL}/roster/people`);
  await page.waitForSelector('[data-testid="team-check"]');
  let people = await peopleByUser(page);
  // engineer1 joins through the dialog, with the written notice the contract asks for
  if (!people.has('user:default/engineer1')) {
    const e1 = TEAM[0];
    await page.click('[data-testid="person-add"]');
    const dialog = '[data-testid="person-add-dialog"]';
    await page.waitForSelector(dialog);
    await page.fill(`${dialog} [name="name"]`, e1.name);
    await page.fill(`${dialog} [name="userRef"]`, e1.user);
    for (const role of e1.roles) await page.check(`${dialog} input[name="roles"][value="${role}"]`);
    await page.fill(`${dialog} [name="phone"]`, e1.phone);
    await page.fill(`${dialog} [name="email"]`, e1.email);
    await page.fill(`${dialog} [name="skills"]`, 'CA 运维，数据库，Linux');
    await page.fill(`${dialog} [name="certificates"]`, '信息安全工程师, RZ-2024-001, 2028-12-31');
    // a reason too short for a written notice is refused in the form
    await page.fill(`${dialog} [name="reason"]`, '入场');
    await page.click('[data-testid="person-add-confirm"]');
    await page.waitForSelector(`${dialog} >> text=书面说明至少 10 个字`);
    await page.fill(`${dialog} [name="reason"]`, NOTICE);
    await page.click('[data-testid="person-add-confirm"]');
    await page.waitForSelector(dialog, { state: 'detached' });
    await page.waitForSelector(`[data-testid^="person-"][data-user="user:default/engineer1"]`);
  }
  // the others through the API, as the manager
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const { items: everyone } = await api<{ items: PersonLite[] }>(page, 'GET', '/roster/people?status=active');
  for (const p of TEAM.slice(1)) {
    const exists = p.user ? everyone.some(x => x.userRef === `user:default/${p.user}`) : everyone.some(x => x.name === p.name);
    if (exists) continue;
    await api(page, 'POST', '/roster/people', {
      person: { name: p.name, userRef: p.user ? `user:default/${p.user}` : null, roles: p.roles, contact: { phone: p.phone } },
      reason: NOTICE,
      noticeDate: today,
    });
  }
  await page.reload();
  await page.waitForSelector('[data-testid="team-check"][data-ok="true"]');
  await page.waitForSelector('[data-testid="staff-change"][data-kind="join"]');
  // the manager sees contacts in full
  assert.equal(await page.getAttribute('[data-user="user:default/engineer1"] [data-testid="person-contact"]', 'data-masked'), 'false');
  await shot(page, 'roster-people');
  people = await peopleByUser(page);
  ids = people;

  // generate next month: preview first (unfilled slots, violations), then save
  await page.goto(`${URL}/roster/calendar?view=month&month=${NEXT_MONTH}`);
  await page.waitForSelector('[data-testid="roster-live"][data-live="true"]');
  await page.click('[data-testid="generate-button"]');
  await page.waitForSelector('[data-testid="generate-dialog"]');
  await page.selectOption('[data-testid="generate-dialog"] select[name="month"]', NEXT_MONTH);
  await page.click('[data-testid="generate-preview-button"]');
  const preview = await page.waitForSelector(`[data-testid="generate-preview"][data-month="${NEXT_MONTH}"]`);
  assert.ok(Number(await preview.getAttribute('data-created')) > 0);
  await shot(page, 'roster-generate-preview');
  await page.click('[data-testid="generate-save"]');
  await page.waitForSelector('[data-testid="generate-dialog"]', { state: 'detached' });
  await page.waitForSelector('[data-testid="roster-notice"] >> text=已生成');
  await page.waitForSelector(`[data-testid="month-grid"] [data-shift][data-person="${people.get('user:default/engineer1')!.id}"]`);
  // every working day has its on-site shift, and the day kinds are shown
  const workdays = await page.$$eval('[data-testid^="day-"][data-in-month="true"][data-kind="workday"]', els => els.map(e => e.getAttribute('data-day')));
  assert.ok(workdays.length >= 15);
  await page.waitForSelector(`[data-testid="day-${workdays[workdays.length - 1]}"] [data-kind="onsite"]`);
  await shot(page, 'roster-calendar');
  // the month exports: Excel CSV and PDF
  const csv = fs.readFileSync(await downloadOf(page, '[data-testid="export-csv"]', work, 'roster.csv'), 'utf8');
  assert.match(csv, /张驻场/);
  assert.match(csv, new RegExp(`"${NEXT_MONTH}-01"`));
  const pdf = fs.readFileSync(await downloadOf(page, '[data-testid="export-pdf"]', work, 'roster.pdf'));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await page.context().close();
});

test('engineer1 drags a shift onto engineer2’s; the manager approves; engineer2’s calendar follows live', async () => {
  const e1 = ids.get('user:default/engineer1')!.id;
  const e2 = ids.get('user:default/engineer2')!.id;
  const watcher = await openCalendar('engineer2', NEXT_MONTH);
  await watcher.evaluate(() => ((window as unknown as { journeyMark: string }).journeyMark = 'not reloaded'));
  const engineer = await openCalendar('engineer1', NEXT_MONTH);
  await engineer.waitForSelector('[data-mine="true"][data-draggable="true"]');
  const shifts = await shiftsOn(engineer);
  // one of engineer1's future on-site shifts and one of engineer2's on another day, each free for the other
  const mine = shifts.filter(s => s.person === e1 && s.draggable && s.kind === 'onsite');
  const theirs = shifts.filter(s => s.person === e2 && s.kind === 'onsite' && s.starts > Date.now());
  const pair = mine.flatMap(m => theirs.filter(t => t.day !== m.day && freeFor(shifts, e2, m, t) && freeFor(shifts, e1, t, m)).map(t => ({ m, t })))[0];
  assert.ok(pair, 'engineer1 and engineer2 have on-site shifts to exchange');
  // the colleague's shift is not draggable for engineer1, their own is
  assert.equal(await engineer.getAttribute(`[data-testid="shift-${pair.t.id}"]`, 'data-draggable'), 'false');

  await engineer.dragAndDrop(`[data-testid="shift-${pair.m.id}"]`, `[data-testid="shift-${pair.t.id}"]`);
  await engineer.waitForSelector('[data-testid="swap-dialog"]');
  assert.equal(await engineer.getAttribute('[data-testid="swap-theirs"]', 'data-person'), e2);
  assert.match((await engineer.textContent('[data-testid="swap-mine"]')) ?? '', new RegExp(pair.m.day));
  // a reason is required
  await engineer.click('[data-testid="swap-confirm"]');
  await engineer.waitForSelector('[data-testid="swap-dialog"] >> text=必填');
  await engineer.fill('[data-testid="swap-dialog"] [name="reason"]', '当天需陪同家人就医，与李驻场协商互换');
  await shot(engineer, 'roster-swap-dialog');
  await engineer.click('[data-testid="swap-confirm"]');
  await engineer.waitForSelector('[data-testid="swap-dialog"]', { state: 'detached' });
  await engineer.waitForSelector('[data-testid="roster-notice"] >> text=换班申请已提交');
  await engineer.waitForSelector(`tr[data-swap][data-assignment="${pair.m.id}"][data-state="pending"]`);
  // the shift waits for the decision: it can no longer be dragged
  await engineer.waitForSelector(`[data-testid="shift-${pair.m.id}"][data-draggable="false"]`);
  // engineers do not decide swaps
  assert.equal(await engineer.$('[data-testid^="swap-approve-"]'), null);
  // engineer2's calendar still shows the shifts as they were
  await watcher.waitForSelector(`tr[data-swap][data-assignment="${pair.m.id}"][data-state="pending"]`);
  assert.equal(await watcher.getAttribute(`[data-testid="shift-${pair.m.id}"]`, 'data-person'), e1);

  const manager = await openCalendar('pm1', NEXT_MONTH);
  const row = await manager.waitForSelector(`tr[data-swap][data-assignment="${pair.m.id}"][data-state="pending"]`);
  const swapId = (await row.getAttribute('data-swap'))!;
  await manager.click(`[data-testid="swap-approve-${swapId}"]`);
  await manager.waitForSelector('[data-testid="approve-swap-dialog"]');
  await manager.fill('[data-testid="approve-swap-dialog"] [name="note"]', '同意，两人岗位相同');
  await manager.click('[data-testid="approve-swap-confirm"]');
  await manager.waitForSelector('[data-testid="approve-swap-dialog"]', { state: 'detached' });
  await manager.waitForSelector(`[data-testid="shift-${pair.m.id}"][data-person="${e2}"]`);

  // engineer2's page follows over the realtime room, without reloading
  await watcher.waitForSelector(`[data-testid="shift-${pair.m.id}"][data-person="${e2}"][data-source="swap"]`);
  await watcher.waitForSelector(`[data-testid="shift-${pair.t.id}"][data-person="${e1}"][data-source="swap"]`);
  assert.equal(await watcher.evaluate(() => (window as unknown as { journeyMark?: string }).journeyMark), 'not reloaded');
  await watcher.waitForSelector(`tr[data-swap="${swapId}"]`, { state: 'detached' });
  await shot(watcher, 'roster-calendar-live');
  // the week view shows the same shift with its times
  await watcher.goto(`${URL}/roster/calendar?view=week&month=${NEXT_MONTH}&week=${pair.m.day}`);
  await watcher.waitForSelector(`[data-testid="week-grid"] [data-testid="shift-${pair.m.id}"][data-person="${e2}"]`);
  assert.match((await watcher.textContent(`[data-testid="shift-${pair.m.id}"]`)) ?? '', /09:00–17:00/);
  await shot(watcher, 'roster-week');
  await watcher.context().close();
  await engineer.context().close();
  await manager.context().close();
});

test('the manager may not approve a swap he takes part in: the backend’s message, nothing changed', async () => {
  const pm = ids.get('user:default/pm1')!.id;
  const e3 = ids.get('user:default/engineer3')!.id;
  const manager = await openCalendar('pm1', NEXT_MONTH);
  await manager.waitForSelector('[data-mine="true"][data-draggable="true"]');
  const shifts = await shiftsOn(manager);
  const mine = shifts.find(s => s.person === pm && s.draggable && freeFor(shifts, e3, s));
  assert.ok(mine, 'the project manager has an on-call shift engineer3 could take');
  // the button-based way (no dragging): the shift's menu, then a hand-over to engineer3
  await manager.click(`[data-testid="shift-${mine.id}"]`);
  await manager.click('[data-testid="shift-menu-swap"]');
  await manager.waitForSelector('[data-testid="swap-dialog"] select[name="partner"]');
  await manager.selectOption('[data-testid="swap-dialog"] select[name="partner"]', `p:${e3}`);
  await manager.fill('[data-testid="swap-dialog"] [name="reason"]', '需赴甲方汇报，请赵运维代班');
  await manager.click('[data-testid="swap-confirm"]');
  await manager.waitForSelector('[data-testid="swap-dialog"]', { state: 'detached' });
  const row = await manager.waitForSelector(`tr[data-swap][data-assignment="${mine.id}"][data-state="pending"]`);
  const swapId = (await row.getAttribute('data-swap'))!;

  await manager.click(`[data-testid="swap-approve-${swapId}"]`);
  await manager.click('[data-testid="approve-swap-confirm"]');
  const error = await manager.waitForSelector('[data-testid="approve-swap-error"]');
  assert.equal(await error.getAttribute('data-reason'), 'SELF_APPROVAL');
  assert.match((await error.textContent()) ?? '', /不能审批本人参与的换班/);
  await shot(manager, 'roster-refusal');
  await manager.click('[data-testid="approve-swap-cancel"]');
  // nothing changed: still pending, still his shift
  await manager.waitForSelector(`tr[data-swap="${swapId}"][data-state="pending"]`);
  assert.equal(await manager.getAttribute(`[data-testid="shift-${mine.id}"]`, 'data-person'), pm);
  // he withdraws it instead
  await manager.click(`[data-testid="swap-cancel-${swapId}"]`);
  await manager.waitForSelector(`tr[data-swap="${swapId}"]`, { state: 'detached' });
  await manager.context().close();
});

test('an override covers this hour and the support lead’s “on duty now” follows live, contacts masked', async () => {
  const e3 = ids.get('user:default/engineer3')!.id;
  const lead = await signIn(browser(), 'lead1');
  await lead.goto(`${URL}/roster/duty`);
  await lead.waitForSelector('[data-testid="duty-live"][data-live="true"]');
  await lead.waitForSelector('[data-testid="duty-panel"][data-loaded="true"]');
  if (!(await lead.$(`[data-testid="duty-person-${e3}"]`))) {
    const manager = await openCalendar('pm1', THIS_MONTH);
    await manager.click('[data-testid="override-button"]');
    await manager.waitForSelector('[data-testid="override-dialog"]');
    await manager.selectOption('[data-testid="override-dialog"] select[name="personId"]', e3);
    await manager.selectOption('[data-testid="override-dialog"] select[name="kind"]', 'oncall');
    await manager.fill('[data-testid="override-dialog"] [name="reason"]', '本时段远程值守由赵运维顶班');
    await manager.click('[data-testid="override-confirm"]');
    await manager.waitForSelector('[data-testid="override-dialog"]', { state: 'detached' });
    await manager.waitForSelector(`[data-testid="month-grid"] [data-person="${e3}"][data-source="override"]`);
    // the manager's own panel shows the contact in full
    await manager.waitForSelector(`[data-testid="duty-person-${e3}"][data-masked="false"]`);
    await manager.context().close();
  }
  // the lead's page got it over the realtime room; the lead sees the number masked
  const person = await lead.waitForSelector(`[data-testid="duty-oncall"] [data-testid="duty-person-${e3}"]`);
  assert.equal(await person.getAttribute('data-masked'), 'true');
  assert.match((await lead.textContent(`[data-testid="duty-person-${e3}"] [data-testid="duty-contact"]`)) ?? '', /138\*\*\*\*0003/);
  await shot(lead, 'roster-duty');
  await lead.context().close();
});

test('the manager undoes an override from its shift: the replaced engineer’s shift comes back', async () => {
  const manager = await openCalendar('pm1', NEXT_MONTH);
  const shifts = await shiftsOn(manager);
  // a future on-call shift of someone, taken over by another engineer who is free then
  const people = [...ids.values()].map(p => p.id);
  let pick: { shift: Shift; taker: string } | undefined;
  for (const shift of shifts.filter(x => x.kind === 'oncall' && x.starts > Date.now() + 86_400_000)) {
    const taker = people.find(p => p !== shift.person && freeFor(shifts, p, shift));
    if (taker) {
      pick = { shift, taker };
      break;
    }
  }
  assert.ok(pick, 'a shift another engineer can take');
  const made = await api<{ result: { assignment: { id: string } } }>(manager, 'POST', '/roster/overrides', {
    personId: pick.taker,
    kind: 'oncall',
    startsAt: new Date(pick.shift.starts).toISOString(),
    endsAt: new Date(pick.shift.ends).toISOString(),
    replacedPersonId: pick.shift.person,
    reason: '原值班人临时请假，由同事顶班',
  });
  const overrideShift = `[data-testid="shift-${made.result.assignment.id}"]`;
  await manager.waitForSelector(`${overrideShift}[data-source="override"]`);
  await manager.click(overrideShift);
  const item = await manager.waitForSelector('[data-testid="shift-menu-remove"]');
  assert.match((await item.textContent()) ?? '', /撤销调班/);
  await item.click();
  await manager.waitForSelector('[data-testid="remove-shift-dialog"]');
  await manager.click('[data-testid="remove-shift-confirm"]');
  await manager.waitForSelector(overrideShift, { state: 'detached' });
  // the replaced engineer has that time again
  await manager.waitForFunction(
    ([person, starts]) => [...document.querySelectorAll('[data-shift]')].some(e => e.getAttribute('data-person') === person && Date.parse(e.getAttribute('data-starts')!) === starts),
    [pick.shift.person, pick.shift.starts] as const,
  );
  await manager.context().close();
});

test('the lead dispatches engineer1 to a ticket; engineer1 accepts, arrives, logs and completes; the SLA chart counts it', async () => {
  const e1 = ids.get('user:default/engineer1')!.id;
  const lead = await signIn(browser(), 'lead1');
  const ticket = await api<{ id: number; number: string }>(lead, 'POST', '/tickets/tickets', {
    title: 'OCSP 服务响应超时',
    category: 'consult',
    requesterName: '省政务服务中心',
  });
  await lead.goto(`${URL}/roster/dispatch`);
  await lead.waitForSelector('[data-testid="roster-tab-dispatch"]');
  await lead.click('[data-testid="dispatch-new"]');
  const dialog = '[data-testid="dispatch-dialog"]';
  await lead.waitForSelector(dialog);
  await lead.fill(`${dialog} [name="ticket"]`, ticket.number);
  await lead.selectOption(`${dialog} select[name="severity"]`, 'major');
  await lead.selectOption(`${dialog} select[name="personId"]`, e1);
  await lead.fill(`${dialog} [name="summary"]`, 'OCSP 服务响应超时，需到机房检查');
  await lead.fill(`${dialog} [name="location"]`, '省政务云机房 3 楼');
  // the arrival deadline of a major incident: 2 hours
  await lead.waitForSelector('[data-testid="dispatch-deadline-preview"][data-hours="2"]');
  await lead.click('[data-testid="dispatch-confirm"]');
  await lead.waitForSelector(dialog, { state: 'detached' });
  await lead.waitForSelector('[data-testid="dispatch-notice"] >> text=须于');
  const row = await lead.waitForSelector(`tr[data-dispatch][data-source="${ticket.number}"][data-state="dispatched"]`);
  const dispatchId = (await row.getAttribute('data-dispatch'))!;

  const engineer = await signIn(browser(), 'engineer1');
  await engineer.goto(`${URL}/roster/dispatch`);
  await engineer.click(`[data-testid="dispatch-${dispatchId}"]`);
  await engineer.waitForSelector(`[data-testid="dispatch-detail"][data-dispatch="${dispatchId}"]`);
  await engineer.click('[data-testid="dispatch-action-accept"]');
  await engineer.waitForSelector(`[data-testid="dispatch-detail"][data-state="accepted"]`);
  await engineer.click('[data-testid="dispatch-action-arrive"]');
  await engineer.waitForSelector(`[data-testid="dispatch-detail"][data-state="arrived"]`);
  await engineer.click('[data-testid="dispatch-action-log"]');
  await engineer.fill('[data-testid="dispatch-act-log-dialog"] [name="text"]', '已到场，OCSP 进程内存耗尽，重启并调整 JVM 参数');
  await engineer.click('[data-testid="dispatch-act-log-confirm"]');
  await engineer.waitForSelector('[data-testid="dispatch-log-entry"]');
  await engineer.click('[data-testid="dispatch-action-complete"]');
  await engineer.fill('[data-testid="dispatch-act-complete-dialog"] [name="text"]', '服务恢复，已观察 30 分钟无异常');
  await engineer.click('[data-testid="dispatch-act-complete-confirm"]');
  await engineer.waitForSelector(`[data-testid="dispatch-detail"][data-state="completed"]`);
  await engineer.waitForSelector(`tr[data-dispatch="${dispatchId}"][data-breached="false"]`);
  // engineers neither see the SLA report nor cancel others' dispatches
  assert.equal(await engineer.$('[data-testid="sla-chart"]'), null);
  await engineer.context().close();

  // the lead's list followed live; the SLA chart counts the on-time arrival
  await lead.waitForSelector(`tr[data-dispatch="${dispatchId}"][data-state="completed"]`);
  await lead.click(`[data-testid="dispatch-${dispatchId}"]`);
  await lead.waitForSelector(`[data-testid="sla-chart-bar"][data-month="${THIS_MONTH}"]`);
  assert.ok(Number(await lead.getAttribute(`[data-testid="sla-chart-bar"][data-month="${THIS_MONTH}"]`, 'data-on-time')) >= 1);
  await lead.waitForSelector('[data-testid="sla-summary"]');
  await shot(lead, 'roster-dispatch');
  await lead.context().close();
});

test('attendance against the roster, and a support agent sees only who is on duty', async () => {
  const manager = await signIn(browser(), 'pm1');
  await manager.goto(`${URL}/roster/attendance`);
  await manager.waitForSelector('[data-testid="attendance-month"]');
  await manager.click('[data-testid="attendance-next"]');
  await manager.waitForSelector(`[data-testid="attendance-month"][data-month="${NEXT_MONTH}"]`);
  await manager.waitForSelector('[data-testid="attendance"] [data-scheduled]');
  await manager.waitForSelector('[data-testid="coverage-chart"] rect[data-series="onsite"]');
  await shot(manager, 'roster-attendance');
  // the month's attendance for the client, as Excel CSV
  const attendanceCsv = fs.readFileSync(await downloadOf(manager, '[data-testid="attendance-export-csv"]', work, 'attendance.csv'), 'utf8');
  assert.ok(attendanceCsv.startsWith('\uFEFF"工程师","排班现场班次"'), attendanceCsv.slice(0, 40));
  await manager.context().close();

  const agent = await signIn(browser(), 'agent1');
  await agent.goto(`${URL}/roster`);
  await agent.waitForURL(/\/roster\/duty$/);
  await agent.waitForSelector('[data-testid="duty-panel"][data-loaded="true"]');
  assert.deepEqual(await agent.$$eval('[data-testid^="roster-tab-"]', tabs => tabs.map(t => t.getAttribute('data-testid'))), ['roster-tab-duty']);
  // the same page in English
  await agent.click('text=English');
  await agent.waitForSelector('[data-testid="roster-tab-duty"] >> text=On duty now');
  await agent.waitForSelector('[data-testid="duty-onsite"] >> text=On site');
  await agent.context().close();
});
