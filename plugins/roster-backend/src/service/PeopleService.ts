import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Me, Person, PersonFields, ScheduleChangeResult, StaffChange, StaffChangeNotice } from '@yinxin/plugin-roster-common';
import { overlaps } from '../logic/intervals';
import { refuse } from './refuse';
import { FOREVER, type AssignmentRow, type PersonRow, type RosterStore } from './store';

/** Options of {@link PeopleService.list}. */
export interface PeopleQuery {
  /** `active` (default: on the team today or later), `left`, or `all`. */
  status?: 'active' | 'left' | 'all';
}

/**
 * The team: people with roles, skills, qualifications and contact details, and the staff
 * changes (join, leave, replace) the contract wants notified in writing.
 */
export class PeopleService {
  constructor(private readonly store: RosterStore) {}

  /** Everyone (by name), contact details masked unless `unmasked`. */
  async list(query: PeopleQuery, unmasked: boolean): Promise<Person[]> {
    const rows = await this.store.people();
    const status = query.status ?? 'active';
    return rows
      .map(r => this.store.toPerson(r, unmasked))
      .filter(p => status === 'all' || p.status === status);
  }

  /** One person with their staff changes. */
  async get(id: string, unmasked: boolean): Promise<{ person: Person; changes: StaffChange[] }> {
    const row = await this.store.person(this.store.knex, id);
    return { person: this.store.toPerson(row, unmasked), changes: await this.store.staffChanges(this.store.knex, id) };
  }

  /** The caller's own record (their contact details unmasked: they are theirs). */
  async me(userRef: string | undefined): Promise<Me> {
    const row = await this.store.personOfUser(this.store.knex, userRef);
    return { userRef: userRef ?? null, person: row ? this.store.toPerson(row, true) : null };
  }

  /** Every staff change, newest first. */
  async changes(): Promise<StaffChange[]> {
    return this.store.staffChanges();
  }

  #notice(n: StaffChangeNotice, minDay?: string): { reason: string; noticeDate: string; effectiveDate: string } {
    const effectiveDate = n.effectiveDate ?? this.store.today();
    if (n.noticeDate > effectiveDate) throw refuse('NOTICE_AFTER_CHANGE', { noticeDate: n.noticeDate, effectiveDate });
    if (minDay && effectiveDate < minDay) throw refuse('BAD_EFFECTIVE_DATE', { effectiveDate, earliest: minDay });
    return { reason: n.reason, noticeDate: n.noticeDate, effectiveDate };
  }

  async #checkUserRef(trx: Knex, userRef: string | null | undefined, exceptId?: string) {
    if (!userRef) return;
    const other = await this.store.personOfUser(trx, userRef);
    if (other && other.id !== exceptId) throw refuse('USER_REF_TAKEN', { userRef });
  }

  async #insertPerson(trx: Knex.Transaction, fields: PersonFields, joinedOn: string): Promise<PersonRow> {
    await this.#checkUserRef(trx, fields.userRef);
    const now = this.store.now().toISOString();
    const row: PersonRow = {
      id: randomUUID(),
      name: fields.name,
      user_ref: fields.userRef ?? null,
      roles: JSON.stringify(fields.roles),
      skills: JSON.stringify(fields.skills ?? []),
      years_experience: fields.yearsOfExperience ?? 0,
      certificates: JSON.stringify(fields.certificates ?? []),
      phone: fields.contact.phone,
      email: fields.contact.email ?? null,
      joined_on: joinedOn,
      left_on: null,
      created_at: now,
      updated_at: now,
    };
    await trx('roster_people').insert(row);
    return row;
  }

  async #recordChange(trx: Knex.Transaction, kind: 'join' | 'leave' | 'replace', personId: string, replacementId: string | null, n: { reason: string; noticeDate: string; effectiveDate: string }, actor: string) {
    const id = randomUUID();
    await trx('roster_staff_changes').insert({
      id,
      kind,
      person_id: personId,
      replacement_id: replacementId,
      reason: n.reason,
      notice_date: n.noticeDate,
      effective_date: n.effectiveDate,
      recorded_by: actor,
      recorded_at: this.store.now().toISOString(),
    });
    return id;
  }

  /** A person joins the team from the effective date, with the written notice. */
  async join(fields: PersonFields, notice: StaffChangeNotice, actor: string): Promise<Person> {
    const n = this.#notice(notice);
    const row = await this.store.tx(async trx => {
      const inserted = await this.#insertPerson(trx, fields, n.effectiveDate);
      const changeId = await this.#recordChange(trx, 'join', inserted.id, null, n, actor);
      await this.store.record(trx, actor, 'person.join', 'person', inserted.id, { name: fields.name, roles: fields.roles, userRef: fields.userRef ?? null, changeId, ...n });
      return inserted;
    });
    await this.store.changed('people', []);
    return this.store.toPerson(row, true);
  }

  /** Edits a person's details (the audit names the fields changed, not their values). */
  async update(id: string, patch: Partial<PersonFields>, actor: string): Promise<Person> {
    const row = await this.store.tx(async trx => {
      const before = await this.store.person(trx, id);
      if (patch.userRef !== undefined) await this.#checkUserRef(trx, patch.userRef, id);
      const changes: Record<string, unknown> = {};
      if (patch.name !== undefined) changes.name = patch.name;
      if (patch.userRef !== undefined) changes.user_ref = patch.userRef;
      if (patch.roles !== undefined) changes.roles = JSON.stringify(patch.roles);
      if (patch.skills !== undefined) changes.skills = JSON.stringify(patch.skills);
      if (patch.yearsOfExperience !== undefined) changes.years_experience = patch.yearsOfExperience;
      if (patch.certificates !== undefined) changes.certificates = JSON.stringify(patch.certificates);
      if (patch.contact !== undefined) {
        changes.phone = patch.contact.phone;
        changes.email = patch.contact.email ?? null;
      }
      const fields = Object.keys(patch).filter(k => (patch as Record<string, unknown>)[k] !== undefined);
      if (!fields.length) return before;
      await trx('roster_people').where({ id }).update({ ...changes, updated_at: this.store.now().toISOString() });
      await this.store.record(trx, actor, 'person.update', 'person', id, { fields, ...(patch.roles ? { roles: patch.roles } : {}) });
      return this.store.person(trx, id);
    });
    await this.store.changed('people', []);
    return this.store.toPerson(row, true);
  }

  /**
   * Ends a person's assignments from `from` on: those starting then or later are removed (or
   * handed to `to` when given and free), one running across `from` ends there.
   */
  async #handOver(trx: Knex.Transaction, leaver: PersonRow, from: number, to: PersonRow | undefined) {
    const future = (await this.store.assignmentsIn(trx, from, FOREVER, leaver.id)).filter(a => Date.parse(a.ends_at) > from);
    const moved: string[] = [];
    const removed: string[] = [];
    const trimmed: string[] = [];
    const months = new Set<string>();
    const newcomerBusy: AssignmentRow[] = to ? await this.store.assignmentsIn(trx, from, FOREVER, to.id) : [];
    const newcomerLeave = to ? await this.store.leavesIn(trx, from, FOREVER, to.id) : [];
    for (const a of future) {
      const span = { start: Date.parse(a.starts_at), end: Date.parse(a.ends_at) };
      for (const m of this.store.monthsOf(span.start, span.end)) months.add(m);
      if (span.start < from) {
        await trx('roster_assignments').where({ id: a.id }).update({ ends_at: new Date(from).toISOString() });
        trimmed.push(a.id);
        continue;
      }
      const free =
        to &&
        this.store.employedFor(to, span.start, span.end) &&
        !newcomerBusy.some(b => overlaps(span, { start: Date.parse(b.starts_at), end: Date.parse(b.ends_at) })) &&
        !newcomerLeave.some(l => overlaps(span, { start: Date.parse(l.starts_at), end: Date.parse(l.ends_at) }));
      if (to && free) {
        await trx('roster_assignments').where({ id: a.id }).update({ person_id: to.id });
        newcomerBusy.push(a);
        moved.push(a.id);
      } else {
        await trx('roster_assignments').where({ id: a.id }).delete();
        removed.push(a.id);
      }
    }
    const cancelledSwaps = await this.store.cancelSwapsOf(trx, [...moved, ...removed], 'staff change');
    // Swaps the leaver asked for or was asked into are void too.
    const theirs = await trx('roster_swaps').where({ state: 'pending' }).andWhere(b => b.where({ requester_id: leaver.id }).orWhere({ partner_id: leaver.id })).select('id');
    if (theirs.length) {
      await trx('roster_swaps').whereIn('id', theirs.map((r: any) => r.id)).update({ state: 'cancelled', decided_by: 'system', decided_at: this.store.now().toISOString(), decision_note: 'staff change' });
    }
    return { moved, removed, trimmed, cancelledSwaps: [...cancelledSwaps, ...theirs.map((r: any) => String(r.id))], months: [...months] };
  }

  /**
   * A person leaves the team from the effective date (default today): their shifts from then on
   * are removed, so the coverage answer shows the gaps to fill.
   */
  async leave(id: string, notice: StaffChangeNotice, actor: string): Promise<ScheduleChangeResult<Person>> {
    const { row, months } = await this.store.tx(async trx => {
      const person = await this.store.person(trx, id);
      if (person.left_on !== null) throw refuse('PERSON_INACTIVE', { id });
      const n = this.#notice(notice, person.joined_on);
      const from = Math.max(this.store.zone.instant(n.effectiveDate, 0), this.store.now().getTime());
      await trx('roster_people').where({ id }).update({ left_on: n.effectiveDate, updated_at: this.store.now().toISOString() });
      const changeId = await this.#recordChange(trx, 'leave', id, null, n, actor);
      const handed = await this.#handOver(trx, person, from, undefined);
      await this.store.record(trx, actor, 'person.leave', 'person', id, { changeId, ...n, removed: handed.removed.length, trimmed: handed.trimmed.length, cancelledSwaps: handed.cancelledSwaps });
      return { row: await this.store.person(trx, id), months: [n.effectiveDate.slice(0, 7), ...handed.months] };
    });
    await this.store.changed('people', months);
    return { result: this.store.toPerson(row, true), months: [...new Set(months)].sort(), violations: await this.store.coverageOfMonths(months) };
  }

  /**
   * A person is replaced from the effective date by an existing person or a newcomer (who joins
   * then): the leaver's shifts from then on pass to the replacement wherever the replacement is
   * free, and are removed elsewhere.
   */
  async replace(id: string, replacement: { id?: string; fields?: PersonFields }, notice: StaffChangeNotice, actor: string): Promise<ScheduleChangeResult<{ left: Person; replacement: Person }>> {
    const out = await this.store.tx(async trx => {
      const person = await this.store.person(trx, id);
      if (person.left_on !== null) throw refuse('PERSON_INACTIVE', { id });
      const n = this.#notice(notice, person.joined_on);
      let newcomer: PersonRow;
      if (replacement.id) {
        if (replacement.id === id) throw refuse('SAME_PERSON', { id });
        newcomer = await this.store.person(trx, replacement.id, { field: 'replacementId' });
        if (newcomer.left_on !== null && newcomer.left_on <= n.effectiveDate) throw refuse('PERSON_INACTIVE', { id: newcomer.id });
      } else {
        newcomer = await this.#insertPerson(trx, replacement.fields!, n.effectiveDate);
      }
      const from = Math.max(this.store.zone.instant(n.effectiveDate, 0), this.store.now().getTime());
      await trx('roster_people').where({ id }).update({ left_on: n.effectiveDate, updated_at: this.store.now().toISOString() });
      const changeId = await this.#recordChange(trx, 'replace', id, newcomer.id, n, actor);
      const handed = await this.#handOver(trx, person, from, newcomer);
      await this.store.record(trx, actor, 'person.replace', 'person', id, {
        changeId,
        replacementId: newcomer.id,
        newcomer: !replacement.id,
        ...n,
        moved: handed.moved.length,
        removed: handed.removed.length,
        trimmed: handed.trimmed.length,
        cancelledSwaps: handed.cancelledSwaps,
      });
      return { left: await this.store.person(trx, id), replacement: await this.store.person(trx, newcomer.id), months: [n.effectiveDate.slice(0, 7), ...handed.months] };
    });
    await this.store.changed('people', out.months);
    return {
      result: { left: this.store.toPerson(out.left, true), replacement: this.store.toPerson(out.replacement, true) },
      months: [...new Set(out.months)].sort(),
      violations: await this.store.coverageOfMonths(out.months),
    };
  }
}
