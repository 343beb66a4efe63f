import { dayKeyOf, dayNumber } from '@yinxin/plugin-roster-common';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * Local wall-clock arithmetic in one IANA time zone (Asia/Shanghai for yinxin), with offsets read
 * from `Intl` so that nothing is hard-coded. Instants are epoch milliseconds.
 */
export class Zone {
  readonly #f: Intl.DateTimeFormat;

  /**
   * @param timeZone - an IANA zone name
   * @throws RangeError for an unknown zone
   */
  constructor(readonly timeZone: string) {
    this.#f = formatter(timeZone);
  }

  /** Local wall clock minus UTC at instant `t`, in ms. */
  offsetAt(t: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.#f.formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - (t - (((t % 1000) + 1000) % 1000));
  }

  /**
   * The instant of local day `day` plus `minutes` after its midnight (minutes may pass 1440 to
   * reach the next days). A wall time in a daylight-saving gap moves forward by the gap; an
   * ambiguous one resolves to the earlier instant.
   */
  instant(day: string, minutes = 0): number {
    const wall = dayNumber(day) * DAY_MS + minutes * MINUTE_MS;
    const o1 = this.offsetAt(wall);
    const t1 = wall - o1;
    const o2 = this.offsetAt(t1);
    if (o1 === o2) return t1;
    const t2 = wall - o2;
    return this.offsetAt(t2) === o2 ? Math.min(t1, t2) : Math.max(t1, t2);
  }

  /** The local day and minutes after local midnight of instant `t`. */
  local(t: number): { day: string; minutes: number } {
    const wall = t + this.offsetAt(t);
    const n = Math.floor(wall / DAY_MS);
    return { day: dayKeyOf(n), minutes: (wall - n * DAY_MS) / MINUTE_MS };
  }

  /** The local day of instant `t`. */
  dayOf(t: number): string {
    return this.local(t).day;
  }

  /** `HH:MM` local time of `t` (24:00 is never produced; midnight is 00:00). */
  hhmm(t: number): string {
    const m = Math.floor(this.local(t).minutes);
    return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  }

  /** `YYYY-MM-DD HH:MM` local time of `t`. */
  format(t: number): string {
    return `${this.dayOf(t)} ${this.hhmm(t)}`;
  }
}

/** Minutes after midnight of `HH:MM` (00:00–23:59, and 24:00). */
export function parseHhMm(value: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m || (m[1] === '24' && m[2] !== '00')) throw new RangeError(`Invalid time '${value}': expected HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}
