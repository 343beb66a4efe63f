import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { SeriesPoint } from '@yinxin/plugin-monitor-common';

/** One value of a series at a time. */
export interface SampleInput {
  /** metric name, e.g. `probe_latency_ms` or a scraped family's sample name */
  name: string;
  labels: Record<string, string>;
  /** milliseconds since the epoch */
  at: number;
  value: number;
}

export type { SeriesPoint } from '@yinxin/plugin-monitor-common';

const HOUR = 3_600_000;

/** The key of a series: its name and labels in a canonical order. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const canonical = JSON.stringify([name, Object.keys(labels).sort().map(k => [k, labels[k]])]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

/** Creates the series tables (called from the plugin's migrations). */
export async function createSeriesTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('monitor_series', t => {
    t.increments('id');
    t.string('key', 32).notNullable().unique();
    t.string('name', 200).notNullable();
    t.text('labels').notNullable(); // JSON
    t.index(['name']);
  });
  // raw samples (1-minute probes and scrapes), kept for `rawDays`
  await knex.schema.createTable('monitor_samples', t => {
    t.integer('series_id').notNullable().references('monitor_series.id');
    t.bigInteger('at').notNullable();
    t.double('value').notNullable();
    t.primary(['series_id', 'at']);
  });
  // hourly aggregates, kept for `hourlyDays`
  await knex.schema.createTable('monitor_samples_1h', t => {
    t.integer('series_id').notNullable().references('monitor_series.id');
    t.bigInteger('at').notNullable();
    t.double('min').notNullable();
    t.double('max').notNullable();
    t.double('sum').notNullable();
    t.integer('count').notNullable();
    t.primary(['series_id', 'at']);
  });
}

/**
 * Time series in the plugin's database: raw samples, hourly aggregates made by {@link downsample}
 * and old data dropped by {@link retain}; queries aggregate into buckets of any step, from the raw
 * samples where they are still kept and from the hourly aggregates before that.
 */
export class SampleStore {
  readonly #ids = new Map<string, number>();

  constructor(
    private readonly knex: Knex,
    private readonly o: { rawDays?: number; hourlyDays?: number } = {},
  ) {}

  async #seriesId(name: string, labels: Record<string, string>, trx: Knex | Knex.Transaction): Promise<number> {
    const key = seriesKey(name, labels);
    const known = this.#ids.get(key);
    if (known !== undefined) return known;
    let row = await trx('monitor_series').where({ key }).first('id');
    if (!row) {
      await trx('monitor_series').insert({ key, name, labels: JSON.stringify(labels) }).onConflict('key').ignore();
      row = await trx('monitor_series').where({ key }).first('id');
    }
    this.#ids.set(key, Number(row.id));
    return Number(row.id);
  }

  /** Stores samples (a repeated series and time keeps the last value); NaN and infinities are skipped. */
  async append(samples: readonly SampleInput[]): Promise<number> {
    const rows: { series_id: number; at: number; value: number }[] = [];
    for (const s of samples) {
      if (!Number.isFinite(s.value) || !Number.isSafeInteger(s.at)) continue;
      rows.push({ series_id: await this.#seriesId(s.name, s.labels, this.knex), at: s.at, value: s.value });
    }
    for (let i = 0; i < rows.length; i += 400) {
      await this.knex('monitor_samples').insert(rows.slice(i, i + 400)).onConflict(['series_id', 'at']).merge();
    }
    return rows.length;
  }

  /** The series of a metric name, with their labels. */
  async series(name: string): Promise<{ id: number; labels: Record<string, string> }[]> {
    const rows = await this.knex('monitor_series').where({ name }).orderBy('id');
    return rows.map((r: any) => ({ id: Number(r.id), labels: JSON.parse(r.labels) }));
  }

  /**
   * Aggregates a series over `[from, to)` into buckets of `stepMs`, in the database. Steps of whole
   * hours read the hourly aggregates and raw samples only after the newest aggregated hour (the
   * plugin folds each finished hour); other steps read the raw samples, and the hourly aggregates
   * for the hours before the oldest raw sample left (retention drops raw samples oldest hour first,
   * after folding them into hours).
   */
  async query(name: string, labels: Record<string, string>, from: number, to: number, stepMs: number): Promise<SeriesPoint[]> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || !Number.isSafeInteger(stepMs) || stepMs <= 0 || to <= from) return [];
    const row = await this.knex('monitor_series').where({ key: seriesKey(name, labels) }).first('id');
    if (!row) return [];
    const id = Number(row.id);
    // integers checked above, so they can be part of the SQL text (the same on both engines)
    const bucket = `((at - ${from}) / ${stepMs})`;
    let rawFrom = from;
    const hourSteps = stepMs % HOUR === 0 && from % HOUR === 0;
    const buckets = new Map<number, { min: number; max: number; sum: number; count: number }>();
    const merge = (k: number, h: { min: number; max: number; sum: number; count: number }) => {
      const cur = buckets.get(k);
      buckets.set(k, cur ? { min: Math.min(cur.min, h.min), max: Math.max(cur.max, h.max), sum: cur.sum + h.sum, count: cur.count + h.count } : h);
    };
    const hourlyIn = (until: number) =>
      this.knex('monitor_samples_1h')
        .where({ series_id: id })
        .where('at', '>=', from)
        .where('at', '<', until)
        .select(this.knex.raw(`${bucket} as k`))
        .min({ min: 'min' })
        .max({ max: 'max' })
        .sum({ sum: 'sum' })
        .sum({ count: 'count' })
        .max({ last: 'at' })
        .groupBy('k');
    if (hourSteps) {
      for (const r of (await hourlyIn(to)) as any[]) {
        merge(Number(r.k), { min: Number(r.min), max: Number(r.max), sum: Number(r.sum), count: Number(r.count) });
        rawFrom = Math.max(rawFrom, Number(r.last) + HOUR);
      }
    }
    const raw = await this.knex('monitor_samples')
      .where({ series_id: id })
      .where('at', '>=', rawFrom)
      .where('at', '<', to)
      .select(this.knex.raw(`${bucket} as k`))
      .min({ min: 'value' })
      .max({ max: 'value' })
      .sum({ sum: 'value' })
      .count({ count: '*' })
      .min({ first: 'at' })
      .groupBy('k');
    let oldestRaw = to;
    for (const r of raw as any[]) {
      merge(Number(r.k), { min: Number(r.min), max: Number(r.max), sum: Number(r.sum), count: Number(r.count) });
      oldestRaw = Math.min(oldestRaw, Number(r.first));
    }
    const hourlyUntil = oldestRaw - (oldestRaw % HOUR);
    if (!hourSteps && hourlyUntil > from) {
      for (const r of (await hourlyIn(hourlyUntil)) as any[]) merge(Number(r.k), { min: Number(r.min), max: Number(r.max), sum: Number(r.sum), count: Number(r.count) });
    }
    return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([k, b]) => ({ at: from + k * stepMs, min: b.min, max: b.max, avg: b.sum / b.count, count: b.count }));
  }

  /** Folds raw samples of whole hours before `before` into hourly aggregates (idempotent). */
  async downsample(before: number): Promise<number> {
    const end = before - (before % HOUR);
    // whole hours: at - (at % 3600000); HOUR is a constant, written into the SQL
    const groups = await this.knex('monitor_samples')
      .where('at', '<', end)
      .select('series_id', this.knex.raw('(at - (at % 3600000)) as hour'))
      .min({ min: 'value' })
      .max({ max: 'value' })
      .sum({ sum: 'value' })
      .count({ count: '*' })
      .groupBy('series_id', 'hour');
    let n = 0;
    for (const g of groups as any[]) {
      await this.knex('monitor_samples_1h')
        .insert({ series_id: g.series_id, at: Number(g.hour), min: g.min, max: g.max, sum: g.sum, count: Number(g.count) })
        .onConflict(['series_id', 'at'])
        .merge();
      n++;
    }
    return n;
  }

  /** Drops raw samples older than `rawDays` (after they were downsampled) and hourly ones older than `hourlyDays`. */
  async retain(now = Date.now()): Promise<{ raw: number; hourly: number }> {
    const rawBefore = now - (this.o.rawDays ?? 8) * 24 * HOUR;
    await this.downsample(rawBefore);
    const cut = rawBefore - (rawBefore % HOUR);
    const raw = await this.knex('monitor_samples').where('at', '<', cut).delete();
    const hourly = await this.knex('monitor_samples_1h').where('at', '<', now - (this.o.hourlyDays ?? 400) * 24 * HOUR).delete();
    return { raw, hourly };
  }
}
