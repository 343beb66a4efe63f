/*
 * Reports on SQLite and PostgreSQL: volume in a time range (boundaries exact to the millisecond,
 * whatever precision the caller writes), monthly SLA attainment by CST month, backlog by age.
 */
import { Knex } from 'knex';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { AuditLog, WorkingCalendar, migrateAuditLog, seedDaysFromChineseDays } from '@yinxin/ops-node';
import { DEFAULT_SLA_POLICY } from '../sla/SlaPolicy';
import { StaticAgentDirectory } from './assignment';
import { migrateTickets } from './migrations';
import { NewTicket, TicketService } from './TicketService';
import { ReportService } from './ReportService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});
const calendar = new WorkingCalendar({ days: seedDaysFromChineseDays() });

const ticket = (over: Partial<NewTicket> = {}): NewTicket => ({
  title: '报表测试',
  description: '',
  channel: 'phone',
  category: 'consult',
  priority: 'normal',
  kind: 'request',
  requesterName: '钱',
  requesterContact: '',
  organisation: '',
  autoAssign: false,
  ...over,
});

describe.each(databases.eachSupportedId())('ReportService on %p', (databaseId: TestDatabaseId) => {
  async function setup() {
    const knex: Knex = await databases.init(databaseId);
    await migrateTickets(knex);
    await migrateAuditLog(knex);
    const clock = { now: new Date('2026-03-01T00:00:00.000Z') };
    const tickets = new TicketService({
      knex,
      audit: new AuditLog({ knex, source: 'tickets', clock: () => clock.now }),
      calendar: async () => calendar,
      policy: DEFAULT_SLA_POLICY,
      agents: new StaticAgentDirectory([]),
      clock: () => clock.now,
    });
    const at = async (iso: string, over: Partial<NewTicket> = {}) => {
      clock.now = new Date(iso);
      return (await tickets.create(ticket(over), 'x')).ticket;
    };
    return { knex, tickets, clock, at, reports: new ReportService(knex, () => clock.now) };
  }

  it('counts tickets in [from, to) exactly, whether the bounds carry milliseconds or not', async () => {
    const { at, reports } = await setup();
    await at('2026-02-28T23:59:59.999Z', { channel: 'email' }); // just before
    await at('2026-03-01T00:00:00.000Z', { channel: 'phone' }); // first instant: in
    await at('2026-03-01T00:00:00.500Z', { channel: 'phone', category: 'seal' }); // first second: in
    await at('2026-03-31T23:59:59.999Z', { channel: 'im' }); // last instant: in
    await at('2026-04-01T00:00:00.000Z', { channel: 'web' }); // `to` itself: out
    await at('2026-04-01T00:00:00.400Z', { channel: 'web' }); // first second after: out
    const expected = { byChannel: { phone: 2, im: 1 }, byCategory: { consult: 2, seal: 1 } };
    for (const [from, to] of [
      ['2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'],
      ['2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
      ['2026-03-01T00:00:00.0Z', '2026-04-01T00:00:00.00Z'],
    ]) {
      expect(await reports.volume(from, to)).toMatchObject(expected);
    }
  });

  it('leaves merged tickets out of the volume', async () => {
    const { at, tickets, reports } = await setup();
    const a = await at('2026-03-02T02:00:00.000Z');
    const b = await at('2026-03-02T03:00:00.000Z');
    await tickets.merge(b.id, a.id, 'x');
    expect((await reports.volume('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z')).byChannel).toEqual({ phone: 1 });
  });

  it('attributes tickets to the CST month and classifies each clock', async () => {
    const { at, tickets, clock, reports } = await setup();
    // 28 Feb 16:30 UTC is 1 March 00:30 CST: a March ticket.
    const early = await at('2026-02-28T16:30:00.000Z');
    const onTime = await at('2026-03-02T01:00:00.000Z'); // Mon 09:00 CST, due Tue 17:30
    const late = await at('2026-03-03T01:00:00.000Z'); // Tue 09:00 CST, due Wed 17:30
    await at('2026-03-31T17:00:00.000Z'); // 1 April 01:00 CST: not March
    clock.now = new Date('2026-03-02T02:00:00.000Z');
    await tickets.transition(onTime.id, 'plan-given', 'x');
    clock.now = new Date('2026-03-05T02:00:00.000Z');
    await tickets.transition(late.id, 'plan-given', 'x');
    // `early` (due Tue 3 Mar 17:30 CST) is still open and now overdue.
    const march = await reports.slaMonth('2026-03');
    expect(march.total).toBe(3);
    expect(march.plan).toEqual({ onTime: 1, late: 1, overdue: 1, pending: 0, attainment: 1 / 3 });
    expect(march.response).toEqual({ onTime: 1, late: 1, overdue: 1, pending: 0, attainment: 1 / 3 });
    expect((await reports.slaMonth('2026-04')).total).toBe(1);
    expect(early.createdAt).toBe('2026-02-28T16:30:00.000Z');
  });

  it('buckets open tickets by age', async () => {
    const { at, tickets, clock, reports } = await setup();
    await at('2026-03-10T00:00:00.000Z'); // 5 days old: over 5
    await at('2026-03-12T00:00:00.000Z'); // 3 days: 2–5
    await at('2026-03-13T12:00:00.000Z'); // 1.5 days: 1–2
    const done = await at('2026-03-14T12:00:00.000Z'); // 0.5 days, then resolved
    await tickets.transition(done.id, 'resolved', 'x');
    await at('2026-03-14T18:00:00.000Z'); // 0.25 days: under 1
    clock.now = new Date('2026-03-15T00:00:00.000Z');
    expect(await reports.backlog()).toEqual({ open: 4, buckets: { lt1d: 1, d1to2: 1, d2to5: 1, gt5d: 1 } });
  });
});
