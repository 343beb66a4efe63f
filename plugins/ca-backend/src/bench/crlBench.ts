/*
 * Benchmark of full CRL issuance with many revoked certificates (issue 4: a million entries in
 * under 10 s and under 1 GB): the CRL service reads the revoked certificates, encodes the CRL,
 * lints it from its exact bytes, signs it with SM2 (and RSA) and stores it. Rows are generated
 * in SQL. Run with `make bench` (BENCH_CRL_ENTRIES, default 1,000,000); prints Markdown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import { AuditLog, migrateAuditLog } from '@yinxin/ops-node';
import { migrateCa } from '../db/migrations';
import { Keystore } from '@yinxin/keystore';
import { SealingKey } from '@yinxin/keystore';
import { Hierarchy } from '../ca/Hierarchy';
import { CrlService } from '../publication/CrlService';

const N = Number(process.env.BENCH_CRL_ENTRIES ?? 1_000_000);

/** Inserts `n` revoked certificates of `issuerId` in one SQL statement. */
async function fillRevoked(knex: Knex, issuerId: string, n: number, prefix: string) {
  const notAfter = new Date(Date.now() + 365 * 86_400_000).toISOString();
  const sqlite = knex.client.config.client === 'better-sqlite3';
  const serial = sqlite ? `'${prefix}' || printf('%031x', n)` : `'${prefix}' || lpad(to_hex(n), 31, '0')`;
  const series = sqlite
    ? `with recursive seq(n) as (select 1 union all select n + 1 from seq where n < ${n}) select n from seq`
    : `select generate_series(1, ${n}) as n`;
  await knex.raw(
    `insert into ca_certificates (id, serial, issuer_id, usage, profile, key_algorithm, subject_dn, public_key_hash, not_before, not_after, status,
       revocation_reason, revoked_at, invalidity_date, der, search_text, created_at)
     select ${serial}, ${serial}, ?, 'sign', 'sm2-dual', 'SM2', 'CN=bench', 'x', ?, ?, 'revoked',
       case when n % 10 = 0 then 0 else 1 + (n % 5) end, ?, case when n % 3 = 0 then ? else null end, 'x', 'bench', ?
     from (${series}) s`,
    [issuerId, new Date().toISOString(), notAfter, new Date().toISOString(), new Date(Date.now() - 86_400_000).toISOString(), new Date().toISOString()],
  );
  // Statistics as a table in service has them (autovacuum would gather them a little later).
  await knex.raw(sqlite ? 'analyze' : 'analyze ca_certificates');
}

async function benchEngine(name: string, knex: Knex, rows: string[][]) {
  await migrateCa(knex);
  await migrateAuditLog(knex);
  const audit = new AuditLog({ knex, source: 'ca' });
  const keystore = new Keystore(knex, new SealingKey(Buffer.alloc(16, 7)).derive('keystore'), { rsaBits: 2048 });
  const urls = { httpBase: 'http://localhost:7007/api/ca/public' };
  const hierarchy = new Hierarchy({ knex, keystore, audit, urls, organisation: '基准测试 CA' });
  await hierarchy.ensureDevelopmentHierarchy();
  const crls = new CrlService({ knex, audit, hierarchy, urls });
  const issuers = await knex('ca_authorities').where({ kind: 'issuing' }).select('id', 'algorithm');
  for (const issuer of issuers) {
    const t0 = Date.now();
    await fillRevoked(knex, issuer.id, N, issuer.algorithm === 'SM2' ? '7' : '5');
    const fillSeconds = (Date.now() - t0) / 1000;
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t1 = process.hrtime.bigint();
    const crl = await crls.issue(issuer.id, 'full');
    const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    rows.push([
      name,
      `full CRL, ${issuer.algorithm} signed (rows generated in ${fillSeconds.toFixed(1)} s)`,
      String(crl.entries),
      (crl.der.length / 1048576).toFixed(1),
      seconds.toFixed(2),
      `${(peak / 1048576).toFixed(0)} (${(rssBefore / 1048576).toFixed(0)} before)`,
    ]);
  }
  await knex.destroy();
}

/** Runs the CRL benchmark; rows: engine, operation, entries, MiB, seconds, peak RSS MiB. */
export async function runCrlBench(): Promise<string[][]> {
  const rows: string[][] = [];
  // A database file, as `make run` uses: an in-memory one would count the table in the RSS.
  const dir = mkdtempSync(join(os.tmpdir(), 'yinxin-crl-bench-'));
  if (process.env.BENCH_SKIP_SQLITE !== '1') await benchEngine('SQLite', knexFactory({ client: 'better-sqlite3', connection: { filename: join(dir, 'ca.sqlite') }, useNullAsDefault: true }), rows);
  rmSync(dir, { recursive: true, force: true });
  const pg = process.env.BENCH_PG ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
  const admin = knexFactory({ client: 'pg', connection: pg });
  try {
    await admin.raw('drop database if exists yinxin_crl_bench with (force)');
    await admin.raw('create database yinxin_crl_bench');
    await admin.destroy();
    const url = new URL(pg);
    url.pathname = '/yinxin_crl_bench';
    await benchEngine('PostgreSQL', knexFactory({ client: 'pg', connection: url.toString() }), rows);
  } catch (e) {
    await admin.destroy().catch(() => {});
    rows.push(['PostgreSQL', `skipped: ${(e as Error).message.split('\n')[0]}`, '', '', '', '']);
  }
  return rows;
}

if (require.main === module) {
  runCrlBench().then(rows => {
    console.log(`\nCRL issuance (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version})\n`);
    console.log('| engine | operation | entries | MiB | seconds | peak RSS MiB |\n|---|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  });
}
