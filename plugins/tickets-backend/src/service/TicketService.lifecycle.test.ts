/*
 * The tickets domain on real SQLite and PostgreSQL: lifecycle with SLA clocks, pauses, refusals
 * that change nothing, fair assignment, merge, SLA sweep, and the audit chain over all of it.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { testCalendar, ticketServiceForTest } from '../testing/ticketService';
import type { NewTicket } from './TicketService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});
const calendar = testCalendar;

const phoneTicket = (over: Partial<NewTicket> = {}): NewTicket => ({
  title: 'USB-key 被锁',
  description: '连续输错 PIN',
  channel: 'phone',
  category: 'usbkey-unlock',
  priority: 'normal',
  kind: 'request',
  requesterName: '陈经办',
  requesterContact: '13800000000',
  organisation: '审批科',
  ...over,
});

async function setup(databaseId: TestDatabaseId, now: { t: Date }, maxAttachmentBytes?: number) {
  return ticketServiceForTest(await databases.init(databaseId), {
    clock: () => now.t,
    agents: [
      { ref: 'user:default/agent1', skills: [] },
      { ref: 'user:default/agent2', skills: [] },
      { ref: 'user:default/sealer', skills: ['seal'] },
    ],
    maxAttachmentBytes,
  });
}

describe.each(databases.eachSupportedId())('TicketService on %p', (databaseId: TestDatabaseId) => {
  it('runs the lifecycle with its SLA clocks and keeps an intact audit chain', async () => {
    const now = { t: new Date('2026-12-01T02:00:00Z') }; // Tuesday 10:00 CST
    const { knex, audit, service } = await setup(databaseId, now);
    const { ticket } = await service.create(phoneTicket(), 'user:default/agent1');
    expect(ticket.number).toMatch(/^YX20261201\d{4}$/);
    expect(ticket.sla.response.dueAt).toBe('2026-12-02T09:30:00.000Z');

    now.t = new Date('2026-12-01T03:00:00Z');
    const ack = await service.transition(ticket.id, 'acknowledged', 'user:default/agent1');
    expect(ack.sla.response.metAt).toBe('2026-12-01T03:00:00.000Z');
    expect(ack.sla.plan.metAt).toBeNull();

    // Waiting for the requester from Tue 11:00 to Thu 11:00 pauses the plan clock: it moves by
    // the business time of the pause (Tue 11:00–17:30 + Wed 9 h + Thu 08:30–11:00 = 18 h).
    await service.transition(ticket.id, 'waiting', 'user:default/agent1');
    now.t = new Date('2026-12-03T03:00:00Z');
    const resumed = await service.transition(ticket.id, 'in-progress', 'user:default/agent1');
    expect(resumed.sla.pausedSince).toBeNull();
    expect(resumed.sla.plan.dueAt).toBe(calendar.extendByBusinessMillis(new Date('2026-12-02T09:30:00Z'), 18 * 3_600_000).toISOString());

    const resolved = await service.transition(ticket.id, 'resolved', 'user:default/agent1', '已远程解锁');
    expect(resolved.sla.plan.metAt).toBe('2026-12-03T03:00:00.000Z');
    await service.transition(ticket.id, 'closed', 'user:default/agent1');
    const reopened = await service.transition(ticket.id, 'in-progress', 'user:default/agent1');
    expect(reopened.state).toBe('in-progress');
    expect((await service.comments(ticket.id, false)).map(c => c.body)).toEqual(['已远程解锁']);
    expect((await service.events(ticket.id)).filter(e => e.type === 'transition').map(e => e.to)).toEqual([
      'acknowledged', 'waiting', 'in-progress', 'resolved', 'closed', 'in-progress',
    ]);

    const verified = await audit.verify();
    expect(verified).toMatchObject({ ok: true });
    await knex('audit_log').where({ seq: 2 }).update({ details: '{"forged":true}' });
    const broken = await audit.verify();
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.firstBroken.seq).toBe(2);
  });

  it('refuses illegal moves, unknown categories and oversized files without changing anything', async () => {
    const now = { t: new Date('2026-12-01T02:00:00Z') };
    const { knex, audit, service } = await setup(databaseId, now, 1024);
    const { ticket } = await service.create(phoneTicket(), 'user:default/agent1');
    const auditBefore = (await audit.head()).seq;
    const rowBefore = await knex('tickets').where({ id: ticket.id }).first();

    await expect(service.transition(ticket.id, 'plan-given', 'x').then(() => service.transition(ticket.id, 'new', 'x'))).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const afterPlan = await knex('tickets').where({ id: ticket.id }).first();
    expect(afterPlan.state).toBe('plan-given');
    expect(rowBefore.state).toBe('new');
    expect((await audit.head()).seq).toBe(auditBefore + 1); // only the legal move was audited

    await expect(service.create(phoneTicket({ category: 'bogus' }), 'x')).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY' });
    expect(Number((await knex('tickets').count({ n: '*' }))[0].n)).toBe(1);

    await expect(
      service.attach(ticket.id, { filename: 'big.bin', contentType: 'application/octet-stream', content: Buffer.alloc(1025) }, 'x'),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await service.attachments(ticket.id)).toEqual([]);
    const small = await service.attach(ticket.id, { filename: '截图.png', contentType: 'image/png', content: Buffer.from('png') }, 'x');
    expect(small).toMatchObject({ filename: '截图.png', size: 3 });
    expect((await service.attachmentContent(ticket.id, small.id)).content.toString()).toBe('png');
    expect(await audit.verify()).toMatchObject({ ok: true });
  });

  it('assigns fairly by open load and skill, and merges', async () => {
    const now = { t: new Date('2026-12-01T02:00:00Z') };
    const { service } = await setup(databaseId, now);
    const assignees: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      now.t = new Date(now.t.getTime() + 60_000);
      assignees.push((await service.create(phoneTicket(), 'x')).ticket.assignee);
    }
    // The seal specialist takes only seal tickets; the two generalists alternate by open load,
    // ties going to whoever was assigned least recently.
    expect(assignees).toEqual(['user:default/agent1', 'user:default/agent2', 'user:default/agent1', 'user:default/agent2']);
    now.t = new Date(now.t.getTime() + 60_000);
    const seal = await service.create(phoneTicket({ category: 'seal' }), 'x');
    expect(seal.ticket.assignee).toBe('user:default/sealer');

    const a = (await service.create(phoneTicket({ title: '重复来电 1' }), 'x')).ticket;
    const b = (await service.create(phoneTicket({ title: '重复来电 2' }), 'x')).ticket;
    const target = await service.merge(b.id, a.id, 'user:default/lead');
    expect(target.links).toContainEqual({ type: 'ticket', id: b.number });
    expect((await service.get(b.id)).state).toBe('merged');
    await expect(service.merge(b.id, a.id, 'x')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(service.comment(b.id, 'x', false, 'x')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('warns before a deadline and escalates once after it', async () => {
    const now = { t: new Date('2026-12-01T02:00:00Z') };
    const { service } = await setup(databaseId, now);
    const { ticket } = await service.create(phoneTicket({ priority: 'urgent' }), 'x'); // response due 12:00 CST
    expect(await service.slaSweep()).toEqual({ warned: [ticket.number], escalated: [] });
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });
    now.t = new Date('2026-12-01T04:30:00Z');
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [ticket.number] });
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });
    const breached = await service.list({ breachedOnly: true });
    expect(breached.items.map(t => t.id)).toEqual([ticket.id]);
    expect((await service.events(ticket.id)).map(e => e.type)).toEqual(['create', 'assign', 'sla-warning', 'escalate']);
  });
});
