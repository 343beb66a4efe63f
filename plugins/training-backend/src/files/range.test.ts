import fc from 'fast-check';
import { parseRange } from './range';

describe('Range header parser', () => {
  it('answers single byte ranges', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-1000', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=50-1000', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(parseRange(' Bytes = 5-5 ', 100)).toEqual({ kind: 'partial', start: 5, end: 5 });
  });

  it('refuses ranges it cannot satisfy', () => {
    for (const h of ['bytes=100-', 'bytes=100-200', 'bytes=-0', 'bytes=5-2', 'bytes=abc', 'bytes=', 'bytes=-', 'bytes=1-2-3', 'bytes=0-1,', 'bytes', 'bytes=0x10-', `bytes=${'9'.repeat(300)}-`]) {
      expect([h, parseRange(h, 100)]).toEqual([h, { kind: 'unsatisfiable' }]);
    }
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('serves other units and several ranges whole', () => {
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'full' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'full' });
  });

  it('agrees with a model of RFC 9110 for any header of the usual shapes', () => {
    const spec = fc.oneof(
      fc.tuple(fc.nat(300), fc.nat(300)).map(([a, b]) => ({ text: `${a}-${b}`, a, b } as { text: string; a?: number; b?: number })),
      fc.nat(300).map(a => ({ text: `${a}-`, a } as { text: string; a?: number; b?: number })),
      fc.nat(300).map(b => ({ text: `-${b}`, b } as { text: string; a?: number; b?: number })),
    );
    fc.assert(
      fc.property(spec, fc.nat(250), ({ text, a, b }, size) => {
        const r = parseRange(`bytes=${text}`, size);
        let expected: ReturnType<typeof parseRange>;
        if (a === undefined) expected = b === 0 || size === 0 ? { kind: 'unsatisfiable' } : { kind: 'partial', start: Math.max(0, size - b!), end: size - 1 };
        else if (a >= size || (b !== undefined && b < a)) expected = { kind: 'unsatisfiable' };
        else expected = { kind: 'partial', start: a, end: Math.min(b ?? size - 1, size - 1) };
        expect(r).toEqual(expected);
        if (r.kind === 'partial') {
          expect(0 <= r.start && r.start <= r.end && r.end < size).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws and never answers a range outside the representation', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map(s => `bytes=${s}`), fc.stringMatching(/^bytes=[0-9,\- ]{0,20}$/)), fc.nat(1e9), (h, size) => {
        const r = parseRange(h, size);
        if (r.kind === 'partial') expect(0 <= r.start && r.start <= r.end && r.end < size).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
