// Journey of training, in Debian's chromium against the running portal: a trainer writes a
// material — a disguised file (a Windows program named .pdf) is refused with the backend's message
// and nothing is stored — uploads a Chinese PDF and submits it; a reviewer previews and approves
// it; a learner finds it by a phrase of its text and opens the preview; the training manager
// records the trainer's qualification (an unqualified trainer is refused when scheduling, then
// ≥3 years and a similar project make him qualified); the trainer schedules an online session
// starting in a minute, which the learner sees announced live; the learner enrols (the one seat
// is then taken: full) and checks in; the trainer ends the session; the learner gives feedback and
// downloads the certificate; the manager's records show the completion, and the exports download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { act, confirm, downloadOf, journeyBrowser, openSection, shot, signIn, URL } from './helpers.mts';

// @yinxin/pdf-doc is TypeScript with extensionless imports: load it through Backstage's transform.
const require = createRequire(import.meta.url);
require('@backstage/cli/config/nodeTransform.cjs');
const { renderPdf } = require('@yinxin/pdf-doc') as { renderPdf: (spec: object) => Promise<Buffer> };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-training-e2e-'));
const browser = journeyBrowser(work);

// Unique per run, so that a journey against a portal with older data finds its own records; the
// search phrase is all Chinese (the index matches Chinese by character bigrams).
const RUN = Date.now().toString(36).toUpperCase();
const CN = '零一二三四五六七八九甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬';
const RUN_CN = [...RUN].map(c => CN[parseInt(c, 36)]).join('');
const PHRASE = `印章核验口令${RUN_CN}`;
const TITLE = `电子印章使用指南 ${RUN}`;
const SESSION_TITLE = `电子印章使用培训 ${RUN}`;
const DEPARTMENT = '人社局审批科';
const LEARNER = 'user:default/requester1';

let materialId = '';
let materialUrl = '';
let sessionId = '';
let sessionStart = 0;
let pdfSize = 0;
let learnerPage: Page | undefined;
let trainerPage: Page | undefined;

/** A CST wall-clock time with seconds, as a datetime-local field takes it. */
const cst = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);

test('a trainer writes a material; a disguised file is refused and nothing is stored; the PDF is uploaded and submitted', async () => {
  const pdf = await renderPdf({
    title: '电子印章使用指南',
    blocks: [
      { kind: 'heading', text: '一、电子印章的申请' },
      { kind: 'paragraph', text: `经办人员在用印前须输入${PHRASE}，并核对印章状态。` },
      { kind: 'paragraph', text: '本指南适用于经办机构和审批部门的工作人员。' },
    ],
  });
  const pdfFile = path.join(work, '电子印章使用指南.pdf');
  fs.writeFileSync(pdfFile, pdf);
  pdfSize = pdf.length;
  // a Windows program named like a PDF
  const disguised = path.join(work, '课件.pdf');
  fs.writeFileSync(disguised, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]));

  const page = await openSection(browser(), 'trainer1', 'training', 'materials');
  await page.waitForSelector('[data-testid="material-form"]');
  // trainers do not review
  assert.equal(await page.$('[data-testid="review-queue"]'), null);
  // the form says what is missing
  await page.click('[data-testid="material-form-submit"]');
  await page.waitForSelector('[data-testid="audiences-choices"] >> text=请至少选择一个适用对象');
  await page.fill('[data-testid="material-form"] input[name="title"]', TITLE);
  await page.fill('[data-testid="material-form"] textarea[name="description"]', '电子印章申请、核验与使用的操作说明');
  await page.check('[data-testid="audiences-choices"] input[value="agency"]');
  await page.check('[data-testid="audiences-choices"] input[value="approval-department"]');
  await page.check('[data-testid="topics-choices"] input[value="e-seal"]');
  await page.click('[data-testid="material-form-submit"]');
  await page.waitForURL(/\/training\/materials\/[0-9a-f-]{36}$/);
  materialUrl = page.url();
  materialId = materialUrl.slice(materialUrl.lastIndexOf('/') + 1);
  await page.waitForSelector('[data-testid="material-status"][data-status="draft"]');
  await page.waitForSelector('[data-testid="version-no-file"]');

  // The disguised file: the backend's own message, and no file, no version, no upload recorded.
  await page.setInputFiles('[data-testid="upload-input"]', disguised);
  await page.waitForSelector('[data-testid="upload-chosen"]');
  await page.click('[data-testid="upload-submit"]');
  await page.waitForSelector('[data-testid="upload-error"]');
  const refusal = (await page.textContent('[data-testid="upload-error"]')) ?? '';
  assert.match(refusal, /文件内容与扩展名不符/);
  assert.match(refusal, /Windows 可执行程序/);
  await page.reload();
  await page.waitForSelector('[data-testid="version-no-file"]');
  assert.equal(await page.$$eval('[data-testid="version"]', vs => vs.length), 1);
  assert.equal(await page.$('[data-testid="material-event"][data-action="upload"]'), null);

  // The real PDF, then the submission.
  await page.setInputFiles('[data-testid="upload-input"]', pdfFile);
  await page.click('[data-testid="upload-submit"]');
  await page.waitForSelector(`[data-testid="version-file"][data-name="电子印章使用指南.pdf"][data-size="${pdfSize}"]`);
  await page.waitForSelector('[data-testid="material-event"][data-action="upload"]');
  await act(page, 'version-submit', 'submit', { note: '请审核' });
  await page.waitForSelector('[data-testid="material-status"][data-status="in-review"]');
  assert.equal(await page.$('[data-testid="version-approve"]'), null);
  await page.context().close();
});

test('a reviewer previews and approves the version; it is published', async () => {
  const page = await openSection(browser(), 'treview1', 'training', 'materials');
  await page.click(`[data-testid="review-row"][data-id="${materialId}"]`);
  await page.waitForURL(materialUrl);
  await page.waitForSelector('[data-testid="version"][data-state="in-review"] [data-testid="version-file"]');
  await page.click('[data-testid="version-preview"]');
  await page.waitForSelector(`[data-testid="material-preview"][data-type="application/pdf"][data-bytes="${pdfSize}"]`);
  await shot(page, 'training-material-review');
  await act(page, 'version-approve', 'approve', { note: '内容准确，同意发布' });
  await page.waitForSelector('[data-testid="material-status"][data-status="published"]');
  await page.waitForSelector('[data-testid="material-event"][data-action="approve"]');
  await page.context().close();
});

test('a learner finds the material by a phrase of its text, with the phrase highlighted, and opens the preview', async () => {
  const page = await openSection(browser(), 'requester1', 'training', 'library');
  // learners neither write nor review
  const tabs = await page.$$eval('[data-testid^="training-tab-"]', ts => ts.map(t => t.getAttribute('data-testid')));
  assert.deepEqual(tabs, ['training-tab-library', 'training-tab-plans', 'training-tab-sessions', 'training-tab-records']);
  await page.fill('[data-testid="library-search"] input[name="q"]', PHRASE);
  await page.click('[data-testid="library-search-submit"]');
  const hit = `[data-testid="search-hit"][data-material-id="${materialId}"]`;
  await page.waitForSelector(hit);
  assert.equal(await page.getAttribute(hit, 'data-phrase'), 'true');
  const marked = await page.$$eval(`${hit} [data-testid="search-snippet"] [data-testid="search-mark"]`, ms => ms.map(m => m.textContent).join(''));
  assert.ok(marked.includes(PHRASE), `the snippet marks the phrase (${marked})`);
  await shot(page, 'training-library-search');
  await page.click(hit);
  await page.waitForURL(`${URL}/training/library/${materialId}`);
  // The PDF is fetched with the learner's credentials and shown inline through an object URL.
  await page.waitForSelector(`[data-testid="material-preview"][data-type="application/pdf"][data-bytes="${pdfSize}"]`);
  await page.waitForTimeout(500);
  // the portal's CSP lets the PDF show inline (frame-src blob:); a refusal would mark it 'blocked'
  assert.equal(await page.getAttribute('[data-testid="material-preview"]', 'data-state'), 'ready');
  const file = await downloadOf(page, '[data-testid="material-download"]', work, 'downloaded.pdf');
  assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  await page.context().close();
});

test('the manager records the trainer; an unqualified trainer is refused with the backend’s message; ≥3 years and a similar project qualify', async () => {
  const record = async (years: string, projects: string) => {
    const manager = await openSection(browser(), 'tmanager1', 'training', 'plans');
    await manager.waitForSelector('[data-testid="plan-coverage"]');
    await manager.click('[data-testid="trainer-record"]');
    const dialog = '[data-testid="trainer-dialog"]';
    await manager.fill(`${dialog} [name="user"]`, 'trainer1');
    await manager.fill(`${dialog} [name="displayName"]`, '周讲师');
    await manager.fill(`${dialog} [name="years"]`, years);
    await manager.fill(`${dialog} [name="projects"]`, projects);
    await manager.fill(`${dialog} [name="evidence"]`, '项目验收报告及客户证明');
    await manager.waitForSelector(`[data-testid="trainer-check-preview"] [data-qualified="${years === '5' ? 'true' : 'false'}"]`);
    await confirm(manager, 'trainer');
    return manager;
  };
  const first = await record('2', '');
  await first.waitForSelector('[data-testid="trainer-row"][data-user="user:default/trainer1"][data-qualified="false"]');
  assert.match((await first.textContent('[data-testid="trainer-row"][data-user="user:default/trainer1"]')) ?? '', /从业经验不少于 3 年/);
  await first.context().close();

  const trainer = await openSection(browser(), 'trainer1', 'training', 'sessions');
  await trainer.click('[data-testid="session-new"]');
  await trainer.waitForSelector('[data-testid="session-trainer-check"] [data-qualified="false"]');
  await trainer.fill('[data-testid="session-form"] input[name="title"]', SESSION_TITLE);
  await trainer.selectOption('[data-testid="session-form"] select[name="topic"]', 'e-seal');
  await trainer.fill('[data-testid="session-form"] input[name="place"]', '三楼培训室');
  await trainer.click('[data-testid="session-form-submit"]');
  await trainer.waitForSelector('[data-testid="session-form-error"]');
  assert.match((await trainer.textContent('[data-testid="session-form-error"]')) ?? '', /不符合合同要求.*从业经验不少于 3 年（现为 2 年）/);
  await trainer.context().close();

  const second = await record('5', '某省电子印章平台推广培训｜某省人社厅｜2023｜主讲');
  await second.waitForSelector('[data-testid="trainer-row"][data-user="user:default/trainer1"][data-qualified="true"]');
  await second.context().close();
});

test('the trainer schedules an online session starting in a minute; the learner sees it announced, enrols (now full) and checks in', async () => {
  // The learner watches the sessions while the trainer schedules one.
  const learner = await signIn(browser(), 'requester1');
  learnerPage = learner;
  await learner.goto(`${URL}/training/sessions`);
  await learner.waitForSelector('[data-testid="training-news-live"][data-live="true"]', { state: 'attached' });

  const trainer = await openSection(browser(), 'trainer1', 'training', 'sessions');
  trainerPage = trainer;
  await trainer.click('[data-testid="session-new"]');
  const form = '[data-testid="session-form"]';
  await trainer.waitForSelector(`${form} [data-testid="session-trainer-check"] [data-qualified="true"]`);
  await trainer.fill(`${form} input[name="title"]`, SESSION_TITLE);
  await trainer.selectOption(`${form} select[name="topic"]`, 'e-seal');
  await trainer.selectOption(`${form} select[name="audience"]`, 'approval-department');
  await trainer.selectOption(`${form} select[name="mode"]`, 'online');
  await trainer.fill(`${form} input[name="onlineUrl"]`, 'https://meeting.example.cn/yinxin-training');
  await trainer.fill(`${form} input[name="capacity"]`, '1');
  sessionStart = Math.ceil((Date.now() + 50_000) / 1000) * 1000;
  await trainer.fill(`${form} input[name="startsAt"]`, cst(sessionStart));
  await trainer.fill(`${form} input[name="endsAt"]`, cst(sessionStart + 3_600_000));
  await trainer.click('[data-testid="session-form-submit"]');
  await trainer.waitForURL(/\/training\/sessions\/[0-9a-f-]{36}$/);
  sessionId = trainer.url().slice(trainer.url().lastIndexOf('/') + 1);
  await trainer.waitForSelector('[data-testid="session-phase"][data-status="check-in-open"]');

  // announced live in training:news
  await learner.waitForSelector(`[data-testid="training-news"][data-kind="session-scheduled"]:has-text("${SESSION_TITLE}")`);
  await learner.waitForSelector(`[data-testid="session-row"][data-id="${sessionId}"]`);
  await learner.click('[data-testid="training-news-open"]');
  await learner.waitForURL(`${URL}/training/sessions/${sessionId}`);
  await act(learner, 'session-enrol', 'enrol', { department: DEPARTMENT });
  await learner.waitForSelector('[data-testid="session-me"][data-enrolled="true"]');
  // the only seat is taken
  await learner.waitForSelector('[data-testid="session-full"]');
  await learner.click('[data-testid="session-check-in"]');
  await learner.waitForSelector('[data-testid="session-me"][data-attended="true"]');
  assert.ok(Date.now() < sessionStart, 'enrolled before the start');
  await shot(learner, 'training-session-checkin');
});

test('the trainer ends the session; the learner gives feedback and downloads the certificate', async () => {
  const trainer = trainerPage!;
  await trainer.reload();
  await trainer.waitForSelector(`[data-testid="enrolment-row"][data-learner="${LEARNER}"][data-attended="true"]`);
  // the session can be ended once it has started
  await new Promise(r => setTimeout(r, Math.max(0, sessionStart - Date.now() + 1_000)));
  await trainer.waitForSelector('[data-testid="session-end"]', { timeout: 20_000 });
  await act(trainer, 'session-end', 'end');
  await trainer.waitForSelector('[data-testid="session-phase"][data-status="ended"]');
  await trainer.context().close();

  const learner = learnerPage!;
  await learner.reload();
  await learner.waitForSelector('[data-testid="session-phase"][data-status="ended"]');
  await learner.click('[data-testid="session-feedback"]');
  await learner.selectOption('[data-testid="feedback-dialog"] select[name="trainer"]', '4');
  await learner.fill('[data-testid="feedback-dialog"] [name="comment"]', '讲解清楚，操作演示很实用');
  await confirm(learner, 'feedback');
  await learner.waitForSelector('[data-testid="session-me"][data-feedback="true"]');
  const certificate = await downloadOf(learner, '[data-testid="session-certificate"]', work, 'certificate.pdf');
  assert.equal(fs.readFileSync(certificate).subarray(0, 5).toString(), '%PDF-');
  await learner.waitForSelector('[data-testid="session-certificate-serial"]');
  assert.match((await learner.textContent('[data-testid="session-certificate-serial"]')) ?? '', /^PX\d{4}-[0-9A-F]{16}$/);
  await learner.context().close();
});

test('the manager’s records show the completion per department, with feedback scores and exports', async () => {
  const page = await openSection(browser(), 'tmanager1', 'training', 'records');
  await page.waitForSelector(`[data-testid="completion-row"][data-learner="${LEARNER}"][data-session="${sessionId}"][data-completed="true"]`);
  await page.waitForSelector(`[data-testid="department-row"][data-department="${DEPARTMENT}"]`);
  await page.waitForSelector('[data-testid="coverage-chart"] rect[data-series="trained"]');
  await page.waitForSelector('[data-testid="feedback-row"]');
  await shot(page, 'training-records');
  const csv = fs.readFileSync(await downloadOf(page, '[data-testid="export-completions-csv"]', work, 'completions.csv'));
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a BOM');
  assert.ok(csv.toString('utf8').includes(SESSION_TITLE));
  const pdf = fs.readFileSync(await downloadOf(page, '[data-testid="export-coverage-pdf"]', work, 'coverage.pdf'));
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await page.context().close();
});
