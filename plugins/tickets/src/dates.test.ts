import { cstDay, cstMonth, cstRange } from './dates';

describe('China Standard Time dates', () => {
  it('reads the day and month in Beijing, not in UTC', () => {
    expect(cstDay(new Date('2026-11-30T16:30:00.000Z'))).toBe('2026-12-01');
    expect(cstMonth(new Date('2026-11-30T16:30:00.000Z'))).toBe('2026-12');
    expect(cstDay(new Date('2026-11-30T15:59:59.000Z'))).toBe('2026-11-30');
  });

  it('turns an inclusive day range into the backend instants', () => {
    expect(cstRange('2026-11-01', '2026-11-30')).toEqual({ from: '2026-10-31T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
    expect(cstRange('2026-11-30', '2026-11-30')).toEqual({ from: '2026-11-29T16:00:00.000Z', to: '2026-11-30T16:00:00.000Z' });
  });

  it('refuses reversed ranges and days that do not exist', () => {
    expect(cstRange('2026-12-02', '2026-12-01')).toBeUndefined();
    expect(cstRange('2026-02-30', '2026-03-01')).toBeUndefined();
    expect(cstRange('', '2026-03-01')).toBeUndefined();
  });
});
