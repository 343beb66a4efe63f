/*
 * Benchmark of the roster rules and services: the pure `generateRoster` and `checkCoverage` over
 * the 2026 calendar (Labour Day 1–5 May, Saturday 9 May worked) with the default templates and
 * rules, for the team of seven of the test fixtures and a team of thirty; a whole year generated
 * month by month as the service does it (the assignments of the neighbouring weeks fixed); then
 * the services on SQLite in memory (migrations, audit chain): a month generated and saved, and
 * `dutyAt` (GET /duty/now without HTTP). Each timed row repeats for BENCH_SECONDS (default 2) and
 * at least 10 times. Prints Markdown.
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/roster-backend/src/bench/rosterBench.ts
 */
import os from 'node:os';
import knexFactory from 'knex';
import { daysOfMonth, type TeamRole } from '@yinxin/plugin-roster-common';
import { checkCoverage } from '../logic/coverage';
import { DEFAULT_RULES, DEFAULT_TEMPLATES } from '../logic/defaults';
import { generateRoster, type GeneratedAssignment } from '../logic/generate';
import { overlaps } from '../logic/intervals';
import { monthWindow, rosterDay } from '../logic/shifts';
import type { AssignmentLite, PersonLite } from '../logic/types';
import { Zone } from '../logic/zone';
import { TEAM, at, calendar2026 } from '../testing/fixtures';
import { notice, person, rosterServicesForTest } from '../testing/rosterServices';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const DAY = 86_400_000;
const zone = new Zone('Asia/Shanghai');
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

/** Thirty people: the six roles, eight residents (some also technical support), the rest on the on-call pool. */
const ROLES_30: TeamRole[][] = [
  ['project-manager'],
  ['project-manager', 'customer-service'],
  ...Array.from({ length: 8 }, (_, i): TeamRole[] => (i % 2 ? ['resident'] : ['resident', 'technical-support'])),
  ...Array.from({ length: 7 }, (_, i): TeamRole[] => (i % 3 ? ['maintenance'] : ['maintenance', 'technical-support'])),
  ...Array.from({ length: 5 }, (): TeamRole[] => ['technical-support']),
  ...Array.from({ length: 4 }, (): TeamRole[] => ['enrolment']),
  ...Array.from({ length: 4 }, (): TeamRole[] => ['customer-service']),
];
const TEAM_30: PersonLite[] = ROLES_30.map((roles, i) => ({ id: `p-${String(i).padStart(2, '0')}`, name: `工程师${i}`, roles, joinedOn: '2025-01-01', leftOn: null }));

/** Assignments of `all` a service would read as fixed for `month`: those within 8 days of it. */
function around(all: readonly AssignmentLite[], month: string): AssignmentLite[] {
  const w = monthWindow(month, zone);
  const window = { start: w.start - 8 * DAY, end: w.end + 8 * DAY };
  return all.filter(a => overlaps(a, window));
}

function generateMonth(month: string, people: readonly PersonLite[], fixed: readonly AssignmentLite[]) {
  return generateRoster({
    days: daysOfMonth(month).map(d => rosterDay(calendar2026, zone, d)),
    zone,
    templates: DEFAULT_TEMPLATES,
    people,
    rotations: [],
    leaves: [],
    fixed,
    hours: DEFAULT_RULES.hours,
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

interface Timing {
  runs: number;
  p50: number;
  p99: number;
  perSecond: number;
}

/** Runs `f` back to back for SECONDS (at least `minRuns` times) after `warm` warm-up runs. */
async function timed(f: () => unknown, minRuns = 10, warm = 3): Promise<Timing> {
  for (let i = 0; i < warm; i++) await f();
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < SECONDS * 1000 || times.length < minRuns) {
    const t0 = performance.now();
    await f();
    times.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { runs: times.length, p50: percentile(times, 0.5), p99: percentile(times, 0.99), perSecond: times.length / elapsed };
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function main() {
  const rows: string[] = [];
  const row = (label: string, t: Timing, unit = 'ms') => rows.push(`| ${label} | ${t.runs} | ${ms(t.p50)} ${unit} | ${ms(t.p99)} ${unit} | ${t.perSecond.toFixed(t.perSecond < 100 ? 1 : 0)} |`);

  // ---- pure rules ----------------------------------------------------------------------------
  for (const [size, people] of [
    [7, TEAM],
    [30, TEAM_30],
  ] as const) {
    const april = generateMonth('2026-04', people, []);
    if (april.unfilled.length) throw new Error(`team of ${size}: April has unfilled slots`);
    const fixed = around(april.assignments, '2026-05');
    const may = generateMonth('2026-05', people, fixed);
    if (may.unfilled.length) throw new Error(`team of ${size}: May has unfilled slots`);
    const mayAll = [...fixed, ...may.assignments].map((a, i) => ({ ...a, id: `a${i}` }));
    const violations = checkCoverage({ from: '2026-05-01', to: '2026-05-31', calendar: calendar2026, people, assignments: mayAll, leaves: [], rules: DEFAULT_RULES });
    if (violations.length) throw new Error(`team of ${size}: May breaks the rules: ${violations[0].code} ${violations[0].day}`);

    row(`generateRoster, May 2026 (${may.assignments.length} shifts), team of ${size}`, await timed(() => generateMonth('2026-05', people, fixed)));
    row(`checkCoverage, May 2026, team of ${size}`, await timed(() => checkCoverage({ from: '2026-05-01', to: '2026-05-31', calendar: calendar2026, people, assignments: mayAll, leaves: [], rules: DEFAULT_RULES })));

    // A whole year, month by month, each month seeing the generated neighbours as fixed.
    let shifts = 0;
    const year = await timed(
      () => {
        const all: GeneratedAssignment[] = [];
        for (const m of MONTHS) {
          const r = generateMonth(m, people, around(all, m));
          if (r.unfilled.length) throw new Error(`team of ${size}: ${m} has unfilled slots`);
          all.push(...r.assignments);
        }
        shifts = all.length;
      },
      3,
      1,
    );
    row(`generateRoster, all of 2026 month by month (${shifts} shifts), team of ${size}`, year);
  }
  // The year's coverage in one check (the team of 7), as a yearly report would ask for it (from
  // 2 January: the small hours of 1 January belong to a night of 2025, not generated here).
  {
    const all: AssignmentLite[] = [];
    for (const m of MONTHS) all.push(...generateMonth(m, TEAM, around(all, m)).assignments);
    const withIds = all.map((a, i) => ({ ...a, id: `a${i}` }));
    const v = checkCoverage({ from: '2026-01-02', to: '2026-12-31', calendar: calendar2026, people: TEAM, assignments: withIds, leaves: [], rules: DEFAULT_RULES });
    if (v.length) throw new Error(`2026 breaks the rules: ${v[0].code} ${v[0].day}`);
    row(`checkCoverage, all of 2026 (${all.length} shifts), team of 7`, await timed(() => checkCoverage({ from: '2026-01-02', to: '2026-12-31', calendar: calendar2026, people: TEAM, assignments: withIds, leaves: [], rules: DEFAULT_RULES }), 3, 1));
  }

  // ---- services on SQLite in memory ----------------------------------------------------------
  for (const [size, people] of [
    [7, TEAM],
    [30, TEAM_30],
  ] as const) {
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    const clock = { now: at('2026-04-20 10:00') };
    const s = await rosterServicesForTest(knex, { clock: () => clock.now });
    for (const p of people) await s.people.join(person(p.name, [...p.roles]), notice('2026-04-01'), 'user:default/pm');
    await s.schedule.generate('2026-04', false, 'user:default/pm');
    await s.schedule.generate('2026-06', false, 'user:default/pm');
    const first = await s.schedule.generate('2026-05', false, 'user:default/pm');
    if (first.result.unfilled.length || first.violations.length) throw new Error(`service, team of ${size}: May is not covered`);
    // Regenerating replaces the month's generated shifts (none has started): delete, insert, audit, coverage.
    row(
      `ScheduleService.generate, May 2026 saved (${first.result.created} shifts replaced; coverage after), team of ${size}`,
      await timed(async () => {
        const r = await s.schedule.generate('2026-05', false, 'user:default/pm');
        if (r.result.created !== first.result.created) throw new Error('generate: shift count changed');
      }),
    );
    row(`ScheduleService.generate, May 2026, dry run (with coverage), team of ${size}`, await timed(() => s.schedule.generate('2026-05', true, 'user:default/pm')));
    // Duty at instants spread over May (deterministic), as GET /duty/now answers it.
    const start = at('2026-05-01 00:00').getTime();
    let k = 0;
    const duty = await timed(async () => {
      const d = await s.store.dutyAt(new Date(start + ((k++ * 7_919_993) % (31 * DAY))), false);
      if (d.onsite.length + d.oncall.length === 0) throw new Error(`nobody on duty at ${d.at}`);
    }, 100, 50);
    row(`RosterStore.dutyAt (GET /duty/now without HTTP), team of ${size}, 3 months of shifts`, duty);
    if (!(await s.audit.verify()).ok) throw new Error('audit chain broken');
    await knex.destroy();
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\nRosters: ${os.cpus().length} × ${cpu}, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(0, 10)}; 2026 calendar, default templates and rules; services on SQLite in memory; ${SECONDS} s per row (at least 10 runs; 3 for a year)\n`,
  );
  console.log('| operation | runs | p50 | p99 | per second |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
}

main().catch(e => {
  process.stderr.write(`${String((e as Error).stack ?? e).slice(0, 2000)}\n`);
  process.exit(1);
});
