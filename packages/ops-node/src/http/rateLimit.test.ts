import fc from 'fast-check';
import { RateLimiter } from './rateLimit';

describe('RateLimiter', () => {
  it('allows a burst, then one request per interval, per client', () => {
    let now = 0;
    const limiter = new RateLimiter(60, { burst: 3, clock: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    now += 10_000;
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0, 1]);
  });

  it('forgets the least recently seen clients beyond its bound', () => {
    let now = 0;
    const limiter = new RateLimiter(1, { burst: 1, maxClients: 2, clock: () => now });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    limiter.take('b');
    limiter.take('c'); // 'a' is forgotten: a fresh bucket
    expect(limiter.take('a')).toBe(0);
    expect(() => new RateLimiter(0)).toThrow(RangeError);
  });

  it('property: over any schedule, a client gets at most burst + elapsed × rate requests', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 }), (perMinute, burst, gaps) => {
        let now = 0;
        const limiter = new RateLimiter(perMinute, { burst, clock: () => now });
        let allowed = 0;
        for (const gap of gaps) {
          now += gap;
          if (limiter.take('x') === 0) allowed++;
        }
        expect(allowed).toBeLessThanOrEqual(burst + Math.floor((now * perMinute) / 60_000) + 1);
      }),
      { numRuns: 200 },
    );
  });
});
