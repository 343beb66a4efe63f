/**
 * Checks of uploaded impressions (scanned seals, handwritten signatures): PNG only, size and
 * dimension limits, full decode, transparency, physical size from the pHYs chunk.
 */
import * as zlib from 'node:zlib';
import { PNG } from 'pngjs';
import { SealImageError } from './errors';
import { parsePhys, readPngChunks, withPngDpi, type PngChunk } from './pngChunks';

/** Limits and behaviour of {@link checkUploadedImpression}. */
export interface UploadLimits {
  /** Largest accepted file in bytes (default 2 MiB). */
  maxBytes?: number;
  /** Smallest accepted width and height in pixels (default 64). */
  minSidePx?: number;
  /** Largest accepted width and height in pixels (default 4096). */
  maxSidePx?: number;
  /** Resolution assumed when the PNG has no usable pHYs chunk (default 300 dpi). */
  defaultDpi?: number;
  /**
   * What to do with a fully opaque image: `convert` (default) makes near-white pixels transparent
   * with {@link toTransparentPng}'s defaults; `require` rejects it with `IMAGE_OPAQUE`.
   */
  opaque?: 'convert' | 'require';
}

/** Default {@link UploadLimits}. */
export const DEFAULT_UPLOAD_LIMITS: Readonly<Required<UploadLimits>> = {
  maxBytes: 2 * 1024 * 1024,
  minSidePx: 64,
  maxSidePx: 4096,
  defaultDpi: 300,
  opaque: 'convert',
};

/** A checked upload. */
export interface UploadedImpression {
  /** The PNG to store: the upload as received when it has transparency, otherwise the converted image. */
  png: Buffer;
  /** whether `png` is a converted image (white made transparent) rather than the upload itself */
  converted: boolean;
  /** whether the upload has an alpha channel or a tRNS chunk */
  hasAlphaChannel: boolean;
  /** width in pixels */
  widthPx: number;
  /** height in pixels */
  heightPx: number;
  /** horizontal resolution used for the mm sizes */
  dpiX: number;
  /** vertical resolution used for the mm sizes */
  dpiY: number;
  /** where the resolution came from */
  dpiSource: 'pHYs' | 'default';
  /** physical width in mm at `dpiX` */
  widthMm: number;
  /** physical height in mm at `dpiY` */
  heightMm: number;
}

/** Options of {@link toTransparentPng}. */
export interface TransparencyOptions {
  /** Pixels whose darkest channel is at least this become fully transparent (0–255, default 230). */
  threshold?: number;
  /** Pixels up to this much darker than `threshold` become partly transparent (0–255, default 50). */
  softness?: number;
}

/** pHYs resolutions outside this range are ignored (the default dpi is used). */
const PLAUSIBLE_DPI = { min: 50, max: 2400 } as const;

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const ADAM7: Array<[number, number, number, number]> = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace: number;
}

interface Decoded {
  header: Header;
  chunks: PngChunk[];
  rgba: PNG;
  hasAlphaChannel: boolean;
}

function corrupt(message: string, cause?: unknown): never {
  throw new SealImageError('IMAGE_CORRUPT', message, cause === undefined ? undefined : { cause });
}

function option(value: number | undefined, dflt: number, lo: number, hi: number, what: string): number {
  if (value === undefined) return dflt;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) {
    throw new SealImageError('OPTION_INVALID', `${what} must be a number from ${lo} to ${hi}`);
  }
  return value;
}

function resolveLimits(limits: UploadLimits): Required<UploadLimits> {
  const d = DEFAULT_UPLOAD_LIMITS;
  const minSidePx = option(limits.minSidePx, d.minSidePx, 1, 16384, 'minSidePx');
  const maxSidePx = option(limits.maxSidePx, d.maxSidePx, minSidePx, 16384, 'maxSidePx');
  const opaque = limits.opaque ?? d.opaque;
  if (opaque !== 'convert' && opaque !== 'require') {
    throw new SealImageError('OPTION_INVALID', "opaque must be 'convert' or 'require'");
  }
  return {
    maxBytes: option(limits.maxBytes, d.maxBytes, 1, 64 * 1024 * 1024, 'maxBytes'),
    minSidePx,
    maxSidePx,
    defaultDpi: option(limits.defaultDpi, d.defaultDpi, PLAUSIBLE_DPI.min, PLAUSIBLE_DPI.max, 'defaultDpi'),
    opaque,
  };
}

function rawSize(h: Header): number {
  const bits = CHANNELS[h.colorType] * h.depth;
  const row = (w: number) => 1 + Math.ceil((w * bits) / 8);
  if (h.interlace === 0) return h.height * row(h.width);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const cols = h.width > x0 ? Math.ceil((h.width - x0) / dx) : 0;
    const rows = h.height > y0 ? Math.ceil((h.height - y0) / dy) : 0;
    if (cols > 0 && rows > 0) total += rows * row(cols);
  }
  return total;
}

function decode(bytes: Uint8Array, limits: Required<UploadLimits>): Decoded {
  if (!(bytes instanceof Uint8Array)) throw new SealImageError('IMAGE_NOT_PNG', 'the upload must be bytes');
  if (bytes.byteLength > limits.maxBytes) {
    throw new SealImageError(
      'IMAGE_TOO_LARGE',
      `the image is ${bytes.byteLength} bytes; at most ${limits.maxBytes} bytes are accepted`,
    );
  }
  const chunks = readPngChunks(bytes);
  const ihdr = chunks[0];
  if (ihdr.type !== 'IHDR' || ihdr.data.length !== 13) corrupt('PNG does not start with a valid IHDR chunk');
  const header: Header = {
    width: ihdr.data.readUInt32BE(0),
    height: ihdr.data.readUInt32BE(4),
    depth: ihdr.data[8],
    colorType: ihdr.data[9],
    interlace: ihdr.data[12],
  };
  if (chunks.slice(1).some(c => c.type === 'IHDR')) corrupt('PNG has more than one IHDR chunk');
  if (!DEPTHS[header.colorType]?.includes(header.depth)) {
    corrupt(`PNG has an invalid colour type / bit depth (${header.colorType}/${header.depth})`);
  }
  if (ihdr.data[10] !== 0 || ihdr.data[11] !== 0 || header.interlace > 1) {
    corrupt('PNG uses an unknown compression, filter or interlace method');
  }
  const { width, height } = header;
  if (width < limits.minSidePx || height < limits.minSidePx || width > limits.maxSidePx || height > limits.maxSidePx) {
    throw new SealImageError(
      'IMAGE_DIMENSIONS',
      `the image is ${width}×${height} px; each side must be ${limits.minSidePx}–${limits.maxSidePx} px`,
    );
  }
  if (header.colorType === 3 && !chunks.some(c => c.type === 'PLTE')) corrupt('palette PNG without a PLTE chunk');
  const idat = chunks.filter(c => c.type === 'IDAT');
  if (idat.length === 0) corrupt('PNG has no image data (IDAT)');

  // Inflate once with a hard output limit: no decompression bomb reaches pngjs.
  const expected = rawSize(header);
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat.map(c => c.data)), { maxOutputLength: expected + 1 });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') {
      throw new SealImageError('IMAGE_TRUNCATED', 'the compressed image data ends early', { cause: e });
    }
    if (code === 'ERR_BUFFER_TOO_LARGE') corrupt('the image data is larger than its dimensions allow', e);
    return corrupt('the compressed image data is corrupt', e);
  }
  if (raw.length !== expected) {
    if (raw.length < expected) throw new SealImageError('IMAGE_TRUNCATED', 'the image data is shorter than its dimensions');
    corrupt('the image data is larger than its dimensions allow');
  }

  let rgba: PNG;
  try {
    rgba = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    return corrupt(`the PNG cannot be decoded: ${(e as Error)?.message ?? String(e)}`, e);
  }
  if (rgba.width !== width || rgba.height !== height || rgba.data.length !== width * height * 4) {
    corrupt('the PNG decodes to unexpected dimensions');
  }
  const hasAlphaChannel = header.colorType === 4 || header.colorType === 6 || chunks.some(c => c.type === 'tRNS');
  return { header, chunks, rgba, hasAlphaChannel };
}

function dpiOf(chunks: PngChunk[]): { x: number; y: number } | undefined {
  const c = chunks.find(k => k.type === 'pHYs');
  const d = c ? parsePhys(c.data) : undefined;
  if (!d) return undefined;
  const ok = (v: number) => v >= PLAUSIBLE_DPI.min && v <= PLAUSIBLE_DPI.max;
  return ok(d.x) && ok(d.y) ? d : undefined;
}

function hasTransparency(data: Buffer): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] < 255) return true;
  return false;
}

function hasVisiblePixel(data: Buffer): boolean {
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
  return false;
}

function whiteToTransparent(img: PNG, options: TransparencyOptions): void {
  const threshold = option(options.threshold, 230, 0, 255, 'threshold');
  const softness = option(options.softness, 50, 0, 255, 'softness');
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const m = Math.min(d[i], d[i + 1], d[i + 2]);
    if (m >= threshold) d[i + 3] = 0;
    else if (softness > 0 && m > threshold - softness) {
      d[i + 3] = Math.round((d[i + 3] * (threshold - m)) / softness);
    }
  }
}

function encode(img: PNG, dpi: { x: number; y: number } | undefined): Buffer {
  const out = PNG.sync.write(img, { colorType: 6, inputHasAlpha: true });
  return dpi ? withPngDpi(out, dpi) : out;
}

/**
 * Makes near-white pixels of a PNG transparent (for scans of seals and signatures on white paper).
 * Pixels whose darkest channel reaches `threshold` become transparent; the `softness` band below it
 * fades, keeping anti-aliased edges. The result is an RGBA PNG keeping the source's pHYs resolution.
 *
 * @param bytes - a PNG
 * @param options - threshold and softness
 * @param limits - the same limits as {@link checkUploadedImpression} (byte size and dimensions)
 * @throws SealImageError as {@link checkUploadedImpression}
 */
export function toTransparentPng(bytes: Uint8Array, options: TransparencyOptions = {}, limits: UploadLimits = {}): Buffer {
  const decoded = decode(bytes, resolveLimits(limits));
  whiteToTransparent(decoded.rgba, options);
  const c = decoded.chunks.find(k => k.type === 'pHYs');
  return encode(decoded.rgba, c ? parsePhys(c.data) : undefined);
}

/**
 * Validates an uploaded impression: PNG signature, byte limit, chunk structure and CRCs, dimension
 * limits (checked before decoding), full decode with pngjs, transparency (an opaque image is
 * converted or refused, see {@link UploadLimits.opaque}), at least one visible pixel; reports the
 * physical size from the pHYs resolution (or the default dpi).
 *
 * @param bytes - the uploaded file
 * @param limits - limits (defaults: {@link DEFAULT_UPLOAD_LIMITS})
 * @throws SealImageError `IMAGE_TOO_LARGE`, `IMAGE_NOT_PNG`, `IMAGE_TRUNCATED`, `IMAGE_CORRUPT`,
 *   `IMAGE_DIMENSIONS`, `IMAGE_OPAQUE`, `IMAGE_EMPTY`, `OPTION_INVALID`
 */
export function checkUploadedImpression(bytes: Uint8Array, limits: UploadLimits = {}): UploadedImpression {
  const l = resolveLimits(limits);
  const decoded = decode(bytes, l);
  const { width, height } = decoded.header;
  const physDpi = dpiOf(decoded.chunks);
  const dpi = physDpi ?? { x: l.defaultDpi, y: l.defaultDpi };

  let png = Buffer.from(bytes);
  let converted = false;
  if (!hasTransparency(decoded.rgba.data)) {
    if (l.opaque === 'require') {
      throw new SealImageError(
        'IMAGE_OPAQUE',
        'the image has no transparent pixels; upload a PNG with a transparent background',
      );
    }
    whiteToTransparent(decoded.rgba, {});
    png = encode(decoded.rgba, physDpi);
    converted = true;
  }
  if (!hasVisiblePixel(decoded.rgba.data)) {
    throw new SealImageError('IMAGE_EMPTY', 'the image has no visible pixels');
  }
  return {
    png,
    converted,
    hasAlphaChannel: decoded.hasAlphaChannel,
    widthPx: width,
    heightPx: height,
    dpiX: dpi.x,
    dpiY: dpi.y,
    dpiSource: physDpi ? 'pHYs' : 'default',
    widthMm: (width / dpi.x) * 25.4,
    heightMm: (height / dpi.y) * 25.4,
  };
}
