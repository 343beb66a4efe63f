/**
 * The monitoring plugin's shared model and permissions.
 *
 * @packageDocumentation
 */
import { createPermission } from '@backstage/plugin-permission-common';

/** Kinds of target the monitor probes. */
export const TARGET_KINDS = ['http', 'tcp', 'tls', 'ldap', 'crl', 'ocsp', 'postgres', 'scrape', 'certificate'] as const;
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
}

const monitor = (name: string, action: 'read' | 'update') => createPermission({ name: `yinxin.monitor.${name}`, attributes: { action } });

/** See targets, statuses, charts, alerts and their history. */
export const monitorReadPermission = monitor('read', 'read');
/** Acknowledge alerts (an engineer takes it). */
export const alertAckPermission = monitor('alert.ack', 'update');
/** Run the probes now (on demand). */
export const monitorRunPermission = monitor('run', 'update');

/** Every permission of the monitor plugin. */
export const monitorPermissions = [monitorReadPermission, alertAckPermission, monitorRunPermission];
