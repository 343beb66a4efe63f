import { cstDayStart } from '@yinxin/ops-react';
import { addDays, type Assignment } from '@yinxin/plugin-roster-common';

/** One day of the coverage chart: hours with someone on site, on call, and with nobody. */
export interface DayCoverage {
  day: string;
  onsite: number;
  oncall: number;
  uncovered: number;
}

type Span = [number, number];

/** The total length (ms) of the union of spans clipped to `[lo, hi)`. */
function unionLength(spans: readonly Span[], lo: number, hi: number): number {
  const clipped = spans
    .map(([s, e]): Span => [Math.max(s, lo), Math.min(e, hi)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: Span | undefined;
  for (const span of clipped) {
    if (cur && span[0] <= cur[1]) cur[1] = Math.max(cur[1], span[1]);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [...span];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

const HOUR = 3_600_000;
const round1 = (h: number) => Math.round(h * 10) / 10;

/**
 * Hours of each China-time day covered by the roster: with an engineer on site, with someone on
 * remote call, and with nobody at all (what 7×24 leaves open). Overlapping shifts count once.
 */
export function dailyCoverage(assignments: readonly Assignment[], days: readonly string[]): DayCoverage[] {
  const spans = (kind?: Assignment['kind']) => assignments.filter(a => !kind || a.kind === kind).map((a): Span => [Date.parse(a.startsAt), Date.parse(a.endsAt)]);
  const onsite = spans('onsite');
  const oncall = spans('oncall');
  const all = spans();
  return days.map(day => {
    const lo = Date.parse(cstDayStart(day)!);
    const hi = Date.parse(cstDayStart(addDays(day, 1))!);
    return {
      day,
      onsite: round1(unionLength(onsite, lo, hi) / HOUR),
      oncall: round1(unionLength(oncall, lo, hi) / HOUR),
      uncovered: round1((hi - lo - unionLength(all, lo, hi)) / HOUR),
    };
  });
}
