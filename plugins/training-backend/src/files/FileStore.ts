import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { SNIFF_HEAD_BYTES } from './sniff';

/** An upload received into a temporary file. */
export interface ReceivedFile {
  /** the temporary file; {@link FileStore.commit} moves it, {@link FileStore.discard} removes it */
  tmpPath: string;
  size: number;
  /** SHA-256, lower-case hex */
  sha256: string;
  /** the first {@link SNIFF_HEAD_BYTES} bytes */
  head: Buffer;
}

/** Thrown by {@link FileStore.receive} when the body exceeds the limit. */
export class TooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The plugin's files on disk, under one directory:
 * - `files/<key>`: stored material files, named by a random key kept in the database;
 * - `tmp/<uuid>.part`: uploads being received (moved into `files/` when their row commits,
 *   removed when refused; left-overs of a crash are removed at start);
 * - `previews/<key>.pdf`: office files converted to PDF, made on first preview.
 */
export class FileStore {
  constructor(readonly root: string) {}

  private get files() {
    return join(this.root, 'files');
  }
  private get tmp() {
    return join(this.root, 'tmp');
  }
  private get previews() {
    return join(this.root, 'previews');
  }

  /** Creates the directories and removes temporary files older than `staleMs`. */
  async init(now = Date.now(), staleMs = 3_600_000): Promise<number> {
    await mkdir(this.files, { recursive: true, mode: 0o700 });
    await mkdir(this.tmp, { recursive: true, mode: 0o700 });
    await mkdir(this.previews, { recursive: true, mode: 0o700 });
    let removed = 0;
    for (const name of await readdir(this.tmp)) {
      const p = join(this.tmp, name);
      const s = await stat(p).catch(() => undefined);
      if (s && now - s.mtimeMs > staleMs) {
        await rm(p, { recursive: true, force: true });
        removed++;
      }
    }
    return removed;
  }

  /** A new random key for a stored file. */
  newKey(): string {
    return randomUUID();
  }

  /** The path of a stored file. */
  pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`bad storage key ${key}`);
    return join(this.files, key);
  }

  /** The path of the PDF preview of a stored file. */
  previewPathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`bad storage key ${key}`);
    return join(this.previews, `${key}.pdf`);
  }

  /** A fresh directory under `tmp/` for a conversion (the caller removes it). */
  async workDir(): Promise<string> {
    const dir = join(this.tmp, `${randomUUID()}.work`);
    await mkdir(dir, { mode: 0o700 });
    return dir;
  }

  /**
   * Streams a request body into a temporary file, hashing it on the way, never holding more than
   * one chunk in memory. Refuses with {@link TooLargeError} as soon as the declared length or the
   * bytes received exceed `limit`; the partial file is removed and the rest of the body drained
   * (not stored) so that the client reads the refusal.
   */
  receive(body: Readable & { headers?: Record<string, string | string[] | undefined> }, limit: number): Promise<ReceivedFile> {
    const declared = Number(body.headers?.['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      body.resume();
      return Promise.reject(new TooLargeError(limit));
    }
    const tmpPath = join(this.tmp, `${randomUUID()}.part`);
    return new Promise<ReceivedFile>((resolve, reject) => {
      const out = createWriteStream(tmpPath, { flags: 'wx', mode: 0o600 });
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      let ended = false;
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        body.off('data', onData);
        body.resume();
        out.destroy();
        rm(tmpPath, { force: true }).then(
          () => reject(err),
          () => reject(err),
        );
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          fail(new TooLargeError(limit));
          return;
        }
        hash.update(chunk);
        if (headLength < SNIFF_HEAD_BYTES) {
          const part = chunk.subarray(0, SNIFF_HEAD_BYTES - headLength);
          head.push(Buffer.from(part));
          headLength += part.length;
        }
        if (!out.write(chunk)) {
          body.pause();
          out.once('drain', () => {
            if (!failed) body.resume();
          });
        }
      };
      body.on('data', onData);
      body.on('end', () => {
        ended = true;
        if (!failed) out.end();
      });
      body.on('error', fail);
      body.on('close', () => {
        if (!ended) fail(new Error('upload aborted'));
      });
      out.on('error', fail);
      out.on('close', () => {
        if (failed || !ended) return;
        resolve({ tmpPath, size, sha256: hash.digest('hex'), head: Buffer.concat(head) });
      });
    });
  }

  /** Moves a received file to its place under `files/`. */
  async commit(tmpPath: string, key: string): Promise<void> {
    await rename(tmpPath, this.pathOf(key));
  }

  /** Removes a temporary file or directory (never throws). */
  async discard(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Removes a stored file and its preview (never throws). */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true }).catch(() => undefined);
    await rm(this.previewPathOf(key), { force: true }).catch(() => undefined);
  }

  /** A stream of bytes `start`–`end` (inclusive) of a stored file. */
  read(key: string, range?: { start: number; end: number }): Readable {
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  /** Every path under the root, relative to it (for tests and checks). */
  async listAll(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, prefix: string) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        const rel = prefix ? `${prefix}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(join(dir, e.name), rel);
        else out.push(rel);
      }
    };
    await walk(this.root, '');
    return out.sort();
  }
}
