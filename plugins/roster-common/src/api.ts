/**
 * Request bodies of the roster API (`/api/roster`). The answers are the model types; see the
 * backend's README for the route table.
 */
import type {
  DispatchSeverity,
  LeaveType,
  PersonFields,
  ShiftKind,
  StaffChangeNotice,
  TeamRole,
  TemplateDaySet,
} from './model';

/** `PATCH /people/:id`: any of the person's fields. */
export type PersonPatch = Partial<PersonFields>;

/** `POST /people/:id/leave`: the person leaves the team (their shifts from the effective date are removed). */
export type LeaveTeamRequest = StaffChangeNotice;

/** `PUT /templates/:id`. */
export interface TemplateInput {
  name: string;
  kind: ShiftKind;
  days: TemplateDaySet;
  start: string;
  end: string;
  roles: TeamRole[];
  headcount?: number;
  active?: boolean;
  sort?: number;
}

/** `PUT /rotations/:id`. */
export interface RotationInput {
  name: string;
  templateIds: string[];
  members: string[];
}

/** `POST /leaves`. */
export interface LeaveRequest {
  personId: string;
  type: LeaveType;
  startDay: string;
  endDay: string;
  note?: string;
}

/** `POST /rosters/:month/generate`. */
export interface GenerateRequest {
  /** Compute and answer without saving. */
  dryRun?: boolean;
}

/** `POST /overrides`. */
export interface OverrideRequest {
  personId: string;
  kind: ShiftKind;
  startsAt: string;
  endsAt: string;
  /** Take the interval from this person's assignments of the same kind. */
  replacedPersonId?: string;
  reason: string;
}

/** `POST /assignments/:id/remove`. */
export interface RemoveAssignmentRequest {
  reason: string;
}

/** `POST /swaps`. */
export interface SwapRequest {
  /** The requester's own assignment. */
  assignmentId: string;
  partnerId: string;
  /** The partner's assignment to take in exchange; absent for a hand-over. */
  partnerAssignmentId?: string;
  reason: string;
}

/** `POST /swaps/:id/approve`, `/reject`. */
export interface SwapDecision {
  note?: string;
}

/** `POST /dispatches`. */
export interface DispatchRequest {
  source: { kind: 'ticket'; ticketId: number } | { kind: 'alert'; ruleId: string; targetId: string };
  severity: DispatchSeverity;
  /** Whom to send; default: an engineer on duty now (on site first, then on call). */
  personId?: string;
  summary: string;
  location?: string;
}

/** `POST /dispatches/:id/log`. */
export interface DispatchLogRequest {
  text: string;
}

/** `POST /dispatches/:id/complete`. */
export interface DispatchCompleteRequest {
  note: string;
}

/** `POST /dispatches/:id/cancel`. */
export interface DispatchCancelRequest {
  reason: string;
}
