import { cstDateTime, cstDateTimeOf } from '@yinxin/ops-react';

/*
 * China Standard Time (UTC+8, no daylight saving) for the monitor: datetime-local fields, months,
 * and the labels of chart axes, whatever the browser's zone.
 */

/** UTC+8 in milliseconds. */
export const CST_OFFSET_MS = 8 * 3_600_000;

/**
 * A datetime-local value (`YYYY-MM-DDTHH:mm[:ss]`) read as China time, as an ISO time with its
 * `+08:00` offset (`2026-11-28T09:30:00+08:00`); undefined when it is no such time.
 */
export function cstLocalToIso(local: string): string | undefined {
  const v = local.trim();
  if (!cstDateTime(v)) return undefined;
  return `${v.length === 16 ? `${v}:00` : v}+08:00`;
}

/** The datetime-local value (`YYYY-MM-DDTHH:mm`, China time) of an instant given as ISO text; '' when it is none. */
export function isoToCstLocal(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? cstDateTimeOf(new Date(ms)) : '';
}

/** The China-time wall clock of an instant as its parts (UTC getters of the shifted date). */
function cstParts(ms: number): Date {
  return new Date(ms + CST_OFFSET_MS);
}

const two = (n: number) => String(n).padStart(2, '0');

/** The China-time month (`yyyy-mm`) of an instant. */
export function cstMonthOf(ms: number): string {
  const d = cstParts(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}`;
}

/** True for a month `yyyy-mm` (01–12). */
export function isMonth(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month `delta` months after `month` (`yyyy-mm`; negative goes back). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${two((index % 12) + 1)}`;
}

/** `HH:mm` of an instant in China time. */
export function cstClock(ms: number): string {
  const d = cstParts(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** `MM-DD` of an instant in China time. */
export function cstMonthDay(ms: number): string {
  const d = cstParts(ms);
  return `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
}

/** `YYYY-MM-DD HH:mm` of an instant in China time (chart tooltips, outages). */
export function cstText(ms: number): string {
  return `${cstParts(ms).toISOString().slice(0, 10)} ${cstClock(ms)}`;
}
