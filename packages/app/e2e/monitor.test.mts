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
  await lead.waitForSelector('[data-testid="no-alerts"]');
  await stopService();
  await lead.context().close();
  await engineer.context().close();
});
