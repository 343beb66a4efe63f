import type { SlaClock, Ticket } from '@yinxin/plugin-tickets-common';
import { clockStatus, ticketSlaStatus } from './sla';

const now = new Date('2026-12-01T06:00:00.000Z');
const clock = (dueAt: string, metAt: string | null = null): SlaClock => ({ dueAt, metAt, breached: false });

describe('clockStatus', () => {
  it.each([
    ['met on time', clock('2026-12-01T09:30:00.000Z', '2026-12-01T05:00:00.000Z'), false, 'met'],
    ['met late', clock('2026-12-01T01:30:00.000Z', '2026-12-01T05:00:00.000Z'), false, 'met-late'],
    ['past due', clock('2026-12-01T05:59:59.000Z'), false, 'breached'],
    ['due within four hours', clock('2026-12-01T09:30:00.000Z'), false, 'due-soon'],
    ['due later', clock('2026-12-02T09:30:00.000Z'), false, 'running'],
    ['paused past due', clock('2026-12-01T05:00:00.000Z'), true, 'paused'],
  ] as const)('%s', (_name, c, paused, expected) => {
    expect(clockStatus(c, paused, now)).toBe(expected);
  });
});

describe('ticketSlaStatus', () => {
  it('reports the more urgent of the two clocks', () => {
    const ticket = {
      sla: { response: clock('2026-12-01T09:30:00.000Z', '2026-12-01T02:00:00.000Z'), plan: clock('2026-12-01T05:00:00.000Z'), pausedSince: null },
    } as unknown as Ticket;
    expect(ticketSlaStatus(ticket, now)).toBe('breached');
  });
});
