import type { ViolationCode } from './violations';

/**
 * The roster model: team roles, shifts, assignments, leave, swaps, overrides, dispatches and
 * attendance, as the roster API sends and receives them. Times are ISO-8601 instants in UTC
 * (`2026-05-04T01:00:00.000Z`); days are local dates `YYYY-MM-DD` and wall-clock times `HH:MM`
 * in the calendar's time zone (Asia/Shanghai).
 */

/** A text in the two UI languages. */
export interface Label {
  zh: string;
  en: string;
}

/** The team roles the contract lists (项目经理、运维、录入、客服、技术支持、驻场). */
export const TEAM_ROLES = [
  'project-manager',
  'maintenance',
  'enrolment',
  'customer-service',
  'technical-support',
  'resident',
] as const;
/** One of {@link TEAM_ROLES}. */
export type TeamRole = (typeof TEAM_ROLES)[number];

/** Labels of the team roles. */
export const TEAM_ROLE_LABELS: Record<TeamRole, Label> = {
  'project-manager': { zh: '项目经理', en: 'Project manager' },
  maintenance: { zh: '运维', en: 'Maintenance' },
  enrolment: { zh: '录入', en: 'Enrolment' },
  'customer-service': { zh: '客服', en: 'Customer service' },
  'technical-support': { zh: '技术支持', en: 'Technical support' },
  resident: { zh: '驻场', en: 'Resident engineer' },
};

/** True when `value` is a team role. */
export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === 'string' && (TEAM_ROLES as readonly string[]).includes(value);
}

/**
 * Kinds of shift: `onsite` — at the client's site (驻场，5×8 on working days); `oncall` — remote
 * on-call support (远程值守, 7×24 together with the on-site shifts).
 */
export const SHIFT_KINDS = ['onsite', 'oncall'] as const;
/** One of {@link SHIFT_KINDS}. */
export type ShiftKind = (typeof SHIFT_KINDS)[number];
/** Labels of the shift kinds. */
export const SHIFT_KIND_LABELS: Record<ShiftKind, Label> = {
  onsite: { zh: '现场值班', en: 'On site' },
  oncall: { zh: '远程值守', en: 'On call' },
};

/**
 * Which days a shift template applies to: `working` — workdays and make-up workdays (调休上班);
 * `non-working` — weekends and holidays; `all` — every day.
 */
export const TEMPLATE_DAY_SETS = ['working', 'non-working', 'all'] as const;
/** One of {@link TEMPLATE_DAY_SETS}. */
export type TemplateDaySet = (typeof TEMPLATE_DAY_SETS)[number];

/** The kind of a calendar day (as `WorkingCalendar.dayKind` classifies it). */
export type RosterDayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';
/** Labels of the day kinds. */
export const DAY_KIND_LABELS: Record<RosterDayKind, Label> = {
  workday: { zh: '工作日', en: 'Workday' },
  weekend: { zh: '周末', en: 'Weekend' },
  holiday: { zh: '节假日', en: 'Holiday' },
  'makeup-workday': { zh: '调休上班', en: 'Make-up workday' },
};

/** Where an assignment comes from. */
export const ASSIGNMENT_SOURCES = ['generated', 'override', 'swap'] as const;
/** One of {@link ASSIGNMENT_SOURCES}. */
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

/** Kinds of leave. */
export const LEAVE_TYPES = ['annual', 'sick', 'personal', 'training', 'other'] as const;
/** One of {@link LEAVE_TYPES}. */
export type LeaveType = (typeof LEAVE_TYPES)[number];
/** Labels of the kinds of leave. */
export const LEAVE_TYPE_LABELS: Record<LeaveType, Label> = {
  annual: { zh: '年假', en: 'Annual leave' },
  sick: { zh: '病假', en: 'Sick leave' },
  personal: { zh: '事假', en: 'Personal leave' },
  training: { zh: '培训', en: 'Training' },
  other: { zh: '其他', en: 'Other' },
};

/** Kinds of staff change the contract asks to be notified in writing. */
export const STAFF_CHANGE_KINDS = ['join', 'leave', 'replace'] as const;
/** One of {@link STAFF_CHANGE_KINDS}. */
export type StaffChangeKind = (typeof STAFF_CHANGE_KINDS)[number];
/** Labels of the staff change kinds. */
export const STAFF_CHANGE_LABELS: Record<StaffChangeKind, Label> = {
  join: { zh: '入场', en: 'Join' },
  leave: { zh: '离场', en: 'Leave' },
  replace: { zh: '人员替换', en: 'Replacement' },
};
/** The shortest written reason of a staff change. */
export const STAFF_CHANGE_REASON_MIN = 10;

/** States of a swap request. */
export const SWAP_STATES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
/** One of {@link SWAP_STATES}. */
export type SwapState = (typeof SWAP_STATES)[number];

/** Severity of an incident a dispatch answers: 重大故障 (major) or 一般故障 (ordinary). */
export const DISPATCH_SEVERITIES = ['major', 'ordinary'] as const;
/** One of {@link DISPATCH_SEVERITIES}. */
export type DispatchSeverity = (typeof DISPATCH_SEVERITIES)[number];
/** Labels of the severities. */
export const DISPATCH_SEVERITY_LABELS: Record<DispatchSeverity, Label> = {
  major: { zh: '重大故障', en: 'Major incident' },
  ordinary: { zh: '一般故障', en: 'Ordinary fault' },
};
/**
 * Arrival targets of the contract, in hours of wall-clock time from the dispatch: 2 hours for a
 * major incident, 4 for an ordinary fault — the same at night, on weekends and on holidays.
 */
export const DEFAULT_ARRIVAL_HOURS: Record<DispatchSeverity, number> = { major: 2, ordinary: 4 };

/**
 * The dispatch severity of a monitoring alert severity: critical and major alerts are major
 * incidents; everything else is an ordinary fault.
 */
export function severityOfAlert(alertSeverity: string): DispatchSeverity {
  return alertSeverity === 'critical' || alertSeverity === 'major' ? 'major' : 'ordinary';
}

/** States of a dispatch: dispatched → accepted → arrived → completed, or cancelled. */
export const DISPATCH_STATES = ['dispatched', 'accepted', 'arrived', 'completed', 'cancelled'] as const;
/** One of {@link DISPATCH_STATES}. */
export type DispatchState = (typeof DISPATCH_STATES)[number];
/** Labels of the dispatch states. */
export const DISPATCH_STATE_LABELS: Record<DispatchState, Label> = {
  dispatched: { zh: '已派工', en: 'Dispatched' },
  accepted: { zh: '已接单', en: 'Accepted' },
  arrived: { zh: '已到场', en: 'Arrived' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

// ---- people ---------------------------------------------------------------------------------

/** A certificate an engineer holds (e.g. 信息安全工程师、PMP). */
export interface Certificate {
  name: string;
  number?: string;
  issuer?: string;
  /** Local date `YYYY-MM-DD` the certificate is valid until, when it expires. */
  validUntil?: string;
}

/** Contact details; masked (e.g. `138****5678`) for callers who may not manage people. */
export interface Contact {
  phone: string;
  email?: string;
}

/** An engineer of the service team. */
export interface Person {
  id: string;
  name: string;
  /** The user entity ref the engineer signs in as (`user:default/zhang.san`), if any. */
  userRef: string | null;
  roles: TeamRole[];
  skills: string[];
  yearsOfExperience: number;
  certificates: Certificate[];
  contact: Contact;
  /** True when the contact details were masked for this caller. */
  contactMasked: boolean;
  status: 'active' | 'left';
  /** First local day on the team. */
  joinedOn: string;
  /** First local day off the team (the effective date of the leave or replacement). */
  leftOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of a person. */
export interface PersonFields {
  name: string;
  userRef?: string | null;
  roles: TeamRole[];
  skills?: string[];
  yearsOfExperience?: number;
  certificates?: Certificate[];
  contact: Contact;
}

/** The written notice of a staff change the contract requires. */
export interface StaffChangeNotice {
  /** Written reason, at least {@link STAFF_CHANGE_REASON_MIN} characters. */
  reason: string;
  /** Local date the written notice was given to the client. */
  noticeDate: string;
  /** Local date the change takes effect (default: today). */
  effectiveDate?: string;
}

/** `POST /people`: a person joins the team. */
export interface JoinRequest extends StaffChangeNotice {
  person: PersonFields;
}

/** `POST /people/:id/replace`: a person leaves and another (new or existing) takes over their shifts. */
export interface ReplaceRequest extends StaffChangeNotice {
  /** An existing active person … */
  replacementId?: string;
  /** … or a new one, who joins. */
  replacement?: PersonFields;
}

/** A recorded staff change. */
export interface StaffChange {
  id: string;
  kind: StaffChangeKind;
  personId: string;
  personName: string;
  replacementId: string | null;
  replacementName: string | null;
  reason: string;
  noticeDate: string;
  effectiveDate: string;
  recordedBy: string;
  recordedAt: string;
}

// ---- schedules ------------------------------------------------------------------------------

/**
 * A shift template: which days it applies to, its wall-clock times (an end at or before the start
 * means the next day; equal start and end is 24 hours), who may take it and how many.
 */
export interface ShiftTemplate {
  id: string;
  name: string;
  kind: ShiftKind;
  days: TemplateDaySet;
  /** `HH:MM` local start. */
  start: string;
  /** `HH:MM` local end (next day when ≤ start). */
  end: string;
  /** Roles that may take the shift (any one suffices). */
  roles: TeamRole[];
  /** Engineers needed at once. */
  headcount: number;
  active: boolean;
  /** Order of generation and display. */
  sort: number;
  updatedAt: string;
  updatedBy: string;
}

/** A rotation: the ordered members who take turns on some templates. */
export interface Rotation {
  id: string;
  name: string;
  templateIds: string[];
  /** Person ids in rotation order. */
  members: string[];
  updatedAt: string;
  updatedBy: string;
}

/** A leave, in whole local days (inclusive). */
export interface Leave {
  id: string;
  personId: string;
  type: LeaveType;
  startDay: string;
  endDay: string;
  /** Instants the leave covers: local midnight of `startDay` to local midnight after `endDay`. */
  startsAt: string;
  endsAt: string;
  note: string;
  createdBy: string;
  createdAt: string;
}

/** An engineer on duty for an interval. */
export interface Assignment {
  id: string;
  personId: string;
  /** The template the slot belongs to (null for an ad-hoc override). */
  templateId: string | null;
  kind: ShiftKind;
  /** Local day the slot belongs to (the day its template started). */
  day: string;
  startsAt: string;
  endsAt: string;
  source: AssignmentSource;
  /** The override that created it, when `source` is `override`. */
  overrideId: string | null;
  createdAt: string;
  createdBy: string;
}

/** A manager's override: `personId` on duty for an interval, optionally instead of someone. */
export interface Override {
  id: string;
  personId: string;
  kind: ShiftKind;
  startsAt: string;
  endsAt: string;
  /** Whose assignments (of the same kind) the interval was taken from. */
  replacedPersonId: string | null;
  reason: string;
  state: 'active' | 'deleted';
  createdBy: string;
  createdAt: string;
  deletedBy: string | null;
  deletedAt: string | null;
}

/** A swap request: the requester's assignment goes to the partner (and the partner's, if named, to the requester). */
export interface Swap {
  id: string;
  state: SwapState;
  requesterId: string;
  requestedBy: string;
  assignmentId: string;
  partnerId: string;
  /** The partner's assignment taken in exchange; null for a hand-over (代班). */
  partnerAssignmentId: string | null;
  reason: string;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

// ---- coverage -------------------------------------------------------------------------------

/** An interval of instants `[startsAt, endsAt)`. */
export interface Interval {
  startsAt: string;
  endsAt: string;
}

/** A broken coverage rule. See `VIOLATION_CODES`. */
export interface Violation {
  code: ViolationCode;
  /** The local day (for weekly and monthly limits, the first day of the week or month). */
  day: string;
  interval?: Interval;
  personId?: string;
  role?: TeamRole;
  assignmentIds?: string[];
  /** Counted hours and the limit, for hour limits. */
  hours?: number;
  limit?: number;
  message: Label;
}

// ---- rosters --------------------------------------------------------------------------------

/** A day of a month roster. */
export interface RosterDay {
  day: string;
  kind: RosterDayKind;
  working: boolean;
  /** Holiday name, when the calendar has one. */
  name?: string;
}

/** A person as shown on a roster (no contact details). */
export interface PersonSummary {
  id: string;
  name: string;
  roles: TeamRole[];
  status: 'active' | 'left';
}

/** `GET /rosters/:month`: everything a month calendar shows. */
export interface RosterMonth {
  month: string;
  timeZone: string;
  days: RosterDay[];
  templates: ShiftTemplate[];
  people: PersonSummary[];
  /** Assignments overlapping the month. */
  assignments: Assignment[];
  leaves: Leave[];
  violations: Violation[];
  generatedAt: string | null;
  generatedBy: string | null;
}

/** The answer of every schedule change: what changed and the coverage of the months it touched. */
export interface ScheduleChangeResult<T> {
  result: T;
  /** Months (`YYYY-MM`) whose roster changed. */
  months: string[];
  violations: Violation[];
}

/** `POST /rosters/:month/generate` result. */
export interface GenerationSummary {
  month: string;
  created: number;
  removed: number;
  kept: number;
  unfilled: { templateId: string; day: string; startsAt: string; endsAt: string }[];
  dryRun: boolean;
  assignments: Assignment[];
}

/** Someone on duty at an instant. */
export interface OnDuty {
  person: PersonSummary & { contact?: Contact; contactMasked?: boolean };
  assignment: Assignment;
}

/** `GET /duty/now`. */
export interface DutyNow {
  at: string;
  onsite: OnDuty[];
  oncall: OnDuty[];
}

// ---- dispatch -------------------------------------------------------------------------------

/** What a dispatch answers: a ticket, or a monitoring alert. */
export type DispatchSource =
  | { kind: 'ticket'; ticketId: number; ticketNumber?: string | null }
  | { kind: 'alert'; ruleId: string; targetId: string };

/** An engineer sent to site. */
export interface Dispatch {
  id: string;
  source: DispatchSource;
  severity: DispatchSeverity;
  personId: string;
  personName: string;
  summary: string;
  location: string;
  state: DispatchState;
  createdBy: string;
  createdAt: string;
  /** Arrival deadline: createdAt + 2 h (major) or 4 h (ordinary), wall-clock. */
  deadlineAt: string;
  acceptedAt: string | null;
  arrivedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  /** Arrived after the deadline, or not arrived and the deadline has passed. */
  breached: boolean;
  /** Minutes from dispatch to arrival. */
  arrivalMinutes: number | null;
  completionNote: string | null;
  log: DispatchLogEntry[];
}

/** A work-log entry of a dispatch. */
export interface DispatchLogEntry {
  id: string;
  at: string;
  author: string;
  text: string;
}

/** Arrival statistics of a set of dispatches. */
export interface ArrivalStats {
  /** Dispatches (not cancelled). */
  count: number;
  arrived: number;
  onTime: number;
  /** Late arrivals plus dispatches past their deadline without arrival. */
  breaches: number;
  /** Not arrived, deadline still ahead. */
  pending: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

/** `GET /reports/arrivals?month=`. */
export interface ArrivalReport extends ArrivalStats {
  month: string;
  bySeverity: Record<DispatchSeverity, ArrivalStats>;
  cancelled: number;
}

// ---- attendance -----------------------------------------------------------------------------

/** A check-in (and check-out) for an on-site assignment. */
export interface AttendanceRecord {
  id: string;
  personId: string;
  assignmentId: string;
  checkInAt: string;
  checkOutAt: string | null;
  late: boolean;
}

/** One engineer's month of on-site shifts against the roster. */
export interface AttendanceSummary {
  personId: string;
  personName: string;
  /** On-site shifts scheduled in the month. */
  scheduled: number;
  attended: number;
  late: number;
  /** Ended without a check-in. */
  absent: number;
  /** Not yet ended, no check-in. */
  upcoming: number;
  /** Scheduled on-site hours. */
  scheduledHours: number;
  /** Hours on site (check-in to check-out, or to the shift end when not checked out). */
  hours: number;
  /** Attended shifts without a check-out. */
  missingCheckOut: number;
}

/** `GET /attendance?month=`. */
export interface AttendanceReport {
  month: string;
  items: AttendanceSummary[];
}

/** `GET /settings`: the rules in force, for the UI. */
export interface RosterSettings {
  timeZone: string;
  onsite: { roles: TeamRole[]; start: string; end: string };
  requiredRoles: TeamRole[];
  minTeamSize: number;
  hours: { weekLimit: number; monthLimit: number; oncallFactor: number };
  arrivalHours: Record<DispatchSeverity, number>;
  attendance: { lateGraceMinutes: number; checkInEarlyMinutes: number };
}

/** `GET /me`: the caller's person record, if they are on the team. */
export interface Me {
  userRef: string | null;
  person: Person | null;
}

/** The realtime room the roster publishes to. */
export const ROSTER_DUTY_ROOM = 'roster:duty';
/** Events published in {@link ROSTER_DUTY_ROOM}. */
export const ROSTER_EVENTS = {
  /** `{ change, months, at }` — a roster changed; refetch the months shown. */
  roster: 'roster',
  /** {@link DutyNow} without contact details — who is on duty changed. */
  duty: 'duty',
  /** `{ change, dispatch: { id, state, personId, severity, deadlineAt, breached } }` */
  dispatch: 'dispatch',
  /** `{ change, swapId, at }` — a swap was requested, rejected or withdrawn (approvals send `roster`). */
  swap: 'swap',
} as const;

/** The payload of a `roster` event. */
export interface RosterChangedEvent {
  change: string;
  months: string[];
  at: string;
}
