import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { SealImageError, type SealImageErrorCode } from './errors';
import { loadSealFont } from './font';
import { PNG_SIGNATURE, crc32, encodeChunk, readPngDpi, withPngDpi } from './pngChunks';
import { renderSealPng } from './render';
import { decodeRaster, makePng } from './testUtils';
import { checkUploadedImpression, toTransparentPng } from './upload';

const code = (fn: () => unknown): SealImageErrorCode | 'ok' => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof SealImageError) return e.code;
    throw e;
  }
};

/** A PNG from raw (already filtered) scanlines. */
function buildPng(
  h: { width: number; height: number; depth?: number; colorType?: number; interlace?: number },
  raw: Buffer,
  extra: Array<[string, Buffer]> = [],
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(h.width, 0);
  ihdr.writeUInt32BE(h.height, 4);
  ihdr[8] = h.depth ?? 8;
  ihdr[9] = h.colorType ?? 6;
  ihdr[12] = h.interlace ?? 0;
  return Buffer.concat([
    PNG_SIGNATURE,
    encodeChunk('IHDR', ihdr),
    ...extra.map(([t, d]) => encodeChunk(t, d)),
    encodeChunk('IDAT', zlib.deflateSync(raw)),
    encodeChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Recomputes every chunk CRC it can find, so mutations get past the CRC check. */
function fixCrcs(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  let pos = 8;
  while (pos + 12 <= out.length) {
    const len = out.readUInt32BE(pos);
    if (pos + 12 + len > out.length) break;
    out.writeUInt32BE(crc32(out, pos + 4, pos + 8 + len), pos + 8 + len);
    pos += 12 + len;
  }
  return out;
}

const disc = (x: number, y: number, r: number, c: number): [number, number, number, number] =>
  Math.hypot(x - c, y - c) < r ? [215, 0, 15, 255] : [0, 0, 0, 0];

const small = withPngDpi(makePng(64, 64, (x, y) => disc(x, y, 25, 32)), 300);

describe('checkUploadedImpression', () => {
  it('accepts a rendered seal and reads its size from pHYs', () => {
    const seal = renderSealPng({ kind: 'round', text: '某某科技有限公司' }, { font: loadSealFont() });
    const r = checkUploadedImpression(seal.png);
    expect(r).toMatchObject({ widthPx: 472, heightPx: 472, dpiX: 300, dpiY: 300, dpiSource: 'pHYs' });
    expect(r.converted).toBe(false);
    expect(r.hasAlphaChannel).toBe(true);
    expect(r.widthMm).toBeCloseTo(39.96, 2);
    expect(r.png.equals(seal.png)).toBe(true);
  });

  it('uses the default dpi without pHYs, and the pHYs dpi when present', () => {
    const noPhys = makePng(120, 64, (x, y) => disc(x, y, 20, 30));
    const r = checkUploadedImpression(noPhys);
    expect(r.dpiSource).toBe('default');
    expect(r.widthMm).toBeCloseTo((120 / 300) * 25.4, 9);
    expect(checkUploadedImpression(noPhys, { defaultDpi: 600 }).heightMm).toBeCloseTo((64 / 600) * 25.4, 9);
    const r600 = checkUploadedImpression(withPngDpi(noPhys, 600));
    expect(r600).toMatchObject({ dpiX: 600, dpiSource: 'pHYs' });
    expect(r600.widthMm).toBeCloseTo(5.08, 2);
  });

  it('ignores a pHYs chunk without a unit or with an implausible resolution', () => {
    const base = makePng(64, 64, (x, y) => disc(x, y, 20, 32));
    const phys = (ppm: number, unit: number) => {
      const d = Buffer.alloc(9);
      d.writeUInt32BE(ppm, 0);
      d.writeUInt32BE(ppm, 4);
      d[8] = unit;
      return d;
    };
    const insert = (d: Buffer) => Buffer.concat([base.subarray(0, 33), encodeChunk('pHYs', d), base.subarray(33)]);
    expect(checkUploadedImpression(insert(phys(11811, 0))).dpiSource).toBe('default');
    expect(checkUploadedImpression(insert(phys(1, 1))).dpiSource).toBe('default');
    expect(checkUploadedImpression(insert(phys(11811, 1))).dpiSource).toBe('pHYs');
  });

  it('makes the white background of an opaque scan transparent (or refuses it on request)', () => {
    // a "signature": a dark red stroke on white paper, RGB without alpha
    const scan = makePng(
      100,
      80,
      (x, y) => (Math.abs(y - 40 - 10 * Math.sin(x / 10)) < 3 ? [150, 20, 30, 255] : [250, 250, 248, 255]),
      2,
    );
    const r = checkUploadedImpression(scan);
    expect(r.converted).toBe(true);
    expect(r.hasAlphaChannel).toBe(false);
    const img = decodeRaster(r.png);
    expect(img.at(0, 0)[3]).toBe(0);
    expect(img.at(50, 40 + Math.round(10 * Math.sin(5)))).toEqual([150, 20, 30, 255]);
    expect(code(() => checkUploadedImpression(scan, { opaque: 'require' }))).toBe('IMAGE_OPAQUE');
  });

  it('refuses an image with nothing visible', () => {
    expect(code(() => checkUploadedImpression(makePng(64, 64, () => [255, 255, 255, 255], 2)))).toBe('IMAGE_EMPTY');
    expect(code(() => checkUploadedImpression(makePng(64, 64, () => [215, 0, 15, 0])))).toBe('IMAGE_EMPTY');
  });

  it('refuses truncated files', () => {
    for (const cut of [4, 8, 20, 33, 50, small.length / 2, small.length - 12, small.length - 1]) {
      expect(code(() => checkUploadedImpression(small.subarray(0, Math.floor(cut))))).toBe('IMAGE_TRUNCATED');
    }
  });

  it('refuses compressed data that ends early even when the chunks are complete', () => {
    const raw = Buffer.alloc(64 * (1 + 64 * 4), 0);
    const z = zlib.deflateSync(raw);
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(64, 0);
    ihdr.writeUInt32BE(64, 4);
    ihdr[8] = 8;
    ihdr[9] = 6;
    const png = Buffer.concat([
      PNG_SIGNATURE,
      encodeChunk('IHDR', ihdr),
      encodeChunk('IDAT', z.subarray(0, z.length - 6)),
      encodeChunk('IEND', Buffer.alloc(0)),
    ]);
    expect(code(() => checkUploadedImpression(png))).toBe('IMAGE_TRUNCATED');
  });

  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1])],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['text', Buffer.from('hello, this is not an image')],
    ['empty', Buffer.alloc(0)],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
  ])('refuses %s as IMAGE_NOT_PNG', (_, bytes) => {
    expect(code(() => checkUploadedImpression(bytes))).toBe('IMAGE_NOT_PNG');
  });

  it('refuses files over the byte limit before looking at them', () => {
    expect(code(() => checkUploadedImpression(Buffer.alloc(2 * 1024 * 1024 + 1)))).toBe('IMAGE_TOO_LARGE');
    expect(code(() => checkUploadedImpression(small, { maxBytes: small.length - 1 }))).toBe('IMAGE_TOO_LARGE');
    expect(code(() => checkUploadedImpression(small, { maxBytes: small.length }))).toBe('ok');
  });

  it('refuses dimensions outside the limits without decoding', () => {
    expect(code(() => checkUploadedImpression(makePng(32, 200, (x, y) => disc(x, y, 10, 16))))).toBe('IMAGE_DIMENSIONS');
    expect(code(() => checkUploadedImpression(small, { minSidePx: 16, maxSidePx: 63 }))).toBe('IMAGE_DIMENSIONS');
    // a 100 000 × 100 000 header with a tiny body: refused from the header alone
    const huge = buildPng({ width: 100000, height: 100000 }, Buffer.alloc(10));
    expect(code(() => checkUploadedImpression(huge))).toBe('IMAGE_DIMENSIONS');
  });

  it('refuses a bad CRC, a bad header and a decompression bomb as IMAGE_CORRUPT', () => {
    const badCrc = Buffer.from(small);
    badCrc[40] ^= 0xff;
    expect(code(() => checkUploadedImpression(badCrc))).toBe('IMAGE_CORRUPT');
    const raw = Buffer.alloc(64 * (1 + 64 * 4));
    expect(code(() => checkUploadedImpression(buildPng({ width: 64, height: 64, colorType: 5 }, raw)))).toBe('IMAGE_CORRUPT');
    expect(code(() => checkUploadedImpression(buildPng({ width: 64, height: 64, depth: 4, colorType: 6 }, raw)))).toBe(
      'IMAGE_CORRUPT',
    );
    expect(code(() => checkUploadedImpression(buildPng({ width: 64, height: 64, colorType: 3 }, raw)))).toBe('IMAGE_CORRUPT'); // no PLTE
    // 64×64 header, 8 MiB of zeros compressed to a few KiB
    const bomb = Buffer.alloc(8 * 1024 * 1024);
    expect(code(() => checkUploadedImpression(buildPng({ width: 64, height: 64 }, bomb)))).toBe('IMAGE_CORRUPT');
    expect(code(() => checkUploadedImpression(buildPng({ width: 64, height: 64, interlace: 1 }, bomb)))).toBe('IMAGE_CORRUPT');
    // bad filter type byte
    const badFilter = Buffer.alloc(64 * (1 + 64 * 4));
    badFilter[0] = 9;
    expect(code(() => checkUploadedImpression(buildPng({ width: 64, height: 64 }, badFilter)))).toBe('IMAGE_CORRUPT');
  });

  it('decodes an Adam7-interlaced grey+alpha PNG', () => {
    const W = 70;
    const H = 65;
    const passes: Array<[number, number, number, number]> = [
      [0, 0, 8, 8],
      [4, 0, 8, 8],
      [0, 4, 4, 8],
      [2, 0, 4, 4],
      [0, 2, 2, 4],
      [1, 0, 2, 2],
      [0, 1, 1, 2],
    ];
    const pix = (x: number, y: number) => (Math.hypot(x - 35, y - 32) < 20 ? [60, 255] : [0, 0]);
    const rows: number[] = [];
    for (const [x0, y0, dx, dy] of passes) {
      for (let y = y0; y < H; y += dy) {
        if (x0 >= W) continue;
        rows.push(0);
        for (let x = x0; x < W; x += dx) rows.push(...pix(x, y));
      }
    }
    const png = buildPng({ width: W, height: H, colorType: 4, interlace: 1 }, Buffer.from(rows));
    const r = checkUploadedImpression(png);
    expect(r).toMatchObject({ widthPx: W, heightPx: H, converted: false, hasAlphaChannel: true });
    const img = PNG.sync.read(png);
    expect(img.data[(32 * W + 35) * 4 + 3]).toBe(255);
    // one pixel short → the data no longer matches the dimensions
    const short = buildPng({ width: W, height: H, colorType: 4, interlace: 1 }, Buffer.from(rows.slice(0, -2)));
    expect(code(() => checkUploadedImpression(short))).toBe('IMAGE_TRUNCATED');
  });

  it('accepts a palette PNG with tRNS', () => {
    const W = 64;
    const raw: number[] = [];
    for (let y = 0; y < W; y++) {
      raw.push(0);
      for (let x = 0; x < W; x++) raw.push(Math.hypot(x - 32, y - 32) < 20 ? 1 : 0);
    }
    const png = buildPng({ width: W, height: W, colorType: 3 }, Buffer.from(raw), [
      ['PLTE', Buffer.from([255, 255, 255, 215, 0, 15])],
      ['tRNS', Buffer.from([0])],
    ]);
    expect(checkUploadedImpression(png)).toMatchObject({ converted: false, hasAlphaChannel: true });
  });

  it('refuses invalid limits', () => {
    expect(code(() => checkUploadedImpression(small, { maxBytes: -1 }))).toBe('OPTION_INVALID');
    expect(code(() => checkUploadedImpression(small, { minSidePx: 100, maxSidePx: 50 }))).toBe('OPTION_INVALID');
    expect(code(() => checkUploadedImpression(small, { opaque: 'maybe' as 'convert' }))).toBe('OPTION_INVALID');
  });
});

describe('toTransparentPng', () => {
  it('clears near-white, keeps ink, fades the band in between, keeps the resolution', () => {
    const grad = withPngDpi(
      makePng(64, 64, x => {
        if (x < 16) return [200, 0, 20, 255]; // ink
        if (x < 32) return [240, 240, 240, 255]; // paper
        if (x < 48) return [205, 205, 205, 255]; // in the soft band (230 − 50 … 230)
        return [255, 255, 255, 255];
      }, 2),
      400,
    );
    const out = toTransparentPng(grad);
    const img = decodeRaster(out);
    expect(img.at(5, 5)).toEqual([200, 0, 20, 255]);
    expect(img.at(20, 5)[3]).toBe(0);
    expect(img.at(40, 5)[3]).toBe(Math.round((255 * 25) / 50));
    expect(img.at(60, 5)[3]).toBe(0);
    expect(readPngDpi(out)).toEqual({ x: 400, y: 400 });
    const hard = decodeRaster(toTransparentPng(grad, { threshold: 200, softness: 0 }));
    expect(hard.at(40, 5)[3]).toBe(0);
    expect(hard.at(5, 5)[3]).toBe(255);
  });

  it('validates its input like the checker', () => {
    expect(code(() => toTransparentPng(Buffer.from('nope')))).toBe('IMAGE_NOT_PNG');
    expect(code(() => toTransparentPng(small, { threshold: 300 }))).toBe('OPTION_INVALID');
  });
});

describe('property: the checker only ever throws SealImageError', () => {
  const onlySealImageError = (bytes: Uint8Array) => {
    try {
      checkUploadedImpression(bytes);
    } catch (e) {
      if (!(e instanceof SealImageError)) throw e;
    }
  };

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), b => onlySealImageError(b)), { numRuns: 300 });
  });

  it('random bytes after a PNG signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), b => onlySealImageError(Buffer.concat([PNG_SIGNATURE, b]))),
      { numRuns: 300 },
    );
  });

  it('every truncation of a valid PNG is IMAGE_TRUNCATED (IMAGE_NOT_PNG when empty)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: small.length - 1 }), k => {
        expect(code(() => checkUploadedImpression(small.subarray(0, k)))).toBe(k === 0 ? 'IMAGE_NOT_PNG' : 'IMAGE_TRUNCATED');
      }),
      { numRuns: 300 },
    );
  });

  it('byte mutations of a valid PNG, with and without repaired CRCs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (edits, repair) => {
          let b = Buffer.from(small);
          for (const [pos, v] of edits) b[pos % b.length] = v;
          if (repair) b = fixCrcs(b);
          onlySealImageError(b);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('mutated headers and compressed data (CRCs repaired) reach the decoder safely', () => {
    const idatStart = small.indexOf(Buffer.from('IDAT')) + 4;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 16, max: 28 }), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (headerEdits, dataEdits) => {
          const b = Buffer.from(small);
          for (const [pos, v] of headerEdits) b[pos] = v;
          for (const [pos, v] of dataEdits) b[idatStart + (pos % 200)] = v;
          onlySealImageError(fixCrcs(b));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('inserting or deleting bytes', () => {
    fc.assert(
      fc.property(fc.nat(), fc.uint8Array({ maxLength: 64 }), fc.nat({ max: 64 }), (pos, ins, del) => {
        const p = pos % small.length;
        onlySealImageError(Buffer.concat([small.subarray(0, p), ins, small.subarray(Math.min(small.length, p + del))]));
      }),
      { numRuns: 300 },
    );
  });
});
