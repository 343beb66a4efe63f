// After the journeys: the audit chains written by the running portal verify offline with the
// verifier command, and editing one audit row makes the verifier name that row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
const data = process.env.YINXIN_E2E_DATA ?? path.join(root, '.data/e2e');
const cli = path.join(root, 'packages/ops-node/bin/audit-verify.js');

test('every chain written during the journeys verifies with yinxin-audit-verify', () => {
  const out = execFileSync(process.execPath, [cli, '--all-sqlite', data], { cwd: root, encoding: 'utf8' });
  assert.match(out, /^OK tickets \d+ records/m);
  assert.match(out, /^OK auth \d+ records/m);
  assert.doesNotMatch(out, /BROKEN|ERROR/);
});

test('editing one audit row makes the verifier name it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yinxin-audit-'));
  const copy = path.join(dir, 'tickets.sqlite');
  for (const suffix of ['', '-wal', '-shm']) {
    const source = path.join(data, `tickets.sqlite${suffix}`);
    if (fs.existsSync(source)) fs.copyFileSync(source, `${copy}${suffix}`);
  }
  // Tamper with the third record using SQLite itself (better-sqlite3 from the workspace).
  execFileSync(
    process.execPath,
    [
      '-e',
      `const D=require('better-sqlite3');const db=new D(process.argv[1]);` +
        `db.prepare("update audit_log set details='{\\"forged\\":true}' where seq=3").run();db.close();`,
      copy,
    ],
    { cwd: path.join(root, 'packages/backend') },
  );
  const r = spawnSync(process.execPath, [cli, '--client', 'better-sqlite3', '--connection', copy, '--name', 'tickets'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /BROKEN tickets first broken record seq=3 \(hash-mismatch\)/);
});
