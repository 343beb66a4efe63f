import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Test helper (not exported from the package): the DER of the first PEM block of a file. */
export function pemToDer(pem: string | Buffer, type = 'CERTIFICATE'): Buffer {
  const m = new RegExp(
    `-----BEGIN ${type}-----([\\s\\S]+?)-----END ${type}-----`,
  ).exec(pem.toString('latin1'));
  if (!m) throw new Error(`no ${type} PEM block`);
  return Buffer.from(m[1].replace(/\s/g, ''), 'base64');
}

export function derToPem(der: Uint8Array, type = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${type}-----\n${b64}\n-----END ${type}-----\n`;
}

/** A fresh directory, removed by the returned cleanup. */
export function scratchDir(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `yinxin-${prefix}-`));
  return {
    dir,
    read: (f: string) => readFileSync(join(dir, f), 'utf8'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
