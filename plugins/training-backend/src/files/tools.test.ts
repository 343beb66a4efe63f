import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, runBounded } from './tools';

/** Every temporary directory of this file, removed at the end. */
const parent = mkdtempSync(join(tmpdir(), 'yinxin-training-unit-'));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('external tools', () => {
  it('finds executables on PATH or as configured', () => {
    const dir = mkdtempSync(join(parent, 'tools-'));
    const exe = join(dir, 'mytool');
    writeFileSync(exe, '#!/bin/sh\necho hi\n');
    chmodSync(exe, 0o755);
    writeFileSync(join(dir, 'notexec'), 'x');
    expect(findExecutable(['nothere', 'mytool'], undefined, `/nonexistent:${dir}`)).toBe(exe);
    expect(findExecutable(['notexec'], undefined, dir)).toBeUndefined();
    expect(findExecutable(['x'], exe)).toBe(exe);
    expect(findExecutable(['x'], '/nonexistent/soffice')).toBeUndefined();
    expect(findExecutable(['x'], 'mytool', dir)).toBe(exe);
  });

  it('keeps at most maxOutput bytes and stops the program', async () => {
    const r = await runBounded('/bin/sh', ['-c', 'yes 中文 | head -c 10000000'], { timeoutMs: 10_000, maxOutput: 1000 });
    expect([r.stdout.length, r.truncated]).toEqual([1000, true]);
  });

  it('kills a program that runs too long', async () => {
    const r = await runBounded('/bin/sleep', ['10'], { timeoutMs: 100, maxOutput: 10 });
    expect([r.timedOut, r.code]).toEqual([true, null]);
  });

  it('reports exit codes and stderr, and rejects when the program is missing', async () => {
    const r = await runBounded('/bin/sh', ['-c', 'echo oops >&2; exit 3'], { timeoutMs: 5000, maxOutput: 10 });
    expect([r.code, r.stderr.trim(), r.truncated, r.timedOut]).toEqual([3, 'oops', false, false]);
    await expect(runBounded('/nonexistent/pdftotext', [], { timeoutMs: 1000, maxOutput: 10 })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
