import type { Assignment, PersonSummary, Swap } from '@yinxin/plugin-roster-common';
import { compareText } from './calendar';

/** Why a shift cannot be dragged, or dropped onto, to ask for a swap. */
export type SwapBlock =
  /** the user is not on the team (no person record) or may not ask for swaps */
  | 'not-on-team'
  /** the dragged shift is someone else's */
  | 'not-mine'
  /** the shift has started or ended */
  | 'started'
  /** the target is one of the user's own shifts */
  | 'same-person'
  /** the colleague's shift has started or ended */
  | 'partner-started'
  /** one of the shifts already waits for a decision */
  | 'pending'
  /** the colleague has left the team */
  | 'partner-left';

/** The ids of the shifts taking part in pending swaps (which may not be asked for again). */
export function pendingShiftIds(swaps: readonly Swap[]): Set<string> {
  return new Set(swaps.filter(s => s.state === 'pending').flatMap(s => [s.assignmentId, ...(s.partnerAssignmentId ? [s.partnerAssignmentId] : [])]));
}

/**
 * Whether the user (person `meId`, undefined when not on the team) may drag `a` to ask for a
 * swap: it must be their own, not started by `now`, and not already in a pending swap.
 */
export function dragBlock(a: Assignment, meId: string | undefined, now: number, pending: ReadonlySet<string> = new Set()): SwapBlock | undefined {
  if (!meId) return 'not-on-team';
  if (a.personId !== meId) return 'not-mine';
  if (Date.parse(a.startsAt) <= now) return 'started';
  if (pending.has(a.id)) return 'pending';
  return undefined;
}

/**
 * Whether `mine` may be dropped onto `theirs` to ask to exchange them: `mine` must be draggable
 * (see {@link dragBlock}) and `theirs` a colleague's (on the team), not started, not pending.
 */
export function dropBlock(
  mine: Assignment,
  theirs: Assignment,
  meId: string | undefined,
  now: number,
  pending: ReadonlySet<string> = new Set(),
  people: ReadonlyMap<string, PersonSummary> = new Map(),
): SwapBlock | undefined {
  const own = dragBlock(mine, meId, now, pending);
  if (own) return own;
  if (theirs.personId === meId) return 'same-person';
  if (people.get(theirs.personId)?.status === 'left') return 'partner-left';
  if (Date.parse(theirs.startsAt) <= now) return 'partner-started';
  if (pending.has(theirs.id)) return 'pending';
  return undefined;
}

/** What the swap dialog starts with: the user's shift and the colleague's (or only the colleague, for a hand-over). */
export interface SwapDraft {
  assignment: Assignment;
  partnerId?: string;
  partnerAssignment?: Assignment;
}

/** A choice of the button-based swap dialog: a colleague's shift to exchange, or a colleague to hand over to. */
export interface SwapChoice {
  /** `a:<assignmentId>` (exchange) or `p:<personId>` (hand-over, 代班). */
  value: string;
  partnerId: string;
  partnerAssignmentId?: string;
}

/**
 * The choices of the button-based swap for `mine` (the accessible alternative to dragging): every
 * colleague's shift it may be dropped onto (of the same kind first, then by time), then a
 * hand-over to every active colleague.
 */
export function swapChoices(
  mine: Assignment,
  assignments: readonly Assignment[],
  people: readonly PersonSummary[],
  meId: string | undefined,
  now: number,
  pending: ReadonlySet<string> = new Set(),
): SwapChoice[] {
  const byId = new Map(people.map(p => [p.id, p]));
  const exchanges = assignments
    .filter(a => a.id !== mine.id && !dropBlock(mine, a, meId, now, pending, byId))
    .sort((a, b) => Number(b.kind === mine.kind) - Number(a.kind === mine.kind) || compareText(a.startsAt, b.startsAt))
    .map(a => ({ value: `a:${a.id}`, partnerId: a.personId, partnerAssignmentId: a.id }));
  const handOvers = people.filter(p => p.id !== meId && p.status === 'active').map(p => ({ value: `p:${p.id}`, partnerId: p.id }));
  return [...exchanges, ...handOvers];
}
