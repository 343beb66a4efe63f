import type { Ticket } from '@yinxin/plugin-tickets-common';
import { matchesFilter, mergeLive, queueQuery } from './queue';

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
    sla: { response: { breached: false }, plan: { breached: false } },
    ...over,
  }) as unknown as Ticket;

describe('queue', () => {
  it('builds the query string of a filter', () => {
    expect(queueQuery({ state: 'new', assignee: 'me', q: ' 证书 ', breached: true }, 50)).toBe(
      'state=new&assignee=me&q=%E8%AF%81%E4%B9%A6&breached=true&limit=50',
    );
    expect(queueQuery({})).toBe('limit=100');
  });

  it('matches tickets against the filter like the backend does', () => {
    expect(matchesFilter(ticket(1), { state: 'new' })).toBe(true);
    expect(matchesFilter(ticket(1), { state: 'closed' })).toBe(false);
    expect(matchesFilter(ticket(1, { assignee: 'user:default/a' }), { assignee: 'me' }, 'user:default/a')).toBe(true);
    expect(matchesFilter(ticket(1, { assignee: 'user:default/b' }), { assignee: 'me' }, 'user:default/a')).toBe(false);
    expect(matchesFilter(ticket(1, { assignee: 'user:default/b' }), { assignee: 'none' })).toBe(false);
    expect(matchesFilter(ticket(1), { q: '审批' })).toBe(true);
    expect(matchesFilter(ticket(1), { q: '财务' })).toBe(false);
    expect(matchesFilter(ticket(1), { breached: true })).toBe(false);
  });

  it('puts a new matching ticket on top, replaces a known one, drops one that stopped matching', () => {
    const list = [ticket(2), ticket(1)];
    expect(mergeLive(list, ticket(3), {}).map(t => t.id)).toEqual([3, 2, 1]);
    expect(mergeLive(list, ticket(1, { title: '新标题' }), {}).find(t => t.id === 1)?.title).toBe('新标题');
    expect(mergeLive(list, ticket(1, { state: 'closed' }), { state: 'new' }).map(t => t.id)).toEqual([2]);
    expect(mergeLive(list, ticket(4, { state: 'closed' }), { state: 'new' })).toBe(list);
  });
});
