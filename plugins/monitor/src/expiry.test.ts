import type { CertificateExpiry } from '@yinxin/plugin-monitor-common';
import { expiryMonths, expiryStrip, expiryTone } from './expiry';

const cert = (targetId: string, notAfter: string, daysLeft: number): CertificateExpiry => ({ targetId, name: targetId, notAfter, daysLeft, status: 'up' });
const now = Date.parse('2026-11-28T02:00:00Z');

describe('expiryTone', () => {
  it('is red once ended, orange within 30 days, green after', () => {
    expect(expiryTone(-1)).toBe('expired');
    expect(expiryTone(0)).toBe('soon');
    expect(expiryTone(30)).toBe('soon');
    expect(expiryTone(31)).toBe('ok');
  });
});

describe('expiryMonths', () => {
  it('groups by the China-time month of the end, soonest first, with the worst tone', () => {
    const groups = expiryMonths([
      cert('tsa', '2027-02-10T00:00:00Z', 74),
      cert('ocsp', '2026-11-30T16:30:00Z', 2), // 1 December in China
      cert('ldap', '2026-11-20T00:00:00Z', -8),
      cert('ca', '2026-12-20T00:00:00Z', 21),
      cert('web', '2026-12-31T17:00:00Z', 33), // 1 January in China
    ]);
    expect(groups.map(g => [g.month, g.items.map(c => c.targetId), g.tone])).toEqual([
      ['2026-11', ['ldap'], 'expired'],
      ['2026-12', ['ocsp', 'ca'], 'soon'],
      ['2027-01', ['web'], 'ok'],
      ['2027-02', ['tsa'], 'ok'],
    ]);
  });

  it('is empty without certificates and skips bad dates', () => {
    expect(expiryMonths([])).toEqual([]);
    expect(expiryMonths([cert('x', 'soon', 1)])).toEqual([]);
  });
});

describe('expiryStrip', () => {
  it('counts ends in the twelve months from now, and those before and after', () => {
    const strip = expiryStrip(
      [cert('old', '2026-10-01T00:00:00Z', -58), cert('a', '2026-11-20T00:00:00Z', -8), cert('b', '2026-12-05T00:00:00Z', 6), cert('c', '2026-12-25T00:00:00Z', 26), cert('d', '2027-10-31T00:00:00Z', 336), cert('e', '2027-11-02T00:00:00Z', 339)],
      now,
    );
    expect(strip.months).toHaveLength(12);
    expect(strip.months[0]).toEqual({ month: '2026-11', count: 1, tone: 'expired' });
    expect(strip.months[1]).toEqual({ month: '2026-12', count: 2, tone: 'soon' });
    expect(strip.months[2]).toEqual({ month: '2027-01', count: 0, tone: undefined });
    expect(strip.months[11]).toEqual({ month: '2027-10', count: 1, tone: 'ok' });
    expect(strip).toMatchObject({ before: 1, after: 1, peak: 2 });
  });

  it('has a scale of at least one when empty', () => {
    expect(expiryStrip([], now).peak).toBe(1);
  });
});
