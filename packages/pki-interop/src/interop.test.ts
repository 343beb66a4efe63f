import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interopDir, interopFile } from './interop';

describe('interopFile', () => {
  const saved = process.env.YINXIN_INTEROP_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.YINXIN_INTEROP_DIR;
    else process.env.YINXIN_INTEROP_DIR = saved;
  });

  it('reads the shared corpus next to the repository', () => {
    delete process.env.YINXIN_INTEROP_DIR;
    expect(interopDir()).toMatch(/shared\/testdata\/interop$/);
    expect(interopFile('PROVENANCE.md').toString()).toContain('Interop corpus');
  });

  it('honours YINXIN_INTEROP_DIR and names what is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yinxin-interop-'));
    try {
      writeFileSync(join(dir, 'a.bin'), 'x');
      process.env.YINXIN_INTEROP_DIR = dir;
      expect(interopFile('a.bin').toString()).toBe('x');
      expect(() => interopFile('b.bin')).toThrow(/b\.bin missing/);
      expect(() => interopFile('../a.bin')).toThrow(/plain name/);
      process.env.YINXIN_INTEROP_DIR = join(dir, 'nope');
      expect(() => interopFile('a.bin')).toThrow(/YINXIN_INTEROP_DIR/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
