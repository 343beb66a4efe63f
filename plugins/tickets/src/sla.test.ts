import type { SlaClock, Ticket } from '@yinxin/plugin-tickets-common';
import { clockStatus, ticketSlaStatus } from './sla';

const now = new Date('2026-12-01T06:00:00.000Z');
const clock = (dueAt: string, metAt: string | null = null, breached = false): SlaClock => ({ dueAt, metAt, breached });

describe('clockStatus', () => {
  it.each([
    ['met on time', clock('2026-12-01T09:30:00.000Z', '2026-12-01T05:00:00.000Z'), false, 'met'],
    ['met late', clock('2026-12-01T01:30:00.000Z', '2026-12-01T05:00:00.000Z', true), false, 'met-late'],
    ['met late without the flag', clock('2026-12-01T01:30:00.000Z', '2026-12-01T05:00:00.000Z'), false, 'met-late'],
    ['past due', clock('2026-12-01T05:59:59.000Z'), false, 'breached'],
    ['due in exactly four hours', clock('2026-12-01T10:00:00.000Z'), false, 'due-soon'],
    ['due within four hours', clock('2026-12-01T09:30:00.000Z'), false, 'due-soon'],
    ['due in just over four hours', clock('2026-12-01T10:00:01.000Z'), false, 'running'],
    ['due later', clock('2026-12-02T09:30:00.000Z'), false, 'running'],
    ['paused past due', clock('2026-12-01T05:00:00.000Z'), true, 'paused'],
    ['breached before the pause', clock('2026-12-01T05:00:00.000Z', null, true), true, 'breached'],
    ['flagged breached by the server', clock('2026-12-02T09:30:00.000Z', null, true), false, 'breached'],
  ] as const)('%s', (_name, c, paused, expected) => {
    expect(clockStatus(c, paused, now)).toBe(expected);
  });

  it('compares instants, not strings', () => {
    // Same instant written with an offset: met exactly at the deadline is on time.
    expect(clockStatus(clock('2026-12-01T06:00:00.000Z', '2026-12-01T14:00:00+08:00'), false, now)).toBe('met');
  });
});

describe('ticketSlaStatus', () => {
  const ticket = (response: SlaClock, plan: SlaClock, pausedSince: string | null = null) =>
    ({ sla: { response, plan, pausedSince } }) as unknown as Ticket;

  it('reports the more urgent of the two clocks', () => {
    expect(ticketSlaStatus(ticket(clock('2026-12-01T09:30:00.000Z', '2026-12-01T02:00:00.000Z'), clock('2026-12-01T05:00:00.000Z')), now)).toBe(
      'breached',
    );
    expect(ticketSlaStatus(ticket(clock('2026-12-01T09:30:00.000Z'), clock('2026-12-03T05:00:00.000Z')), now)).toBe('due-soon');
  });

  it('pauses both clocks while waiting for the requester', () => {
    expect(ticketSlaStatus(ticket(clock('2026-12-01T05:00:00.000Z', '2026-12-01T04:00:00.000Z'), clock('2026-12-01T05:00:00.000Z'), '2026-12-01T04:30:00.000Z'), now)).toBe(
      'paused',
    );
  });
});
