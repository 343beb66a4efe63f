#!/usr/bin/env node
/*
 * yinxin-audit-verify: verifies the hash-chained audit logs of plugin
 * databases. Run with --help for usage. Exit code 0 all chains intact,
 * 1 any chain broken or unreadable, 2 usage error.
 *
 * In the repository it runs the TypeScript source through Backstage's node
 * transform (the same one `backstage-cli package start` uses); in a built
 * package it uses the compiled entry point.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function load() {
  const source = path.resolve(__dirname, '../src/audit/cli.ts');
  if (fs.existsSync(source)) {
    require('@backstage/cli/config/nodeTransform.cjs');
    return require(source);
  }
  return require('..');
}

let runAuditVerifyCli;
try {
  ({ runAuditVerifyCli } = load());
} catch (error) {
  process.stderr.write(
    `yinxin-audit-verify: cannot load: ${error.stack || error}\n`,
  );
  process.exit(2);
}
if (typeof runAuditVerifyCli !== 'function') {
  process.stderr.write(
    'yinxin-audit-verify: runAuditVerifyCli is not exported by this build\n',
  );
  process.exit(2);
}

runAuditVerifyCli(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`yinxin-audit-verify: ${error.stack || error}\n`);
    process.exitCode = 1;
  },
);
