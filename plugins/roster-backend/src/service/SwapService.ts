import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { ScheduleChangeResult, Swap, SwapRequest, SwapState, TeamRole } from '@yinxin/plugin-roster-common';
import { overlaps } from '../logic/intervals';
import { refuse } from './refuse';
import type { AssignmentRow, PersonRow, RosterStore, SwapRow } from './store';

/** Who asks: their user ref, and whether they may see everyone's swaps. */
export interface SwapCaller {
  userRef?: string;
  actor: string;
}

/**
 * Swaps: an engineer asks to give one of their future shifts to a colleague, or to exchange it
 * for one of the colleague's; the manager approves (never a swap they take part in) or rejects;
 * the requester may withdraw a pending request. Every check is made when asking and again when
 * approving.
 */
export class SwapService {
  constructor(private readonly store: RosterStore) {}

  /** Swaps, newest first; `personId` limits them to those a person takes part in. */
  async list(q: { state?: SwapState; personId?: string }): Promise<Swap[]> {
    const query = this.store.knex<SwapRow>('roster_swaps').select().orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]).limit(500);
    if (q.state) query.where({ state: q.state });
    if (q.personId) query.andWhere(b => b.where({ requester_id: q.personId }).orWhere({ partner_id: q.personId }));
    return ((await query) as SwapRow[]).map(r => this.store.toSwap(r));
  }

  /** The caller's person record, or the refusal `NOT_ON_TEAM`. */
  async caller(db: Knex, userRef: string | undefined): Promise<PersonRow> {
    const me = await this.store.personOfUser(db, userRef);
    if (!me) throw refuse('NOT_ON_TEAM', { userRef: userRef ?? null });
    return me;
  }

  /** Whether `person` can take `shift` (giving up `giving`, if any): on the team, eligible, not on leave, not booked. */
  async #canTake(trx: Knex, person: PersonRow, shift: AssignmentRow, giving: AssignmentRow | undefined) {
    const span = { start: Date.parse(shift.starts_at), end: Date.parse(shift.ends_at) };
    if (!this.store.employedFor(person, span.start, span.end)) throw refuse('PERSON_INACTIVE', { personId: person.id, assignmentId: shift.id });
    const roles = JSON.parse(person.roles) as TeamRole[];
    const needs = shift.template_id
      ? ((await this.store.templates(trx)).find(t => t.id === shift.template_id)?.roles ?? [])
      : shift.kind === 'onsite'
        ? this.store.settings.onsite.roles
        : [];
    if (needs.length && !roles.some(r => needs.includes(r))) throw refuse('PERSON_NOT_ELIGIBLE', { personId: person.id, assignmentId: shift.id, needs });
    if ((await this.store.leavesIn(trx, span.start, span.end, person.id)).length) throw refuse('PERSON_ON_LEAVE', { personId: person.id, assignmentId: shift.id });
    const busy = (await this.store.assignmentsIn(trx, span.start, span.end, person.id)).filter(a => a.id !== giving?.id && overlaps(span, { start: Date.parse(a.starts_at), end: Date.parse(a.ends_at) }));
    if (busy.length) throw refuse('PERSON_DOUBLE_BOOKED', { personId: person.id, assignmentId: shift.id, busyWith: busy[0].id });
  }

  /** Checks a swap's shifts: still there, still theirs, not started, and each side can take the other's. */
  async #check(trx: Knex, requester: PersonRow, partner: PersonRow, assignmentId: string, partnerAssignmentId: string | null) {
    const now = this.store.now().getTime();
    const mine = await this.store.assignment(trx, assignmentId);
    if (mine.person_id !== requester.id) throw refuse('NOT_YOUR_SHIFT', { assignmentId });
    if (Date.parse(mine.starts_at) <= now) throw refuse('SHIFT_IN_PAST', { assignmentId });
    let theirs: AssignmentRow | undefined;
    if (partnerAssignmentId) {
      theirs = await this.store.assignment(trx, partnerAssignmentId);
      if (theirs.person_id !== partner.id) throw refuse('SWAP_PARTNER_SHIFT', { partnerAssignmentId });
      if (Date.parse(theirs.starts_at) <= now) throw refuse('SHIFT_IN_PAST', { assignmentId: partnerAssignmentId });
    }
    await this.#canTake(trx, partner, mine, theirs);
    if (theirs) await this.#canTake(trx, requester, theirs, mine);
    return { mine, theirs };
  }

  /** An engineer asks to swap (or hand over) one of their own future shifts. */
  async request(input: SwapRequest, caller: SwapCaller): Promise<Swap> {
    const row = await this.store.tx(async trx => {
      const me = await this.caller(trx, caller.userRef);
      const partner = await this.store.person(trx, input.partnerId, { field: 'partnerId' });
      if (partner.id === me.id) throw refuse('SAME_PERSON', { partnerId: partner.id });
      await this.#check(trx, me, partner, input.assignmentId, input.partnerAssignmentId ?? null);
      const ids = [input.assignmentId, ...(input.partnerAssignmentId ? [input.partnerAssignmentId] : [])];
      const pending = await trx('roster_swaps')
        .where({ state: 'pending' })
        .andWhere(b => b.whereIn('assignment_id', ids).orWhereIn('partner_assignment_id', ids))
        .first();
      if (pending) throw refuse('SWAP_DUPLICATE', { swapId: pending.id });
      const r: SwapRow = {
        id: randomUUID(),
        state: 'pending',
        requester_id: me.id,
        requested_by: caller.actor,
        assignment_id: input.assignmentId,
        partner_id: partner.id,
        partner_assignment_id: input.partnerAssignmentId ?? null,
        reason: input.reason,
        created_at: this.store.now().toISOString(),
        decided_by: null,
        decided_at: null,
        decision_note: null,
      };
      await trx('roster_swaps').insert(r);
      await this.store.record(trx, caller.actor, 'swap.request', 'swap', r.id, { assignmentId: r.assignment_id, partnerId: r.partner_id, partnerAssignmentId: r.partner_assignment_id, reason: r.reason });
      return r;
    });
    this.store.publish('swap', { change: 'requested', swapId: row.id, at: this.store.now().toISOString() });
    return this.store.toSwap(row);
  }

  async #pending(trx: Knex, id: string, approver: SwapCaller): Promise<SwapRow> {
    const row = (await trx<SwapRow>('roster_swaps').where({ id }).first()) as SwapRow | undefined;
    if (!row) throw refuse('SWAP_NOT_FOUND', { id });
    const partner = await this.store.person(trx, row.partner_id);
    const requester = await this.store.person(trx, row.requester_id);
    const parties = [row.requested_by, requester.user_ref, partner.user_ref].filter((x): x is string => !!x);
    if (parties.includes(approver.actor) || (approver.userRef && parties.includes(approver.userRef))) throw refuse('SELF_APPROVAL', { swapId: id });
    if (row.state !== 'pending') throw refuse('SWAP_NOT_PENDING', { swapId: id, state: row.state });
    return row;
  }

  /** The manager approves: the shifts change hands. */
  async approve(id: string, note: string | undefined, approver: SwapCaller): Promise<ScheduleChangeResult<Swap>> {
    const out = await this.store.tx(async trx => {
      const row = await this.#pending(trx, id, approver);
      const requester = await this.store.person(trx, row.requester_id);
      const partner = await this.store.person(trx, row.partner_id);
      const { mine, theirs } = await this.#check(trx, requester, partner, row.assignment_id, row.partner_assignment_id);
      await trx('roster_assignments').where({ id: mine.id }).update({ person_id: partner.id, source: 'swap' });
      if (theirs) await trx('roster_assignments').where({ id: theirs.id }).update({ person_id: requester.id, source: 'swap' });
      const decided = { state: 'approved' as const, decided_by: approver.actor, decided_at: this.store.now().toISOString(), decision_note: note ?? null };
      await trx('roster_swaps').where({ id }).update(decided);
      await this.store.record(trx, approver.actor, 'swap.approve', 'swap', id, {
        assignmentId: mine.id,
        from: requester.id,
        to: partner.id,
        partnerAssignmentId: theirs?.id ?? null,
        note: note ?? null,
      });
      const spans = [mine, ...(theirs ? [theirs] : [])];
      return { swap: { ...row, ...decided }, months: spans.flatMap(a => this.store.monthsOf(Date.parse(a.starts_at), Date.parse(a.ends_at))) };
    });
    await this.store.changed('swap', out.months);
    return { result: this.store.toSwap(out.swap), months: [...new Set(out.months)].sort(), violations: await this.store.coverageOfMonths(out.months) };
  }

  /** The manager rejects. */
  async reject(id: string, note: string, approver: SwapCaller): Promise<Swap> {
    const row = await this.store.tx(async trx => {
      const r = await this.#pending(trx, id, approver);
      const decided = { state: 'rejected' as const, decided_by: approver.actor, decided_at: this.store.now().toISOString(), decision_note: note };
      await trx('roster_swaps').where({ id }).update(decided);
      await this.store.record(trx, approver.actor, 'swap.reject', 'swap', id, { note });
      return { ...r, ...decided };
    });
    this.store.publish('swap', { change: 'rejected', swapId: id, at: this.store.now().toISOString() });
    return this.store.toSwap(row);
  }

  /** The requester withdraws a pending request. */
  async cancel(id: string, caller: SwapCaller): Promise<Swap> {
    const row = await this.store.tx(async trx => {
      const r = (await trx<SwapRow>('roster_swaps').where({ id }).first()) as SwapRow | undefined;
      if (!r) throw refuse('SWAP_NOT_FOUND', { id });
      const me = await this.store.personOfUser(trx, caller.userRef);
      if (r.requested_by !== caller.actor && r.requester_id !== me?.id) throw refuse('NOT_YOUR_SWAP', { swapId: id });
      if (r.state !== 'pending') throw refuse('SWAP_NOT_PENDING', { swapId: id, state: r.state });
      const decided = { state: 'cancelled' as const, decided_by: caller.actor, decided_at: this.store.now().toISOString(), decision_note: null };
      await trx('roster_swaps').where({ id }).update(decided);
      await this.store.record(trx, caller.actor, 'swap.cancel', 'swap', id);
      return { ...r, ...decided };
    });
    this.store.publish('swap', { change: 'cancelled', swapId: id, at: this.store.now().toISOString() });
    return this.store.toSwap(row);
  }
}
