import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  addDays,
  daysOfMonth,
  type Assignment,
  type GenerationSummary,
  type Leave,
  type LeaveRequest,
  type Override,
  type OverrideRequest,
  type RosterMonth,
  type Rotation,
  type RotationInput,
  type ScheduleChangeResult,
  type ShiftKind,
  type ShiftTemplate,
  type TemplateInput,
  type Violation,
} from '@yinxin/plugin-roster-common';
import { checkCoverage } from '../logic/coverage';
import { generateRoster } from '../logic/generate';
import type { Span } from '../logic/intervals';
import { monthWindow, rosterDay, templateApplies, templateSpan } from '../logic/shifts';
import { refuse } from './refuse';
import { coverageRules } from './settings';
import { FOREVER, type AssignmentRow, type LeaveRow, type OverrideRow, type PersonRow, type RosterStore } from './store';

const iso = (t: number) => new Date(t).toISOString();
const sameSpan = (a: Span, b: Span) => a.start === b.start && a.end === b.end;
const spanOf = (r: { starts_at: string; ends_at: string }): Span => ({ start: Date.parse(r.starts_at), end: Date.parse(r.ends_at) });

/** An override may start this long before now (the time it takes to fill in the form). */
export const OVERRIDE_GRACE_MS = 15 * 60_000;

/** A piece of an assignment an override took away, kept to restore it. */
interface RemovedPiece {
  templateId: string | null;
  kind: ShiftKind;
  day: string;
  startsAt: string;
  endsAt: string;
  source: AssignmentRow['source'];
}

/**
 * Schedules: shift templates, rotations, leave, month rosters (generation), overrides by the
 * manager, removal of assignments, coverage, and the duty at an instant. Every change runs in one
 * transaction under the schedule lock with its audit record, and answers the coverage of the
 * months it touched.
 */
export class ScheduleService {
  constructor(private readonly store: RosterStore) {}

  // ---- templates and rotations ----------------------------------------------------------------

  /** Every template. */
  templates(): Promise<ShiftTemplate[]> {
    return this.store.templates();
  }

  /** Creates or replaces a template (future generations use it). */
  async putTemplate(id: string, input: TemplateInput, actor: string): Promise<ShiftTemplate> {
    const t = await this.store.tx(async trx => {
      const existed = !!(await trx('roster_templates').where({ id }).first());
      const row = {
        id,
        name: input.name,
        kind: input.kind,
        days: input.days,
        start_time: input.start,
        end_time: input.end,
        roles: JSON.stringify(input.roles),
        headcount: input.headcount ?? 1,
        active: input.active ?? true,
        sort: input.sort ?? 100,
        updated_at: this.store.now().toISOString(),
        updated_by: actor,
      };
      if (existed) await trx('roster_templates').where({ id }).update(row);
      else await trx('roster_templates').insert(row);
      await this.store.record(trx, actor, existed ? 'template.update' : 'template.create', 'template', id, { ...input });
      return this.store.toTemplate((await trx('roster_templates').where({ id }).first()) as never);
    });
    await this.store.changed('templates', []);
    return t;
  }

  /** Every rotation. */
  rotations(): Promise<Rotation[]> {
    return this.store.rotations();
  }

  /** Creates or replaces a rotation; its members and templates must exist. */
  async putRotation(id: string, input: RotationInput, actor: string): Promise<Rotation> {
    const r = await this.store.tx(async trx => {
      const people = new Set((await trx('roster_people').whereIn('id', input.members).select('id')).map((x: any) => x.id));
      const unknown = input.members.filter(m => !people.has(m));
      if (unknown.length) throw refuse('ROTATION_MEMBER_UNKNOWN', { members: unknown });
      const templates = new Set((await trx('roster_templates').whereIn('id', input.templateIds).select('id')).map((x: any) => x.id));
      const unknownT = input.templateIds.filter(t => !templates.has(t));
      if (unknownT.length) throw refuse('ROTATION_TEMPLATE_UNKNOWN', { templateIds: unknownT });
      const existed = !!(await trx('roster_rotations').where({ id }).first());
      const row = { id, name: input.name, template_ids: JSON.stringify(input.templateIds), members: JSON.stringify(input.members), updated_at: this.store.now().toISOString(), updated_by: actor };
      if (existed) await trx('roster_rotations').where({ id }).update(row);
      else await trx('roster_rotations').insert(row);
      await this.store.record(trx, actor, existed ? 'rotation.update' : 'rotation.create', 'rotation', id, { ...input });
      return (await this.store.rotations(trx)).find(x => x.id === id)!;
    });
    await this.store.changed('rotations', []);
    return r;
  }

  /** Deletes a rotation. */
  async deleteRotation(id: string, actor: string): Promise<{ id: string }> {
    await this.store.tx(async trx => {
      const n = await trx('roster_rotations').where({ id }).delete();
      if (!n) throw refuse('ROTATION_NOT_FOUND', { id });
      await this.store.record(trx, actor, 'rotation.delete', 'rotation', id);
    });
    await this.store.changed('rotations', []);
    return { id };
  }

  // ---- leave ---------------------------------------------------------------------------------

  /** Leave overlapping a month (or every leave of a person). */
  async leaves(q: { month?: string; personId?: string }): Promise<Leave[]> {
    const w = q.month ? monthWindow(q.month, this.store.zone) : { start: 0, end: FOREVER };
    return (await this.store.leavesIn(this.store.knex, w.start, w.end, q.personId)).map(r => this.store.toLeave(r));
  }

  /** Records a leave; shifts it overlaps stay and show as violations until someone else takes them. */
  async addLeave(input: LeaveRequest, actor: string): Promise<ScheduleChangeResult<Leave>> {
    if (input.endDay < input.startDay) throw refuse('BAD_INTERVAL', { startDay: input.startDay, endDay: input.endDay });
    const start = this.store.zone.instant(input.startDay, 0);
    const end = this.store.zone.instant(addDays(input.endDay, 1), 0);
    const row = await this.store.tx(async trx => {
      await this.store.person(trx, input.personId, { field: 'personId' });
      const clash = await this.store.leavesIn(trx, start, end, input.personId);
      if (clash.length) throw refuse('LEAVE_OVERLAP', { leaveId: clash[0].id });
      const r: LeaveRow = {
        id: randomUUID(),
        person_id: input.personId,
        type: input.type,
        start_day: input.startDay,
        end_day: input.endDay,
        starts_at: iso(start),
        ends_at: iso(end),
        note: input.note ?? '',
        created_by: actor,
        created_at: this.store.now().toISOString(),
      };
      await trx('roster_leaves').insert(r);
      await this.store.record(trx, actor, 'leave.create', 'leave', r.id, { personId: r.person_id, type: r.type, startDay: r.start_day, endDay: r.end_day });
      return r;
    });
    const months = this.store.monthsOf(start, end);
    await this.store.changed('leave', months);
    return { result: this.store.toLeave(row), months, violations: await this.store.coverageOfMonths(months) };
  }

  /** Deletes a leave. */
  async deleteLeave(id: string, actor: string): Promise<ScheduleChangeResult<{ id: string }>> {
    const row = await this.store.tx(async trx => {
      const r = (await trx<LeaveRow>('roster_leaves').where({ id }).first()) as LeaveRow | undefined;
      if (!r) throw refuse('LEAVE_NOT_FOUND', { id });
      await trx('roster_leaves').where({ id }).delete();
      await this.store.record(trx, actor, 'leave.delete', 'leave', id, { personId: r.person_id, startDay: r.start_day, endDay: r.end_day });
      return r;
    });
    const months = this.store.monthsOf(Date.parse(row.starts_at), Date.parse(row.ends_at));
    await this.store.changed('leave', months);
    return { result: { id }, months, violations: await this.store.coverageOfMonths(months) };
  }

  // ---- month rosters -------------------------------------------------------------------------

  /** Everything a month calendar shows, with the month's coverage violations. */
  async month(month: string): Promise<RosterMonth> {
    const calendar = await this.store.calendar();
    const w = monthWindow(month, this.store.zone);
    const days = daysOfMonth(month);
    const [people, assignments, leaves, templates, generated] = await Promise.all([
      this.store.people(),
      this.store.assignmentsIn(this.store.knex, w.start, w.end),
      this.store.leavesIn(this.store.knex, w.start, w.end),
      this.store.templates(),
      this.store.knex('roster_months').where({ month }).first(),
    ]);
    const scheduled = new Set(assignments.map(a => a.person_id));
    const first = days[0];
    const last = days.at(-1)!;
    return {
      month,
      timeZone: this.store.zone.timeZone,
      days: days.map(d => rosterDay(calendar, this.store.zone, d)),
      templates,
      people: people.filter(p => scheduled.has(p.id) || (p.joined_on <= last && (p.left_on === null || p.left_on > first))).map(p => this.store.toSummary(p)),
      assignments: assignments.map(a => this.store.toAssignment(a)),
      leaves: leaves.map(l => this.store.toLeave(l)),
      violations: await this.store.coverage(first, last),
      generatedAt: generated?.generated_at ?? null,
      generatedBy: generated?.generated_by ?? null,
    };
  }

  /** Assignments overlapping `[from, to)` local days, optionally of one person. */
  async assignments(q: { from: string; to: string; personId?: string }): Promise<Assignment[]> {
    const rows = await this.store.assignmentsIn(this.store.knex, this.store.zone.instant(q.from, 0), this.store.zone.instant(addDays(q.to, 1), 0), q.personId);
    return rows.map(r => this.store.toAssignment(r));
  }

  /** Coverage violations of local days `from`–`to`. */
  coverage(from: string, to: string): Promise<Violation[]> {
    return this.store.coverage(from, to);
  }

  /**
   * Generates a month (see `generateRoster`): generated assignments of the month that have not
   * started (and have no check-in) are replaced; overrides, swapped shifts and anything already
   * started stay. With `dryRun` nothing is saved.
   */
  async generate(month: string, dryRun: boolean, actor: string): Promise<ScheduleChangeResult<GenerationSummary>> {
    const calendar = await this.store.calendar();
    const zone = this.store.zone;
    const mw = monthWindow(month, zone);
    const lo = mw.start - 8 * 86_400_000;
    const hi = mw.end + 8 * 86_400_000;
    const days = daysOfMonth(month).map(d => rosterDay(calendar, zone, d));
    const summary = await this.store.tx(async trx => {
      const now = this.store.now().getTime();
      // One connection: the queries of a transaction run one after another.
      const existing = await this.store.assignmentsIn(trx, lo, hi);
      const people = await this.store.people(trx);
      const templates = await this.store.templates(trx);
      const rotations = await this.store.rotations(trx);
      const leaves = await this.store.leavesIn(trx, lo, hi);
      const attended = new Set(
        (await trx('roster_attendance').whereIn('assignment_id', existing.map(a => a.id)).select('assignment_id')).map((r: any) => String(r.assignment_id)),
      );
      const replaceable = (a: AssignmentRow) => a.source === 'generated' && a.day.startsWith(month) && Date.parse(a.starts_at) >= now && !attended.has(a.id);
      const removable = existing.filter(replaceable);
      const fixed = existing.filter(a => !replaceable(a));
      const result = generateRoster({
        days,
        zone,
        templates: templates.filter(t => t.active).map(t => this.store.templateLite(t)),
        people: people.map(p => this.store.personLite(p)),
        rotations: this.store.rotationLites(rotations),
        leaves: leaves.map(l => this.store.leaveLite(l)),
        fixed: fixed.map(a => this.store.assignmentLite(a)),
        hours: this.store.settings.hours,
        notBefore: now,
      });
      const createdAt = this.store.now().toISOString();
      const rows: AssignmentRow[] = result.assignments.map(a => ({
        id: randomUUID(),
        person_id: a.personId,
        template_id: a.templateId,
        kind: a.kind,
        day: a.day,
        starts_at: iso(a.start),
        ends_at: iso(a.end),
        source: 'generated',
        override_id: null,
        created_at: createdAt,
        created_by: actor,
      }));
      const out: GenerationSummary = {
        month,
        created: rows.length,
        removed: removable.length,
        kept: fixed.filter(a => a.day.startsWith(month)).length,
        unfilled: result.unfilled.map(u => ({ templateId: u.templateId, day: u.day, startsAt: iso(u.start), endsAt: iso(u.end) })),
        dryRun,
        assignments: rows.map(r => this.store.toAssignment(r)),
      };
      if (dryRun) {
        // What the month's coverage would be with the generated assignments.
        const violations = checkCoverage({
          from: days[0].day,
          to: days.at(-1)!.day,
          calendar,
          people: people.map(p => this.store.personLite(p)),
          assignments: [...fixed.map(a => this.store.assignmentLite(a)), ...rows.map(r => this.store.assignmentLite(r))],
          leaves: leaves.map(l => this.store.leaveLite(l)),
          rules: coverageRules(this.store.settings),
        });
        return { out, violations };
      }
      const removedIds = removable.map(a => a.id);
      const cancelled = await this.store.cancelSwapsOf(trx, removedIds, 'roster regenerated');
      for (let i = 0; i < removedIds.length; i += 200) await trx('roster_assignments').whereIn('id', removedIds.slice(i, i + 200)).delete();
      for (let i = 0; i < rows.length; i += 100) await trx('roster_assignments').insert(rows.slice(i, i + 100));
      await trx('roster_months').insert({ month, generated_at: createdAt, generated_by: actor }).onConflict('month').merge();
      await this.store.record(trx, actor, 'month.generate', 'month', month, { created: out.created, removed: out.removed, kept: out.kept, unfilled: out.unfilled.length, cancelledSwaps: cancelled });
      return { out, violations: undefined };
    });
    if (dryRun) return { result: summary.out, months: [month], violations: summary.violations ?? [] };
    await this.store.changed('generate', [month]);
    return { result: summary.out, months: [month], violations: await this.store.coverageOfMonths([month]) };
  }

  // ---- overrides and removals ----------------------------------------------------------------

  /** Overrides overlapping a month (all states). */
  async overrides(month: string): Promise<Override[]> {
    const w = monthWindow(month, this.store.zone);
    const rows = (await this.store.knex<OverrideRow>('roster_overrides').where('starts_at', '<', iso(w.end)).andWhere('ends_at', '>', iso(w.start)).orderBy([{ column: 'starts_at' }, { column: 'id' }])) as OverrideRow[];
    return rows.map(r => this.store.toOverride(r));
  }

  /** Refuses putting `person` on duty for `span` when not on the team, on leave or booked. */
  async #checkFree(trx: Knex, person: PersonRow, span: Span, ignore: readonly string[] = []) {
    if (!this.store.employedFor(person, span.start, span.end)) throw refuse('PERSON_INACTIVE', { personId: person.id });
    if ((await this.store.leavesIn(trx, span.start, span.end, person.id)).length) throw refuse('PERSON_ON_LEAVE', { personId: person.id });
    const busy = (await this.store.assignmentsIn(trx, span.start, span.end, person.id)).filter(a => !ignore.includes(a.id));
    if (busy.length) throw refuse('PERSON_DOUBLE_BOOKED', { personId: person.id, assignmentId: busy[0].id });
  }

  /**
   * Puts a person on duty for an interval, optionally taking it from someone's assignments of the
   * same kind (which are cut around it). Refused when the interval starts in the past, overlaps
   * another active override of the same kind, or the person is not on the team, on leave, already
   * booked, or (on site) lacks an on-site role.
   */
  async createOverride(input: OverrideRequest, actor: string): Promise<ScheduleChangeResult<{ override: Override; assignment: Assignment }>> {
    const span = { start: Date.parse(input.startsAt), end: Date.parse(input.endsAt) };
    if (!(span.end > span.start) || span.end - span.start > 31 * 86_400_000) throw refuse('BAD_INTERVAL', { startsAt: input.startsAt, endsAt: input.endsAt });
    const calendar = await this.store.calendar();
    const out = await this.store.tx(async trx => {
      if (span.start < this.store.now().getTime() - OVERRIDE_GRACE_MS) throw refuse('OVERRIDE_IN_PAST', { startsAt: input.startsAt });
      const person = await this.store.person(trx, input.personId, { field: 'personId' });
      const replaced = input.replacedPersonId ? await this.store.person(trx, input.replacedPersonId, { field: 'replacedPersonId' }) : undefined;
      if (replaced && replaced.id === person.id) throw refuse('SAME_PERSON', { personId: person.id });
      if (input.kind === 'onsite' && !JSON.parse(person.roles).some((r: string) => (this.store.settings.onsite.roles as string[]).includes(r))) {
        throw refuse('PERSON_NOT_ELIGIBLE', { personId: person.id, needs: this.store.settings.onsite.roles });
      }
      const clash = (await trx<OverrideRow>('roster_overrides').where({ kind: input.kind, state: 'active' }).andWhere('starts_at', '<', iso(span.end)).andWhere('ends_at', '>', iso(span.start)).first()) as OverrideRow | undefined;
      if (clash) throw refuse('OVERRIDE_OVERLAP', { overrideId: clash.id });
      await this.#checkFree(trx, person, span);

      const removed: RemovedPiece[] = [];
      const touched: string[] = [];
      if (replaced) {
        const theirs = (await this.store.assignmentsIn(trx, span.start, span.end, replaced.id)).filter(a => a.kind === input.kind);
        if (!theirs.length) throw refuse('OVERRIDE_NOTHING_REPLACED', { replacedPersonId: replaced.id });
        for (const a of theirs) {
          const s = spanOf(a);
          const taken = { start: Math.max(s.start, span.start), end: Math.min(s.end, span.end) };
          removed.push({ templateId: a.template_id, kind: a.kind, day: a.day, startsAt: iso(taken.start), endsAt: iso(taken.end), source: a.source });
          touched.push(a.id);
          const left = s.start < taken.start ? { start: s.start, end: taken.start } : undefined;
          const right = taken.end < s.end ? { start: taken.end, end: s.end } : undefined;
          if (left) {
            await trx('roster_assignments').where({ id: a.id }).update({ ends_at: iso(left.end) });
            if (right) await this.store.insertAssignment(trx, { ...a, id: randomUUID(), starts_at: iso(right.start), ends_at: iso(right.end) }, actor);
          } else if (right) {
            await trx('roster_assignments').where({ id: a.id }).update({ starts_at: iso(right.start) });
          } else {
            await trx('roster_assignments').where({ id: a.id }).delete();
          }
        }
      }
      // The slot the override fills: that of what it replaced, or a template slot it matches exactly.
      let slot: { templateId: string | null; day: string } | undefined =
        removed.length && removed.every(r => r.templateId === removed[0].templateId && r.day === removed[0].day) ? removed[0] : undefined;
      if (!slot) {
        for (const d of [this.store.zone.dayOf(span.start), addDays(this.store.zone.dayOf(span.start), -1)]) {
          const info = rosterDay(calendar, this.store.zone, d);
          const match = (await this.store.templates(trx)).find(t => t.active && t.kind === input.kind && templateApplies(t, info) && sameSpan(templateSpan(t, d, this.store.zone), span));
          if (match) {
            slot = { templateId: match.id, day: d };
            break;
          }
        }
      }
      const row: OverrideRow = {
        id: randomUUID(),
        person_id: person.id,
        kind: input.kind,
        starts_at: iso(span.start),
        ends_at: iso(span.end),
        replaced_person_id: replaced?.id ?? null,
        removed: JSON.stringify(removed),
        reason: input.reason,
        state: 'active',
        created_by: actor,
        created_at: this.store.now().toISOString(),
        deleted_by: null,
        deleted_at: null,
      };
      await trx('roster_overrides').insert(row);
      const assignment: Omit<AssignmentRow, 'created_at' | 'created_by'> = {
        id: randomUUID(),
        person_id: person.id,
        template_id: slot?.templateId ?? null,
        kind: input.kind,
        day: slot?.day ?? this.store.zone.dayOf(span.start),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        source: 'override',
        override_id: row.id,
      };
      await this.store.insertAssignment(trx, assignment, actor);
      const cancelled = await this.store.cancelSwapsOf(trx, touched, 'override');
      await this.store.record(trx, actor, 'override.create', 'override', row.id, {
        personId: person.id,
        kind: input.kind,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        replacedPersonId: row.replaced_person_id,
        reason: input.reason,
        cutAssignments: touched,
        cancelledSwaps: cancelled,
      });
      return { override: this.store.toOverride(row), assignment: this.store.toAssignment(await this.store.assignment(trx, assignment.id)) };
    });
    const months = this.store.monthsOf(span.start, span.end);
    await this.store.changed('override', months);
    return { result: out, months, violations: await this.store.coverageOfMonths(months) };
  }

  /**
   * Deletes an override that has not started: its assignment goes, and the pieces it took from
   * the replaced person come back wherever that person is still free.
   */
  async deleteOverride(id: string, actor: string): Promise<ScheduleChangeResult<{ override: Override; restored: number; notRestored: number }>> {
    const out = await this.store.tx(async trx => {
      const row = (await trx<OverrideRow>('roster_overrides').where({ id, state: 'active' }).first()) as OverrideRow | undefined;
      if (!row) throw refuse('OVERRIDE_NOT_FOUND', { id });
      if (Date.parse(row.starts_at) <= this.store.now().getTime()) throw refuse('SHIFT_IN_PAST', { overrideId: id });
      const own = await trx('roster_assignments').where({ override_id: id }).select('id');
      await this.store.cancelSwapsOf(trx, own.map((r: any) => String(r.id)), 'override deleted');
      await trx('roster_assignments').where({ override_id: id }).delete();
      let restored = 0;
      let notRestored = 0;
      if (row.replaced_person_id) {
        const replaced = await this.store.person(trx, row.replaced_person_id);
        for (const piece of JSON.parse(row.removed) as RemovedPiece[]) {
          const s = { start: Date.parse(piece.startsAt), end: Date.parse(piece.endsAt) };
          try {
            await this.#checkFree(trx, replaced, s);
          } catch {
            notRestored++;
            continue;
          }
          await this.store.insertAssignment(
            trx,
            { id: randomUUID(), person_id: replaced.id, template_id: piece.templateId, kind: piece.kind, day: piece.day, starts_at: piece.startsAt, ends_at: piece.endsAt, source: piece.source, override_id: null },
            actor,
          );
          restored++;
        }
      }
      const deletedAt = this.store.now().toISOString();
      await trx('roster_overrides').where({ id }).update({ state: 'deleted', deleted_by: actor, deleted_at: deletedAt });
      await this.store.record(trx, actor, 'override.delete', 'override', id, { restored, notRestored });
      return { override: this.store.toOverride({ ...row, state: 'deleted', deleted_by: actor, deleted_at: deletedAt }), restored, notRestored };
    });
    const months = this.store.monthsOf(Date.parse(out.override.startsAt), Date.parse(out.override.endsAt));
    await this.store.changed('override', months);
    return { result: out, months, violations: await this.store.coverageOfMonths(months) };
  }

  /** Takes an engineer off a shift that has not started (the coverage answer shows the gap left). */
  async removeAssignment(id: string, reason: string, actor: string): Promise<ScheduleChangeResult<Assignment>> {
    const row = await this.store.tx(async trx => {
      const a = await this.store.assignment(trx, id);
      if (Date.parse(a.starts_at) <= this.store.now().getTime()) throw refuse('SHIFT_IN_PAST', { assignmentId: id });
      // Removing an override's shift would leave the override standing (its interval blocked, the
      // replaced person's shifts not restored): the override itself is undone instead.
      if (a.override_id) throw refuse('OVERRIDE_SHIFT', { assignmentId: id, overrideId: a.override_id });
      const cancelled = await this.store.cancelSwapsOf(trx, [id], 'assignment removed');
      await trx('roster_assignments').where({ id }).delete();
      await this.store.record(trx, actor, 'assignment.remove', 'assignment', id, { personId: a.person_id, kind: a.kind, day: a.day, startsAt: a.starts_at, endsAt: a.ends_at, reason, cancelledSwaps: cancelled });
      return a;
    });
    const months = this.store.monthsOf(Date.parse(row.starts_at), Date.parse(row.ends_at));
    await this.store.changed('assignment', months);
    return { result: this.store.toAssignment(row), months, violations: await this.store.coverageOfMonths(months) };
  }
}
