import type { Knex } from 'knex';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import type { Criticality, TargetKind, TargetStatus, AlertView } from '@yinxin/plugin-monitor-common';
import {
  probeCertificateBundle,
  probeCrl,
  probeHttp,
  probeLdap,
  probeOcsp,
  probePostgres,
  probeTcp,
  probeTlsCertificate,
  scrapeMetrics,
  type ProbeResult,
} from '@yinxin/probes';
import { evaluateAlerts, type AlertEvent, type AlertRule, type AlertState, type Observation } from './alerts/engine';
import { SampleStore, type SampleInput } from './series/SampleStore';
import type { AlertTickets } from './tickets/AlertTickets';

/** A target as configured: what to probe and how. */
export interface TargetConfig {
  id: string;
  name: string;
  kind: TargetKind;
  owner?: string;
  criticality?: Criticality;
  /** the probe's options (url, host, port, baseDn, …) */
  options: Record<string, unknown>;
}

const SYSTEM = 'system:monitor';

/** The rules every target gets unless configuration replaces them. */
export function defaultRules(): AlertRule[] {
  return [
    { id: 'down', name: '服务不可用', targets: '*', condition: { kind: 'status', atLeast: 'down' }, forSeconds: 120, severity: 'critical' },
    { id: 'warning', name: '服务告警（证书或 CRL 临近到期等）', targets: '*', condition: { kind: 'status', atLeast: 'warning', atMost: 'warning' }, forSeconds: 600, severity: 'major' },
    { id: 'silent', name: '探测无结果', targets: '*', condition: { kind: 'absence', absenceSeconds: 600 }, forSeconds: 0, severity: 'major' },
  ];
}

/** Runs one probe of a target. */
export async function runProbe(t: TargetConfig, now: Date): Promise<ProbeResult> {
  const o = t.options as any;
  const opts = { clock: () => now, timeoutMs: typeof o.timeoutMs === 'number' ? o.timeoutMs : undefined };
  switch (t.kind) {
    case 'http':
      return probeHttp({ url: o.url, expectStatus: o.expectStatus, bodyContains: o.bodyContains }, opts);
    case 'tcp':
      return probeTcp({ host: o.host, port: o.port }, opts);
    case 'tls':
      return probeTlsCertificate({ host: o.host, port: o.port, servername: o.servername, warnDays: o.warnDays }, opts);
    case 'ldap':
      return probeLdap({ url: o.url, bindDn: o.bindDn, password: o.password, baseDn: o.baseDn, scope: o.scope, filter: o.filter, crlAttribute: o.crlAttribute, warnMinutes: o.warnMinutes }, opts);
    case 'ocsp':
      return probeOcsp({ url: o.url, issuer: o.issuerPem, serialHex: o.serialHex, expect: o.expect }, opts);
    case 'crl':
      return probeCrl({ url: o.url, warnMinutes: o.warnMinutes }, opts);
    case 'postgres':
      return probePostgres({ connectionString: o.connectionString }, opts);
    case 'certificate':
      return probeCertificateBundle({ pem: o.pem, warnDays: o.warnDays }, opts);
    case 'scrape': {
      const { families: _families, ...r } = await scrapeMetrics({ url: o.url }, opts);
      return r;
    }
    default:
      return { status: 'down', latencyMs: 0, message: `unknown target kind ${String(t.kind)}`, detail: {} };
  }
}

/**
 * The monitor: probes every target, keeps the newest observation and time series (latency, up),
 * evaluates the alert rules, and turns firing and resolved alerts into tickets; alert events and
 * acknowledgements go to the audit chain.
 */
export class MonitorService {
  readonly #listeners: Array<(changed: TargetStatus[]) => void> = [];

  constructor(
    private readonly o: {
      knex: Knex;
      audit: AuditLog;
      store: SampleStore;
      tickets?: AlertTickets;
      targets: TargetConfig[];
      rules: AlertRule[];
      clock?: () => Date;
      onError?: (e: unknown) => void;
    },
  ) {}

  now(): Date {
    return (this.o.clock ?? (() => new Date()))();
  }

  /** Called with the targets whose status changed in a round. */
  onChange(listener: (changed: TargetStatus[]) => void) {
    this.#listeners.push(listener);
  }

  /** A round asked for by a person (`POST /run`), recorded in the audit chain with what it found. */
  async runRequested(actor: string): Promise<AlertEvent[]> {
    const events = await this.runOnce();
    await this.o.knex.transaction(trx =>
      this.o.audit.append(trx, { actor, action: 'monitor.run', targetType: 'monitor', targetId: null, outcome: 'success', details: { targets: this.o.targets.length, events: events.length } }),
    );
    return events;
  }

  /** One round at `now`: every probe, then the alerts. Returns the alert events. */
  async runOnce(now = this.now()): Promise<AlertEvent[]> {
    const results = await Promise.all(this.o.targets.map(async t => ({ t, r: await runProbe(t, now) })));
    const changed: TargetStatus[] = [];
    const samples: SampleInput[] = [];
    const previous = new Map((await this.o.knex('monitor_observations').select('target_id', 'status')).map((r: any) => [r.target_id, r.status]));
    for (const { t, r } of results) {
      const row = { target_id: t.id, at: now.toISOString(), status: r.status, latency_ms: r.latencyMs, message: r.message.slice(0, 500), detail: JSON.stringify(r.detail) };
      await this.o.knex('monitor_observations').insert(row).onConflict('target_id').merge();
      samples.push({ name: 'probe_latency_ms', labels: { target: t.id }, at: now.getTime(), value: r.latencyMs });
      samples.push({ name: 'probe_up', labels: { target: t.id }, at: now.getTime(), value: r.status === 'down' ? 0 : 1 });
      for (const [k, v] of Object.entries(r.detail)) if (typeof v === 'number') samples.push({ name: `probe_${k}`, labels: { target: t.id }, at: now.getTime(), value: v });
      if (previous.get(t.id) !== r.status) changed.push(this.#status(t, row));
    }
    await this.o.store.append(samples);
    const events = await this.#evaluate(now);
    if (changed.length) for (const l of this.#listeners) l(changed);
    return events;
  }

  async #evaluate(now: Date): Promise<AlertEvent[]> {
    const rows = await this.o.knex('monitor_alerts').select();
    const states: AlertState[] = rows.map((r: any) => ({ ruleId: r.rule_id, targetId: r.target_id, state: r.state, since: r.since, lastMessage: r.last_message ?? undefined, notified: !!r.notified }));
    const observations = new Map<string, Observation>();
    for (const r of await this.o.knex('monitor_observations').select()) {
      observations.set(r.target_id, { targetId: r.target_id, at: new Date(r.at), status: r.status, latencyMs: Number(r.latency_ms), detail: JSON.parse(r.detail) });
    }
    const { states: next, events } = evaluateAlerts({ rules: this.o.rules, states, observations, targets: this.o.targets.map(t => t.id), now });
    const byKey = new Map(rows.map((r: any) => [`${r.rule_id}\u0000${r.target_id}`, r]));
    for (const s of next) {
      const old: any = byKey.get(`${s.ruleId}\u0000${s.targetId}`);
      if (old && old.state === s.state && old.since === s.since && (old.last_message ?? undefined) === s.lastMessage && !!old.notified === !!s.notified) continue;
      await this.o.knex('monitor_alerts')
        .insert({ rule_id: s.ruleId, target_id: s.targetId, state: s.state, since: s.since, last_message: s.lastMessage ?? null, notified: !!s.notified })
        .onConflict(['rule_id', 'target_id'])
        .merge(['state', 'since', 'last_message', 'notified']);
    }
    for (const e of events) {
      const row: any = byKey.get(`${e.ruleId}\u0000${e.targetId}`);
      let ticketId: number | null = row?.ticket_id ?? null;
      let ticketNumber: string | null = row?.ticket_number ?? null;
      try {
        if (e.type === 'firing' && !e.silenced && this.o.tickets && !ticketId) {
          const target = this.o.targets.find(t => t.id === e.targetId);
          const ticket = await this.o.tickets.open(e, target?.name ?? e.targetId);
          ticketId = ticket.id;
          ticketNumber = ticket.number;
        } else if (e.type === 'resolved' && this.o.tickets && ticketId) {
          await this.o.tickets.resolve(ticketId, e);
        }
      } catch (err) {
        this.o.onError?.(err);
      }
      await this.o.knex.transaction(async trx => {
        await trx('monitor_alert_events').insert({ rule_id: e.ruleId, target_id: e.targetId, type: e.type, at: e.at, severity: e.severity, message: e.message.slice(0, 500), silenced: e.silenced, ticket_id: ticketId });
        const resolved = e.type === 'resolved' || e.type === 'cancelled';
        await trx('monitor_alerts')
          .where({ rule_id: e.ruleId, target_id: e.targetId })
          .update(resolved ? { ticket_id: null, ticket_number: null, acknowledged_by: null, acknowledged_at: null } : { ticket_id: ticketId, ticket_number: ticketNumber });
        if (e.type === 'firing' || e.type === 'resolved') {
          await this.o.audit.append(trx, { actor: SYSTEM, action: `monitor.alert.${e.type}`, targetType: 'monitor-target', targetId: e.targetId, outcome: 'success', details: { rule: e.ruleId, severity: e.severity, message: e.message, silenced: e.silenced, ticket: ticketNumber } });
        }
      });
    }
    return events;
  }

  #status(t: TargetConfig, r: any): TargetStatus {
    return {
      id: t.id,
      name: t.name,
      kind: t.kind,
      owner: t.owner ?? 'group:default/ops-engineer',
      criticality: t.criticality ?? 'normal',
      status: r ? r.status : 'unknown',
      at: r?.at,
      latencyMs: r ? Number(r.latency_ms) : undefined,
      message: r?.message,
      detail: r ? (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) : undefined,
    };
  }

  /** Every target with its newest observation. */
  async targets(): Promise<TargetStatus[]> {
    const rows = new Map((await this.o.knex('monitor_observations').select()).map((r: any) => [r.target_id, r]));
    return this.o.targets.map(t => this.#status(t, rows.get(t.id)));
  }

  /** Alerts that are pending or firing (or all). */
  async alerts(all = false): Promise<AlertView[]> {
    let q = this.o.knex('monitor_alerts');
    if (!all) q = q.whereNot({ state: 'ok' });
    const rules = new Map(this.o.rules.map(r => [r.id, r]));
    return (await q.orderBy('since', 'desc')).map((r: any) => ({
      ruleId: r.rule_id,
      ruleName: rules.get(r.rule_id)?.name ?? r.rule_id,
      targetId: r.target_id,
      state: r.state,
      since: r.since,
      severity: rules.get(r.rule_id)?.severity ?? 'major',
      message: r.last_message ?? undefined,
      ticketId: r.ticket_id ?? undefined,
      ticketNumber: r.ticket_number ?? undefined,
      acknowledgedBy: r.acknowledged_by ?? undefined,
      acknowledgedAt: r.acknowledged_at ?? undefined,
    }));
  }

  /** The alert history, newest first. */
  async events(q: { targetId?: string; limit?: number }) {
    let query = this.o.knex('monitor_alert_events');
    if (q.targetId) query = query.where({ target_id: q.targetId });
    return (await query.orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 500))).map((r: any) => ({
      id: Number(r.id),
      ruleId: r.rule_id,
      targetId: r.target_id,
      type: r.type,
      at: r.at,
      severity: r.severity,
      message: r.message,
      silenced: !!r.silenced,
      ticketId: r.ticket_id ?? undefined,
    }));
  }

  /** An engineer takes a pending or firing alert. */
  async acknowledge(actor: string, ruleId: string, targetId: string): Promise<AlertView> {
    await this.o.knex.transaction(async trx => {
      const row = await trx('monitor_alerts').where({ rule_id: ruleId, target_id: targetId }).first();
      if (!row || row.state === 'ok') throw new ApiError('NOT_FOUND', 'No active alert of that rule and target');
      const at = this.now().toISOString();
      await trx('monitor_alerts').where({ rule_id: ruleId, target_id: targetId }).update({ acknowledged_by: actor, acknowledged_at: at });
      await this.o.audit.append(trx, { actor, action: 'monitor.alert.acknowledge', targetType: 'monitor-target', targetId, outcome: 'success', details: { rule: ruleId } });
    });
    return (await this.alerts(true)).find(a => a.ruleId === ruleId && a.targetId === targetId)!;
  }
}

/** Creates the monitor's tables. */
export async function createMonitorTables(knex: Knex): Promise<void> {
  await knex.schema.createTable('monitor_observations', t => {
    t.string('target_id', 64).primary();
    t.string('at', 32).notNullable();
    t.string('status', 8).notNullable();
    t.double('latency_ms').notNullable();
    t.text('message').notNullable();
    t.text('detail').notNullable();
  });
  await knex.schema.createTable('monitor_alerts', t => {
    t.string('rule_id', 64).notNullable();
    t.string('target_id', 64).notNullable();
    t.string('state', 8).notNullable();
    t.string('since', 32).notNullable();
    t.text('last_message').nullable();
    t.boolean('notified').notNullable().defaultTo(false);
    t.integer('ticket_id').nullable();
    t.string('ticket_number', 32).nullable();
    t.string('acknowledged_by', 255).nullable();
    t.string('acknowledged_at', 32).nullable();
    t.primary(['rule_id', 'target_id']);
  });
  await knex.schema.createTable('monitor_alert_events', t => {
    t.increments('id');
    t.string('rule_id', 64).notNullable();
    t.string('target_id', 64).notNullable();
    t.string('type', 16).notNullable();
    t.string('at', 32).notNullable();
    t.string('severity', 16).notNullable();
    t.text('message').notNullable();
    t.boolean('silenced').notNullable();
    t.integer('ticket_id').nullable();
    t.index(['target_id', 'id']);
  });
}
