/*
 * TicketService against real databases (SQLite and, when configured, PostgreSQL 15): the
 * lifecycle and its SLA clocks, pauses, refusals that leave no trace, fair assignment from the
 * database's open load, merge, comments, the SLA sweep and the audit chain written alongside.
 *
 * Times are CST (UTC+8); March 2026 has no holiday: Wed 11, Thu 12, Fri 13, Mon 16, Tue 17 Mar.
 */
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ApiError } from '@yinxin/ops-node';
import { ticketServiceForTest } from '../testing/ticketService';
import type { NewTicket } from './TicketService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', ...(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? (['POSTGRES_15'] as const) : [])],
});
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const LI = 'user:default/li';
const WANG = 'user:default/wang';
const ZHAO = 'user:default/zhao';

function input(over: Partial<NewTicket> = {}): NewTicket {
  return {
    title: '无法申请证书',
    description: '提交申请后页面报错',
    channel: 'phone',
    category: 'cert-apply',
    priority: 'normal',
    kind: 'request',
    requesterName: '刘办事员',
    requesterContact: '010-12345678',
    organisation: '市场监管局',
    ...over,
  };
}

async function setup(databaseId: TestDatabaseId, start: string, maxAttachmentBytes?: number) {
  const clock = { now: cst(start) };
  const { knex, audit, service } = await ticketServiceForTest(await databases.init(databaseId), {
    clock: () => clock.now,
    agents: [
      { ref: WANG, skills: [] },
      { ref: LI, skills: [] },
      { ref: ZHAO, skills: ['seal'] },
    ],
    maxAttachmentBytes,
  });
  const at = (local: string) => {
    clock.now = cst(local);
  };
  const count = async (table: string) => Number((await knex(table).count({ n: '*' }))[0].n);
  return { knex, audit, service, at, count };
}

describe.each(databases.eachSupportedId())('TicketService on %p', (databaseId: TestDatabaseId) => {
  it('runs create → acknowledged → plan-given → in-progress → resolved → closed → reopened', async () => {
    const { knex, audit, service, at } = await setup(databaseId, '2026-03-11 09:00');
    const { ticket } = await service.create(input(), LI);
    expect(ticket).toMatchObject({ state: 'new', createdBy: LI, createdAt: '2026-03-11T01:00:00.000Z' });
    // Normal request: Wed is working day 1, Thu day 2 → both clocks due Thu 17:30.
    expect(ticket.sla.response).toEqual({ dueAt: '2026-03-12T09:30:00.000Z', metAt: null, breached: false });
    expect(ticket.sla.plan).toEqual({ dueAt: '2026-03-12T09:30:00.000Z', metAt: null, breached: false });

    at('2026-03-11 09:20');
    const ack = await service.transition(ticket.id, 'acknowledged', LI);
    expect(ack.sla.response).toEqual({ dueAt: '2026-03-12T09:30:00.000Z', metAt: '2026-03-11T01:20:00.000Z', breached: false });
    expect(ack.sla.plan.metAt).toBeNull();

    at('2026-03-12 11:00');
    const plan = await service.transition(ticket.id, 'plan-given', LI, '更换浏览器后重新提交');
    expect(plan.sla.plan).toEqual({ dueAt: '2026-03-12T09:30:00.000Z', metAt: '2026-03-12T03:00:00.000Z', breached: false });
    expect(plan.sla.response.metAt).toBe('2026-03-11T01:20:00.000Z');

    at('2026-03-12 14:00');
    expect((await service.transition(ticket.id, 'in-progress', LI)).state).toBe('in-progress');
    at('2026-03-13 10:00');
    expect((await service.transition(ticket.id, 'resolved', LI)).state).toBe('resolved');
    expect((await knex('tickets').where({ id: ticket.id }).first()).resolved_at).toBe('2026-03-13T02:00:00.000Z');
    at('2026-03-16 09:00');
    expect((await service.transition(ticket.id, 'closed', LI)).state).toBe('closed');
    at('2026-03-17 09:00');
    const reopened = await service.transition(ticket.id, 'in-progress', WANG, '用户反馈问题复现');
    expect(reopened.state).toBe('in-progress');
    expect((await knex('tickets').where({ id: ticket.id }).first()).resolved_at).toBeNull();
    // Clocks met once stay met.
    expect(reopened.sla.plan.metAt).toBe('2026-03-12T03:00:00.000Z');

    const events = await service.events(ticket.id);
    expect(events.filter(e => e.type === 'transition').map(e => [e.from, e.to, e.actor])).toEqual([
      ['new', 'acknowledged', LI],
      ['acknowledged', 'plan-given', LI],
      ['plan-given', 'in-progress', LI],
      ['in-progress', 'resolved', LI],
      ['resolved', 'closed', LI],
      ['closed', 'in-progress', WANG],
    ]);
    expect((await service.comments(ticket.id, false)).map(c => c.body)).toEqual(['更换浏览器后重新提交', '用户反馈问题复现']);
    const actions = (await audit.list({ targetId: ticket.number })).map(r => r.action).reverse();
    expect(actions).toEqual(['ticket.create', ...Array(6).fill('ticket.transition')]);
  });

  it('pauses while waiting for the requester and shifts only the unmet deadlines on resume', async () => {
    const { service, at } = await setup(databaseId, '2026-03-11 10:00');
    const { ticket } = await service.create(input(), LI);
    at('2026-03-11 10:30');
    await service.transition(ticket.id, 'acknowledged', LI);
    at('2026-03-11 11:00');
    const waiting = await service.transition(ticket.id, 'waiting', LI);
    expect(waiting.sla.pausedSince).toBe('2026-03-11T03:00:00.000Z');

    // Past the plan deadline (Thu 17:30) while paused: not breached, not listed, not swept.
    at('2026-03-13 10:00');
    expect((await service.get(ticket.id)).sla.plan.breached).toBe(false);
    expect((await service.list({ breachedOnly: true })).total).toBe(0);
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });

    // Paused Wed 11:00 → Mon 10:00: 6.5 h + 9 h + 9 h + 1.5 h = 26 h of business time. The plan
    // deadline Thu 17:30 moves by 26 h: Fri 9 h, Mon 9 h, Tue 08:30 + 8 h = 16:30.
    at('2026-03-16 10:00');
    const resumed = await service.transition(ticket.id, 'in-progress', LI);
    expect(resumed.sla.pausedSince).toBeNull();
    expect(resumed.sla.plan).toEqual({ dueAt: '2026-03-17T08:30:00.000Z', metAt: null, breached: false });
    expect(resumed.sla.response).toEqual({ dueAt: '2026-03-12T09:30:00.000Z', metAt: '2026-03-11T02:30:00.000Z', breached: false });

    // A second, overnight pause (Mon 17:00 → Tue 09:00: 0.5 h + 0.5 h) adds 1 h → Tue 17:30.
    at('2026-03-16 17:00');
    await service.transition(ticket.id, 'waiting', LI);
    at('2026-03-17 09:00');
    const again = await service.transition(ticket.id, 'plan-given', LI);
    expect(again.sla.plan).toEqual({ dueAt: '2026-03-17T09:30:00.000Z', metAt: '2026-03-17T01:00:00.000Z', breached: false });
  });

  it('refuses an illegal transition and leaves the row, history and audit chain unchanged', async () => {
    const { knex, audit, service, at, count } = await setup(databaseId, '2026-03-11 10:00');
    const { ticket } = await service.create(input(), LI);
    const row = await knex('tickets').where({ id: ticket.id }).first();
    const head = await audit.head();
    const events = await count('ticket_events');
    at('2026-03-11 11:00');
    for (const to of ['waiting', 'merged'] as const) {
      const error = await service.transition(ticket.id, to, LI).catch(e => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409, details: { from: 'new', to } });
    }
    expect(await knex('tickets').where({ id: ticket.id }).first()).toEqual(row);
    expect(await audit.head()).toEqual(head);
    expect(await count('ticket_events')).toBe(events);

    await service.transition(ticket.id, 'closed', LI);
    await expect(service.transition(ticket.id, 'resolved', LI)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(service.transition(9999, 'closed', LI)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await audit.head()).seq).toBe(head.seq + 1);
  });

  it('refuses an unknown category before writing anything', async () => {
    const { audit, service, count } = await setup(databaseId, '2026-03-11 10:00');
    await expect(service.create(input({ category: 'cert-apply ' }), LI)).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY', status: 400 });
    await expect(service.create(input({ category: '__proto__' }), LI)).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY' });
    expect(await count('tickets')).toBe(0);
    expect(await count('ticket_counters')).toBe(0);
    expect((await audit.head()).seq).toBe(0);
    const { ticket } = await service.create(input(), LI);
    await expect(service.update(ticket.id, { category: 'bogus' as never }, LI)).rejects.toMatchObject({ code: 'UNKNOWN_CATEGORY' });
    expect((await service.get(ticket.id)).category).toBe('cert-apply');
  });

  it('refuses an oversized or empty attachment without storing it, and keeps one at the limit', async () => {
    const { audit, service, count } = await setup(databaseId, '2026-03-11 10:00', 16);
    const { ticket } = await service.create(input(), LI);
    const head = await audit.head();
    const file = (n: number) => ({ filename: '截图.png', contentType: 'image/png', content: Buffer.alloc(n, 7) });
    await expect(service.attach(ticket.id, file(17), LI)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    await expect(service.attach(ticket.id, file(0), LI)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await count('ticket_attachments')).toBe(0);
    expect((await service.events(ticket.id)).map(e => e.type)).not.toContain('attach');
    expect(await audit.head()).toEqual(head);

    const stored = await service.attach(ticket.id, file(16), LI);
    expect(stored).toMatchObject({ ticketId: ticket.id, filename: '截图.png', size: 16, uploadedBy: LI });
    expect((await service.attachmentContent(ticket.id, stored.id)).content).toEqual(Buffer.alloc(16, 7));
    await expect(service.attachmentContent(ticket.id + 1, stored.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('assigns fairly from the open load in the database, by skill, least recent and name', async () => {
    const { service, at } = await setup(databaseId, '2026-03-11 10:00');
    const picks: (string | null)[] = [];
    const ids: number[] = [];
    for (const minute of ['01', '02', '03', '04']) {
      at(`2026-03-11 10:${minute}`);
      const { ticket } = await service.create(input(), 'user:default/lead');
      picks.push(ticket.assignee);
      ids.push(ticket.id);
    }
    // Equal load at first → by name (li < wang); then the one with fewer open tickets; then the
    // one assigned least recently. Zhao handles only seal tickets.
    expect(picks).toEqual([LI, WANG, LI, WANG]);
    at('2026-03-11 10:05');
    expect((await service.create(input({ category: 'seal' }), 'x')).ticket.assignee).toBe(ZHAO);

    // Resolved tickets no longer count; waiting ones still do.
    at('2026-03-11 10:06');
    await service.transition(ids[1], 'resolved', WANG);
    at('2026-03-11 10:07');
    expect((await service.create(input(), 'x')).ticket.assignee).toBe(WANG);
    at('2026-03-11 10:08');
    await service.transition(ids[0], 'acknowledged', LI);
    await service.transition(ids[0], 'waiting', LI);
    expect((await service.create(input(), 'x')).ticket.assignee).toBe(LI);

    const manual = await service.create(input({ autoAssign: false }), 'x');
    expect(manual.ticket.assignee).toBeNull();
    expect((await service.assign(manual.ticket.id, 'auto', 'x')).assignee).toBe(WANG);
    expect((await service.assign(manual.ticket.id, null, 'x')).assignee).toBeNull();
    expect((await service.list({ assignee: null })).items.map(t => t.id)).toEqual([manual.ticket.id]);
  });

  it('merges a duplicate into its original', async () => {
    const { service } = await setup(databaseId, '2026-03-11 10:00');
    const a = (await service.create(input({ title: '来电 1' }), 'x')).ticket;
    const b = (await service.create(input({ title: '来电 2', links: [{ type: 'certificate', id: 'SN-1' }] }), 'x')).ticket;
    await service.comment(b.id, '用户补充了截图', false, LI);
    const target = await service.merge(b.id, a.id, LI);
    expect(target.id).toBe(a.id);
    expect(target.links).toEqual([{ type: 'ticket', id: b.number }]);
    expect(await service.get(b.id)).toMatchObject({ state: 'merged', mergedInto: a.id });
    expect((await service.events(b.id)).map(e => e.type)).toContain('merge');
    expect((await service.events(a.id)).find(e => e.type === 'merge-in')?.details).toEqual({ from: b.number });
    expect((await service.comments(b.id, false)).map(c => c.body)).toEqual(['用户补充了截图']);

    await expect(service.merge(a.id, a.id, LI)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(service.merge(b.id, a.id, LI)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(service.merge(a.id, b.id, LI)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(service.transition(b.id, 'in-progress', LI)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(service.comment(b.id, 'x', false, LI)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(service.assign(b.id, LI, LI)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('keeps internal notes out of the requester view; a staff reply is the first response', async () => {
    const { service, at } = await setup(databaseId, '2026-03-11 10:00');
    const { ticket } = await service.create(input({ requesterRef: 'user:default/requester' }), 'user:default/requester');
    at('2026-03-11 10:10');
    await service.comment(ticket.id, '我又试了一次，还是不行', false, 'user:default/requester', true);
    expect((await service.get(ticket.id)).sla.response.metAt).toBeNull();
    at('2026-03-11 10:20');
    const note = await service.comment(ticket.id, '疑似 CA 接口超时', true, LI);
    expect(note).toMatchObject({ internal: true, author: LI, body: '疑似 CA 接口超时' });
    expect((await service.get(ticket.id)).sla.response.metAt).toBeNull();
    at('2026-03-11 10:30');
    await service.comment(ticket.id, '已联系 CA 处理，请稍候', false, LI);
    expect((await service.get(ticket.id)).sla.response.metAt).toBe('2026-03-11T02:30:00.000Z');

    const outside = await service.comments(ticket.id, false);
    expect(outside.map(c => [c.body, c.internal])).toEqual([
      ['我又试了一次，还是不行', false],
      ['已联系 CA 处理，请稍候', false],
    ]);
    const inside = await service.comments(ticket.id, true);
    expect(inside.map(c => c.internal)).toEqual([false, true, false]);
    expect((await service.events(ticket.id)).map(e => e.type)).toEqual(['create', 'assign', 'reply', 'note', 'reply']);
  });

  it('warns once near the deadline and escalates exactly once after it', async () => {
    const { service, at, audit } = await setup(databaseId, '2026-03-11 10:00');
    const { ticket } = await service.create(input(), 'x'); // both clocks due Thu 12 Mar 17:30
    const done = (await service.create(input(), 'x')).ticket;
    await service.transition(done.id, 'plan-given', LI); // both clocks met: never swept

    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });
    at('2026-03-12 13:29'); // 4 h 01 min of business time left
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });
    at('2026-03-12 13:30'); // 4 h left
    expect(await service.slaSweep()).toEqual({ warned: [ticket.number], escalated: [] });
    at('2026-03-12 15:00');
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });
    at('2026-03-12 17:30'); // due, not yet past due
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });
    at('2026-03-12 17:31');
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [ticket.number] });
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });
    at('2026-03-16 10:00');
    expect(await service.slaSweep()).toEqual({ warned: [], escalated: [] });

    const swept = await service.get(ticket.id);
    expect(swept.sla).toMatchObject({ warnedAt: '2026-03-12T05:30:00.000Z', escalatedAt: '2026-03-12T09:31:00.000Z' });
    expect(swept.sla.response.breached).toBe(true);
    expect((await service.list({ breachedOnly: true })).items.map(t => t.id)).toEqual([ticket.id]);
    expect((await service.events(ticket.id)).filter(e => e.actor === 'system').map(e => e.type)).toEqual(['assign', 'sla-warning', 'escalate']);
    const actions = (await audit.list({ actor: 'plugin:tickets' })).map(r => r.action);
    expect(actions).toEqual(['ticket.escalate', 'ticket.sla-warning']);
  });

  it('numbers tickets by the local (CST) date, consecutively per day', async () => {
    const { service, at } = await setup(databaseId, '2026-03-11 07:00'); // 10 Mar 23:00 UTC
    const first = (await service.create(input(), 'x')).ticket;
    expect(first.number).toBe('YX202603110001');
    at('2026-03-11 23:59');
    expect((await service.create(input(), 'x')).ticket.number).toBe('YX202603110002');
    at('2026-03-12 00:00');
    expect((await service.create(input(), 'x')).ticket.number).toBe('YX202603120001');
  });

  it('gives concurrent first tickets of a day distinct numbers', async () => {
    const { service } = await setup(databaseId, '2026-03-18 09:00');
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => service.create(input({ title: `并发 ${i}` }), 'x')));
    expect(results.map(r => r.status)).toEqual(Array(6).fill('fulfilled'));
    const numbers = results.map(r => (r as PromiseFulfilledResult<{ ticket: { number: string } }>).value.ticket.number).sort();
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6].map(n => `YX2026031800${String(n).padStart(2, '0')}`));
  });

  it('finds tickets by text containing LIKE wildcards literally', async () => {
    const { service } = await setup(databaseId, '2026-03-11 10:00');
    const pct = (await service.create(input({ title: '签章成功率 100% 下降' }), 'x')).ticket;
    await service.create(input({ title: '签章成功率 1000 次' }), 'x');
    const under = (await service.create(input({ title: 'seal_ok 接口报错' }), 'x')).ticket;
    await service.create(input({ title: 'sealXok 接口报错' }), 'x');
    expect((await service.list({ text: '100%' })).items.map(t => t.id)).toEqual([pct.id]);
    expect((await service.list({ text: 'seal_ok' })).items.map(t => t.id)).toEqual([under.id]);
    expect((await service.list({ text: '签章' })).total).toBe(2);
  });

  it('keeps an intact audit chain over all of it, and names the first tampered record', async () => {
    const { knex, audit, service, at } = await setup(databaseId, '2026-03-11 10:00');
    const { ticket } = await service.create(input(), LI);
    at('2026-03-11 10:10');
    await service.transition(ticket.id, 'acknowledged', LI);
    await service.comment(ticket.id, '内部备注', true, LI);
    await service.attach(ticket.id, { filename: 'a.txt', contentType: 'text/plain', content: Buffer.from('a') }, LI);
    await service.assign(ticket.id, WANG, LI);
    expect(await audit.verify()).toMatchObject({ ok: true, count: 5 });

    await knex('audit_log').where({ seq: 2 }).update({ details: '{"x":1}' });
    const broken = await audit.verify();
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.firstBroken.seq).toBe(2);
  });
});
