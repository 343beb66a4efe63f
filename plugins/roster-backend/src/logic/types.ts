import type { WorkingCalendar } from '@yinxin/ops-node';
import type { ShiftKind, TeamRole, TemplateDaySet } from '@yinxin/plugin-roster-common';
import type { Span } from './intervals';

/** What the pure rules need to know of a person. */
export interface PersonLite {
  id: string;
  name: string;
  roles: readonly TeamRole[];
  /** First local day on the team. */
  joinedOn: string;
  /** First local day off the team, or null. */
  leftOn: string | null;
}

/** What the pure rules need to know of a shift template. */
export interface TemplateLite {
  id: string;
  kind: ShiftKind;
  days: TemplateDaySet;
  start: string;
  end: string;
  roles: readonly TeamRole[];
  headcount: number;
  sort: number;
}

/** What the pure rules need to know of a rotation. */
export interface RotationLite {
  id: string;
  templateIds: readonly string[];
  members: readonly string[];
}

/** An assignment as the pure rules see it: a person on duty for a span. */
export interface AssignmentLite extends Span {
  id?: string;
  personId: string;
  templateId: string | null;
  kind: ShiftKind;
  /** Local day the slot belongs to. */
  day: string;
}

/** A leave as the pure rules see it. */
export interface LeaveLite extends Span {
  personId: string;
}

/** Hour limits: counted hours = on-site hours + on-call hours × `oncallFactor`. */
export interface HoursRules {
  weekLimit: number;
  monthLimit: number;
  /** How much an hour of remote on-call counts against the limits (standby, 0–1). */
  oncallFactor: number;
}

/** The coverage rules in force. */
export interface CoverageRules {
  /** Roles that count as on site (default: resident). */
  onsiteRoles: readonly TeamRole[];
  /** Local on-site window of each working day, `HH:MM`. */
  onsiteStart: string;
  onsiteEnd: string;
  /** Roles the team must have. */
  requiredRoles: readonly TeamRole[];
  minTeamSize: number;
  hours: HoursRules;
}

/** The calendar facts the rules read. */
export type CalendarLike = Pick<WorkingCalendar, 'dayKind' | 'timeZone'>;
