import type { Knex } from 'knex';
import type { AuditEntry, AuditLog, WorkingCalendar } from '@yinxin/ops-node';
import {
  ROSTER_DUTY_ROOM,
  ROSTER_EVENTS,
  addDays,
  daysOfMonth,
  maskContact,
  weekStart,
  type Assignment,
  type AssignmentSource,
  type AttendanceRecord,
  type Certificate,
  type DutyNow,
  type Leave,
  type LeaveType,
  type OnDuty,
  type Override,
  type Person,
  type PersonSummary,
  type RosterSettings,
  type Rotation,
  type ShiftKind,
  type ShiftTemplate,
  type StaffChange,
  type StaffChangeKind,
  type Swap,
  type SwapState,
  type TeamRole,
  type TemplateDaySet,
  type Violation,
} from '@yinxin/plugin-roster-common';
import { checkCoverage } from '../logic/coverage';
import { employmentSpan } from '../logic/shifts';
import type { AssignmentLite, LeaveLite, PersonLite, RotationLite, TemplateLite } from '../logic/types';
import { Zone } from '../logic/zone';
import type { PdfRenderer } from '../export/pdf';
import { refuse } from './refuse';
import { coverageRules, defaultSettings } from './settings';
import type { TicketGateway } from './tickets';

/** Where the roster publishes live changes (the realtime hub). */
export interface RosterHub {
  publish(room: string, event: string, payload: unknown): void;
}

/** Dependencies of the roster services. */
export interface RosterOptions {
  /** The plugin's database. */
  knex: Knex;
  /** The plugin's audit chain; every change appends to it in its own transaction. */
  audit: AuditLog;
  /** The working-day calendar in force. */
  calendar: () => Promise<WorkingCalendar>;
  /** The clock (default: the system clock). */
  clock?: () => Date;
  /** Rules in force (default: the contract's, see `defaultSettings`). */
  settings?: RosterSettings;
  /** Live updates (room `roster:duty`). */
  hub?: RosterHub;
  /** Ticket lookups for dispatches from tickets; without it ticket ids are taken as given. */
  tickets?: TicketGateway;
  /** PDF rendering for exports. */
  renderPdf?: PdfRenderer;
  /** Warnings (failed publications). */
  logger?: { warn(message: string): void };
}

/** A person row. */
export interface PersonRow {
  id: string;
  name: string;
  user_ref: string | null;
  roles: string;
  skills: string;
  years_experience: number;
  certificates: string;
  phone: string;
  email: string | null;
  joined_on: string;
  left_on: string | null;
  created_at: string;
  updated_at: string;
}

/** An assignment row. */
export interface AssignmentRow {
  id: string;
  person_id: string;
  template_id: string | null;
  kind: ShiftKind;
  day: string;
  starts_at: string;
  ends_at: string;
  source: AssignmentSource;
  override_id: string | null;
  created_at: string;
  created_by: string;
}

/** A template row. */
export interface TemplateRow {
  id: string;
  name: string;
  kind: ShiftKind;
  days: TemplateDaySet;
  start_time: string;
  end_time: string;
  roles: string;
  headcount: number;
  active: boolean | number;
  sort: number;
  updated_at: string;
  updated_by: string;
}

/** A leave row. */
export interface LeaveRow {
  id: string;
  person_id: string;
  type: LeaveType;
  start_day: string;
  end_day: string;
  starts_at: string;
  ends_at: string;
  note: string;
  created_by: string;
  created_at: string;
}

/** A swap row. */
export interface SwapRow {
  id: string;
  state: SwapState;
  requester_id: string;
  requested_by: string;
  assignment_id: string;
  partner_id: string;
  partner_assignment_id: string | null;
  reason: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** An override row. */
export interface OverrideRow {
  id: string;
  person_id: string;
  kind: ShiftKind;
  starts_at: string;
  ends_at: string;
  replaced_person_id: string | null;
  removed: string;
  reason: string;
  state: 'active' | 'deleted';
  created_by: string;
  created_at: string;
  deleted_by: string | null;
  deleted_at: string | null;
}

/** An instant after every roster interval (open-ended queries). */
export const FOREVER = Date.UTC(9999, 0, 1);

const json = <T>(text: string): T => JSON.parse(text) as T;
const iso = (t: number) => new Date(t).toISOString();
const ms = (s: string) => Date.parse(s);

/**
 * The roster's shared state: database access, row mapping, the schedule lock, coverage checks
 * and live publication, used by every roster service.
 */
export class RosterStore {
  readonly knex: Knex;
  readonly audit: AuditLog;
  readonly settings: RosterSettings;
  readonly clock: () => Date;
  readonly zone: Zone;
  #lastDuty = '';

  constructor(readonly options: RosterOptions) {
    this.knex = options.knex;
    this.audit = options.audit;
    this.clock = options.clock ?? (() => new Date());
    this.settings = options.settings ?? defaultSettings();
    this.zone = new Zone(this.settings.timeZone);
  }

  /** The current instant. */
  now(): Date {
    return this.clock();
  }

  /** Today's local day. */
  today(): string {
    return this.zone.dayOf(this.now().getTime());
  }

  /** The calendar in force, or the refusal `CALENDAR_UNAVAILABLE` (503) when it cannot be had. */
  async calendar(): Promise<WorkingCalendar> {
    try {
      return await this.options.calendar();
    } catch (e) {
      this.options.logger?.warn(`roster: the working-day calendar is not available: ${e}`);
      throw refuse('CALENDAR_UNAVAILABLE');
    }
  }

  /**
   * Runs `fn` in a transaction that first takes the schedule lock (a row lock on PostgreSQL; the
   * SQLite write transaction is exclusive already), so that checks and writes of concurrent
   * changes do not interleave.
   */
  async tx<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    // Every change answers with coverage, which needs the calendar: make sure it is at hand (and
    // cached) before writing, so that a change is never committed and then answered with an error.
    await this.calendar();
    return this.knex.transaction(async trx => {
      if (!String(trx.client.dialect).includes('sqlite')) await trx('roster_lock').where({ id: 1 }).forUpdate().select('id');
      return fn(trx);
    });
  }

  /** Appends an audit record of a successful change inside `trx`. */
  async record(trx: Knex.Transaction, actor: string, action: string, targetType: string, targetId: string, details: Record<string, unknown> = {}): Promise<void> {
    const entry: AuditEntry = { actor, action: `roster.${action}`, targetType, targetId, outcome: 'success', details: JSON.parse(JSON.stringify(details)) };
    await this.audit.append(trx, entry);
  }

  // ---- people --------------------------------------------------------------------------------

  /** A person as the API shows it; contact details masked unless `unmasked`. */
  toPerson(row: PersonRow, unmasked: boolean): Person {
    const contact = row.email === null ? { phone: row.phone } : { phone: row.phone, email: row.email };
    return {
      id: row.id,
      name: row.name,
      userRef: row.user_ref,
      roles: json<TeamRole[]>(row.roles),
      skills: json<string[]>(row.skills),
      yearsOfExperience: Number(row.years_experience),
      certificates: json<Certificate[]>(row.certificates),
      contact: unmasked ? contact : maskContact(contact),
      contactMasked: !unmasked,
      status: this.statusOf(row),
      joinedOn: row.joined_on,
      leftOn: row.left_on,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** `left` once the left-on day has come. */
  statusOf(row: Pick<PersonRow, 'left_on'>): 'active' | 'left' {
    return row.left_on !== null && row.left_on <= this.today() ? 'left' : 'active';
  }

  /** A person without contact details. */
  toSummary(row: PersonRow): PersonSummary {
    return { id: row.id, name: row.name, roles: json<TeamRole[]>(row.roles), status: this.statusOf(row) };
  }

  /** The pure rules' view of a person. */
  personLite(row: PersonRow): PersonLite {
    return { id: row.id, name: row.name, roles: json<TeamRole[]>(row.roles), joinedOn: row.joined_on, leftOn: row.left_on };
  }

  /** Every person (joined or left), by name. */
  async people(db: Knex = this.knex): Promise<PersonRow[]> {
    return (await db<PersonRow>('roster_people').select().orderBy([{ column: 'name' }, { column: 'id' }])) as PersonRow[];
  }

  /** One person, or the refusal `PERSON_NOT_FOUND`. */
  async person(db: Knex, id: string, facts: Record<string, unknown> = {}): Promise<PersonRow> {
    const row = (await db<PersonRow>('roster_people').where({ id }).first()) as PersonRow | undefined;
    if (!row) throw refuse('PERSON_NOT_FOUND', { id, ...facts });
    return row;
  }

  /** The person signing in as `userRef`, if any. */
  async personOfUser(db: Knex, userRef: string | undefined): Promise<PersonRow | undefined> {
    if (!userRef) return undefined;
    return (await db<PersonRow>('roster_people').where({ user_ref: userRef }).first()) as PersonRow | undefined;
  }

  /** Whether a person is on the team for the whole of `[start, end)`. */
  employedFor(row: PersonRow, start: number, end: number): boolean {
    const job = employmentSpan(this.personLite(row), this.zone);
    return start >= job.start && end <= job.end;
  }

  /** Staff change rows mapped, newest first. */
  async staffChanges(db: Knex = this.knex, personId?: string): Promise<StaffChange[]> {
    const q = db('roster_staff_changes as c')
      .join('roster_people as p', 'p.id', 'c.person_id')
      .leftJoin('roster_people as r', 'r.id', 'c.replacement_id')
      .select('c.*', 'p.name as person_name', 'r.name as replacement_name')
      .orderBy([{ column: 'c.recorded_at', order: 'desc' }, { column: 'c.id', order: 'desc' }]);
    if (personId) q.where(b => b.where('c.person_id', personId).orWhere('c.replacement_id', personId));
    return (await q).map((r: any) => ({
      id: r.id,
      kind: r.kind as StaffChangeKind,
      personId: r.person_id,
      personName: r.person_name,
      replacementId: r.replacement_id,
      replacementName: r.replacement_name ?? null,
      reason: r.reason,
      noticeDate: r.notice_date,
      effectiveDate: r.effective_date,
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at,
    }));
  }

  // ---- templates and rotations ----------------------------------------------------------------

  /** A template as the API shows it. */
  toTemplate(row: TemplateRow): ShiftTemplate {
    return {
      id: row.id,
      name: row.name,
      kind: row.kind,
      days: row.days,
      start: row.start_time,
      end: row.end_time,
      roles: json<TeamRole[]>(row.roles),
      headcount: Number(row.headcount),
      active: !!row.active,
      sort: Number(row.sort),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** The pure rules' view of a template. */
  templateLite(t: ShiftTemplate): TemplateLite {
    return { id: t.id, kind: t.kind, days: t.days, start: t.start, end: t.end, roles: t.roles, headcount: t.headcount, sort: t.sort };
  }

  /** Every template, in order. */
  async templates(db: Knex = this.knex): Promise<ShiftTemplate[]> {
    const rows = (await db<TemplateRow>('roster_templates').select().orderBy([{ column: 'sort' }, { column: 'id' }])) as TemplateRow[];
    return rows.map(r => this.toTemplate(r));
  }

  /** Every rotation. */
  async rotations(db: Knex = this.knex): Promise<Rotation[]> {
    const rows = await db('roster_rotations').select().orderBy('id');
    return rows.map((r: any) => ({ id: r.id, name: r.name, templateIds: json<string[]>(r.template_ids), members: json<string[]>(r.members), updatedAt: r.updated_at, updatedBy: r.updated_by }));
  }

  /** The pure rules' view of the rotations. */
  rotationLites(list: Rotation[]): RotationLite[] {
    return list.map(r => ({ id: r.id, templateIds: r.templateIds, members: r.members }));
  }

  // ---- leave ---------------------------------------------------------------------------------

  /** A leave as the API shows it. */
  toLeave(row: LeaveRow): Leave {
    return {
      id: row.id,
      personId: row.person_id,
      type: row.type,
      startDay: row.start_day,
      endDay: row.end_day,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      note: row.note,
      createdBy: row.created_by,
      createdAt: row.created_at,
    };
  }

  /** Leave overlapping `[start, end)`, optionally of one person. */
  async leavesIn(db: Knex, start: number, end: number, personId?: string): Promise<LeaveRow[]> {
    const q = db<LeaveRow>('roster_leaves').where('starts_at', '<', iso(end)).andWhere('ends_at', '>', iso(start)).orderBy([{ column: 'starts_at' }, { column: 'id' }]);
    if (personId) q.andWhere({ person_id: personId });
    return (await q) as LeaveRow[];
  }

  /** The pure rules' view of a leave. */
  leaveLite(row: LeaveRow): LeaveLite {
    return { personId: row.person_id, start: ms(row.starts_at), end: ms(row.ends_at) };
  }

  // ---- assignments ---------------------------------------------------------------------------

  /** An assignment as the API shows it. */
  toAssignment(row: AssignmentRow): Assignment {
    return {
      id: row.id,
      personId: row.person_id,
      templateId: row.template_id,
      kind: row.kind,
      day: row.day,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      source: row.source,
      overrideId: row.override_id,
      createdAt: row.created_at,
      createdBy: row.created_by,
    };
  }

  /** The pure rules' view of an assignment. */
  assignmentLite(row: AssignmentRow): AssignmentLite {
    return { id: row.id, personId: row.person_id, templateId: row.template_id, kind: row.kind, day: row.day, start: ms(row.starts_at), end: ms(row.ends_at) };
  }

  /** Assignments overlapping `[start, end)`, optionally of one person, in time order. */
  async assignmentsIn(db: Knex, start: number, end: number, personId?: string): Promise<AssignmentRow[]> {
    const q = db<AssignmentRow>('roster_assignments')
      .where('starts_at', '<', iso(end))
      .andWhere('ends_at', '>', iso(start))
      .orderBy([{ column: 'starts_at' }, { column: 'kind', order: 'desc' }, { column: 'id' }]);
    if (personId) q.andWhere({ person_id: personId });
    return (await q) as AssignmentRow[];
  }

  /** One assignment, or the refusal `ASSIGNMENT_NOT_FOUND`. */
  async assignment(db: Knex, id: string): Promise<AssignmentRow> {
    const row = (await db<AssignmentRow>('roster_assignments').where({ id }).first()) as AssignmentRow | undefined;
    if (!row) throw refuse('ASSIGNMENT_NOT_FOUND', { id });
    return row;
  }

  /** Inserts an assignment row. */
  async insertAssignment(trx: Knex.Transaction, a: Omit<AssignmentRow, 'created_at' | 'created_by'>, actor: string): Promise<void> {
    await trx('roster_assignments').insert({ ...a, created_at: this.now().toISOString(), created_by: actor });
  }

  /** Cancels the pending swaps that name any of `assignmentIds` (their shifts changed hands or went away). */
  async cancelSwapsOf(trx: Knex.Transaction, assignmentIds: string[], why: string): Promise<string[]> {
    if (!assignmentIds.length) return [];
    const rows = await trx('roster_swaps')
      .where({ state: 'pending' })
      .andWhere(b => b.whereIn('assignment_id', assignmentIds).orWhereIn('partner_assignment_id', assignmentIds))
      .select('id');
    const ids = rows.map((r: any) => String(r.id));
    if (ids.length) await trx('roster_swaps').whereIn('id', ids).update({ state: 'cancelled', decided_by: 'system', decided_at: this.now().toISOString(), decision_note: why });
    return ids;
  }

  // ---- overrides and swaps -------------------------------------------------------------------

  /** An override as the API shows it. */
  toOverride(row: OverrideRow): Override {
    return {
      id: row.id,
      personId: row.person_id,
      kind: row.kind,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      replacedPersonId: row.replaced_person_id,
      reason: row.reason,
      state: row.state,
      createdBy: row.created_by,
      createdAt: row.created_at,
      deletedBy: row.deleted_by,
      deletedAt: row.deleted_at,
    };
  }

  /** A swap as the API shows it. */
  toSwap(row: SwapRow): Swap {
    return {
      id: row.id,
      state: row.state,
      requesterId: row.requester_id,
      requestedBy: row.requested_by,
      assignmentId: row.assignment_id,
      partnerId: row.partner_id,
      partnerAssignmentId: row.partner_assignment_id,
      reason: row.reason,
      createdAt: row.created_at,
      decidedBy: row.decided_by,
      decidedAt: row.decided_at,
      decisionNote: row.decision_note,
    };
  }

  /** An attendance row as the API shows it. */
  toAttendance(row: any): AttendanceRecord {
    return { id: row.id, personId: row.person_id, assignmentId: row.assignment_id, checkInAt: row.check_in_at, checkOutAt: row.check_out_at, late: !!row.late };
  }

  // ---- coverage ------------------------------------------------------------------------------

  /** The coverage violations of local days `from`–`to`. */
  async coverage(from: string, to: string, db: Knex = this.knex): Promise<Violation[]> {
    const calendar = await this.calendar();
    // Whole weeks and months around the range, for the hour limits.
    const lo = Math.min(this.zone.instant(weekStart(from), 0), this.zone.instant(`${from.slice(0, 7)}-01`, 0));
    const lastMonthEnd = addDays(daysOfMonth(to.slice(0, 7)).at(-1)!, 1);
    const hi = Math.max(this.zone.instant(addDays(weekStart(to), 7), 0), this.zone.instant(lastMonthEnd, 0));
    const people = await this.people(db);
    const assignments = await this.assignmentsIn(db, lo, hi);
    const leaves = await this.leavesIn(db, lo, hi);
    return checkCoverage({
      from,
      to,
      calendar,
      people: people.map(p => this.personLite(p)),
      assignments: assignments.map(a => this.assignmentLite(a)),
      leaves: leaves.map(l => this.leaveLite(l)),
      rules: coverageRules(this.settings),
    });
  }

  /** The violations of whole months. */
  async coverageOfMonths(months: readonly string[]): Promise<Violation[]> {
    const out: Violation[] = [];
    for (const m of [...new Set(months)].sort()) out.push(...(await this.coverage(`${m}-01`, daysOfMonth(m).at(-1)!)));
    return out;
  }

  /** The months (`YYYY-MM`) an interval touches, in local time. */
  monthsOf(start: number, end: number): string[] {
    const out = new Set<string>();
    for (let d = this.zone.dayOf(start); ; d = addDays(d, 1)) {
      out.add(d.slice(0, 7));
      if (this.zone.instant(addDays(d, 1), 0) >= end) break;
    }
    return [...out];
  }

  // ---- duty and live updates -----------------------------------------------------------------

  /** Who is on duty at `at`: on site and on call, from the assignments (minus leave). */
  async dutyAt(at: Date, unmasked: boolean, db: Knex = this.knex): Promise<DutyNow> {
    const t = at.getTime();
    const rows = await this.assignmentsIn(db, t, t + 1);
    const leaves = await this.leavesIn(db, t, t + 1);
    const onLeave = new Set(leaves.map(l => l.person_id));
    const people = new Map((await this.people(db)).map(p => [p.id, p]));
    const entry = (a: AssignmentRow): OnDuty | undefined => {
      const p = people.get(a.person_id);
      if (!p || onLeave.has(p.id) || !this.employedFor(p, t, t + 1)) return undefined;
      const full = this.toPerson(p, unmasked);
      return { person: { ...this.toSummary(p), contact: full.contact, contactMasked: full.contactMasked }, assignment: this.toAssignment(a) };
    };
    const list = rows.map(entry).filter((x): x is OnDuty => !!x);
    return { at: at.toISOString(), onsite: list.filter(x => x.assignment.kind === 'onsite'), oncall: list.filter(x => x.assignment.kind === 'oncall') };
  }

  /** Publishes to the roster room; a failing hub never fails the change. */
  publish(event: string, payload: unknown): void {
    try {
      this.options.hub?.publish(ROSTER_DUTY_ROOM, event, payload);
    } catch (e) {
      this.options.logger?.warn(`roster: could not publish ${event}: ${e}`);
    }
  }

  /** Announces a roster change, then who is on duty if that changed. */
  async changed(change: string, months: readonly string[]): Promise<void> {
    this.publish(ROSTER_EVENTS.roster, { change, months: [...new Set(months)].sort(), at: this.now().toISOString() });
    try {
      await this.refreshDuty();
    } catch (e) {
      this.options.logger?.warn(`roster: could not refresh the duty: ${e}`);
    }
  }

  /**
   * Publishes who is on duty now (names and roles, no contact details) when it differs from what
   * was last published. Called after every change and every minute, as shifts begin and end.
   */
  async refreshDuty(): Promise<boolean> {
    const duty = await this.dutyAt(this.now(), false);
    const strip = (x: OnDuty) => ({ person: { id: x.person.id, name: x.person.name, roles: x.person.roles, status: x.person.status }, assignment: x.assignment });
    const payload = { at: duty.at, onsite: duty.onsite.map(strip), oncall: duty.oncall.map(strip) };
    const signature = JSON.stringify([payload.onsite.map(x => x.assignment.id + x.person.id), payload.oncall.map(x => x.assignment.id + x.person.id)]);
    if (signature === this.#lastDuty) return false;
    this.#lastDuty = signature;
    this.publish(ROSTER_EVENTS.duty, payload);
    return true;
  }
}
