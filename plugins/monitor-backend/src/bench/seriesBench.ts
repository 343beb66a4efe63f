/*
 * Benchmark of the monitor's time-series store on SQLite (a file, as `make run` uses it): samples
 * ingested per second, and a dashboard's query — 30 days at one-hour steps for 200 series of
 * 1-minute samples, in the steady state after retention (8 days raw, the rest hourly). Prints
 * Markdown. BENCH_SERIES (default 200) scales the series count.
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/monitor-backend/src/bench/seriesBench.ts
 */
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory from 'knex';
import { SampleStore, createSeriesTables, seriesKey } from '../series/SampleStore';

const SERIES = Number(process.env.BENCH_SERIES ?? 200);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'yinxin-series-bench-'));
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: join(dir, 'monitor.sqlite') }, useNullAsDefault: true });
  await knex.raw('pragma journal_mode = wal');
  await createSeriesTables(knex);
  const store = new SampleStore(knex, { rawDays: 8, hourlyDays: 400 });
  const now = Date.parse('2026-12-01T00:00:00Z');
  const start = now - 30 * DAY;
  const labelsOf = (i: number) => ({ target: `t${i}`, kind: 'http' });

  // ingest: one "minute" of samples for every series, as a probe round writes it, repeated
  const rounds = 60;
  let t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    const at = now - 8 * DAY + r * MINUTE;
    await store.append(Array.from({ length: SERIES }, (_, i) => ({ name: 'probe_latency_ms', labels: labelsOf(i), at, value: 5 + ((i + r) % 17) })));
  }
  const ingestPerSecond = (rounds * SERIES) / ((performance.now() - t0) / 1000);

  // steady state: the rest of 8 days raw (bulk), 22 days hourly
  t0 = performance.now();
  const ids = new Map<number, number>();
  for (let i = 0; i < SERIES; i++) ids.set(i, Number((await knex('monitor_series').where({ key: seriesKey('probe_latency_ms', labelsOf(i)) }).first('id')).id));
  for (let i = 0; i < SERIES; i++) {
    const rows: { series_id: number; at: number; value: number }[] = [];
    for (let at = now - 8 * DAY + rounds * MINUTE; at < now; at += MINUTE) rows.push({ series_id: ids.get(i)!, at, value: 5 + (at / MINUTE) % 17 });
    await knex.transaction(async trx => {
      for (let k = 0; k < rows.length; k += 400) await trx('monitor_samples').insert(rows.slice(k, k + 400));
    });
    const hourly: { series_id: number; at: number; min: number; max: number; sum: number; count: number }[] = [];
    for (let at = start; at < now - 8 * DAY; at += HOUR) hourly.push({ series_id: ids.get(i)!, at, min: 5, max: 21, sum: 13 * 60, count: 60 });
    await knex.transaction(async trx => {
      for (let k = 0; k < hourly.length; k += 400) await trx('monitor_samples_1h').insert(hourly.slice(k, k + 400));
    });
  }
  // the hourly task has folded every finished hour
  await store.downsample(now);
  const loadSeconds = (performance.now() - t0) / 1000;
  const rawRows = Number((await knex('monitor_samples').count({ n: '*' }).first())!.n);

  // the dashboard: 30 days, one-hour steps, every series
  const timings: number[] = [];
  for (let run = 0; run < 3; run++) {
    t0 = performance.now();
    let points = 0;
    for (let i = 0; i < SERIES; i++) points += (await store.query('probe_latency_ms', labelsOf(i), start, now, HOUR)).length;
    timings.push(performance.now() - t0);
    if (points !== SERIES * 30 * 24) throw new Error(`expected ${SERIES * 30 * 24} points, got ${points}`);
  }
  // one series, the last day at one-minute steps (raw samples)
  t0 = performance.now();
  const detail = await store.query('probe_latency_ms', labelsOf(0), now - DAY, now, MINUTE);
  const oneSeriesDayMs = performance.now() - t0;
  if (detail.length !== 24 * 60) throw new Error('one day at one minute: wrong point count');
  await knex.destroy();

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nMonitor time series: ${os.cpus().length} × ${cpu}, Node ${process.version}, SQLite file (WAL), ${SERIES} series; ${rawRows} raw rows (8 days) + 22 days hourly; loaded in ${loadSeconds.toFixed(0)} s\n`);
  console.log('| operation | figure |');
  console.log('|---|---:|');
  console.log(`| ingest through SampleStore.append (one round of ${SERIES} series per call) | ${ingestPerSecond.toFixed(0)} samples/s |`);
  console.log(`| dashboard: 30 days at 1 h steps, all ${SERIES} series (best of 3) | ${Math.min(...timings).toFixed(0)} ms |`);
  console.log(`| one series: the last day at 1-minute steps | ${oneSeriesDayMs.toFixed(0)} ms |`);
}

main().catch(e => {
  process.stderr.write(`${String((e as Error).stack ?? e).slice(0, 2000)}\n`);
  process.exit(1);
});
