/*
 * Benchmark of the tickets hot paths: ticket creation (with SLA computation, history event and
 * audit record in one transaction) and queue queries, over a table holding 100,000 tickets.
 * Run with `make bench`. Uses PostgreSQL (BENCH_PG or the local postgres:postgres@localhost)
 * and SQLite; prints a Markdown table.
 */
import os from 'node:os';
import knexFactory, { Knex } from 'knex';
import { AuditLog, WorkingCalendar, migrateAuditLog, seedDaysFromChineseDays } from '@yinxin/ops-node';
import { CATEGORIES, PRIORITIES } from '@yinxin/plugin-tickets-common';
import { migrateTickets } from '../service/migrations';
import { TicketService, searchText } from '../service/TicketService';
import { StaticAgentDirectory } from '../service/assignment';
import { DEFAULT_SLA_POLICY, initialDeadlines } from '../sla/SlaPolicy';

const SEED = Number(process.env.BENCH_TICKETS ?? 100_000);
const CREATES = Number(process.env.BENCH_CREATES ?? 2_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);

async function seed(knex: Knex, calendar: WorkingCalendar, n: number) {
  const start = Date.parse('2025-01-01T01:00:00Z');
  // A realistic backlog: the newest 2,000 tickets are open, everything older is closed.
  const openStates = ['new', 'acknowledged', 'plan-given', 'in-progress', 'waiting'];
  const openFrom = Math.max(0, n - 2000);
  const batch: Record<string, unknown>[] = [];
  // SQLite allows at most 500 terms in a compound SELECT, which knex uses for multi-row inserts.
  const chunk = knex.client.config.client === 'pg' ? 1000 : 200;
  for (let i = 0; i < n; i++) {
    const createdAt = new Date(start + i * 7 * 60_000);
    const priority = PRIORITIES[i % PRIORITIES.length];
    const d = initialDeadlines(calendar, DEFAULT_SLA_POLICY, { priority, kind: 'request', createdAt });
    const iso = createdAt.toISOString();
    batch.push({
      number: `SEED${String(i).padStart(8, '0')}`,
      title: `种子工单 ${i} USB-key 无法识别`,
      description: '批量生成的基准数据',
      channel: 'phone',
      category: CATEGORIES[i % CATEGORIES.length],
      priority,
      kind: 'request',
      state: i >= openFrom ? openStates[i % openStates.length] : i % 3 ? 'closed' : 'resolved',
      requester_name: `申请人${i % 5000}`,
      requester_contact: '13800000000',
      requester_ref: i % 10 === 0 ? `user:default/requester${i % 50}` : null,
      organisation: `审批科${i % 40}`,
      assignee: `user:default/agent${i % 12}`,
      links: '[]',
      created_at: iso,
      updated_at: iso,
      created_by: 'bench',
      search_text: searchText({
        number: `SEED${String(i).padStart(8, '0')}`,
        title: `种子工单 ${i} USB-key 无法识别`,
        requesterName: `申请人${i % 5000}`,
        organisation: `审批科${i % 40}`,
      }),
      response_due_at: d.responseDueAt.toISOString(),
      plan_due_at: d.planDueAt.toISOString(),
      ...(i >= openFrom ? {} : { response_met_at: iso, plan_met_at: iso, resolved_at: iso }),
      version: 1,
    });
    if (batch.length === 1000) await knex.batchInsert('tickets', batch.splice(0), chunk);
  }
  if (batch.length) await knex.batchInsert('tickets', batch.splice(0), chunk);
}

async function timed(label: string, count: number, fn: (i: number) => Promise<unknown>, concurrency = 1) {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { label, count, seconds, perSecond: count / seconds };
}

async function benchEngine(name: string, knex: Knex) {
  await migrateTickets(knex);
  await migrateAuditLog(knex);
  const calendar = new WorkingCalendar({ days: seedDaysFromChineseDays() });
  const t0 = Date.now();
  await seed(knex, calendar, SEED);
  const seedSeconds = (Date.now() - t0) / 1000;
  if (name === 'PostgreSQL') await knex.raw('ANALYZE');
  const service = new TicketService({
    knex,
    audit: new AuditLog({ knex, source: 'tickets' }),
    calendar: async () => calendar,
    policy: DEFAULT_SLA_POLICY,
    agents: new StaticAgentDirectory(Array.from({ length: 12 }, (_, i) => ({ ref: `user:default/agent${i}`, skills: [] }))),
  });
  const create = (i: number) =>
    service.create(
      {
        title: `基准工单 ${i}`,
        description: '证书更新失败',
        channel: 'phone',
        category: 'cert-renew-revoke',
        priority: 'normal',
        kind: 'request',
        requesterName: '陈经办',
        requesterContact: '13800000000',
        organisation: '人社局审批科',
      },
      'user:default/agent1',
    );
  const rows = [
    await timed('create (1 client)', Math.min(CREATES, 500), create),
    await timed('create (8 clients)', CREATES, create, name === 'SQLite' ? 1 : 8),
    await timed('queue: open tickets, newest 50', QUERIES, () => service.list({ states: ['new', 'acknowledged', 'plan-given', 'in-progress', 'waiting'], limit: 50 }), 4),
    await timed('queue: my open tickets', QUERIES, i => service.list({ assignee: `user:default/agent${i % 12}`, states: ['new', 'in-progress'], limit: 50 }), 4),
    await timed('queue: breached only', QUERIES, () => service.list({ breachedOnly: true, limit: 50 }), 4),
    await timed('queue: text search', QUERIES, i => service.list({ text: `申请人${i % 5000}`, limit: 50 }), 4),
  ];
  const audited = (await new AuditLog({ knex, source: 'tickets' }).head()).seq;
  const verifyRun = await timed('audit chain verify', 1, () => new AuditLog({ knex, source: 'tickets' }).verify());
  const verify = { ...verifyRun, label: `audit chain verify (records)`, count: audited, perSecond: audited / verifyRun.seconds };
  return { name, seedSeconds, rows: [...rows, verify] };
}

async function main() {
  const results = [];
  const pg = process.env.BENCH_PG ?? 'postgresql://postgres:postgres@localhost:5432';
  const admin = knexFactory({ client: 'pg', connection: pg });
  let pgOk = true;
  try {
    await admin.raw('DROP DATABASE IF EXISTS yinxin_bench');
    await admin.raw('CREATE DATABASE yinxin_bench');
  } catch (e) {
    pgOk = false;
    process.stderr.write(`bench: PostgreSQL unavailable (${e}); SQLite only\n`);
  }
  await admin.destroy();
  if (pgOk) {
    const knex = knexFactory({ client: 'pg', connection: `${pg.replace(/\/$/, '')}/yinxin_bench`, pool: { min: 1, max: 10 } });
    results.push(await benchEngine('PostgreSQL', knex));
    await knex.destroy();
  }
  const sqlite = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  results.push(await benchEngine('SQLite', sqlite));
  await sqlite.destroy();

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nMachine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${SEED} tickets seeded\n`);
  console.log('| engine | operation | count | seconds | per second |');
  console.log('|---|---|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.name} | seed ${SEED} tickets (batch insert) | ${SEED} | ${r.seedSeconds.toFixed(1)} | ${(SEED / r.seedSeconds).toFixed(0)} |`);
    for (const row of r.rows) {
      console.log(`| ${r.name} | ${row.label} | ${row.count} | ${row.seconds.toFixed(2)} | ${row.perSecond.toFixed(row.perSecond < 10 ? 2 : 0)} |`);
    }
  }
}

main().catch(e => {
  process.stderr.write(`${String(e.stack ?? e).slice(0, 2000)}\n`);
  process.exit(1);
});
