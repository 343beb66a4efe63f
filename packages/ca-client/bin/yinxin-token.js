#!/usr/bin/env node
/*
 * yinxin-token: the reference client of the yinxin CA — a file-based SM2 soft token (modelled on
 * a GM/T 0016 USB key), enrolment and PIN unlock. Run with --help for usage.
 * Exit code 0 ok, 1 failure, 2 usage error.
 *
 * In the repository it runs the TypeScript source through Backstage's node transform (the same
 * one `backstage-cli package start` uses); in a built package it uses the compiled entry point.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function load() {
  const source = path.resolve(__dirname, '../src/cli.ts');
  if (fs.existsSync(source)) {
    require('@backstage/cli/config/nodeTransform.cjs');
    return require(source);
  }
  return require('..');
}

let runTokenCli;
try {
  ({ runTokenCli } = load());
} catch (error) {
  process.stderr.write(`yinxin-token: cannot load: ${error.stack || error}\n`);
  process.exit(2);
}
if (typeof runTokenCli !== 'function') {
  process.stderr.write('yinxin-token: runTokenCli is not exported by this build\n');
  process.exit(2);
}

runTokenCli(process.argv.slice(2)).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(`yinxin-token: ${error && error.message ? error.message : error}\n`);
    process.exitCode = 1;
  },
);
