import type { CertificateExpiry } from '@yinxin/plugin-monitor-common';
import { cstMonthOf, shiftMonth } from './time';

/** How close a certificate's end is: past, within 30 days, or further. */
export type ExpiryTone = 'expired' | 'soon' | 'ok';

/** Days left at or under which a certificate's end is near. */
export const SOON_DAYS = 30;

/** The colour of each {@link ExpiryTone}: red, orange, green. */
export const EXPIRY_COLOURS: Record<ExpiryTone, string> = { expired: '#c62828', soon: '#ed6c02', ok: '#2e7d32' };

/** The tone of a certificate with `daysLeft` whole days left (negative once it has ended). */
export function expiryTone(daysLeft: number): ExpiryTone {
  if (daysLeft < 0) return 'expired';
  return daysLeft <= SOON_DAYS ? 'soon' : 'ok';
}

const RANK: Record<ExpiryTone, number> = { expired: 0, soon: 1, ok: 2 };

/** The worse of two tones. */
function worse(a: ExpiryTone, b: ExpiryTone): ExpiryTone {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The certificates ending in one China-time month. */
export interface ExpiryMonth {
  /** `yyyy-mm` */
  month: string;
  items: CertificateExpiry[];
  /** the worst tone of the month */
  tone: ExpiryTone;
}

/** Certificates grouped by the China-time month of their end, months in order, soonest first within a month. */
export function expiryMonths(certs: readonly CertificateExpiry[]): ExpiryMonth[] {
  const groups = new Map<string, CertificateExpiry[]>();
  const sorted = [...certs].filter(c => Number.isFinite(Date.parse(c.notAfter))).sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter));
  for (const c of sorted) {
    const month = cstMonthOf(Date.parse(c.notAfter));
    groups.set(month, [...(groups.get(month) ?? []), c]);
  }
  return [...groups.entries()].map(([month, items]) => ({ month, items, tone: items.map(c => expiryTone(c.daysLeft)).reduce(worse, 'ok' as ExpiryTone) }));
}

/** The 12-month strip: how many certificates end in each month from the current one, and how many before and after it. */
export interface ExpiryStrip {
  months: { month: string; count: number; tone: ExpiryTone | undefined }[];
  /** ended before the current month */
  before: number;
  /** end after the strip */
  after: number;
  /** the largest monthly count (the bars' scale), at least 1 */
  peak: number;
}

/** Counts certificate ends per China-time month over `months` months from `now`'s month. */
export function expiryStrip(certs: readonly CertificateExpiry[], now: number, months = 12): ExpiryStrip {
  const first = cstMonthOf(now);
  const strip = Array.from({ length: months }, (_, i) => ({ month: shiftMonth(first, i), count: 0, tone: undefined as ExpiryTone | undefined }));
  const index = new Map(strip.map((m, i) => [m.month, i]));
  const last = strip[strip.length - 1]?.month ?? first;
  let before = 0;
  let after = 0;
  for (const c of certs) {
    const ms = Date.parse(c.notAfter);
    if (!Number.isFinite(ms)) continue;
    const month = cstMonthOf(ms);
    const i = index.get(month);
    if (i !== undefined) {
      const cell = strip[i];
      cell.count++;
      cell.tone = worse(cell.tone ?? 'ok', expiryTone(c.daysLeft));
    } else if (month < first) before++;
    else if (month > last) after++;
  }
  return { months: strip, before, after, peak: Math.max(1, ...strip.map(m => m.count)) };
}
