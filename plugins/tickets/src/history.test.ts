import type { TicketEvent } from '@yinxin/plugin-tickets-common';
import { eventText } from './history';

const labels = { state: (s: string) => `S(${s})`, channel: (c: string) => `C(${c})`, field: (f: string) => `F(${f})` };
const ev = (type: string, from: string | null, to: string | null, details: Record<string, unknown> = {}): TicketEvent => ({
  id: 1,
  ticketId: 1,
  actor: 'user:default/agent1',
  type,
  from,
  to,
  at: '2026-12-01T06:00:00.000Z',
  details,
});

describe('eventText', () => {
  it('translates states, channels and fields through the labels', () => {
    expect(eventText(ev('create', null, 'new', { channel: 'phone' }), labels)).toEqual({ id: 'evCreate', params: { channel: 'C(phone)' } });
    expect(eventText(ev('transition', 'new', 'acknowledged'), labels)).toEqual({
      id: 'evTransition',
      params: { from: 'S(new)', to: 'S(acknowledged)', note: '' },
    });
    expect(eventText(ev('transition', 'acknowledged', 'waiting', { note: '等待材料' }), labels).id).toBe('evTransitionNote');
    expect(eventText(ev('update', null, null, { fields: ['priority', 'links'] }), labels).params.fields).toBe('F(priority)、F(links)');
  });

  it('tells manual, automatic and removed assignments apart', () => {
    expect(eventText(ev('assign', null, 'user:default/agent2'), labels)).toEqual({ id: 'evAssign', params: { to: 'agent2' } });
    expect(eventText(ev('assign', null, 'user:default/agent2', { auto: true }), labels).id).toBe('evAutoAssign');
    expect(eventText(ev('assign', 'user:default/agent2', null), labels).id).toBe('evUnassign');
  });

  it('keeps an unknown event visible by its type', () => {
    expect(eventText(ev('reopen-by-mail', null, null), labels)).toEqual({ id: 'evOther', params: { type: 'reopen-by-mail' } });
  });
});
