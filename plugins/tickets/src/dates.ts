/** China Standard Time is UTC+8 all year (no daylight saving): the service's calendar. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day (`YYYY-MM-DD`) of an instant in China Standard Time. */
export function cstDay(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar month (`YYYY-MM`) of an instant in China Standard Time. */
export function cstMonth(at: Date): string {
  return cstDay(at).slice(0, 7);
}

/** The start (00:00 CST) of a `YYYY-MM-DD` day as epoch milliseconds; undefined when not a real day. */
function cstStart(day: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return undefined;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(utc).toISOString().slice(0, 10) !== day) return undefined;
  return utc - CST_OFFSET_MS;
}

/**
 * The instants for `GET /reports/volume` covering the days `from` to `to`, both included, in
 * China Standard Time (the backend's `to` is exclusive). Undefined when a day is invalid or the
 * range is reversed.
 */
export function cstRange(from: string, to: string): { from: string; to: string } | undefined {
  const start = cstStart(from);
  const end = cstStart(to);
  if (start === undefined || end === undefined || start > end) return undefined;
  return { from: new Date(start).toISOString(), to: new Date(end + DAY_MS).toISOString() };
}
