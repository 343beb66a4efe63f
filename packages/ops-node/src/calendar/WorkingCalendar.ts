/**
 * A pure (no I/O) working-day calendar for SLA computations.
 *
 * All public methods take and return JavaScript `Date` values, which are instants. Calendar
 * notions (which day it is, whether it is a weekend, business hours) are evaluated in the
 * configured IANA time zone through `Intl.DateTimeFormat`, so no UTC offset is hard-coded and
 * zones with daylight saving time work as well.
 */

/** Milliseconds in one minute. */
const MINUTE_MS = 60_000;
/** Milliseconds in one civil (UTC) day; used only for day-number arithmetic, never for zones. */
const DAY_MS = 86_400_000;
/** Upper bound of days any single walk may visit (100 years), to fail loudly instead of looping. */
const MAX_DAYS_WALKED = 36_525;
/** How many days' business windows a calendar memoizes before starting afresh. */
const WINDOW_CACHE_SIZE = 8_192;

/** The default time zone of the calendar. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The default business hours of the calendar (08:30–17:30 local time). */
export const DEFAULT_BUSINESS_HOURS: Readonly<BusinessHours> = Object.freeze({
  start: '08:30',
  end: '17:30',
});

/**
 * Business hours of each working day, as local wall-clock times `'HH:MM'` (24-hour clock).
 * The interval is half-open: `[start, end)`. `end` may be `'24:00'`; it must be after `start`.
 */
export interface BusinessHours {
  /** Start of business, e.g. `'08:30'`. */
  start: string;
  /** End of business, e.g. `'17:30'`. */
  end: string;
}

/**
 * The kind of a day override: `'holiday'` makes a day a day off (normally a weekday, but a
 * weekend day inside a holiday period may be marked too); `'workday'` makes a day a working day
 * (normally a Saturday or Sunday: a make-up workday, 调休上班).
 */
export type DayOverrideKind = 'holiday' | 'workday';

/** An override of the Monday–Friday rule for one local date. */
export interface DayOverride {
  /** Whether the day is a day off or a working day. */
  kind: DayOverrideKind;
  /** A display name, e.g. `'国庆节'`. */
  name?: string;
}

/**
 * Day overrides keyed by local date `'YYYY-MM-DD'`, either as a `Map` or as a plain record.
 */
export type DayOverrides =
  | ReadonlyMap<string, DayOverride>
  | Readonly<Record<string, DayOverride>>;

/** Options of {@link WorkingCalendar}. */
export interface WorkingCalendarOptions {
  /** IANA time zone in which dates and business hours are evaluated. Default `'Asia/Shanghai'`. */
  timeZone?: string;
  /** Business hours of a working day. Default 08:30–17:30. */
  businessHours?: BusinessHours;
  /** Overrides of the weekend rule, keyed by local date `'YYYY-MM-DD'`. */
  days?: DayOverrides;
}

/**
 * The classification of a local date:
 * - `'workday'`: a Monday–Friday that is not a holiday (or any day explicitly marked as a
 *   working day that is not a weekend day);
 * - `'weekend'`: a Saturday or Sunday without override;
 * - `'holiday'`: a day marked as a holiday (whether or not it falls on a weekend);
 * - `'makeup-workday'`: a Saturday or Sunday marked as a working day (调休上班).
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

/** The result of {@link WorkingCalendar.dayKind}. */
export interface DayInfo {
  /** The local date `'YYYY-MM-DD'` in the calendar's time zone. */
  day: string;
  /** The classification of that date. */
  kind: DayKind;
  /** Whether the date is a working day (`'workday'` or `'makeup-workday'`). */
  working: boolean;
  /** The name of the override (e.g. the holiday name), when there is one. */
  name?: string;
}

const DAY_KEY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HH_MM_RE = /^(\d{2}):(\d{2})$/;

/**
 * Whether `value` is a real calendar date written `'YYYY-MM-DD'` (e.g. `'2026-02-30'` is not).
 *
 * @param value - the string to check
 */
export function isValidDayKey(value: unknown): value is string {
  return typeof value === 'string' && parseDayKey(value) !== undefined;
}

/** Parses `'YYYY-MM-DD'` into a day number (days since 1970-01-01), or undefined. */
function parseDayKey(value: string): number | undefined {
  const m = DAY_KEY_RE.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  // Date.UTC maps years 0..99 to 1900..1999; reject those and any overflowed date.
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d
  ) {
    return undefined;
  }
  return ms / DAY_MS;
}

/** Formats a day number as `'YYYY-MM-DD'`. */
function formatDayKey(dayNumber: number): string {
  const d = new Date(dayNumber * DAY_MS);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** 0 = Sunday … 6 = Saturday, for a day number (1970-01-01 was a Thursday). */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Parses `'HH:MM'` into minutes after local midnight, or throws RangeError. */
function parseHhMm(value: unknown, what: string, allow24: boolean): number {
  const m = typeof value === 'string' ? HH_MM_RE.exec(value) : null;
  if (m) {
    const h = Number(m[1]);
    const min = Number(m[2]);
    if (h <= 23 && min <= 59) return h * 60 + min;
    if (allow24 && h === 24 && min === 0) return 24 * 60;
  }
  throw new RangeError(
    `Invalid ${what} ${JSON.stringify(
      value,
    )}: expected 'HH:MM' on a 24-hour clock (00:00–23:59${
      allow24 ? ', or 24:00' : ''
    })`,
  );
}

/** Throws RangeError unless `date` is a valid Date; returns its epoch milliseconds. */
function instantOf(date: Date, what: string): number {
  const t = date instanceof Date ? date.getTime() : NaN;
  if (!Number.isFinite(t)) {
    throw new RangeError(
      `Invalid ${what}: expected a valid Date, got ${String(date)}`,
    );
  }
  return t;
}

/** Throws RangeError unless `n` is an integer ≥ 1. */
function requireCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(
      `Invalid ${what} ${String(n)}: expected an integer ≥ 1`,
    );
  }
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

/** A formatter producing numeric local wall-clock parts in `timeZone`. Throws for bad zones. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatterCache.set(timeZone, f);
  }
  return f;
}

/**
 * A working-day calendar: the Monday–Friday rule, amended by day overrides (public holidays and
 * make-up workdays), plus daily business hours, evaluated in one IANA time zone.
 *
 * Instances are immutable and do no I/O.
 */
export class WorkingCalendar {
  /** The IANA time zone of the calendar. */
  readonly timeZone: string;
  /** The business hours of a working day. */
  readonly businessHours: Readonly<BusinessHours>;

  readonly #formatter: Intl.DateTimeFormat;
  readonly #startMinute: number;
  readonly #endMinute: number;
  readonly #days: ReadonlyMap<number, DayOverride>;
  readonly #windows = new Map<number, readonly [number, number]>();

  /**
   * Creates a calendar.
   *
   * @param options - time zone, business hours and day overrides; see {@link WorkingCalendarOptions}
   * @throws RangeError if the time zone is unknown, a business hour is not `'HH:MM'`, the end of
   *   business is not after its start, a day key is not a real `'YYYY-MM-DD'` date, or an
   *   override kind is neither `'holiday'` nor `'workday'`
   */
  constructor(options: WorkingCalendarOptions = {}) {
    const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    try {
      this.#formatter = formatterFor(timeZone);
    } catch {
      throw new RangeError(
        `Invalid time zone ${JSON.stringify(
          timeZone,
        )}: expected an IANA zone name`,
      );
    }
    this.timeZone = this.#formatter.resolvedOptions().timeZone;

    const hours = options.businessHours ?? DEFAULT_BUSINESS_HOURS;
    this.#startMinute = parseHhMm(hours.start, 'business hours start', false);
    this.#endMinute = parseHhMm(hours.end, 'business hours end', true);
    if (this.#endMinute <= this.#startMinute) {
      throw new RangeError(
        `Invalid business hours ${hours.start}–${hours.end}: the end must be after the start`,
      );
    }
    this.businessHours = Object.freeze({ start: hours.start, end: hours.end });

    const days = new Map<number, DayOverride>();
    const entries: Iterable<[string, DayOverride]> =
      options.days instanceof Map
        ? options.days.entries()
        : Object.entries((options.days ?? {}) as Record<string, DayOverride>);
    for (const [key, override] of entries) {
      const dayNumber = parseDayKey(key);
      if (dayNumber === undefined) {
        throw new RangeError(
          `Invalid day ${JSON.stringify(
            key,
          )}: expected a real date 'YYYY-MM-DD'`,
        );
      }
      const kind = override?.kind;
      if (kind !== 'holiday' && kind !== 'workday') {
        throw new RangeError(
          `Invalid kind ${JSON.stringify(
            kind,
          )} for day ${key}: expected 'holiday' or 'workday'`,
        );
      }
      days.set(
        dayNumber,
        Object.freeze(
          override.name === undefined
            ? { kind }
            : { kind, name: override.name },
        ),
      );
    }
    this.#days = days;
  }

  /**
   * The day overrides of this calendar, keyed by `'YYYY-MM-DD'` in ascending date order.
   */
  overrides(): Map<string, DayOverride> {
    const sorted = [...this.#days.keys()].sort((a, b) => a - b);
    return new Map(sorted.map(n => [formatDayKey(n), this.#days.get(n)!]));
  }

  /**
   * The local date `'YYYY-MM-DD'` of an instant in the calendar's time zone.
   *
   * @param date - the instant
   */
  localDay(date: Date): string {
    return formatDayKey(this.#local(instantOf(date, 'date')).dayNumber);
  }

  /**
   * Classifies the local date of `date` (in the calendar's time zone).
   *
   * @param date - any instant of the day to classify
   * @returns the local date, its {@link DayKind}, whether it is a working day, and the
   *   override name when there is one
   */
  dayKind(date: Date): DayInfo {
    return this.#dayInfo(this.#local(instantOf(date, 'date')).dayNumber);
  }

  /**
   * Whether the local date of `date` is a working day: a Monday–Friday that is not marked as a
   * holiday, or any day marked as a (make-up) workday.
   *
   * @param date - any instant of the day
   */
  isWorkingDay(date: Date): boolean {
    return this.#isWorking(this.#local(instantOf(date, 'date')).dayNumber);
  }

  /**
   * The same local wall-clock time on the first working day strictly after the local date of
   * `date`. Equivalent to `addWorkingDays(date, 1)`.
   *
   * @param date - the starting instant
   */
  nextWorkingDay(date: Date): Date {
    return this.addWorkingDays(date, 1);
  }

  /**
   * The same local wall-clock time on the `n`-th working day strictly after the local date of
   * `date` (the day of `date` itself is never counted, whether or not it is a working day).
   * If that wall-clock time does not exist on the target day (a daylight-saving gap), it is
   * shifted forward by the length of the gap; if it occurs twice, the earlier one is used.
   *
   * @param date - the starting instant
   * @param n - how many working days to move forward; an integer ≥ 1
   * @throws RangeError if `date` is invalid or `n` is not an integer ≥ 1
   */
  addWorkingDays(date: Date, n: number): Date {
    const local = this.#local(instantOf(date, 'date'));
    requireCount(n, 'number of working days');
    const target = this.#nthWorkingDayAfter(local.dayNumber, n);
    return new Date(this.#instantAt(target, local.msOfDay));
  }

  /**
   * Whether `instant` is within business hours (`[start, end)`, local time) of a working day.
   *
   * @param instant - the instant to check
   */
  isBusinessTime(instant: Date): boolean {
    const t = instantOf(instant, 'instant');
    const { dayNumber } = this.#local(t);
    if (!this.#isWorking(dayNumber)) return false;
    return t >= this.#openAt(dayNumber) && t < this.#closeAt(dayNumber);
  }

  /**
   * The deadline of a target expressed in working days, where the submission day may count as
   * the first working day ("the day of submission counts").
   *
   * Rule: let D be the local date of `submittedAt` in the calendar's time zone.
   * - If D is a working day and `submittedAt` is strictly before the end of business hours on
   *   D (a submission before the start of business counts too), D is working day 1.
   * - Otherwise (D is a weekend day or holiday, or the submission is at or after the end of
   *   business hours), working day 1 is the first working day after D.
   *
   * The deadline is the end of business hours (e.g. 17:30 local time) on working day `n`.
   * Example with 08:30–17:30: submitted on a Monday at 10:00, `n = 2` → Tuesday 17:30;
   * submitted on a Monday at 17:30 or later, `n = 2` → Wednesday 17:30.
   *
   * @param submittedAt - the instant of submission
   * @param n - the number of working days; an integer ≥ 1
   * @throws RangeError if `submittedAt` is invalid or `n` is not an integer ≥ 1
   */
  deadlineByWorkingDays(submittedAt: Date, n: number): Date {
    const t = instantOf(submittedAt, 'submission instant');
    requireCount(n, 'number of working days');
    const { dayNumber } = this.#local(t);
    const countsToday =
      this.#isWorking(dayNumber) && t < this.#closeAt(dayNumber);
    const last = countsToday
      ? n === 1
        ? dayNumber
        : this.#nthWorkingDayAfter(dayNumber, n - 1)
      : this.#nthWorkingDayAfter(dayNumber, n);
    return new Date(this.#closeAt(last));
  }

  /**
   * The deadline of a target expressed in business hours (e.g. 4 business hours for an urgent
   * ticket): the instant at which `hours` of business time have elapsed since `start`. Nights,
   * weekends and holidays do not count. A `start` outside business time starts the clock at
   * the next opening. A deadline that falls exactly at the end of a business day is that end
   * (e.g. 17:30), not the next opening.
   *
   * @param start - when the clock starts
   * @param hours - business hours to allow; a finite number > 0 (fractions allowed; the result
   *   is rounded to the millisecond)
   * @throws RangeError if `start` is invalid or `hours` is not a finite number > 0
   */
  deadlineByBusinessHours(start: Date, hours: number): Date {
    const t = instantOf(start, 'start instant');
    if (typeof hours !== 'number' || !Number.isFinite(hours) || hours <= 0) {
      throw new RangeError(
        `Invalid number of business hours ${String(
          hours,
        )}: expected a finite number > 0`,
      );
    }
    return new Date(this.#walk(t, Math.round(hours * 60 * MINUTE_MS)));
  }

  /**
   * Business time between two instants, in milliseconds: the total overlap of `[a, b)` with the
   * business hours of working days. Signed: when `b` is before `a` the result is
   * `-businessMillisBetween(b, a)`. Callers pausing an SLA clock subtract or simply do not
   * accumulate the paused intervals themselves.
   *
   * @param a - the earlier instant
   * @param b - the later instant
   * @throws RangeError if either instant is invalid
   */
  businessMillisBetween(a: Date, b: Date): number {
    const ta = instantOf(a, 'instant a');
    const tb = instantOf(b, 'instant b');
    // `|| 0` avoids returning -0.
    if (tb < ta) return -this.#between(tb, ta) || 0;
    return this.#between(ta, tb);
  }

  /**
   * Pushes a deadline later by an amount of business time, e.g. the business time an SLA clock
   * was paused. Adding 0 returns the same instant. Otherwise the amount is consumed from
   * `deadline` onwards within business hours (starting at the next opening when `deadline` is
   * outside business time), so a deadline at 17:30 on a Friday extended by one hour becomes
   * 09:30 on the next working day (with 08:30–17:30 hours).
   *
   * @param deadline - the deadline to push
   * @param ms - business milliseconds to add; a finite number ≥ 0 (rounded to the millisecond)
   * @throws RangeError if `deadline` is invalid or `ms` is negative or not finite
   */
  extendByBusinessMillis(deadline: Date, ms: number): Date {
    const t = instantOf(deadline, 'deadline');
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
      throw new RangeError(
        `Invalid business milliseconds ${String(
          ms,
        )}: expected a finite number ≥ 0`,
      );
    }
    const amount = Math.round(ms);
    if (amount === 0) return new Date(t);
    return new Date(this.#walk(t, amount));
  }

  // ---------------------------------------------------------------------------------------------

  /** Consumes `amount` (> 0) business milliseconds from `t`; returns the resulting instant. */
  #walk(t: number, amount: number): number {
    let remaining = amount;
    let day = this.#local(t).dayNumber;
    let from = t;
    for (let i = 0; i <= MAX_DAYS_WALKED; i++, day++) {
      if (this.#isWorking(day)) {
        const open = this.#openAt(day);
        const close = this.#closeAt(day);
        const s = Math.max(from, open);
        if (s < close) {
          const available = close - s;
          if (remaining <= available) return s + remaining;
          remaining -= available;
        }
      }
      from = -Infinity;
    }
    throw new RangeError('Business time to add spans more than 100 years');
  }

  /** Business milliseconds in `[ta, tb)`, with `ta <= tb`. */
  #between(ta: number, tb: number): number {
    if (ta === tb) return 0;
    const first = this.#local(ta).dayNumber;
    const last = this.#local(tb).dayNumber;
    let total = 0;
    for (let day = first; day <= last; day++) {
      if (!this.#isWorking(day)) continue;
      const s = Math.max(ta, this.#openAt(day));
      const e = Math.min(tb, this.#closeAt(day));
      if (e > s) total += e - s;
    }
    return total;
  }

  /** The `n`-th (n ≥ 1) working day strictly after `dayNumber`. */
  #nthWorkingDayAfter(dayNumber: number, n: number): number {
    let day = dayNumber;
    let found = 0;
    for (let i = 0; i < MAX_DAYS_WALKED + n; i++) {
      day++;
      if (this.#isWorking(day) && ++found === n) return day;
    }
    throw new RangeError(`No ${n}-th working day found within 100 years`);
  }

  #dayInfo(dayNumber: number): DayInfo {
    const override = this.#days.get(dayNumber);
    const weekend = weekdayOf(dayNumber) === 0 || weekdayOf(dayNumber) === 6;
    let kind: DayKind;
    if (override?.kind === 'holiday') kind = 'holiday';
    else if (override?.kind === 'workday')
      kind = weekend ? 'makeup-workday' : 'workday';
    else kind = weekend ? 'weekend' : 'workday';
    const info: DayInfo = {
      day: formatDayKey(dayNumber),
      kind,
      working: kind === 'workday' || kind === 'makeup-workday',
    };
    if (override?.name !== undefined) info.name = override.name;
    return info;
  }

  #isWorking(dayNumber: number): boolean {
    const override = this.#days.get(dayNumber);
    if (override) return override.kind === 'workday';
    const wd = weekdayOf(dayNumber);
    return wd !== 0 && wd !== 6;
  }

  /** The instant business opens on a local day. */
  #openAt(dayNumber: number): number {
    return this.#window(dayNumber)[0];
  }

  /** The instant business closes on a local day. */
  #closeAt(dayNumber: number): number {
    return this.#window(dayNumber)[1];
  }

  /** Opening and closing instants of a local day, memoized (the calendar is immutable). */
  #window(dayNumber: number): readonly [number, number] {
    let w = this.#windows.get(dayNumber);
    if (!w) {
      w = [
        this.#instantAt(dayNumber, this.#startMinute * MINUTE_MS),
        this.#instantAt(dayNumber, this.#endMinute * MINUTE_MS),
      ];
      if (this.#windows.size >= WINDOW_CACHE_SIZE) this.#windows.clear();
      this.#windows.set(dayNumber, w);
    }
    return w;
  }

  /** The local date (as a day number) and milliseconds after local midnight of an instant. */
  #local(t: number): { dayNumber: number; msOfDay: number } {
    const wall = t + this.#offsetAt(t);
    const dayNumber = Math.floor(wall / DAY_MS);
    return { dayNumber, msOfDay: wall - dayNumber * DAY_MS };
  }

  /**
   * The zone offset (local wall clock minus UTC, in ms) at instant `t`, read from
   * `Intl.DateTimeFormat` so that no offset is hard-coded.
   */
  #offsetAt(t: number): number {
    const parts = this.#formatter.formatToParts(new Date(t));
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const p of parts) {
      switch (p.type) {
        case 'year':
          year = Number(p.value);
          break;
        case 'month':
          month = Number(p.value);
          break;
        case 'day':
          day = Number(p.value);
          break;
        case 'hour':
          hour = Number(p.value);
          break;
        case 'minute':
          minute = Number(p.value);
          break;
        case 'second':
          second = Number(p.value);
          break;
        case 'era':
          bc = p.value === 'BC' || p.value === 'B';
          break;
        default:
          break;
      }
    }
    const d = new Date(0);
    d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
    d.setUTCHours(hour, minute, second, 0);
    const msPart = ((t % 1000) + 1000) % 1000;
    return d.getTime() + msPart - t;
  }

  /**
   * The instant of a local wall-clock time (`msOfDay` after local midnight of `dayNumber`). A
   * wall time that does not exist (daylight-saving gap) is shifted forward by the length of the
   * gap (02:30 in a 02:00→03:00 gap becomes 03:30); an ambiguous one (overlap) resolves to the
   * earlier instant. This matches Temporal's `'compatible'` disambiguation.
   */
  #instantAt(dayNumber: number, msOfDay: number): number {
    const wall = dayNumber * DAY_MS + msOfDay;
    const o1 = this.#offsetAt(wall);
    const t1 = wall - o1;
    const o2 = this.#offsetAt(t1);
    if (o1 === o2) {
      // Prefer the earlier instant if the wall time is ambiguous (repeated hour).
      const tEarlier = wall - this.#offsetAt(t1 - 3 * 3_600_000);
      if (tEarlier < t1 && this.#offsetAt(tEarlier) + tEarlier === wall)
        return tEarlier;
      return t1;
    }
    const t2 = wall - o2;
    if (this.#offsetAt(t2) === o2) return t2;
    return Math.max(t1, t2);
  }
}
