/* Test fixture: a minimal OLE2 compound file (Office 97-2003 container). */

/** A minimal OLE2 compound file with one directory sector holding the given stream names. */
export function oleWith(...streams: string[]): Buffer {
  const f = Buffer.alloc(512 * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(f, 0);
  f.writeUInt16LE(9, 30);
  const entry = (i: number, name: string, type: number) => {
    const at = 512 + i * 128;
    f.write(name, at, 'utf16le');
    f.writeUInt16LE((name.length + 1) * 2, at + 64);
    f[at + 66] = type;
  };
  entry(0, 'Root Entry', 5);
  streams.forEach((s, i) => entry(i + 1, s, 2));
  return f;
}
