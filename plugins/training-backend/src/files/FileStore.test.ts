import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { FileStore, TooLargeError } from './FileStore';

/** Every temporary directory of this file, removed at the end. */
const parent = mkdtempSync(join(tmpdir(), 'yinxin-training-unit-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const fresh = async () => {
  const store = new FileStore(mkdtempSync(join(parent, 'store-')));
  await store.init();
  return store;
};
const body = (chunks: Buffer[], headers: Record<string, string> = {}) => Object.assign(Readable.from(chunks), { headers });

describe('FileStore', () => {
  it('streams a body to a temporary file with its SHA-256 and head, then commits it', async () => {
    const store = await fresh();
    const data = Buffer.from('%PDF-1.4 训练资料'.repeat(1000));
    const r = await store.receive(body([data.subarray(0, 7), data.subarray(7, 5000), data.subarray(5000)]), 1_000_000);
    expect(r.size).toBe(data.length);
    expect(r.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(r.head.equals(data.subarray(0, 4096))).toBe(true);
    const key = store.newKey();
    await store.commit(r.tmpPath, key);
    expect(readFileSync(store.pathOf(key)).equals(data)).toBe(true);
    expect(await store.listAll()).toEqual([`files/${key}`]);
  });

  it('hashes any split of any body exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 6 }), async parts => {
        const store = await fresh();
        const chunks = parts.map(p => Buffer.from(p));
        const all = Buffer.concat(chunks);
        const r = await store.receive(body(chunks), 1_000_000);
        expect([r.size, r.sha256]).toEqual([all.length, createHash('sha256').update(all).digest('hex')]);
        expect(r.head.equals(all.subarray(0, 4096))).toBe(true);
        await store.discard(r.tmpPath);
        expect(await store.listAll()).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a declared or streamed body over the limit and leaves nothing', async () => {
    const store = await fresh();
    await expect(store.receive(body([Buffer.alloc(10)], { 'content-length': '101' }), 100)).rejects.toBeInstanceOf(TooLargeError);
    await expect(store.receive(body([Buffer.alloc(60), Buffer.alloc(60)]), 100)).rejects.toBeInstanceOf(TooLargeError);
    expect(await store.listAll()).toEqual([]);
    const exact = await store.receive(body([Buffer.alloc(100)]), 100);
    expect(exact.size).toBe(100);
  });

  it('removes the partial file of an aborted upload', async () => {
    const store = await fresh();
    const stream = Object.assign(new PassThrough(), { headers: {} });
    const pending = store.receive(stream, 1_000_000);
    stream.write(Buffer.alloc(1000));
    await new Promise(r => setTimeout(r, 20));
    stream.destroy();
    await expect(pending).rejects.toThrow('upload aborted');
    expect(await store.listAll()).toEqual([]);
  });

  it('removes stale partial uploads at start, keeping recent ones', async () => {
    const store = await fresh();
    const old = join(store.root, 'tmp', 'old.part');
    const recent = join(store.root, 'tmp', 'recent.part');
    writeFileSync(old, 'x');
    writeFileSync(recent, 'y');
    utimesSync(old, new Date(Date.now() - 2 * 3_600_000), new Date(Date.now() - 2 * 3_600_000));
    expect(await store.init()).toBe(1);
    expect(await store.listAll()).toEqual(['tmp/recent.part']);
  });

  it('accepts only its own keys as file names', async () => {
    const store = await fresh();
    expect(() => store.pathOf('../../etc/passwd')).toThrow('bad storage key');
    expect(() => store.previewPathOf('x')).toThrow('bad storage key');
  });
});
