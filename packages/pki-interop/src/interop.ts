import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

/**
 * The third-party interop corpus (see its PROVENANCE.md): `$YINXIN_INTEROP_DIR`, else
 * `<repo>/../shared/testdata/interop`, else `/work/shared/testdata/interop` (a checkout elsewhere,
 * as in CI's clean clone, still finds the workplace's corpus).
 */
export function interopDir(): string {
  const candidates = process.env.YINXIN_INTEROP_DIR
    ? [process.env.YINXIN_INTEROP_DIR]
    : [resolve(__dirname, '../../..', '../shared/testdata/interop'), '/work/shared/testdata/interop'];
  const dir = candidates.find(d => existsSync(d)) ?? candidates[0];
  if (!existsSync(dir))
    throw new Error(
      `interop corpus ${dir} missing (set YINXIN_INTEROP_DIR to its directory)`,
    );
  return dir;
}

/** Absolute path of one corpus file (for `bcCheck` arguments). */
export function interopPath(name: string): string {
  if (basename(name) !== name)
    throw new Error(`interop file name ${name} must be a plain name`);
  const file = join(interopDir(), name);
  if (!existsSync(file))
    throw new Error(
      `interop file ${file} missing (see PROVENANCE.md in ${interopDir()})`,
    );
  return file;
}

/** The bytes of one corpus file. */
export function interopFile(name: string): Buffer {
  return readFileSync(interopPath(name));
}
