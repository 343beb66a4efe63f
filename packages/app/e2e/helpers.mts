// Shared helpers of the end-to-end journeys: Debian's chromium through playwright-core.
import { after, before } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const URL = process.env.YINXIN_URL ?? 'http://localhost:7017';

export const USERS = {
  admin: 'Admin-Passw0rd!',
  agent1: 'Agent1-Passw0rd!',
  agent2: 'Agent2-Passw0rd!',
  lead1: 'Lead1-Passw0rd!',
  engineer1: 'Engineer1-Passw0rd!',
  engineer2: 'Engineer2-Passw0rd!',
  engineer3: 'Engineer3-Passw0rd!',
  pm1: 'Pm1-Passw0rd!',
  treview1: 'Treview1-Passw0rd!',
  tmanager1: 'Tmanager1-Passw0rd!',
  requester1: 'Requester1-Passw0rd!',
  trainer1: 'Trainer1-Passw0rd!',
  auditor1: 'Auditor1-Passw0rd!',
  raentry1: 'Raentry1-Passw0rd!',
  sealadmin1: 'Sealadmin1-Passw0rd!',
  sealreview1: 'Sealreview1-Passw0rd!',
  sealuser1: 'Sealuser1-Passw0rd!',
  sealuser2: 'Sealuser2-Passw0rd!',
  rareview1: 'Rareview1-Passw0rd!',
  rareview2: 'Rareview2-Passw0rd!',
  raissue1: 'Raissue1-Passw0rd!',
  caadmin1: 'Caadmin1-Passw0rd!',
  kmc1: 'Kmc1-Passw0rd!',
  kmc2: 'Kmc2-Passw0rd!',
  kmc3: 'Kmc3-Passw0rd!',
} as const;

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The browser of a journey: launched before its tests, closed after them, when the journey's
 * scratch folder `dir` (if any) is removed too. Call it at the top of the test file.
 */
export function journeyBrowser(dir?: string): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => browser!;
}

/** Opens a fresh browser context and signs in as `user`. */
export async function signIn(browser: Browser, user: keyof typeof USERS): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(URL);
  await page.fill('input[name="username"]', user);
  await page.fill('input[name="password"]', USERS[user]);
  await page.click('[data-testid="sign-in-submit"]');
  await page.waitForURL(/\/tickets/);
  return page;
}

/**
 * Saves a screenshot: under .data/screenshots/ on every run, and into docs/screenshots/ (the
 * committed ones) when YINXIN_UPDATE_SCREENSHOTS=1.
 */
export async function shot(page: Page, name: string) {
  await page.evaluate(() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; }));
  const dir = process.env.YINXIN_UPDATE_SCREENSHOTS === '1' ? '../../../docs/screenshots/' : '../../../.data/screenshots/';
  const file = new globalThis.URL(`${dir}${name}.png`, import.meta.url).pathname;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
}

/** Signs in and opens a section of a plugin's page (`/ca/kmc`), waiting for its tab. */
export async function openSection(browser: Browser, user: keyof typeof USERS, plugin: string, section: string): Promise<Page> {
  const page = await signIn(browser, user);
  await page.goto(`${URL}/${plugin}/${section}`);
  await page.waitForSelector(`[data-testid="${plugin}-tab-${section.split('/')[0]}"]`);
  return page;
}

/** Clicks an action dialog's confirm button and waits for the dialog to close. */
export async function confirm(page: Page, testId: string) {
  await page.click(`[data-testid="${testId}-confirm"]`);
  await page.waitForSelector(`[data-testid="${testId}-dialog"]`, { state: 'detached' });
}

/** Clicks an action's button, fills its dialog's text fields (by name) and confirms. */
export async function act(page: Page, button: string, dialog: string, fields: Record<string, string> = {}) {
  await page.click(`[data-testid="${button}"]`);
  for (const [name, value] of Object.entries(fields)) await page.fill(`[data-testid="${dialog}-dialog"] [name="${name}"]`, value);
  await confirm(page, dialog);
}

/** Saves what a click downloads into `dir` as `name`; returns the file's path. */
export async function downloadOf(page: Page, selector: string, dir: string, name: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(dir, name);
  await download.saveAs(file);
  return file;
}
