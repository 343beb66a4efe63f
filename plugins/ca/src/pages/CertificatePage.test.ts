import { cstDayStart } from './CertificatePage';

describe('cstDayStart', () => {
  it('is midnight in China Standard Time, as an instant', () => {
    expect(cstDayStart('2026-11-28')).toBe('2026-11-27T16:00:00.000Z');
  });

  it('refuses anything that is not a day', () => {
    expect(cstDayStart('')).toBeUndefined();
    expect(cstDayStart('2026-13-01')).toBeUndefined();
    expect(cstDayStart('28/11/2026')).toBeUndefined();
  });
});
