/* The soft token's file: atomic writes (mode 0600) and a lock file that serialises changes. */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { TokenError } from './errors';

/** How long an operation waits for another process's lock. */
const LOCK_WAIT_MS = 15_000;
/** A lock older than this is left over from a crashed process. */
const LOCK_STALE_MS = 120_000;

/**
 * Writes `text` to `file` atomically: a new 0600 file next to it, fsync, rename over the old
 * one, fsync of the directory. Readers see the old or the new content, never a mixture.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await fsp.open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(text, 'utf8');
    await fh.chmod(0o600);
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
  try {
    const d = await fsp.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // directories cannot be opened for fsync on every platform; the rename is still atomic
  }
}

/**
 * Runs `fn` holding the token's lock file (`<file>.lock`, created exclusively), so that two
 * processes cannot both spend the same PIN try or both answer the same challenge.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      const fh = await fsp.open(lock, 'wx', 0o600);
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = await fsp.stat(lock).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > LOCK_STALE_MS) {
        await fsp.rm(lock, { force: true });
        continue;
      }
      if (Date.now() - started > LOCK_WAIT_MS) {
        throw new TokenError('TOKEN_BUSY', `The token is in use by another process (lock file ${lock})`);
      }
      await new Promise(r => setTimeout(r, 25 + Math.floor(Math.random() * 50)));
    }
  }
  try {
    return await fn();
  } finally {
    await fsp.rm(lock, { force: true });
  }
}
