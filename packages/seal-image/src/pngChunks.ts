/**
 * PNG chunk level: signature, chunk walking with CRC checks, and the pHYs (physical pixel
 * dimensions) chunk.
 */
import { SealImageError } from './errors';

/** The eight bytes every PNG starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO-HDLC, as used by PNG) of `bytes`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk of a PNG. */
export interface PngChunk {
  /** four-letter chunk type, e.g. `IHDR` */
  type: string;
  /** byte offset of the chunk's length field */
  offset: number;
  /** the chunk's data */
  data: Buffer;
}

const MAX_CHUNK = 0x7fffffff;

/**
 * Walks the chunks of a PNG up to and including IEND, checking lengths, types and CRCs.
 *
 * @throws SealImageError `IMAGE_NOT_PNG` (no signature), `IMAGE_TRUNCATED` (ends early, no IEND),
 *   `IMAGE_CORRUPT` (bad chunk length, type or CRC)
 */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8) {
    if (buf.length > 0 && PNG_SIGNATURE.subarray(0, buf.length).equals(buf)) {
      throw new SealImageError('IMAGE_TRUNCATED', 'PNG ends inside its signature');
    }
    throw new SealImageError('IMAGE_NOT_PNG', 'not a PNG image (no PNG signature)');
  }
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new SealImageError('IMAGE_NOT_PNG', 'not a PNG image (no PNG signature)');
  }
  const chunks: PngChunk[] = [];
  let pos = 8;
  for (;;) {
    if (pos + 8 > buf.length) {
      throw new SealImageError('IMAGE_TRUNCATED', `PNG ends at byte ${buf.length} before its IEND chunk`);
    }
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    if (len > MAX_CHUNK) throw new SealImageError('IMAGE_CORRUPT', `PNG chunk at byte ${pos} has an invalid length`);
    if (!/^[A-Za-z]{4}$/.test(type)) {
      throw new SealImageError('IMAGE_CORRUPT', `PNG chunk at byte ${pos} has an invalid type`);
    }
    if (pos + 12 + len > buf.length) {
      throw new SealImageError('IMAGE_TRUNCATED', `PNG ends inside its ${type} chunk`);
    }
    const crc = buf.readUInt32BE(pos + 8 + len);
    if (crc32(buf, pos + 4, pos + 8 + len) !== crc) {
      throw new SealImageError('IMAGE_CORRUPT', `PNG chunk ${type} at byte ${pos} fails its CRC check`);
    }
    chunks.push({ type, offset: pos, data: buf.subarray(pos + 8, pos + 8 + len) });
    pos += 12 + len;
    if (type === 'IEND') return chunks;
  }
}

/** Encodes one chunk (length, type, data, CRC). */
export function encodeChunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, 8);
  out.writeUInt32BE(crc32(out, 4, 8 + data.length), 8 + data.length);
  return out;
}

const INCH_M = 0.0254;

/** Resolution stored in a PNG's pHYs chunk. */
export interface PngDpi {
  /** horizontal dots per inch (rounded to 0.1) */
  x: number;
  /** vertical dots per inch (rounded to 0.1) */
  y: number;
}

/** Decodes a pHYs chunk's data; undefined when the unit is not the metre. */
export function parsePhys(data: Uint8Array): PngDpi | undefined {
  if (data.length !== 9) return undefined;
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b[8] !== 1) return undefined;
  const ppmX = b.readUInt32BE(0);
  const ppmY = b.readUInt32BE(4);
  if (ppmX === 0 || ppmY === 0) return undefined;
  return { x: Math.round(ppmX * INCH_M * 10) / 10, y: Math.round(ppmY * INCH_M * 10) / 10 };
}

/**
 * Reads the resolution from a PNG's pHYs chunk.
 *
 * @returns dpi, or undefined when the PNG has no pHYs chunk in metres
 * @throws SealImageError as {@link readPngChunks}
 */
export function readPngDpi(png: Uint8Array): PngDpi | undefined {
  const phys = readPngChunks(png).find(c => c.type === 'pHYs');
  return phys ? parsePhys(phys.data) : undefined;
}

/**
 * Returns `png` with a pHYs chunk (pixels per metre, unit metre) for `dpi`, replacing any
 * existing pHYs chunk; the chunk goes right after IHDR.
 */
export function withPngDpi(png: Uint8Array, dpi: number | PngDpi): Buffer {
  const { x, y } = typeof dpi === 'number' ? { x: dpi, y: dpi } : dpi;
  const chunks = readPngChunks(png);
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(Math.round(x / INCH_M), 0);
  phys.writeUInt32BE(Math.round(y / INCH_M), 4);
  phys[8] = 1;
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const c of chunks) {
    if (c.type === 'pHYs') continue;
    parts.push(encodeChunk(c.type, c.data));
    if (c.type === 'IHDR') parts.push(encodeChunk('pHYs', phys));
  }
  return Buffer.concat(parts);
}
