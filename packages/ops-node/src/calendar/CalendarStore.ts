import fs from 'node:fs';
import type { Knex } from 'knex';
import {
  BusinessHours,
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_TIME_ZONE,
  DayOverride,
  DayOverrideKind,
  WorkingCalendar,
  isValidDayKey,
} from './WorkingCalendar';

// ------------------------------------------------------------------------------------------------
// Seed data from the `chinese-days` package
// ------------------------------------------------------------------------------------------------

/** The shape of `chinese-days/dist/chinese-days.json`: date → 'English,中文,statutory days'. */
interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let chineseDaysCache: { data: ChineseDaysData; version: string } | undefined;

/** Reads (once) and validates the data file shipped by the `chinese-days` package. */
function readChineseDays(): { data: ChineseDaysData; version: string } {
  if (!chineseDaysCache) {
    const file = require.resolve('chinese-days/dist/chinese-days.json');
    const raw = JSON.parse(
      fs.readFileSync(file, 'utf8'),
    ) as Partial<ChineseDaysData>;
    const isMap = (v: unknown): v is Record<string, string> =>
      typeof v === 'object' &&
      v !== null &&
      Object.values(v as Record<string, unknown>).every(
        x => typeof x === 'string',
      );
    if (!isMap(raw.holidays) || !isMap(raw.workdays)) {
      throw new Error(
        `Unexpected format of ${file}: expected 'holidays' and 'workdays' maps`,
      );
    }
    const pkg = JSON.parse(
      fs.readFileSync(require.resolve('chinese-days/package.json'), 'utf8'),
    ) as { version?: string };
    chineseDaysCache = {
      data: { holidays: raw.holidays, workdays: raw.workdays },
      version: String(pkg.version ?? 'unknown'),
    };
  }
  return chineseDaysCache;
}

/** The Chinese name of a `chinese-days` description 'English,中文,n' (falls back to English). */
function chineseName(description: string): string {
  const [english, chinese] = description.split(',');
  return (chinese ?? '').trim() || (english ?? '').trim();
}

/**
 * The years covered by the installed `chinese-days` package data, ascending (e.g. 2004–2026
 * for chinese-days 1.5.7). Dates in later years have no holiday data: the calendar falls back to
 * the plain Monday–Friday rule there until the package is upgraded or an admin enters the days.
 */
export function chineseDaysYears(): number[] {
  const { data } = readChineseDays();
  const years = new Set<number>();
  for (const key of [
    ...Object.keys(data.holidays),
    ...Object.keys(data.workdays),
  ]) {
    years.add(Number(key.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Day overrides for China's public holidays (`'holiday'`) and make-up workdays (`'workday'`,
 * 调休上班), read from the `chinese-days` package data, named in Chinese (e.g. `'国庆节'`; a
 * make-up workday carries the name of the holiday it belongs to).
 *
 * The package lists every day off of a holiday period, including the Saturdays and Sundays
 * inside it, so those weekend days come back as `'holiday'` too.
 *
 * @param years - the years to include; default all years the package has (see
 *   {@link chineseDaysYears}). Years the package does not cover yield no entries.
 * @returns the overrides keyed by `'YYYY-MM-DD'`, in ascending date order
 * @throws Error if the package data is malformed or lists a day both as holiday and workday
 */
export function seedDaysFromChineseDays(
  years?: number[],
): Map<string, DayOverride> {
  if (years !== undefined && !years.every(y => Number.isSafeInteger(y))) {
    throw new RangeError(
      `Invalid years ${JSON.stringify(years)}: expected integers`,
    );
  }
  const wanted = years === undefined ? undefined : new Set(years);
  const { data } = readChineseDays();
  const result: Array<[string, DayOverride]> = [];
  const add = (source: Record<string, string>, kind: DayOverrideKind) => {
    for (const [day, description] of Object.entries(source)) {
      if (!isValidDayKey(day)) {
        throw new Error(
          `Unexpected date ${JSON.stringify(day)} in chinese-days data`,
        );
      }
      if (wanted && !wanted.has(Number(day.slice(0, 4)))) continue;
      result.push([day, { kind, name: chineseName(description) }]);
    }
  };
  add(data.holidays, 'holiday');
  add(data.workdays, 'workday');
  result.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 1; i < result.length; i++) {
    if (result[i][0] === result[i - 1][0]) {
      throw new Error(
        `chinese-days data lists ${result[i][0]} both as a holiday and a workday`,
      );
    }
  }
  return new Map(result);
}

// ------------------------------------------------------------------------------------------------
// Migrations
// ------------------------------------------------------------------------------------------------

const DAYS_TABLE = 'calendar_days';
const SETTINGS_TABLE = 'calendar_settings';
const MIGRATIONS_TABLE = 'yinxin_calendar_migrations';

interface CalendarMigration {
  name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const calendarMigrations: CalendarMigration[] = [
  {
    name: '20260101000000_calendar_init',
    async up(knex) {
      await knex.schema.createTable(DAYS_TABLE, table => {
        table.string('day', 10).primary().comment("Local date 'YYYY-MM-DD'");
        table.string('kind', 16).notNullable().checkIn(['holiday', 'workday']);
        table.string('name', 100).nullable();
        table.string('source', 16).notNullable().checkIn(['seed', 'admin']);
        table.string('updated_by', 255).nullable();
        table.timestamp('updated_at', { useTz: true }).notNullable();
      });
      await knex.schema.createTable(SETTINGS_TABLE, table => {
        table.string('key', 64).primary();
        table.text('value').nullable();
      });
    },
    async down(knex) {
      await knex.schema.dropTable(SETTINGS_TABLE);
      await knex.schema.dropTable(DAYS_TABLE);
    },
  },
];

const calendarMigrationSource: Knex.MigrationSource<CalendarMigration> = {
  async getMigrations() {
    return calendarMigrations;
  },
  getMigrationName(migration) {
    return migration.name;
  },
  async getMigration(migration) {
    return migration;
  },
};

/**
 * Creates or upgrades the calendar tables (`calendar_days`, `calendar_settings`). The
 * migrations are an in-code migration source tracked in their own table
 * `yinxin_calendar_migrations`, so they can share a plugin database with other migration sets.
 *
 * @param knex - the plugin database
 */
export async function migrateCalendarStore(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    migrationSource: calendarMigrationSource,
    tableName: MIGRATIONS_TABLE,
  });
}

// ------------------------------------------------------------------------------------------------
// Store
// ------------------------------------------------------------------------------------------------

/** Where a calendar day override comes from: seeded package data or an administrator. */
export type CalendarDaySource = 'seed' | 'admin';

/** A stored day override. */
export interface CalendarDay {
  /** Local date `'YYYY-MM-DD'`. */
  day: string;
  /** `'holiday'` (day off) or `'workday'` (working day, e.g. a make-up workday). */
  kind: DayOverrideKind;
  /** Display name, e.g. `'春节'`, or null. */
  name: string | null;
  /** Who entered the override. */
  source: CalendarDaySource;
  /** The admin's user entity ref, or `chinese-days@<version>` for seeded rows. */
  updatedBy: string | null;
  /** When the row was last written. */
  updatedAt: Date;
}

/** The calendar settings stored in `calendar_settings`. */
export interface CalendarSettings {
  /** IANA time zone, e.g. `'Asia/Shanghai'`. */
  timeZone: string;
  /** Business hours of a working day. */
  businessHours: BusinessHours;
}

/** The before/after images of a write, for an audit record. */
export interface CalendarChange<T> {
  /** The value before the write (undefined: there was none). */
  before: T | undefined;
  /** The value after the write (undefined: it was removed). */
  after: T | undefined;
}

/** Options of {@link CalendarStore}. */
export interface CalendarStoreOptions {
  /** The plugin database; the tables must exist (see {@link migrateCalendarStore}). */
  knex: Knex;
  /** How long {@link CalendarStore.load} may serve a cached calendar, in ms. Default 60 000. */
  cacheTtlMs?: number;
  /** Clock, for tests. Default `() => new Date()`. */
  now?: () => Date;
}

interface DayRow {
  day: string;
  kind: string;
  name: string | null;
  source: string;
  updated_by: string | null;
  updated_at: Date | string | number;
}

const SETTING_TIME_ZONE = 'timeZone';
const SETTING_HOURS_START = 'businessHoursStart';
const SETTING_HOURS_END = 'businessHoursEnd';
const INSERT_CHUNK = 100;

/** Reads a timestamp column: a Date (PostgreSQL), epoch ms or a string (SQLite). */
function toDate(value: Date | string | number): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  // SQLite's CURRENT_TIMESTAMP format 'YYYY-MM-DD HH:MM:SS' is UTC.
  return new Date(
    /Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.replace(' ', 'T')}Z`,
  );
}

function toCalendarDay(row: DayRow): CalendarDay {
  return {
    day: row.day,
    kind: row.kind as DayOverrideKind,
    name: row.name,
    source: row.source as CalendarDaySource,
    updatedBy: row.updated_by,
    updatedAt: toDate(row.updated_at),
  };
}

/**
 * Persistence of the working-day calendar (day overrides and settings) in the plugin database,
 * with a short-lived in-memory cache of the resulting {@link WorkingCalendar}. Works on SQLite
 * (better-sqlite3) and PostgreSQL.
 *
 * Every write accepts an optional knex transaction so that the caller can write an audit record
 * atomically with it; without one, the write runs in its own transaction. Writes invalidate the
 * cache immediately and again when the caller's transaction settles.
 */
export class CalendarStore {
  readonly #knex: Knex;
  readonly #ttlMs: number;
  readonly #now: () => Date;
  #cache: { calendar: WorkingCalendar; expiresAt: number } | undefined;
  #inflight:
    | { generation: number; promise: Promise<WorkingCalendar> }
    | undefined;
  #generation = 0;

  /**
   * Runs the migrations and returns a store.
   *
   * @param options - see {@link CalendarStoreOptions}
   */
  static async create(options: CalendarStoreOptions): Promise<CalendarStore> {
    await migrateCalendarStore(options.knex);
    return new CalendarStore(options);
  }

  /**
   * Creates a store over already migrated tables.
   *
   * @param options - see {@link CalendarStoreOptions}
   */
  constructor(options: CalendarStoreOptions) {
    const ttl = options.cacheTtlMs ?? 60_000;
    if (!Number.isFinite(ttl) || ttl < 0) {
      throw new RangeError(
        `Invalid cacheTtlMs ${String(ttl)}: expected a finite number ≥ 0`,
      );
    }
    this.#knex = options.knex;
    this.#ttlMs = ttl;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Seeds `calendar_days` from the `chinese-days` package (source `'seed'`) when the table has
   * no rows at all. Once any row exists (seeded or entered by an admin) it does nothing, so
   * days an admin removed are not resurrected; years added by a later package version are not
   * seeded automatically either.
   *
   * @param trx - optional transaction to write in
   * @returns the number of rows inserted (0 when the table was not empty)
   */
  async seedIfEmpty(trx?: Knex.Transaction): Promise<number> {
    const inserted = await this.#inTransaction(trx, async tx => {
      const existing = await tx(DAYS_TABLE).first('day');
      if (existing) return 0;
      const version = readChineseDays().version;
      const now = this.#now();
      const rows = [...seedDaysFromChineseDays()].map(([day, o]) => ({
        day,
        kind: o.kind,
        name: o.name ?? null,
        source: 'seed',
        updated_by: `chinese-days@${version}`,
        updated_at: now,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        // onConflict().ignore(): a concurrent instance seeding at the same time is harmless.
        await tx(DAYS_TABLE)
          .insert(rows.slice(i, i + INSERT_CHUNK))
          .onConflict('day')
          .ignore();
      }
      return rows.length;
    });
    if (inserted > 0) this.#invalidateAfter(trx);
    return inserted;
  }

  /**
   * The overrides of one calendar year, in date order.
   *
   * @param year - e.g. 2026
   * @throws RangeError if `year` is not an integer between 1000 and 9999
   */
  async listYear(year: number): Promise<CalendarDay[]> {
    if (!Number.isSafeInteger(year) || year < 1000 || year > 9999) {
      throw new RangeError(
        `Invalid year ${String(
          year,
        )}: expected an integer between 1000 and 9999`,
      );
    }
    const rows: DayRow[] = await this.#knex(DAYS_TABLE)
      .whereBetween('day', [`${year}-01-01`, `${year}-12-31`])
      .orderBy('day', 'asc');
    return rows.map(toCalendarDay);
  }

  /**
   * Sets or removes the override of one day (source `'admin'`).
   *
   * @param day - local date `'YYYY-MM-DD'` (must be a real date)
   * @param kind - `'holiday'`, `'workday'`, or null to remove the override (the day then follows
   *   the Monday–Friday rule)
   * @param name - display name (at most 100 characters; blank means none); ignored on removal
   * @param actor - who makes the change (user entity ref), stored in `updated_by`
   * @param trx - optional transaction, e.g. to write an audit record atomically
   * @returns the row before and after the change
   * @throws RangeError on an invalid day, kind, name or actor
   */
  async setDay(
    day: string,
    kind: DayOverrideKind | null,
    name: string | null | undefined,
    actor: string,
    trx?: Knex.Transaction,
  ): Promise<CalendarChange<CalendarDay>> {
    if (!isValidDayKey(day)) {
      throw new RangeError(
        `Invalid day ${JSON.stringify(day)}: expected a real date 'YYYY-MM-DD'`,
      );
    }
    if (kind !== null && kind !== 'holiday' && kind !== 'workday') {
      throw new RangeError(
        `Invalid kind ${JSON.stringify(
          kind,
        )}: expected 'holiday', 'workday' or null`,
      );
    }
    if (name !== null && name !== undefined && typeof name !== 'string') {
      throw new RangeError('Invalid name: expected a string or null');
    }
    const trimmed = name?.trim() || null;
    if (trimmed !== null && [...trimmed].length > 100) {
      throw new RangeError('Invalid name: at most 100 characters');
    }
    if (
      typeof actor !== 'string' ||
      actor.trim() === '' ||
      actor.length > 255
    ) {
      throw new RangeError(
        'Invalid actor: expected a non-empty string of at most 255 characters',
      );
    }

    const change = await this.#inTransaction(trx, async tx => {
      const beforeRow: DayRow | undefined = await tx(DAYS_TABLE)
        .where({ day })
        .first();
      const before = beforeRow ? toCalendarDay(beforeRow) : undefined;
      if (kind === null) {
        await tx(DAYS_TABLE).where({ day }).delete();
        return { before, after: undefined };
      }
      const row = {
        day,
        kind,
        name: trimmed,
        source: 'admin',
        updated_by: actor,
        updated_at: this.#now(),
      };
      await tx(DAYS_TABLE).insert(row).onConflict('day').merge();
      const after: CalendarDay = {
        day,
        kind,
        name: trimmed,
        source: 'admin',
        updatedBy: actor,
        updatedAt: row.updated_at,
      };
      return { before, after };
    });
    this.#invalidateAfter(trx);
    return change;
  }

  /**
   * The stored settings, with defaults (Asia/Shanghai, 08:30–17:30) for missing keys.
   *
   * @param trx - optional transaction to read in
   */
  async getSettings(trx?: Knex.Transaction): Promise<CalendarSettings> {
    const rows: Array<{ key: string; value: string | null }> = await (
      trx ?? this.#knex
    )(SETTINGS_TABLE).select('key', 'value');
    const map = new Map(rows.map(r => [r.key, r.value]));
    return {
      timeZone: map.get(SETTING_TIME_ZONE) ?? DEFAULT_TIME_ZONE,
      businessHours: {
        start: map.get(SETTING_HOURS_START) ?? DEFAULT_BUSINESS_HOURS.start,
        end: map.get(SETTING_HOURS_END) ?? DEFAULT_BUSINESS_HOURS.end,
      },
    };
  }

  /**
   * Updates the settings. Missing fields keep their current value; the result is validated as
   * a whole (time zone known, business hours `'HH:MM'`, end after start) before anything is
   * written.
   *
   * @param patch - the fields to change
   * @param trx - optional transaction, e.g. to write an audit record atomically
   * @returns the settings before and after the change
   * @throws RangeError if the resulting settings are invalid
   */
  async setSettings(
    patch: Partial<CalendarSettings>,
    trx?: Knex.Transaction,
  ): Promise<CalendarChange<CalendarSettings>> {
    const change = await this.#inTransaction(trx, async tx => {
      const before = await this.getSettings(tx);
      const merged: CalendarSettings = {
        timeZone: patch.timeZone ?? before.timeZone,
        businessHours: { ...before.businessHours, ...patch.businessHours },
      };
      // Validates everything; throws RangeError.
      const probe = new WorkingCalendar({
        timeZone: merged.timeZone,
        businessHours: merged.businessHours,
      });
      const after: CalendarSettings = {
        timeZone: probe.timeZone,
        businessHours: { ...probe.businessHours },
      };
      const rows = [
        { key: SETTING_TIME_ZONE, value: after.timeZone },
        { key: SETTING_HOURS_START, value: after.businessHours.start },
        { key: SETTING_HOURS_END, value: after.businessHours.end },
      ];
      await tx(SETTINGS_TABLE).insert(rows).onConflict('key').merge();
      return { before, after };
    });
    this.#invalidateAfter(trx);
    return change;
  }

  /**
   * The calendar built from the stored settings and overrides. Served from an in-memory cache
   * for up to `cacheTtlMs`; writes through this store invalidate it (writes by other instances
   * become visible when the cache expires).
   */
  async load(): Promise<WorkingCalendar> {
    const cached = this.#cache;
    if (cached && cached.expiresAt > Date.now()) return cached.calendar;
    const generation = this.#generation;
    if (this.#inflight?.generation === generation)
      return this.#inflight.promise;
    const promise = this.#read().then(
      calendar => {
        if (this.#generation === generation) {
          this.#cache = { calendar, expiresAt: Date.now() + this.#ttlMs };
        }
        if (this.#inflight?.promise === promise) this.#inflight = undefined;
        return calendar;
      },
      error => {
        if (this.#inflight?.promise === promise) this.#inflight = undefined;
        throw error;
      },
    );
    this.#inflight = { generation, promise };
    return promise;
  }

  /** Drops the cached calendar, so the next {@link CalendarStore.load} reads the database. */
  invalidateCache(): void {
    this.#generation++;
    this.#cache = undefined;
    this.#inflight = undefined;
  }

  async #read(): Promise<WorkingCalendar> {
    const [settings, rows] = await Promise.all([
      this.getSettings(),
      this.#knex(DAYS_TABLE).select('day', 'kind', 'name') as Promise<
        Array<Pick<DayRow, 'day' | 'kind' | 'name'>>
      >,
    ]);
    const days = new Map<string, DayOverride>();
    for (const r of rows) {
      days.set(
        r.day,
        r.name === null
          ? { kind: r.kind as DayOverrideKind }
          : { kind: r.kind as DayOverrideKind, name: r.name },
      );
    }
    return new WorkingCalendar({ ...settings, days });
  }

  async #inTransaction<T>(
    trx: Knex.Transaction | undefined,
    fn: (tx: Knex.Transaction) => Promise<T>,
  ): Promise<T> {
    return trx ? fn(trx) : this.#knex.transaction(fn);
  }

  /** Invalidates now and, for a caller's transaction, again once it commits or rolls back. */
  #invalidateAfter(trx: Knex.Transaction | undefined): void {
    this.invalidateCache();
    if (trx) {
      const again = () => this.invalidateCache();
      trx.executionPromise?.then(again, again);
    }
  }
}
