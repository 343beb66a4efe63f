import { cstDateTime, cstDateTimeOf, cstDayEnd, cstDayOf, cstDayStart } from './cst';

describe('cstDayStart and cstDayEnd', () => {
  it('are midnight and the last second in China Standard Time, as instants', () => {
    expect(cstDayStart('2026-11-28')).toBe('2026-11-27T16:00:00.000Z');
    expect(cstDayEnd('2026-11-28')).toBe('2026-11-28T15:59:59.000Z');
  });

  it('refuse anything that is not a day', () => {
    expect(cstDayStart('')).toBeUndefined();
    expect(cstDayStart('2026-13-01')).toBeUndefined();
    expect(cstDayStart('2026-02-30')).toBeUndefined();
    expect(cstDayStart('28/11/2026')).toBeUndefined();
    expect(cstDayEnd('2026-11-28T10:00')).toBeUndefined();
  });
});

describe('cstDateTime', () => {
  it('reads a datetime-local value as China time', () => {
    expect(cstDateTime('2026-11-28T09:30')).toBe('2026-11-28T01:30:00.000Z');
    expect(cstDateTime(' 2026-11-28T09:30:15 ')).toBe('2026-11-28T01:30:15.000Z');
    expect(cstDateTime('2026-11-28 09:30')).toBeUndefined();
    expect(cstDateTime('2026-11-28T25:00')).toBeUndefined();
  });

  it('round-trips with the field values of an instant', () => {
    const t = new Date('2026-11-27T20:05:00.000Z');
    expect(cstDayOf(t)).toBe('2026-11-28');
    expect(cstDateTimeOf(t)).toBe('2026-11-28T04:05');
    expect(cstDateTime(cstDateTimeOf(t))).toBe(t.toISOString());
  });
});
