import { cstClock, cstLocalToIso, cstMonthDay, cstMonthOf, cstText, isMonth, isoToCstLocal, shiftMonth } from './time';

describe('datetime-local fields in China time', () => {
  it('turn a typed time into an ISO time with the +08:00 offset', () => {
    expect(cstLocalToIso('2026-11-28T09:30')).toBe('2026-11-28T09:30:00+08:00');
    expect(cstLocalToIso(' 2026-11-28T09:30:15 ')).toBe('2026-11-28T09:30:15+08:00');
    expect(Date.parse(cstLocalToIso('2026-11-28T09:30')!)).toBe(Date.parse('2026-11-28T01:30:00Z'));
  });

  it('refuse what is no time', () => {
    expect(cstLocalToIso('')).toBeUndefined();
    expect(cstLocalToIso('2026-02-30T10:00')).toBeUndefined();
    expect(cstLocalToIso('2026-11-28 09:30')).toBeUndefined();
    expect(cstLocalToIso('2026-11-28T24:00')).toBeUndefined();
  });

  it('show an instant as the China-time value of the field, and round-trip', () => {
    expect(isoToCstLocal('2026-11-27T20:05:00.000Z')).toBe('2026-11-28T04:05');
    expect(isoToCstLocal('2026-11-28T04:05:00+08:00')).toBe('2026-11-28T04:05');
    expect(isoToCstLocal('nonsense')).toBe('');
    expect(cstLocalToIso(isoToCstLocal('2026-11-27T20:05:00Z'))).toBe('2026-11-28T04:05:00+08:00');
  });
});

describe('months and labels in China time', () => {
  it('take the month of China time, not of UTC', () => {
    expect(cstMonthOf(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(cstMonthOf(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });

  it('check and move months across years', () => {
    expect(isMonth('2026-12')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth(null)).toBe(false);
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-05', 11)).toBe('2027-04');
    expect(shiftMonth('2026-05', -17)).toBe('2024-12');
  });

  it('write clocks and days of China time', () => {
    const t = Date.parse('2026-11-27T20:05:00Z');
    expect(cstClock(t)).toBe('04:05');
    expect(cstMonthDay(t)).toBe('11-28');
    expect(cstText(t)).toBe('2026-11-28 04:05');
  });
});
