/**
 * The monitoring plugin's shared model and permissions.
 *
 * @packageDocumentation
 */
import { createPermission } from '@backstage/plugin-permission-common';

/** Kinds of target the monitor probes. */
export const TARGET_KINDS = ['http', 'tcp', 'tls', 'ldap', 'crl', 'ocsp', 'tsa', 'postgres', 'scrape', 'certificate', 'cert-life', 'kmc-pool', 'ca-api'] as const;
/** One of {@link TARGET_KINDS}. */
export type TargetKind = (typeof TARGET_KINDS)[number];

/** How much a target matters to the 7×24 service. */
export const CRITICALITIES = ['critical', 'high', 'normal'] as const;
/** One of {@link CRITICALITIES}. */
export type Criticality = (typeof CRITICALITIES)[number];

/** A watched target with its newest observation. */
export interface TargetStatus {
  id: string;
  name: string;
  kind: TargetKind;
  owner: string;
  criticality: Criticality;
  /** where it is declared: `config`, `catalog:<entity ref>` or `builtin` */
  source: string;
  /** unknown until the first probe */
  status: 'up' | 'warning' | 'down' | 'unknown';
  at?: string;
  latencyMs?: number;
  message?: string;
  detail?: Record<string, string | number | boolean>;
}

/** An alert (rule × target) as the API returns it. */
export interface AlertView {
  ruleId: string;
  ruleName: string;
  targetId: string;
  state: 'ok' | 'pending' | 'firing';
  since: string;
  severity: 'critical' | 'major' | 'minor' | 'info';
  message?: string;
  ticketId?: number;
  ticketNumber?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  /** the roster dispatch that paged the engineer on duty */
  dispatchId?: string;
  /** who was paged */
  pagedTo?: string;
  /** by when they must arrive */
  arrivalDeadline?: string;
}

/** An alert event of the history. */
export interface AlertEventView {
  id: number;
  ruleId: string;
  targetId: string;
  type: 'pending' | 'firing' | 'resolved' | 'cancelled';
  at: string;
  severity: 'critical' | 'major' | 'minor' | 'info';
  message: string;
  silenced: boolean;
  ticketId?: number;
}

/** A silence or maintenance window as the API returns it. */
export interface SilenceView {
  id: number;
  kind: 'silence' | 'maintenance';
  ruleId?: string;
  targetId?: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  cancelledBy?: string;
  cancelledAt?: string;
  /** in force now */
  active: boolean;
}

/** What a person asks to silence (a {@link SilenceView} before it is stored). */
export type SilenceInput = Pick<SilenceView, 'kind' | 'ruleId' | 'targetId' | 'startsAt' | 'endsAt' | 'reason'>;

/** A point of `GET /series`: the bucket's start (ms) and the aggregates of the samples in it. */
export interface SeriesPoint {
  at: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

/** Filters of the alert history. */
export interface EventQuery {
  targetId?: string;
  ruleId?: string;
  type?: 'pending' | 'firing' | 'resolved' | 'cancelled';
  severity?: string;
  from?: string;
  to?: string;
  /** words in the message */
  q?: string;
  /** events older than this id (paging) */
  before?: number;
  limit?: number;
}

/** A certificate's end, for the expiry calendar. */
export interface CertificateExpiry {
  targetId: string;
  name: string;
  purpose?: string;
  algorithm?: string;
  serialHex?: string;
  notAfter: string;
  daysLeft: number;
  /** the target's newest status */
  status: TargetStatus['status'];
}

/** One target's availability in a month. */
export interface TargetAvailability {
  targetId: string;
  name: string;
  criticality: Criticality;
  /** null when not watched in the month */
  ratio: number | null;
  observedMinutes: number;
  maintenanceMinutes: number;
  downtimeMinutes: number;
  /** the contract's target (e.g. 0.999) is met (null when not watched) */
  met: boolean | null;
  outages: Array<{ from: string; until: string; ongoing: boolean; minutes: number; maintenanceMinutes: number }>;
}

/** A target that could not be used (`GET /targets/problems`): a bad catalog annotation, a failing source. */
export interface TargetProblem {
  source: string;
  ref: string;
  message: string;
}

/** `GET /availability?month=yyyy-mm`: every target's availability in a China-time month, up to now. */
export interface AvailabilityReport {
  month: string;
  from: string;
  until: string;
  /** the 7×24 target, e.g. 0.999 */
  target: number;
  targets: TargetAvailability[];
}

const monitor = (name: string, action: 'read' | 'update') => createPermission({ name: `yinxin.monitor.${name}`, attributes: { action } });

/** See targets, statuses, charts, alerts and their history. */
export const monitorReadPermission = monitor('read', 'read');
/** Acknowledge alerts (an engineer takes it). */
export const alertAckPermission = monitor('alert.ack', 'update');
/** Run the probes now (on demand). */
export const monitorRunPermission = monitor('run', 'update');

/** Create and end silences and maintenance windows. */
export const silenceManagePermission = monitor('silence.manage', 'update');

/** Every permission of the monitor plugin. */
export const monitorPermissions = [monitorReadPermission, alertAckPermission, monitorRunPermission, silenceManagePermission];
