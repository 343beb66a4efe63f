import type { Assignment, PersonSummary, Swap } from '@yinxin/plugin-roster-common';
import { dragBlock, dropBlock, pendingShiftIds, swapChoices } from './swap';

const NOW = Date.parse('2026-05-10T00:00:00Z');
const a = (id: string, personId: string, startsAt: string, kind: 'onsite' | 'oncall' = 'onsite'): Assignment => ({
  id,
  personId,
  templateId: 't',
  kind,
  day: startsAt.slice(0, 10),
  startsAt,
  endsAt: new Date(Date.parse(startsAt) + 8 * 3_600_000).toISOString(),
  source: 'generated',
  overrideId: null,
  createdAt: '',
  createdBy: '',
});
const person = (id: string, status: 'active' | 'left' = 'active'): PersonSummary => ({ id, name: id, roles: ['resident'], status });

const mine = a('m1', 'me', '2026-05-12T01:00:00Z');
const past = a('m0', 'me', '2026-05-09T01:00:00Z');
const theirs = a('t1', 'bob', '2026-05-13T01:00:00Z');

describe('drag to swap', () => {
  it('lets the user drag only their own future shifts', () => {
    expect(dragBlock(mine, 'me', NOW)).toBeUndefined();
    expect(dragBlock(theirs, 'me', NOW)).toBe('not-mine');
    expect(dragBlock(past, 'me', NOW)).toBe('started');
    expect(dragBlock(mine, undefined, NOW)).toBe('not-on-team');
    // A shift starting right now has started.
    expect(dragBlock(a('m2', 'me', '2026-05-10T00:00:00Z'), 'me', NOW)).toBe('started');
  });

  it('drops only onto a colleague’s future shift', () => {
    expect(dropBlock(mine, theirs, 'me', NOW)).toBeUndefined();
    expect(dropBlock(mine, a('m3', 'me', '2026-05-14T01:00:00Z'), 'me', NOW)).toBe('same-person');
    expect(dropBlock(mine, a('t0', 'bob', '2026-05-09T01:00:00Z'), 'me', NOW)).toBe('partner-started');
    expect(dropBlock(past, theirs, 'me', NOW)).toBe('started');
    expect(dropBlock(mine, theirs, 'me', NOW, new Set(), new Map([['bob', person('bob', 'left')]]))).toBe('partner-left');
  });

  it('refuses shifts already waiting in a pending swap', () => {
    const swaps: Swap[] = [
      { id: 's1', state: 'pending', requesterId: 'me', requestedBy: 'u', assignmentId: 'm1', partnerId: 'bob', partnerAssignmentId: 't9', reason: 'r', createdAt: '', decidedBy: null, decidedAt: null, decisionNote: null },
      { id: 's2', state: 'rejected', requesterId: 'me', requestedBy: 'u', assignmentId: 'm5', partnerId: 'bob', partnerAssignmentId: null, reason: 'r', createdAt: '', decidedBy: null, decidedAt: null, decisionNote: null },
    ];
    const pending = pendingShiftIds(swaps);
    expect(pending).toEqual(new Set(['m1', 't9']));
    expect(dragBlock(mine, 'me', NOW, pending)).toBe('pending');
    expect(dropBlock(a('m4', 'me', '2026-05-15T01:00:00Z'), a('t9', 'bob', '2026-05-16T01:00:00Z'), 'me', NOW, pending)).toBe('pending');
  });

  it('offers the same choices without dragging: colleagues’ shifts (same kind first), then hand-overs', () => {
    const night = a('t2', 'ann', '2026-05-12T09:00:00Z', 'oncall');
    const choices = swapChoices(mine, [mine, past, night, theirs, a('t0', 'bob', '2026-05-09T01:00:00Z')], [person('me'), person('bob'), person('ann'), person('old', 'left')], 'me', NOW);
    expect(choices.map(c => c.value)).toEqual(['a:t1', 'a:t2', 'p:bob', 'p:ann']);
    expect(choices[0]).toEqual({ value: 'a:t1', partnerId: 'bob', partnerAssignmentId: 't1' });
    expect(choices[2]).toEqual({ value: 'p:bob', partnerId: 'bob' });
  });
});
