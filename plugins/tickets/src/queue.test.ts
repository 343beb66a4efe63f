import type { Ticket } from '@yinxin/plugin-tickets-common';
import { applyLive, matchesFilter, mergeLive, queueQuery } from './queue';

const now = new Date('2026-12-01T06:00:00.000Z');
const future = '2026-12-02T06:00:00.000Z';
const past = '2026-12-01T05:00:00.000Z';

const ticket = (id: number, over: Partial<Ticket> = {}): Ticket =>
  ({
    id,
    number: `YX2026112800${id}`,
    title: `工单 ${id}`,
    state: 'new',
    category: 'consult',
    assignee: null,
    requesterName: '陈经办',
    organisation: '审批科',
    sla: {
      response: { dueAt: future, metAt: null, breached: false },
      plan: { dueAt: future, metAt: null, breached: false },
      pausedSince: null,
    },
    ...over,
  }) as unknown as Ticket;

const overdueTicket = (id: number, over: Partial<Ticket> = {}) =>
  ticket(id, {
    sla: {
      response: { dueAt: past, metAt: null, breached: false },
      plan: { dueAt: future, metAt: null, breached: false },
      pausedSince: null,
      warnedAt: null,
      escalatedAt: null,
    },
    ...over,
  });

describe('queueQuery', () => {
  it('builds the query string of a filter', () => {
    expect(queueQuery({ state: 'new', assignee: 'me', q: ' 证书 ', breached: true }, 50)).toBe(
      'state=new&assignee=me&q=%E8%AF%81%E4%B9%A6&breached=true&limit=50',
    );
    expect(queueQuery({ state: '', category: '', assignee: '', q: '  ', breached: false })).toBe('limit=100');
  });
});

describe('matchesFilter', () => {
  it('matches state, category, assignee and text like the backend does', () => {
    expect(matchesFilter(ticket(1), { state: 'new' }, undefined, now)).toBe(true);
    expect(matchesFilter(ticket(1), { state: 'closed' }, undefined, now)).toBe(false);
    expect(matchesFilter(ticket(1), { category: 'seal' }, undefined, now)).toBe(false);
    expect(matchesFilter(ticket(1, { assignee: 'user:default/a' }), { assignee: 'me' }, 'user:default/a', now)).toBe(true);
    expect(matchesFilter(ticket(1, { assignee: 'user:default/b' }), { assignee: 'me' }, 'user:default/a', now)).toBe(false);
    expect(matchesFilter(ticket(1), { assignee: 'me' }, undefined, now)).toBe(false);
    expect(matchesFilter(ticket(1, { assignee: 'user:default/b' }), { assignee: 'none' }, undefined, now)).toBe(false);
    expect(matchesFilter(ticket(1), { q: '审批' }, undefined, now)).toBe(true);
    expect(matchesFilter(ticket(1), { q: 'yx20261128001' }, undefined, now)).toBe(true);
    expect(matchesFilter(ticket(1), { q: '财务' }, undefined, now)).toBe(false);
  });

  it('counts as breached only open, running tickets with a clock past due', () => {
    expect(matchesFilter(ticket(1), { breached: true }, undefined, now)).toBe(false);
    expect(matchesFilter(overdueTicket(1), { breached: true }, undefined, now)).toBe(true);
    expect(matchesFilter(overdueTicket(1, { state: 'resolved' }), { breached: true }, undefined, now)).toBe(false);
    const paused = overdueTicket(1, { state: 'waiting' });
    expect(matchesFilter(paused, { breached: true }, undefined, now)).toBe(false);
  });
});

describe('mergeLive and applyLive', () => {
  it('puts a new matching ticket on top, replaces a known one, drops one that stopped matching', () => {
    const list = [ticket(2), ticket(1)];
    expect(mergeLive(list, ticket(3), {}, undefined, now).map(t => t.id)).toEqual([3, 2, 1]);
    expect(mergeLive(list, ticket(1, { title: '新标题' }), {}, undefined, now).find(t => t.id === 1)?.title).toBe('新标题');
    expect(mergeLive(list, ticket(1, { state: 'closed' }), { state: 'new' }, undefined, now).map(t => t.id)).toEqual([2]);
    expect(mergeLive(list, ticket(4, { state: 'closed' }), { state: 'new' }, undefined, now)).toBe(list);
  });

  it('keeps the total in step with the list', () => {
    const state = { items: [ticket(2), ticket(1)], total: 7 };
    expect(applyLive(state, ticket(3), {}, undefined, now).total).toBe(8);
    expect(applyLive(state, ticket(2, { title: 'x' }), {}, undefined, now).total).toBe(7);
    expect(applyLive(state, ticket(2, { state: 'closed' }), { state: 'new' }, undefined, now).total).toBe(6);
    expect(applyLive(state, ticket(9, { state: 'closed' }), { state: 'new' }, undefined, now)).toBe(state);
  });
});
