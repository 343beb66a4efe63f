import { crc32, inflateRawSync } from 'node:zlib';

/**
 * A small, bounded ZIP reader for office files (docx, pptx): it reads the central directory of a
 * ZIP held in memory and inflates single entries, refusing archives that could exhaust the server
 * (too many entries, too much declared uncompressed data, suspicious compression ratios, entries
 * that inflate to more than they declare) and anything it does not need to understand (ZIP64,
 * encryption, split archives, methods other than stored and deflate).
 */

/** Bounds of {@link ZipReader}. */
export interface ZipLimits {
  /** most entries in the central directory */
  maxEntries: number;
  /** most bytes all entries may declare uncompressed, together */
  maxTotalUncompressed: number;
  /** most bytes one entry may declare uncompressed */
  maxEntryUncompressed: number;
  /** largest uncompressed/compressed ratio of an entry larger than {@link ZipLimits.ratioFloor} */
  maxRatio: number;
  /** entries up to this many uncompressed bytes are not ratio-checked (tiny files compress oddly) */
  ratioFloor: number;
}

/** Limits for office documents of up to 50 MB. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalUncompressed: 512 * 1024 * 1024,
  maxEntryUncompressed: 128 * 1024 * 1024,
  maxRatio: 200,
  ratioFloor: 1024 * 1024,
};

/** Why an archive was refused: `malformed` (not a readable ZIP), `limits` (a bound), `unsupported`. */
export type ZipErrorKind = 'malformed' | 'limits' | 'unsupported';

/** Thrown for every archive the reader refuses; nothing else escapes it. */
export class ZipError extends Error {
  constructor(
    readonly kind: ZipErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ZipError';
  }
}

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const ZIP64_EOCD_LOCATOR_SIG = 0x07064b50;
const EOCD_LEN = 22;
const CEN_LEN = 46;
const LOC_LEN = 30;

/** The four ZIP signatures a file may start with (local header; empty archive). */
export function looksLikeZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

function findEocd(buf: Buffer): number {
  const last = buf.length - EOCD_LEN;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIG && i + EOCD_LEN + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  throw new ZipError('malformed', 'no end of central directory record');
}

/** Reads a ZIP archive held in a buffer; see the module comment for what it refuses. */
export class ZipReader {
  /** the entries, in central-directory order */
  readonly entries: readonly ZipEntry[];
  private readonly byName: Map<string, ZipEntry>;
  private readonly cdOffset: number;

  private constructor(
    private readonly buf: Buffer,
    private readonly limits: ZipLimits,
    entries: ZipEntry[],
    cdOffset: number,
  ) {
    this.entries = entries;
    this.byName = new Map(entries.map(e => [e.name, e]));
    this.cdOffset = cdOffset;
  }

  /**
   * Parses the central directory of `buf` and checks it against `limits`.
   * @throws ZipError when the archive is malformed, over a limit or unsupported
   */
  static open(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipReader {
    if (buf.length < EOCD_LEN) throw new ZipError('malformed', 'too short for a ZIP archive');
    const eocd = findEocd(buf);
    if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_EOCD_LOCATOR_SIG) throw new ZipError('unsupported', 'ZIP64 archives are not supported');
    const disk = buf.readUInt16LE(eocd + 4);
    const cdDisk = buf.readUInt16LE(eocd + 6);
    const entriesOnDisk = buf.readUInt16LE(eocd + 8);
    const count = buf.readUInt16LE(eocd + 10);
    const cdSize = buf.readUInt32LE(eocd + 12);
    const cdOffset = buf.readUInt32LE(eocd + 16);
    if (disk !== 0 || cdDisk !== 0 || entriesOnDisk !== count) throw new ZipError('unsupported', 'split archives are not supported');
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipError('unsupported', 'ZIP64 archives are not supported');
    if (count > limits.maxEntries) throw new ZipError('limits', `more than ${limits.maxEntries} entries`);
    if (cdOffset + cdSize > eocd) throw new ZipError('malformed', 'central directory outside the archive');

    const entries: ZipEntry[] = [];
    const names = new Set<string>();
    let total = 0;
    let p = cdOffset;
    const cdEnd = cdOffset + cdSize;
    for (let i = 0; i < count; i++) {
      if (p + CEN_LEN > cdEnd || buf.readUInt32LE(p) !== CEN_SIG) throw new ZipError('malformed', `bad central directory entry ${i}`);
      const flags = buf.readUInt16LE(p + 8);
      const method = buf.readUInt16LE(p + 10);
      const crc = buf.readUInt32LE(p + 16);
      const compressedSize = buf.readUInt32LE(p + 20);
      const uncompressedSize = buf.readUInt32LE(p + 24);
      const nameLen = buf.readUInt16LE(p + 28);
      const extraLen = buf.readUInt16LE(p + 30);
      const commentLen = buf.readUInt16LE(p + 32);
      const diskStart = buf.readUInt16LE(p + 34);
      const localHeaderOffset = buf.readUInt32LE(p + 42);
      const next = p + CEN_LEN + nameLen + extraLen + commentLen;
      if (next > cdEnd) throw new ZipError('malformed', `central directory entry ${i} runs past the directory`);
      const nameBytes = buf.subarray(p + CEN_LEN, p + CEN_LEN + nameLen);
      const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
      p = next;

      if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
        throw new ZipError('unsupported', 'ZIP64 entries are not supported');
      }
      if (diskStart !== 0) throw new ZipError('unsupported', 'split archives are not supported');
      if (flags & 0x1) throw new ZipError('unsupported', `entry '${name}' is encrypted`);
      if (method !== 0 && method !== 8) throw new ZipError('unsupported', `entry '${name}' uses compression method ${method}`);
      if (method === 0 && compressedSize !== uncompressedSize) throw new ZipError('malformed', `stored entry '${name}' has two sizes`);
      if (localHeaderOffset + LOC_LEN > cdOffset) throw new ZipError('malformed', `entry '${name}' starts outside the archive`);
      if (names.has(name)) throw new ZipError('malformed', `entry '${name}' appears twice`);
      names.add(name);
      if (uncompressedSize > limits.maxEntryUncompressed) throw new ZipError('limits', `entry '${name}' is larger than ${limits.maxEntryUncompressed} bytes`);
      total += uncompressedSize;
      if (total > limits.maxTotalUncompressed) throw new ZipError('limits', `more than ${limits.maxTotalUncompressed} bytes uncompressed`);
      if (uncompressedSize > limits.ratioFloor && uncompressedSize > compressedSize * limits.maxRatio) {
        throw new ZipError('limits', `entry '${name}' compresses more than ${limits.maxRatio}:1`);
      }
      entries.push({ name, method, flags, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset });
    }
    if (p !== cdEnd) throw new ZipError('malformed', 'central directory size does not match its entries');
    return new ZipReader(buf, limits, entries, cdOffset);
  }

  /** The entry named `name`, if any. */
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** True when an entry named `name` exists. */
  has(name: string): boolean {
    return this.byName.has(name);
  }

  /**
   * The content of an entry, inflated within its declared size and checked against its CRC-32.
   * @throws ZipError when the entry is missing, damaged, or inflates beyond what it declares
   */
  read(nameOrEntry: string | ZipEntry): Buffer {
    const e = typeof nameOrEntry === 'string' ? this.byName.get(nameOrEntry) : nameOrEntry;
    if (!e) throw new ZipError('malformed', `no entry '${String(nameOrEntry)}'`);
    const buf = this.buf;
    const h = e.localHeaderOffset;
    if (buf.readUInt32LE(h) !== LOC_SIG) throw new ZipError('malformed', `bad local header of '${e.name}'`);
    const start = h + LOC_LEN + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
    const end = start + e.compressedSize;
    if (end > this.cdOffset) throw new ZipError('malformed', `data of '${e.name}' runs into the central directory`);
    const raw = buf.subarray(start, end);
    let out: Buffer;
    if (e.method === 0) {
      out = Buffer.from(raw);
    } else {
      try {
        out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressedSize) });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
          throw new ZipError('limits', `entry '${e.name}' inflates to more than it declares`);
        }
        throw new ZipError('malformed', `entry '${e.name}' cannot be inflated`);
      }
    }
    if (out.length !== e.uncompressedSize) throw new ZipError('malformed', `entry '${e.name}' is not the size it declares`);
    if (crc32(out) >>> 0 !== e.crc32 >>> 0) throw new ZipError('malformed', `entry '${e.name}' fails its CRC check`);
    return out;
  }

  /** The limits this reader enforces. */
  get bounds(): ZipLimits {
    return this.limits;
  }
}
