import { SealImageError } from './errors';
import { crc32, readPngChunks, readPngDpi, withPngDpi } from './pngChunks';
import { makePng } from './testUtils';

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });
});

describe('pHYs', () => {
  const png = makePng(8, 8, () => [255, 0, 0, 255]);

  it('a PNG without pHYs has no dpi', () => {
    expect(readPngDpi(png)).toBeUndefined();
  });

  it.each([72, 96, 300, 600, 1200])('round-trips %i dpi', dpi => {
    const out = withPngDpi(png, dpi);
    expect(readPngDpi(out)).toEqual({ x: dpi, y: dpi });
    const types = readPngChunks(out).map(c => c.type);
    expect(types.slice(0, 2)).toEqual(['IHDR', 'pHYs']);
    expect(types[types.length - 1]).toBe('IEND');
  });

  it('replaces an existing pHYs chunk and keeps the image chunks', () => {
    const once = withPngDpi(png, 300);
    const twice = withPngDpi(once, { x: 600, y: 400 });
    expect(readPngChunks(twice).filter(c => c.type === 'pHYs')).toHaveLength(1);
    expect(readPngDpi(twice)).toEqual({ x: 600, y: 400 });
    expect(Buffer.concat(readPngChunks(twice).filter(c => c.type === 'IDAT').map(c => c.data))).toEqual(
      Buffer.concat(readPngChunks(png).filter(c => c.type === 'IDAT').map(c => c.data)),
    );
  });

  it('the chunk walker rejects a bad CRC', () => {
    const bad = Buffer.from(png);
    bad[8 + 8 + 2] ^= 0x01; // inside IHDR data
    expect(() => readPngChunks(bad)).toThrow(expect.objectContaining({ code: 'IMAGE_CORRUPT' }));
    expect(() => readPngChunks(bad)).toThrow(SealImageError);
  });
});
