import { spawn } from 'node:child_process';

/** Result of one external command. */
export interface ExecResult {
  /** Exit code; 127 when the program is not installed. */
  code: number;
  stdout: string;
  /** stdout as bytes (for DER output). */
  stdoutBytes: Buffer;
  stderr: string;
}

/** Runs a program without a shell; never rejects (a missing program gives code 127). */
export function exec(
  cmd: string,
  args: string[],
  opts: { cwd?: string; stdin?: string | Uint8Array; timeoutMs?: number } = {},
): Promise<ExecResult> {
  return new Promise(resolve => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: Error | undefined;
    const timer = setTimeout(
      () => child.kill('SIGKILL'),
      opts.timeoutMs ?? 120_000,
    );
    child.stdout.on('data', b => out.push(b));
    child.stderr.on('data', b => err.push(b));
    child.on('error', e => {
      spawnError = e;
    });
    child.stdin.on('error', () => {}); // the program may exit without reading stdin
    child.stdin.end(opts.stdin ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      let stderr = Buffer.concat(err).toString('utf8');
      if (spawnError) stderr += String(spawnError.message);
      if (signal) stderr += `\nkilled by ${signal}`;
      const notFound =
        (spawnError as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      resolve({
        code: notFound ? 127 : code ?? 128,
        stdout: stdoutBytes.toString('utf8'),
        stdoutBytes,
        stderr,
      });
    });
  });
}
