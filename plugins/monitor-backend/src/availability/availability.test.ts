import fc from 'fast-check';
import { availabilityOf, monthBounds, overlapMs, type StatusChange } from './availability';

const H = 3_600_000;

describe('availability', () => {
  it('counts down time against the watched time, warning as available', () => {
    const changes: StatusChange[] = [
      { at: 0, status: 'up' },
      { at: 10 * H, status: 'down' },
      { at: 11 * H, status: 'warning' },
      { at: 12 * H, status: 'down' },
      { at: 12.5 * H, status: 'up' },
    ];
    const a = availabilityOf(changes, 0, 24 * H);
    expect(a.observedMs).toBe(24 * H);
    expect(a.downMs).toBe(1.5 * H);
    expect(a.ratio).toBeCloseTo(1 - 1.5 / 24, 12);
    expect(a.outages).toEqual([
      { from: 10 * H, until: 11 * H, ongoing: false, ms: H, maintenanceMs: 0 },
      { from: 12 * H, until: 12.5 * H, ongoing: false, ms: 0.5 * H, maintenanceMs: 0 },
    ]);
  });

  it('uses the status in force at the start, does not count time before the first observation, and marks an outage still going', () => {
    const before = availabilityOf([{ at: -5 * H, status: 'down' }, { at: 2 * H, status: 'up' }, { at: 20 * H, status: 'down' }], 0, 24 * H);
    expect(before.outages).toEqual([
      { from: 0, until: 2 * H, ongoing: false, ms: 2 * H, maintenanceMs: 0 },
      { from: 20 * H, until: 24 * H, ongoing: true, ms: 4 * H, maintenanceMs: 0 },
    ]);
    const late = availabilityOf([{ at: 12 * H, status: 'up' }], 0, 24 * H);
    expect(late.observedMs).toBe(12 * H);
    expect(late.ratio).toBe(1);
    expect(availabilityOf([], 0, 24 * H).ratio).toBeNull();
  });

  it('leaves maintenance windows out of both sides', () => {
    const a = availabilityOf([{ at: 0, status: 'up' }, { at: 2 * H, status: 'down' }, { at: 4 * H, status: 'up' }], 0, 10 * H, [{ from: 1 * H, until: 3 * H }]);
    expect(a.maintenanceMs).toBe(2 * H);
    expect(a.downMs).toBe(1 * H);
    expect(a.ratio).toBeCloseTo(1 - 1 / 8, 12);
    expect(a.outages[0]).toMatchObject({ from: 2 * H, until: 4 * H, maintenanceMs: H });
  });

  it('overlapMs merges overlapping windows', () => {
    expect(overlapMs(0, 10, [{ from: 1, until: 5 }, { from: 3, until: 7 }, { from: 9, until: 20 }])).toBe(7);
    expect(overlapMs(0, 10, [])).toBe(0);
  });

  it('month bounds in China time', () => {
    expect(monthBounds('2026-11')).toEqual({ from: Date.parse('2026-10-31T16:00:00Z'), until: Date.parse('2026-11-30T16:00:00Z') });
    expect(monthBounds('2026-12').until).toBe(Date.parse('2026-12-31T16:00:00Z'));
    expect(() => monthBounds('2026-13')).toThrow(RangeError);
  });

  it('property: the parts add up, the ratio is within [0, 1], outages are disjoint and ordered', () => {
    const change = fc.record({ at: fc.integer({ min: -50, max: 150 }), status: fc.constantFrom('up' as const, 'warning' as const, 'down' as const) });
    const window = fc.tuple(fc.integer({ min: -20, max: 120 }), fc.integer({ min: 0, max: 60 })).map(([f, l]) => ({ from: f, until: f + l }));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), fc.array(window, { maxLength: 5 }), (changes, maintenance) => {
        const a = availabilityOf(changes, 0, 100, maintenance);
        expect(a.observedMs).toBeLessThanOrEqual(100);
        expect(a.maintenanceMs).toBeLessThanOrEqual(a.observedMs);
        expect(a.downMs).toBeGreaterThanOrEqual(0);
        expect(a.downMs).toBeLessThanOrEqual(a.observedMs - a.maintenanceMs);
        if (a.ratio !== null) {
          expect(a.ratio).toBeGreaterThanOrEqual(0);
          expect(a.ratio).toBeLessThanOrEqual(1);
        }
        const outageTotal = a.outages.reduce((s, o) => s + o.ms - o.maintenanceMs, 0);
        expect(outageTotal).toBe(a.downMs);
        for (let i = 1; i < a.outages.length; i++) expect(a.outages[i].from).toBeGreaterThan(a.outages[i - 1].until);
      }),
      { numRuns: 300 },
    );
  });
});
