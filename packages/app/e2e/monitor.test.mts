// Journey of the monitor, in Debian's chromium against the running portal: a support lead watches
// the status wall while an operations engineer runs probe rounds; a small web service started by
// the test comes up and goes down, and the lead's wall follows live (socket.io), without reloading;
// the down target raises an alert the engineer acknowledges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { Page } from 'playwright-core';
import { journeyBrowser, shot, signIn, URL } from './helpers.mts';

const browser = journeyBrowser();
let service: http.Server | undefined;

async function startService() {
  service = http.createServer((_req, res) => res.end('healthy'));
  await new Promise<void>(r => service!.listen(7019, '127.0.0.1', () => r()));
}
async function stopService() {
  await new Promise<void>(r => (service ? service.close(() => r()) : r()));
  service = undefined;
}

async function openWall(user: 'engineer1' | 'lead1'): Promise<Page> {
  const page = await signIn(browser(), user);
  await page.goto(`${URL}/monitor`);
  await page.waitForSelector('[data-testid="monitor-live"][data-live="true"]');
  await page.waitForSelector('[data-testid="target-demo-web"]');
  return page;
}

test('the status wall follows a probe change live, and the engineer acknowledges the alert', async () => {
  const lead = await openWall('lead1');
  const engineer = await openWall('engineer1');
  // a read-only role sees no run or acknowledge buttons
  assert.equal(await lead.$('[data-testid="monitor-run"]'), null);

  await startService();
  await engineer.click('[data-testid="monitor-run"]');
  await lead.waitForSelector('[data-testid="target-demo-web"][data-status="up"]');
  assert.match((await lead.textContent('[data-testid="target-demo-web"]')) ?? '', /正常/);

  await stopService();
  const url = lead.url();
  await engineer.click('[data-testid="monitor-run"]');
  // the lead's page was not reloaded: the change arrived over the realtime room
  await lead.waitForSelector('[data-testid="target-demo-web"][data-status="down"]');
  assert.equal(lead.url(), url);
  assert.match((await lead.textContent('[data-testid="target-demo-web"]')) ?? '', /故障/);
  await lead.waitForSelector('[data-testid="alert-down-demo-web"][data-state="pending"]');
  await shot(lead, 'monitor-wall');

  await engineer.waitForSelector('[data-testid="ack-down-demo-web"]');
  await engineer.click('[data-testid="ack-down-demo-web"]');
  await engineer.waitForSelector('[data-testid="alert-down-demo-web"] >> text=user:default/engineer1');

  // back up: the wall turns green again and the alert is cancelled (it never fired)
  await startService();
  await engineer.click('[data-testid="monitor-run"]');
  await lead.waitForSelector('[data-testid="target-demo-web"][data-status="up"]');
  // (the portal's own services are watched too: wait for this alert only)
  await lead.waitForSelector('[data-testid="alert-down-demo-web"]', { state: 'detached' });
  await stopService();
  await lead.context().close();
  await engineer.context().close();
});

test('a target’s page: its chart, a maintenance window the engineer sets and ends, availability and the certificate calendar', async () => {
  const engineer = await openWall('engineer1');
  // the portal's own services are watched without configuration (the CA's health report)
  await engineer.waitForSelector('[data-testid="target-ca-api"][data-status="up"]');
  await engineer.waitForSelector('[data-testid="target-tsa-sm2"][data-status="up"]');
  await engineer.click('[data-testid="open-target-demo-web"]');
  await engineer.waitForSelector('[data-testid="target-detail"][data-target="demo-web"]');
  await engineer.waitForSelector('[data-testid="latency-chart"]');
  await engineer.waitForSelector('[data-testid="up-strip"]');
  await shot(engineer, 'monitor-target');
  // a maintenance window for this target
  await engineer.click('[data-testid="target-maintenance"]');
  await engineer.waitForSelector('[data-testid="silence-dialog"]');
  await engineer.fill('[data-testid="silence-dialog"] [name="reason"]', '演示网站升级维护');
  await engineer.click('[data-testid="silence-confirm"]');
  await engineer.waitForSelector('[data-testid="silence-dialog"]', { state: 'detached' });
  await engineer.click('[data-testid="monitor-tab-silences"]');
  const row = await engineer.waitForSelector('[data-testid="silences"] [data-kind="maintenance"][data-state="active"]');
  const rowId = (await row.getAttribute('data-testid'))!.replace('silence-', '');
  assert.match((await row.textContent()) ?? '', /演示网站升级维护/);
  await shot(engineer, 'monitor-silences');
  await engineer.click(`[data-testid="cancel-silence-${rowId}"]`);
  await engineer.click('[data-testid="cancel-silence-confirm"]');
  await engineer.waitForSelector(`[data-testid="silence-${rowId}"]`, { state: 'detached' });
  // availability this month: the demo web service went down in the first journey
  await engineer.click('[data-testid="monitor-tab-availability"]');
  await engineer.waitForSelector('[data-testid="availability-row-demo-web"]');
  await engineer.waitForSelector('[data-testid="availability-row-ca-api"][data-met="true"]');
  await shot(engineer, 'monitor-availability');
  // the certificate calendar lists the CA's service certificates
  await engineer.click('[data-testid="monitor-tab-certificates"]');
  await engineer.waitForSelector('[data-testid="cert-cert-tsa-sm2"]');
  await engineer.waitForSelector('[data-testid="expiry-strip"]');
  await shot(engineer, 'monitor-certificates');
  // the history finds the demo web alert by a word of its message
  await engineer.click('[data-testid="monitor-tab-history"]');
  await engineer.fill('[data-testid="history-filter"] [name="target"]', 'demo-web').catch(() => engineer.selectOption('[data-testid="history-filter"] [name="target"]', 'demo-web'));
  await engineer.click('[data-testid="history-search"]');
  await engineer.waitForSelector('[data-testid="history"] [data-type="pending"]');
  await engineer.context().close();
});

