import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import { DEFAULT_ZIP_LIMITS, ZipError, ZipReader, looksLikeZip } from './zip';
import { writeZip } from '../testing/zipWriter';

const limits = { ...DEFAULT_ZIP_LIMITS };

/** Opens and reads every entry; returns the contents or the ZipError kind. Anything else escaping is a bug. */
function readAll(buf: Buffer, l = limits): Map<string, Buffer> | string {
  try {
    const zip = ZipReader.open(buf, l);
    return new Map(zip.entries.map(e => [e.name, zip.read(e)]));
  } catch (e) {
    if (e instanceof ZipError) return e.kind;
    throw e;
  }
}

describe('ZipReader', () => {
  it('reads stored and deflated entries', () => {
    const zip = ZipReader.open(writeZip([{ name: 'a.txt', data: 'hello', method: 0 }, { name: '目录/b.xml', data: '<x>你好</x>' }]));
    expect(zip.entries.map(e => e.name)).toEqual(['a.txt', '目录/b.xml']);
    expect(zip.read('a.txt').toString()).toBe('hello');
    expect(zip.read('目录/b.xml').toString()).toBe('<x>你好</x>');
    expect(zip.has('c')).toBe(false);
    expect(looksLikeZip(writeZip([]))).toBe(true);
  });

  it('round-trips any set of entries', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name: fc.string({ minLength: 1, maxLength: 40 }), data: fc.uint8Array({ maxLength: 2000 }), method: fc.constantFrom(0 as const, 8 as const) }), {
          selector: e => e.name,
          maxLength: 8,
        }),
        entries => {
          const out = readAll(writeZip(entries.map(e => ({ ...e, data: Buffer.from(e.data) }))));
          expect(typeof out).not.toBe('string');
          for (const e of entries) expect((out as Map<string, Buffer>).get(e.name)!.equals(Buffer.from(e.data))).toBe(true);
        },
      ),
    );
  });

  it('refuses a zip bomb by its compression ratio', () => {
    const bomb = writeZip([{ name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(100_000);
    expect(readAll(bomb)).toBe('limits');
  });

  it('refuses too many entries, too much declared data and a too large entry', () => {
    const many = writeZip(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    expect(readAll(many, { ...limits, maxEntries: 29 })).toBe('limits');
    expect(readAll(many, { ...limits, maxEntries: 30 })).toBeInstanceOf(Map);
    const big = writeZip([
      { name: 'a', data: Buffer.alloc(1000, 1), method: 0 },
      { name: 'b', data: Buffer.alloc(1000, 2), method: 0 },
    ]);
    expect(readAll(big, { ...limits, maxTotalUncompressed: 1999 })).toBe('limits');
    expect(readAll(big, { ...limits, maxEntryUncompressed: 999 })).toBe('limits');
  });

  it('refuses an entry that inflates to more than it declares', () => {
    const liar = writeZip([{ name: 'x.xml', data: Buffer.alloc(100_000, 0x41), declaredSize: 1000 }]);
    const zip = ZipReader.open(liar);
    expect(() => zip.read('x.xml')).toThrow(ZipError);
    expect(readAll(liar)).toBe('limits');
  });

  it('refuses damaged content by its CRC and size', () => {
    const good = writeZip([{ name: 'a', data: 'abcdefgh', method: 0 }]);
    const bad = Buffer.from(good);
    bad[30 + 1 + 2] ^= 0xff; // a byte of the stored data
    expect(readAll(bad)).toBe('malformed');
    const short = writeZip([{ name: 'a', data: 'abcdefgh', method: 0, declaredSize: 7 }]);
    expect(readAll(short)).toBe('malformed');
  });

  it('refuses encrypted, ZIP64-marked, unknown-method, duplicate and truncated archives', () => {
    const base = writeZip([{ name: 'a', data: 'abc', method: 0 }]);
    const cdAt = base.readUInt32LE(base.length - 6);
    const encrypted = Buffer.from(base);
    encrypted.writeUInt16LE(0x801, cdAt + 8);
    expect(readAll(encrypted)).toBe('unsupported');
    const bzip = Buffer.from(base);
    bzip.writeUInt16LE(12, cdAt + 10);
    expect(readAll(bzip)).toBe('unsupported');
    const zip64 = Buffer.from(base);
    zip64.writeUInt32LE(0xffffffff, cdAt + 20);
    expect(readAll(zip64)).toBe('unsupported');
    expect(readAll(writeZip([{ name: 'a', data: '1' }, { name: 'a', data: '2' }]))).toBe('malformed');
    expect(readAll(base.subarray(0, base.length - 1))).toBe('malformed');
    expect(readAll(Buffer.alloc(0))).toBe('malformed');
    expect(readAll(Buffer.from('PK\x03\x04 not really a zip'))).toBe('malformed');
  });

  it('never throws anything but ZipError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), bytes => {
        readAll(Buffer.from(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws anything but ZipError on mutated archives, and never returns more than declared', () => {
    const original = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w:t>证书申请流程</w:t>'.repeat(50) },
      { name: 'raw.bin', data: Buffer.alloc(300, 7), method: 0 },
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(original.length - 1), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.nat(original.length), { nil: undefined }),
        (edits, cut) => {
          const b = Buffer.from(original);
          for (const e of edits) b[e.at] = e.value;
          const out = readAll(cut === undefined ? b : b.subarray(0, cut));
          if (typeof out !== 'string') {
            const zip = ZipReader.open(cut === undefined ? b : b.subarray(0, cut));
            for (const e of zip.entries) expect(out.get(e.name)!.length).toBe(e.uncompressedSize);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses a deflate stream that is not one', () => {
    const junk = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]);
    const zip = writeZip([{ name: 'a', data: junk, method: 0 }]);
    const cdAt = zip.readUInt32LE(zip.length - 6);
    const patched = Buffer.from(zip);
    patched.writeUInt16LE(8, cdAt + 10);
    patched.writeUInt16LE(8, 8);
    expect(readAll(patched)).toBe('malformed');
    expect(deflateRawSync(Buffer.alloc(0)).length).toBeGreaterThan(0);
  });
});
