/*
 * Days and times as typed in date and datetime-local fields, read in China Standard Time (UTC+8,
 * no daylight saving) whatever the browser's zone, and sent to the APIs as instants.
 */

const CST_MS = 8 * 3_600_000;

/** The instant of a CST wall-clock time `YYYY-MM-DDTHH:mm[:ss]`, or undefined when it is no such time. */
function cstInstant(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(v => Number(v ?? 0));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  // Refuse what Date would roll over (31 February, 25 o'clock).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return undefined;
  return new Date(ms - CST_MS).toISOString();
}

/** A day typed in a date field (`YYYY-MM-DD`) as the instant it starts in China Standard Time. */
export function cstDayStart(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? cstInstant(`${day}T00:00:00`) : undefined;
}

/** The last second of a day (`YYYY-MM-DD`) in China Standard Time, as an instant (ends of validity). */
export function cstDayEnd(day: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? cstInstant(`${day}T23:59:59`) : undefined;
}

/** A datetime-local value (`YYYY-MM-DDTHH:mm`) read as China Standard Time, as an instant. */
export function cstDateTime(value: string): string | undefined {
  return cstInstant(value.trim());
}

/** The CST day (`YYYY-MM-DD`) of an instant, for date fields. */
export function cstDayOf(instant: Date): string {
  return new Date(instant.getTime() + CST_MS).toISOString().slice(0, 10);
}

/** The CST wall-clock time (`YYYY-MM-DDTHH:mm`) of an instant, for datetime-local fields. */
export function cstDateTimeOf(instant: Date): string {
  return new Date(instant.getTime() + CST_MS).toISOString().slice(0, 16);
}
