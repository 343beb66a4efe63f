/* The roster services on a real database, with migrations, the audit chain, a clock and the 2026 calendar. */
import type { Knex } from 'knex';
import { AuditLog, migrateAuditLog, type WorkingCalendar } from '@yinxin/ops-node';
import type { PersonFields } from '@yinxin/plugin-roster-common';
import { migrateRoster } from '../db/migrations';
import { AttendanceService } from '../service/AttendanceService';
import { DispatchService } from '../service/DispatchService';
import { PeopleService } from '../service/PeopleService';
import { ScheduleService } from '../service/ScheduleService';
import { RosterStore, type RosterHub } from '../service/store';
import { SwapService } from '../service/SwapService';
import { calendar2026 } from './fixtures';

/** Every roster service over `knex`. */
export async function rosterServicesForTest(knex: Knex, o: { clock: () => Date; calendar?: () => Promise<WorkingCalendar>; hub?: RosterHub }) {
  await migrateRoster(knex);
  await migrateAuditLog(knex);
  const audit = new AuditLog({ knex, source: 'roster', clock: o.clock });
  const store = new RosterStore({ knex, audit, clock: o.clock, calendar: o.calendar ?? (async () => calendar2026), hub: o.hub });
  return {
    knex,
    audit,
    store,
    people: new PeopleService(store),
    schedule: new ScheduleService(store),
    swaps: new SwapService(store),
    dispatches: new DispatchService(store),
    attendance: new AttendanceService(store),
  };
}

/** Fields of a test person. */
export const person = (name: string, roles: PersonFields['roles'], userRef: string | null = null): PersonFields => ({ name, roles, userRef, contact: { phone: '13900000000' } });

/** A written notice. */
export const notice = (effectiveDate: string, noticeDate = effectiveDate) => ({ reason: '按合同约定书面通知甲方的人员变动', noticeDate, effectiveDate });
