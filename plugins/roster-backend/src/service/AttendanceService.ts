import { randomUUID } from 'node:crypto';
import type { AttendanceRecord, AttendanceReport, Assignment } from '@yinxin/plugin-roster-common';
import { attendanceSummary, isLateCheckIn, shiftToCheckIn } from '../logic/attendance';
import { monthWindow } from '../logic/shifts';
import { rosterMetrics } from '../metrics';
import { refuse } from './refuse';
import type { RosterStore } from './store';

/**
 * Attendance of on-site shifts: engineers check in (from two hours before the start until the
 * end) and out themselves; the monthly report sets them against the roster.
 */
export class AttendanceService {
  constructor(private readonly store: RosterStore) {}

  get #rules() {
    return this.store.settings.attendance;
  }

  /** The caller's state now: the shift they could check in to, and an open check-in. */
  async mine(userRef: string | undefined): Promise<{ shift: Assignment | null; open: AttendanceRecord | null }> {
    const me = await this.store.personOfUser(this.store.knex, userRef);
    if (!me) throw refuse('NOT_ON_TEAM', { userRef: userRef ?? null });
    const now = this.store.now().getTime();
    const rows = await this.store.assignmentsIn(this.store.knex, now, now + (this.#rules.checkInEarlyMinutes + 1) * 60_000, me.id);
    const done = new Set((await this.store.knex('roster_attendance').whereIn('assignment_id', rows.map(r => r.id)).select('assignment_id')).map((r: any) => String(r.assignment_id)));
    const shift = shiftToCheckIn(rows.map(r => ({ ...this.store.assignmentLite(r), id: r.id })), done, now, this.#rules);
    const open = await this.store.knex('roster_attendance').where({ person_id: me.id }).whereNull('check_out_at').orderBy('check_in_at', 'desc').first();
    return { shift: shift ? this.store.toAssignment(rows.find(r => r.id === shift.id)!) : null, open: open ? this.store.toAttendance(open) : null };
  }

  /** The caller checks in to their current (or imminent) on-site shift. */
  async checkIn(userRef: string | undefined, actor: string): Promise<AttendanceRecord> {
    const record = await this.store.tx(async trx => {
      const me = await this.store.personOfUser(trx, userRef);
      if (!me) throw refuse('NOT_ON_TEAM', { userRef: userRef ?? null });
      const now = this.store.now().getTime();
      const rows = await this.store.assignmentsIn(trx, now, now + (this.#rules.checkInEarlyMinutes + 1) * 60_000, me.id);
      const done = new Set((await trx('roster_attendance').whereIn('assignment_id', rows.map(r => r.id)).select('assignment_id')).map((r: any) => String(r.assignment_id)));
      const shift = shiftToCheckIn(rows.map(r => ({ ...this.store.assignmentLite(r), id: r.id })), done, now, this.#rules);
      if (!shift) {
        const current = rows.find(r => r.kind === 'onsite' && done.has(r.id) && Date.parse(r.ends_at) > now);
        throw current ? refuse('ALREADY_CHECKED_IN', { assignmentId: current.id }) : refuse('NO_SHIFT_TO_CHECK_IN');
      }
      const row = {
        id: randomUUID(),
        assignment_id: shift.id,
        person_id: me.id,
        check_in_at: new Date(now).toISOString(),
        check_out_at: null,
        late: isLateCheckIn(shift.start, now, this.#rules),
      };
      await trx('roster_attendance').insert(row);
      await this.store.record(trx, actor, 'attendance.check-in', 'assignment', shift.id, { personId: me.id, at: row.check_in_at, late: row.late });
      return this.store.toAttendance(row);
    });
    rosterMetrics.checkIns.inc({ late: String(record.late) });
    return record;
  }

  /** The caller checks out of their open check-in. */
  async checkOut(userRef: string | undefined, actor: string): Promise<AttendanceRecord> {
    return this.store.tx(async trx => {
      const me = await this.store.personOfUser(trx, userRef);
      if (!me) throw refuse('NOT_ON_TEAM', { userRef: userRef ?? null });
      const open = await trx('roster_attendance').where({ person_id: me.id }).whereNull('check_out_at').orderBy('check_in_at', 'desc').first();
      if (!open) throw refuse('NOT_CHECKED_IN');
      const at = this.store.now().toISOString();
      await trx('roster_attendance').where({ id: open.id }).update({ check_out_at: at });
      await this.store.record(trx, actor, 'attendance.check-out', 'assignment', open.assignment_id, { personId: me.id, at });
      return this.store.toAttendance({ ...open, check_out_at: at });
    });
  }

  /** Check-ins of a month (optionally of one person). */
  async records(month: string, personId?: string): Promise<AttendanceRecord[]> {
    const w = monthWindow(month, this.store.zone);
    const q = this.store.knex('roster_attendance')
      .where('check_in_at', '>=', new Date(w.start - 86_400_000).toISOString())
      .andWhere('check_in_at', '<', new Date(w.end).toISOString())
      .orderBy([{ column: 'check_in_at' }, { column: 'id' }]);
    if (personId) q.andWhere({ person_id: personId });
    return (await q).map((r: any) => this.store.toAttendance(r));
  }

  /** Each engineer's month against the roster: on-site shifts starting in the month. */
  async report(month: string, personId?: string): Promise<AttendanceReport> {
    const w = monthWindow(month, this.store.zone);
    const rows = (await this.store.assignmentsIn(this.store.knex, w.start, w.end, personId)).filter(a => a.kind === 'onsite' && Date.parse(a.starts_at) >= w.start);
    const records = await this.store.knex('roster_attendance').whereIn('assignment_id', rows.map(r => r.id)).select();
    const people = new Map((await this.store.people()).map(p => [p.id, p]));
    const ids = [...new Set(rows.map(r => r.person_id))].sort((a, b) => (people.get(a)?.name ?? a).localeCompare(people.get(b)?.name ?? b));
    const now = this.store.now().getTime();
    return {
      month,
      items: ids.map(id =>
        attendanceSummary(
          { id, name: people.get(id)?.name ?? id },
          rows.filter(r => r.person_id === id).map(r => ({ ...this.store.assignmentLite(r), id: r.id })),
          records.filter((r: any) => r.person_id === id).map((r: any) => ({ assignmentId: r.assignment_id, checkInAt: Date.parse(r.check_in_at), checkOutAt: r.check_out_at ? Date.parse(r.check_out_at) : null })),
          now,
          this.#rules,
        ),
      ),
    };
  }
}
