import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  DISPATCH_SEVERITIES,
  ROSTER_EVENTS,
  type ArrivalReport,
  type Dispatch,
  type DispatchLogEntry,
  type DispatchRequest,
  type DispatchSeverity,
  type DispatchState,
} from '@yinxin/plugin-roster-common';
import { arrivalDeadline, arrivalMinutes, arrivalStats, isBreached, isLateArrival } from '../logic/dispatch';
import { monthWindow } from '../logic/shifts';
import { rosterMetrics } from '../metrics';
import { refuse } from './refuse';
import type { PersonRow, RosterStore } from './store';

interface DispatchRow {
  id: string;
  source_kind: 'ticket' | 'alert';
  ticket_id: number | null;
  ticket_number: string | null;
  alert_rule_id: string | null;
  alert_target_id: string | null;
  severity: DispatchSeverity;
  person_id: string;
  summary: string;
  location: string;
  state: DispatchState;
  created_by: string;
  created_at: string;
  deadline_at: string;
  accepted_at: string | null;
  arrived_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  late: boolean | number | null;
  completion_note: string | null;
}

/** Filters of {@link DispatchService.list}. */
export interface DispatchQuery {
  month?: string;
  state?: DispatchState;
  personId?: string;
  ticketId?: number;
}

const OPEN: readonly DispatchState[] = ['dispatched', 'accepted', 'arrived'];

/**
 * Dispatch: an engineer sent to site for a ticket or an alert, with the arrival deadline of the
 * contract (2 hours for a major incident, 4 for an ordinary fault, wall-clock, day and night,
 * holidays included); the engineer accepts, checks in on arrival (late = breach), logs the work
 * and completes; the arrival SLA report per month.
 */
export class DispatchService {
  constructor(private readonly store: RosterStore) {}

  async #row(db: Knex, id: string): Promise<DispatchRow> {
    const row = (await db<DispatchRow>('roster_dispatches').where({ id }).first()) as DispatchRow | undefined;
    if (!row) throw refuse('DISPATCH_NOT_FOUND', { id });
    return row;
  }

  async #toDispatch(db: Knex, row: DispatchRow, withLog = true, names?: ReadonlyMap<string, string>): Promise<Dispatch> {
    const person = names ? { name: names.get(row.person_id) } : ((await db<PersonRow>('roster_people').where({ id: row.person_id }).first()) as PersonRow | undefined);
    const log: DispatchLogEntry[] = withLog
      ? (await db('roster_dispatch_logs').where({ dispatch_id: row.id }).orderBy([{ column: 'at' }, { column: 'id' }])).map((l: any) => ({ id: l.id, at: l.at, author: l.author, text: l.text }))
      : [];
    return {
      id: row.id,
      source:
        row.source_kind === 'ticket'
          ? { kind: 'ticket', ticketId: Number(row.ticket_id), ticketNumber: row.ticket_number }
          : { kind: 'alert', ruleId: row.alert_rule_id ?? '', targetId: row.alert_target_id ?? '' },
      severity: row.severity,
      personId: row.person_id,
      personName: person?.name ?? '',
      summary: row.summary,
      location: row.location,
      state: row.state,
      createdBy: row.created_by,
      createdAt: row.created_at,
      deadlineAt: row.deadline_at,
      acceptedAt: row.accepted_at,
      arrivedAt: row.arrived_at,
      completedAt: row.completed_at,
      cancelledAt: row.cancelled_at,
      breached: isBreached({ severity: row.severity, state: row.state, createdAt: row.created_at, deadlineAt: row.deadline_at, arrivedAt: row.arrived_at }, this.store.now()),
      arrivalMinutes: arrivalMinutes({ createdAt: row.created_at, arrivedAt: row.arrived_at }),
      completionNote: row.completion_note,
      log,
    };
  }

  #announce(change: string, d: Dispatch) {
    this.store.publish(ROSTER_EVENTS.dispatch, {
      change,
      dispatch: { id: d.id, state: d.state, personId: d.personId, personName: d.personName, severity: d.severity, deadlineAt: d.deadlineAt, breached: d.breached, source: d.source },
    });
  }

  /** Dispatches, newest first (at most 500). */
  async list(q: DispatchQuery): Promise<Dispatch[]> {
    const query = this.store.knex<DispatchRow>('roster_dispatches').select().orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]).limit(500);
    if (q.month) {
      const w = monthWindow(q.month, this.store.zone);
      query.where('created_at', '>=', new Date(w.start).toISOString()).andWhere('created_at', '<', new Date(w.end).toISOString());
    }
    if (q.state) query.andWhere({ state: q.state });
    if (q.personId) query.andWhere({ person_id: q.personId });
    if (q.ticketId !== undefined) query.andWhere({ ticket_id: q.ticketId });
    const rows = (await query) as DispatchRow[];
    const names = new Map((await this.store.people()).map(p => [p.id, p.name]));
    const out: Dispatch[] = [];
    for (const r of rows) out.push(await this.#toDispatch(this.store.knex, r, false, names));
    return out;
  }

  /** One dispatch with its work log. */
  async get(id: string): Promise<Dispatch> {
    return this.#toDispatch(this.store.knex, await this.#row(this.store.knex, id));
  }

  /** The person `userRef` signs in as, if any. */
  personOf(userRef: string | undefined): Promise<PersonRow | undefined> {
    return this.store.personOfUser(this.store.knex, userRef);
  }

  /**
   * Whom to send when the caller names nobody: those on duty now (on site first, then on call),
   * fewest open dispatches first, then by name.
   */
  async #pick(trx: Knex, at: Date): Promise<PersonRow> {
    const duty = await this.store.dutyAt(at, true, trx);
    const candidates = [...duty.onsite, ...duty.oncall].map((d, order) => ({ id: d.person.id, name: d.person.name, order }));
    if (!candidates.length) throw refuse('NO_ENGINEER_ON_DUTY', { at: at.toISOString() });
    const open = await trx('roster_dispatches').whereIn('person_id', candidates.map(c => c.id)).whereIn('state', OPEN as DispatchState[]).select('person_id').count({ n: '*' }).groupBy('person_id');
    const load = new Map(open.map((r: any) => [String(r.person_id), Number(r.n)]));
    candidates.sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.order - b.order || a.name.localeCompare(b.name));
    return this.store.person(trx, candidates[0].id);
  }

  /** Dispatches an engineer; the deadline runs from now. */
  async create(input: DispatchRequest, actor: string): Promise<Dispatch> {
    let ticketNumber: string | null = null;
    if (input.source.kind === 'ticket' && this.store.options.tickets) {
      let found;
      try {
        found = await this.store.options.tickets.find(input.source.ticketId);
      } catch (e) {
        throw refuse('TICKETS_UNAVAILABLE', { detail: String((e as Error)?.message ?? e) });
      }
      if (!found) throw refuse('TICKET_NOT_FOUND', { ticketId: input.source.ticketId });
      ticketNumber = found.number;
    }
    const out = await this.store.tx(async trx => {
      const now = this.store.now();
      const t = now.getTime();
      let person: PersonRow;
      if (input.personId) {
        person = await this.store.person(trx, input.personId, { field: 'personId' });
        if (!this.store.employedFor(person, t, t + 1)) throw refuse('PERSON_INACTIVE', { personId: person.id });
        if ((await this.store.leavesIn(trx, t, t + 1, person.id)).length) throw refuse('PERSON_ON_LEAVE', { personId: person.id });
      } else {
        person = await this.#pick(trx, now);
      }
      const row: DispatchRow = {
        id: randomUUID(),
        source_kind: input.source.kind,
        ticket_id: input.source.kind === 'ticket' ? input.source.ticketId : null,
        ticket_number: ticketNumber,
        alert_rule_id: input.source.kind === 'alert' ? input.source.ruleId : null,
        alert_target_id: input.source.kind === 'alert' ? input.source.targetId : null,
        severity: input.severity,
        person_id: person.id,
        summary: input.summary,
        location: input.location ?? '',
        state: 'dispatched',
        created_by: actor,
        created_at: now.toISOString(),
        deadline_at: arrivalDeadline(now, input.severity, this.store.settings.arrivalHours).toISOString(),
        accepted_at: null,
        arrived_at: null,
        completed_at: null,
        cancelled_at: null,
        late: null,
        completion_note: null,
      };
      await trx('roster_dispatches').insert(row);
      await this.store.record(trx, actor, 'dispatch.create', 'dispatch', row.id, {
        source: input.source,
        severity: row.severity,
        personId: row.person_id,
        deadlineAt: row.deadline_at,
        chosen: input.personId ? 'named' : 'on-duty',
      });
      return this.#toDispatch(trx, row);
    });
    rosterMetrics.dispatches.inc({ severity: out.severity });
    this.#announce('created', out);
    return out;
  }

  /** One step of the engineer's own dispatch. */
  async #step(
    id: string,
    userRef: string | undefined,
    actor: string,
    from: readonly DispatchState[],
    action: string,
    apply: (row: DispatchRow, now: string) => Partial<DispatchRow>,
    details: (row: DispatchRow, changes: Partial<DispatchRow>) => Record<string, unknown> = () => ({}),
    also?: (trx: Knex.Transaction) => Promise<unknown>,
  ): Promise<Dispatch> {
    const out = await this.store.tx(async trx => {
      const row = await this.#row(trx, id);
      const me = await this.store.personOfUser(trx, userRef);
      if (!me || me.id !== row.person_id) throw refuse('NOT_YOUR_DISPATCH', { dispatchId: id });
      if (!from.includes(row.state)) throw refuse('DISPATCH_STATE', { dispatchId: id, state: row.state });
      const changes = apply(row, this.store.now().toISOString());
      if (Object.keys(changes).length) await trx('roster_dispatches').where({ id }).update(changes);
      if (also) await also(trx);
      await this.store.record(trx, actor, `dispatch.${action}`, 'dispatch', id, details(row, changes));
      return this.#toDispatch(trx, { ...row, ...changes });
    });
    this.#announce(action, out);
    return out;
  }

  /** The engineer accepts. */
  accept(id: string, userRef: string | undefined, actor: string): Promise<Dispatch> {
    return this.#step(id, userRef, actor, ['dispatched'], 'accept', (_row, now) => ({ state: 'accepted', accepted_at: now }));
  }

  /** The engineer checks in on site: the arrival time is recorded; after the deadline it is a breach. */
  async arrive(id: string, userRef: string | undefined, actor: string): Promise<Dispatch> {
    const d = await this.#step(
      id,
      userRef,
      actor,
      ['dispatched', 'accepted'],
      'arrive',
      (row, now) => ({ state: 'arrived', arrived_at: now, accepted_at: row.accepted_at ?? now, late: isLateArrival(row.deadline_at, now) }),
      (row, c) => ({ arrivedAt: c.arrived_at ?? null, deadlineAt: row.deadline_at, late: !!c.late }),
    );
    rosterMetrics.arrivals.inc({ severity: d.severity, outcome: d.breached ? 'late' : 'on-time' });
    return d;
  }

  /** The engineer adds a work-log entry (until the dispatch is completed or cancelled). */
  log(id: string, text: string, userRef: string | undefined, actor: string): Promise<Dispatch> {
    const entryId = randomUUID();
    return this.#step(
      id,
      userRef,
      actor,
      OPEN,
      'log',
      () => ({}),
      () => ({ entryId, length: text.length }),
      trx => trx('roster_dispatch_logs').insert({ id: entryId, dispatch_id: id, at: this.store.now().toISOString(), author: actor, text }),
    );
  }

  /** The engineer completes the work. */
  complete(id: string, note: string, userRef: string | undefined, actor: string): Promise<Dispatch> {
    return this.#step(id, userRef, actor, ['arrived'], 'complete', (_row, now) => ({ state: 'completed', completed_at: now, completion_note: note }), () => ({ note }));
  }

  /** Whoever may dispatch cancels a dispatch not yet on site. */
  /**
   * Cancels a dispatch (a false alarm, a duplicate). A roster manager may cancel any open dispatch;
   * whoever made it may cancel it before its deadline, unless they are the engineer it sends — an
   * engineer cannot withdraw their own dispatch, and a cancellation after the deadline still
   * counts as a breach in the arrival report.
   */
  async cancel(id: string, reason: string, actor: string, as: { manager: boolean; personId?: string } = { manager: true }): Promise<Dispatch> {
    const out = await this.store.tx(async trx => {
      const row = await this.#row(trx, id);
      if (!['dispatched', 'accepted'].includes(row.state)) throw refuse('DISPATCH_STATE', { dispatchId: id, state: row.state });
      if (!as.manager) {
        const own = row.created_by === actor && row.person_id !== as.personId;
        const beforeDeadline = this.store.now().getTime() <= new Date(row.deadline_at).getTime();
        if (!own || !beforeDeadline) throw refuse('NOT_YOUR_DISPATCH', { dispatchId: id });
      }
      const changes = { state: 'cancelled' as const, cancelled_at: this.store.now().toISOString(), completion_note: reason };
      await trx('roster_dispatches').where({ id }).update(changes);
      await this.store.record(trx, actor, 'dispatch.cancel', 'dispatch', id, { reason });
      return this.#toDispatch(trx, { ...row, ...changes });
    });
    this.#announce('cancelled', out);
    return out;
  }

  /** The arrival SLA of the dispatches made in a month (local time). */
  async report(month: string): Promise<ArrivalReport> {
    const w = monthWindow(month, this.store.zone);
    const rows = (await this.store
      .knex<DispatchRow>('roster_dispatches')
      .where('created_at', '>=', new Date(w.start).toISOString())
      .andWhere('created_at', '<', new Date(w.end).toISOString())
      .select()) as DispatchRow[];
    const facts = rows.map(r => ({ severity: r.severity, state: r.state, createdAt: r.created_at, deadlineAt: r.deadline_at, arrivedAt: r.arrived_at, cancelledAt: r.cancelled_at }));
    const now = this.store.now();
    const bySeverity = Object.fromEntries(DISPATCH_SEVERITIES.map(s => [s, arrivalStats(facts.filter(f => f.severity === s), now)])) as ArrivalReport['bySeverity'];
    return { month, ...arrivalStats(facts, now), bySeverity, cancelled: facts.filter(f => f.state === 'cancelled' && !f.arrivedAt).length };
  }
}
