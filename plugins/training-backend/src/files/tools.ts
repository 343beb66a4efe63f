import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/**
 * The path of the first of `names` that is an executable file on `PATH`, or `configured` when it
 * is given and executable; undefined when none is found.
 */
export function findExecutable(names: readonly string[], configured?: string, pathVar = process.env.PATH ?? ''): string | undefined {
  const executable = (p: string) => {
    try {
      accessSync(p, constants.X_OK);
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (configured) {
    if (isAbsolute(configured)) return executable(configured) ? configured : undefined;
    names = [configured];
  }
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const p = join(dir, name);
      if (executable(p)) return p;
    }
  }
  return undefined;
}

/** What {@link runBounded} reports. */
export interface BoundedRun {
  /** exit code, or null when killed */
  code: number | null;
  stdout: Buffer;
  /** the first few kilobytes of stderr */
  stderr: string;
  /** stdout reached `maxOutput` and the process was stopped */
  truncated: boolean;
  /** the process ran out of time and was killed */
  timedOut: boolean;
}

/**
 * Runs a program without a shell, keeping at most `maxOutput` bytes of its output (it is killed
 * when it writes more) and killing it after `timeoutMs`.
 * @throws the spawn error (ENOENT when the program is missing)
 */
export function runBounded(
  command: string,
  args: readonly string[],
  options: { timeoutMs: number; maxOutput: number; cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<BoundedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    let stderr = '';
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      const room = options.maxOutput - size;
      if (chunk.length >= room) {
        chunks.push(chunk.subarray(0, room));
        size += room;
        truncated = true;
        child.kill('SIGKILL');
      } else {
        chunks.push(chunk);
        size += chunk.length;
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString('utf8').slice(0, 4096 - stderr.length);
    });
    child.on('error', err => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(chunks), stderr, truncated, timedOut });
    });
  });
}
