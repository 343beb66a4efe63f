/*
 * Time series on each database engine (SQLite, and PostgreSQL 15 when configured): append,
 * bucketed queries, downsampling to hourly aggregates, retention; queries read the hourly
 * aggregates where the raw samples are gone.
 */
import { Knex } from 'knex';
import { TestDatabaseId } from '@backstage/backend-test-utils';
import { engineDatabases } from '@yinxin/backend-testing';
import { SampleStore, createSeriesTables, seriesKey } from './SampleStore';

jest.setTimeout(120_000);
const databases = engineDatabases();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-11-01T00:00:00Z');

describe.each(databases.eachSupportedId())('series on %p', (id: TestDatabaseId) => {
  let knex: Knex;
  beforeAll(async () => {
    knex = await databases.init(id);
    await createSeriesTables(knex);
  });

  it('the series key ignores label order', () => {
    expect(seriesKey('m', { a: '1', b: '2' })).toBe(seriesKey('m', { b: '2', a: '1' }));
    expect(seriesKey('m', { a: '1' })).not.toBe(seriesKey('m', { a: '2' }));
  });

  it('appends minute samples, answers buckets, downsamples and keeps answering after retention', async () => {
    const store = new SampleStore(knex, { rawDays: 2, hourlyDays: 30 });
    const labels = { target: 'ldap' };
    // three days of one sample a minute: value = minute of the hour
    const samples = [];
    for (let t = T0; t < T0 + 3 * DAY; t += 60_000) samples.push({ name: 'probe_latency_ms', labels, at: t, value: (t / 60_000) % 60 });
    samples.push({ name: 'probe_latency_ms', labels, at: T0, value: NaN }); // skipped
    expect(await store.append(samples)).toBe(3 * 24 * 60);
    const hour = await store.query('probe_latency_ms', labels, T0, T0 + 2 * HOUR, HOUR);
    expect(hour).toEqual([
      { at: T0, min: 0, max: 59, avg: 29.5, count: 60 },
      { at: T0 + HOUR, min: 0, max: 59, avg: 29.5, count: 60 },
    ]);
    // retention at the end of day 3 (rawDays 2): day 1 is folded into hours, then dropped as raw
    const now = T0 + 3 * DAY;
    const dropped = await store.retain(now);
    expect(dropped.raw).toBe(24 * 60);
    expect(Number((await knex('monitor_samples_1h').count({ n: '*' }).first())!.n)).toBe(24); // the first day, hour by hour
    const day = await store.query('probe_latency_ms', labels, T0, T0 + 3 * DAY, DAY);
    expect(day.map(p => [p.at, p.count, p.min, p.max, p.avg])).toEqual([
      [T0, 24 * 60, 0, 59, 29.5],
      [T0 + DAY, 24 * 60, 0, 59, 29.5],
      [T0 + 2 * DAY, 24 * 60, 0, 59, 29.5],
    ]);
    // with every finished hour folded (as the hourly task does), whole-hour steps read the
    // aggregates and the raw samples after them, with the same answer; minute steps read raw
    await store.downsample(now);
    expect(await store.query('probe_latency_ms', labels, T0, T0 + 3 * DAY, DAY)).toEqual(day);
    await store.append([{ name: 'probe_latency_ms', labels, at: now + 5 * 60_000, value: 100 }]);
    const latest = await store.query('probe_latency_ms', labels, now - HOUR, now + HOUR, HOUR);
    expect(latest.map(p => [p.at, p.count, p.max])).toEqual([
      [now - HOUR, 60, 59],
      [now, 1, 100],
    ]);
    expect((await store.query('probe_latency_ms', labels, now - 10 * 60_000, now, 60_000)).map(p => p.count)).toEqual(Array(10).fill(1));
    // downsampling again changes nothing; an unknown series answers nothing
    await store.downsample(now - 2 * DAY);
    expect(await store.query('probe_latency_ms', labels, T0, T0 + DAY, DAY)).toEqual([day[0]]);
    expect(await store.query('nothing', {}, T0, now, HOUR)).toEqual([]);
    expect(await store.series('probe_latency_ms')).toEqual([{ id: expect.any(Number), labels }]);
  });
});
