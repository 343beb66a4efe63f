import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec, ExecResult } from './exec';

/** The GM/T 0009 default SM2 user ID; OpenSSL 3.0 uses an empty ID unless told. */
export const SM2_DEFAULT_ID = '1234567812345678';

/**
 * Runs `openssl` with `args` (no shell), feeding `stdin`. Throws when openssl is not installed;
 * a failing command resolves with its exit code.
 */
export async function runOpenssl(
  args: string[],
  stdin?: string | Uint8Array,
  opts: { cwd?: string } = {},
): Promise<ExecResult> {
  const r = await exec('openssl', args, { stdin, cwd: opts.cwd });
  if (r.code === 127)
    throw new Error('openssl not found: install openssl — .ci/run does this');
  return r;
}

/**
 * `openssl verify` of `certPem` against the trusted `caPem`, with `untrustedPem` as
 * intermediates and `crlPem` for `-crl_check` (the leaf's revocation).
 *
 * `sm2: true` adds `-partial_chain -vfyopt distid:1234567812345678`: OpenSSL 3.0 applies the
 * distinguishing ID to the certificate under test only, so it can check SM2 one link at a time
 * (`caPem` = the direct issuer), never a whole SM2 chain.
 */
export async function opensslVerify(a: {
  caPem: string;
  certPem: string;
  untrustedPem?: string;
  sm2?: boolean;
  crlPem?: string;
}): Promise<{ ok: boolean; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'yinxin-ossl-'));
  try {
    writeFileSync(join(cwd, 'ca.pem'), a.caPem);
    writeFileSync(join(cwd, 'cert.pem'), a.certPem);
    const args = ['verify', '-CAfile', 'ca.pem'];
    if (a.untrustedPem) {
      writeFileSync(join(cwd, 'untrusted.pem'), a.untrustedPem);
      args.push('-untrusted', 'untrusted.pem');
    }
    if (a.crlPem) {
      writeFileSync(join(cwd, 'crl.pem'), a.crlPem);
      args.push('-CRLfile', 'crl.pem', '-crl_check');
    }
    if (a.sm2)
      args.push('-partial_chain', '-vfyopt', `distid:${SM2_DEFAULT_ID}`);
    args.push('cert.pem');
    const r = await runOpenssl(args, undefined, { cwd });
    return {
      ok: r.code === 0 && /^cert\.pem: OK$/m.test(r.stdout),
      output: (r.stdout + r.stderr).trim(),
    };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
