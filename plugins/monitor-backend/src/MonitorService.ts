import type { Knex } from 'knex';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import type { AlertEventView, AvailabilityReport, CertificateExpiry, EventQuery, SilenceInput, SilenceView, TargetStatus, AlertView } from '@yinxin/plugin-monitor-common';
import {
  probeCertificateBundle,
  probeCrl,
  probeHttp,
  probeLdap,
  probeOcsp,
  probePostgres,
  probeTcp,
  probeTlsCertificate,
  probeTsa,
  scrapeMetrics,
  type ProbeResult,
} from '@yinxin/probes';
import { evaluateAlerts, type AlertEvent, type AlertRule, type AlertState, type Observation, type Silence } from './alerts/engine';
import { SampleStore, type SampleInput } from './series/SampleStore';
import type { AlertTickets } from './tickets/AlertTickets';
import { RosterPager, type Page } from './paging/RosterPager';
import { probeCertLife, probeKmcPool } from './targets/localProbes';
import { staticSource, type TargetConfig, type TargetProblem, type TargetSource } from './targets/sources';
import { availabilityOf, monthBounds, type Interval, type StatusChange } from './availability/availability';

export type { TargetConfig } from './targets/sources';

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
    case 'tsa':
      return probeTsa({ url: o.url, hash: o.hash, policy: o.policy, maxSkewSeconds: o.maxSkewSeconds, warnDays: o.warnDays }, opts);
    case 'cert-life':
      return probeCertLife(o, now);
    case 'kmc-pool':
      return probeKmcPool(o);
    case 'ca-api':
      return (o.outcome as ProbeResult | undefined) ?? { status: 'down', latencyMs: 0, message: 'the CA health report was not read', detail: {} };
    case 'scrape': {
      const { families: _families, ...r } = await scrapeMetrics({ url: o.url, bearerToken: o.bearerToken }, opts);
      return r;
    }
    default:
      return { status: 'down', latencyMs: 0, message: `unknown target kind ${String(t.kind)}`, detail: {} };
  }
}

const MAX_SILENCE_DAYS = 31;

/**
 * The monitor: lists the targets of its sources each round, probes every target, keeps the
 * newest observation, status changes (for availability) and time series (latency, up), evaluates
 * the alert rules under silences and maintenance windows, and turns firing and resolved alerts
 * into tickets; alert events, silences and acknowledgements go to the audit chain.
 */
export class MonitorService {
  readonly #listeners: Array<(changed: TargetStatus[]) => void> = [];
  readonly #sources: TargetSource[];
  #current: TargetConfig[] | undefined;
  #problems: TargetProblem[] = [];

  constructor(
    private readonly o: {
      knex: Knex;
      audit: AuditLog;
      store: SampleStore;
      tickets?: AlertTickets;
      /** pages the engineer on duty (a roster dispatch) when an alert of a paging severity fires */
      pager?: RosterPager;
      /** static targets (tests, benchmarks); with `sources`, listed first */
      targets?: TargetConfig[];
      sources?: TargetSource[];
      rules: AlertRule[];
      /** the 7×24 availability target, e.g. 0.999 */
      availabilityTarget?: number;
      clock?: () => Date;
      onError?: (e: unknown) => void;
    },
  ) {
    this.#sources = [...(o.targets ? [staticSource('config', o.targets)] : []), ...(o.sources ?? [])];
  }

  now(): Date {
    return (this.o.clock ?? (() => new Date()))();
  }

  /** Called with the targets whose status changed in a round. */
  onChange(listener: (changed: TargetStatus[]) => void) {
    this.#listeners.push(listener);
  }

  /** Re-reads every source: the first to name an id wins; a failing source keeps its last list. */
  async refreshTargets(now = this.now()): Promise<TargetConfig[]> {
    const seen = new Set<string>();
    const targets: TargetConfig[] = [];
    const problems: TargetProblem[] = [];
    for (const source of this.#sources) {
      let listed: { targets: TargetConfig[]; problems: TargetProblem[] };
      try {
        listed = await source.list(now);
      } catch (err) {
        problems.push({ source: source.name, ref: source.name, message: `source failed: ${(err as Error).message}` });
        listed = { targets: (this.#current ?? []).filter(t => (t.source ?? 'config').split(':')[0] === source.name), problems: [] };
      }
      problems.push(...listed.problems);
      for (const t of listed.targets) {
        if (seen.has(t.id)) {
          problems.push({ source: source.name, ref: t.source ?? t.id, message: `target id ${t.id} is already used; this one is ignored` });
          continue;
        }
        seen.add(t.id);
        targets.push(t);
      }
    }
    this.#current = targets;
    this.#problems = problems;
    return targets;
  }

  async #targetList(): Promise<TargetConfig[]> {
    return this.#current ?? this.refreshTargets();
  }

  /** Targets that could not be used, and why (bad catalog annotations, a failing source). */
  problems(): TargetProblem[] {
    return this.#problems;
  }

  /** A round asked for by a person (`POST /run`), recorded in the audit chain with what it found. */
  async runRequested(actor: string): Promise<AlertEvent[]> {
    const events = await this.runOnce();
    await this.o.knex.transaction(async trx =>
      this.o.audit.append(trx, { actor, action: 'monitor.run', targetType: 'monitor', targetId: null, outcome: 'success', details: { targets: (this.#current ?? []).length, events: events.length } }),
    );
    return events;
  }

  /** One round at `now`: the targets, every probe, then the alerts. Returns the alert events. */
  async runOnce(now = this.now()): Promise<AlertEvent[]> {
    const targets = await this.refreshTargets(now);
    const results = await Promise.all(
      targets.map(async t => {
        try {
          return { t, r: await runProbe(t, now) };
        } catch (err) {
          // probes never throw by contract; a bug or bad options must not stop the round
          return { t, r: { status: 'down' as const, latencyMs: 0, message: `probe failed: ${(err as Error).message}`.slice(0, 300), detail: {} } };
        }
      }),
    );
    const changed: TargetStatus[] = [];
    const samples: SampleInput[] = [];
    const previous = new Map((await this.o.knex('monitor_observations').select('target_id', 'status')).map((r: any) => [r.target_id, r.status]));
    for (const { t, r } of results) {
      const row = { target_id: t.id, at: now.toISOString(), status: r.status, latency_ms: r.latencyMs, message: r.message.slice(0, 500), detail: JSON.stringify(r.detail) };
      await this.o.knex('monitor_observations').insert(row).onConflict('target_id').merge();
      samples.push({ name: 'probe_latency_ms', labels: { target: t.id }, at: now.getTime(), value: r.latencyMs });
      samples.push({ name: 'probe_up', labels: { target: t.id }, at: now.getTime(), value: r.status === 'down' ? 0 : 1 });
      for (const [k, v] of Object.entries(r.detail)) if (typeof v === 'number' && Number.isFinite(v)) samples.push({ name: `probe_${k}`, labels: { target: t.id }, at: now.getTime(), value: v });
      if (previous.get(t.id) !== r.status) {
        changed.push(this.#status(t, row));
        await this.o.knex('monitor_status_changes').insert({ target_id: t.id, at: now.toISOString(), status: r.status, previous: previous.get(t.id) ?? null, message: r.message.slice(0, 500) });
      }
    }
    await this.o.store.append(samples);
    const events = await this.#evaluate(now, targets);
    if (changed.length) for (const l of this.#listeners) l(changed);
    return events;
  }

  async #evaluate(now: Date, targets: TargetConfig[]): Promise<AlertEvent[]> {
    const rows = await this.o.knex('monitor_alerts').select();
    const known = new Set(targets.map(t => t.id));
    const states: AlertState[] = rows.map((r: any) => ({ ruleId: r.rule_id, targetId: r.target_id, state: r.state, since: r.since, lastMessage: r.last_message ?? undefined, notified: !!r.notified }));
    const observations = new Map<string, Observation>();
    for (const r of await this.o.knex('monitor_observations').select()) {
      observations.set(r.target_id, { targetId: r.target_id, at: new Date(r.at), status: r.status, latencyMs: Number(r.latency_ms), message: r.message, detail: JSON.parse(r.detail) });
    }
    const { silences, maintenance } = await this.#silencesAt(now);
    const evaluated = evaluateAlerts({ rules: this.o.rules, states, observations, targets: [...known], silences, maintenance, now });
    const next = evaluated.states;
    const events = [...evaluated.events];
    // A target that left its source (a renewed certificate's old target, an entity removed from
    // the catalog): its alerts end.
    for (const r of rows as any[]) {
      if (known.has(r.target_id) || r.state === 'ok') continue;
      const rule = this.o.rules.find(x => x.id === r.rule_id);
      events.push({ type: r.state === 'firing' ? 'resolved' : 'cancelled', ruleId: r.rule_id, targetId: r.target_id, at: now.toISOString(), severity: rule?.severity ?? 'major', message: `${rule?.name ?? r.rule_id}: the target is no longer watched`, silenced: false });
      next.push({ ruleId: r.rule_id, targetId: r.target_id, state: 'ok', since: now.toISOString(), lastMessage: 'target removed', notified: false });
    }
    const byKey = new Map(rows.map((r: any) => [`${r.rule_id}\u0000${r.target_id}`, r]));
    for (const s of next) {
      const old: any = byKey.get(`${s.ruleId}\u0000${s.targetId}`);
      if (old && old.state === s.state && old.since === s.since && (old.last_message ?? undefined) === s.lastMessage && !!old.notified === !!s.notified) continue;
      await this.o.knex('monitor_alerts')
        .insert({ rule_id: s.ruleId, target_id: s.targetId, state: s.state, since: s.since, last_message: s.lastMessage?.slice(0, 1000) ?? null, notified: !!s.notified })
        .onConflict(['rule_id', 'target_id'])
        .merge(['state', 'since', 'last_message', 'notified']);
    }
    for (const e of events) {
      const row: any = byKey.get(`${e.ruleId}\u0000${e.targetId}`);
      let ticketId: number | null = row?.ticket_id ?? null;
      let ticketNumber: string | null = row?.ticket_number ?? null;
      let page: Page | undefined;
      const targetName = targets.find(t => t.id === e.targetId)?.name ?? e.targetId;
      try {
        if (e.type === 'firing' && !e.silenced && this.o.tickets && !ticketId) {
          const ticket = await this.o.tickets.open(e, targetName);
          ticketId = ticket.id;
          ticketNumber = ticket.number;
        } else if (e.type === 'resolved' && this.o.tickets && ticketId) {
          await this.o.tickets.resolve(ticketId, e);
        }
      } catch (err) {
        this.o.onError?.(err);
      }
      if (e.type === 'firing' && !e.silenced && this.o.pager?.pages(e.severity) && !row?.dispatch_id) {
        try {
          page = await this.o.pager.page(e, targetName, ticketId && ticketNumber ? { id: ticketId, number: ticketNumber } : undefined);
          if (ticketId) await this.o.tickets?.note(ticketId, RosterPager.note(page, e.severity)).catch(err => this.o.onError?.(err));
        } catch (err) {
          this.o.onError?.(err);
          if (ticketId) await this.o.tickets?.note(ticketId, `未能通过值班表派工：${(err as Error).message}。请值班主管人工安排。`).catch(x => this.o.onError?.(x));
        }
      }
      await this.o.knex.transaction(async trx => {
        await trx('monitor_alert_events').insert({ rule_id: e.ruleId, target_id: e.targetId, type: e.type, at: e.at, severity: e.severity, message: e.message.slice(0, 500), silenced: e.silenced, ticket_id: ticketId });
        const resolved = e.type === 'resolved' || e.type === 'cancelled';
        await trx('monitor_alerts')
          .where({ rule_id: e.ruleId, target_id: e.targetId })
          .update(
            resolved
              ? { ticket_id: null, ticket_number: null, acknowledged_by: null, acknowledged_at: null, dispatch_id: null, paged_to: null, page_deadline: null }
              : { ticket_id: ticketId, ticket_number: ticketNumber, ...(page ? { dispatch_id: page.dispatchId, paged_to: page.personName, page_deadline: page.deadlineAt } : {}) },
          );
        if (e.type === 'firing' || e.type === 'resolved') {
          await this.o.audit.append(trx, {
            actor: SYSTEM,
            action: `monitor.alert.${e.type}`,
            targetType: 'monitor-target',
            targetId: e.targetId,
            outcome: 'success',
            details: { rule: e.ruleId, severity: e.severity, message: e.message, silenced: e.silenced, ticket: ticketNumber, ...(page ? { dispatch: page.dispatchId, pagedTo: page.personName } : {}) },
          });
        }
      });
    }
    return events;
  }

  async #silencesAt(now: Date): Promise<{ silences: Silence[]; maintenance: Map<string, { from: Date; until: Date }[]> }> {
    const iso = now.toISOString();
    const rows = await this.o.knex('monitor_silences').whereNull('cancelled_at').where('starts_at', '<=', iso).where('ends_at', '>', iso);
    const silences: Silence[] = [];
    const maintenance = new Map<string, { from: Date; until: Date }[]>();
    for (const r of rows as any[]) {
      const w = { from: new Date(r.starts_at), until: new Date(r.ends_at) };
      if (r.kind === 'maintenance' && r.target_id) maintenance.set(r.target_id, [...(maintenance.get(r.target_id) ?? []), w]);
      else silences.push({ ruleId: r.rule_id ?? undefined, targetId: r.target_id ?? undefined, ...w });
    }
    return { silences, maintenance };
  }

  #status(t: TargetConfig, r: any): TargetStatus {
    return {
      id: t.id,
      name: t.name,
      kind: t.kind,
      owner: t.owner ?? 'group:default/ops-engineer',
      criticality: t.criticality ?? 'normal',
      source: t.source ?? 'config',
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
    return (await this.#targetList()).map(t => this.#status(t, rows.get(t.id)));
  }

  /** One target, or NOT_FOUND. */
  async target(id: string): Promise<TargetStatus> {
    const t = (await this.#targetList()).find(x => x.id === id);
    if (!t) throw new ApiError('NOT_FOUND', `No target ${id}`);
    return this.#status(t, await this.o.knex('monitor_observations').where({ target_id: id }).first());
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
      dispatchId: r.dispatch_id ?? undefined,
      pagedTo: r.paged_to ?? undefined,
      arrivalDeadline: r.page_deadline ?? undefined,
    }));
  }

  /** The alert rules in force. */
  rules(): AlertRule[] {
    return this.o.rules;
  }

  /** The alert history, newest first, filtered; page with `before` (the last id seen). */
  async events(q: EventQuery): Promise<AlertEventView[]> {
    let query = this.o.knex('monitor_alert_events');
    if (q.targetId) query = query.where({ target_id: q.targetId });
    if (q.ruleId) query = query.where({ rule_id: q.ruleId });
    if (q.type) query = query.where({ type: q.type });
    if (q.severity) query = query.where({ severity: q.severity });
    if (q.from) query = query.where('at', '>=', q.from);
    if (q.to) query = query.where('at', '<', q.to);
    if (q.before) query = query.where('id', '<', q.before);
    for (const word of (q.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5)) {
      const pattern = `%${word.replace(/[\\%_]/g, c => `\\${c}`)}%`;
      query = query.where(b => b.whereRaw("lower(message) like lower(?) escape '\\'", [pattern]).orWhereRaw("lower(target_id) like lower(?) escape '\\'", [pattern]));
    }
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

  // ---- silences and maintenance windows ------------------------------------------------------

  #silenceView(r: any, now: number): SilenceView {
    return {
      id: Number(r.id),
      kind: r.kind,
      ruleId: r.rule_id ?? undefined,
      targetId: r.target_id ?? undefined,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      reason: r.reason,
      createdBy: r.created_by,
      createdAt: r.created_at,
      cancelledBy: r.cancelled_by ?? undefined,
      cancelledAt: r.cancelled_at ?? undefined,
      active: !r.cancelled_at && Date.parse(r.starts_at) <= now && now < Date.parse(r.ends_at),
    };
  }

  /** Silences and maintenance windows: current and future ones, or all (newest first). */
  async silences(all = false): Promise<SilenceView[]> {
    const now = this.now();
    let q = this.o.knex('monitor_silences');
    if (!all) q = q.whereNull('cancelled_at').where('ends_at', '>', now.toISOString());
    return (await q.orderBy('id', 'desc').limit(500)).map((r: any) => this.#silenceView(r, now.getTime()));
  }

  /**
   * Records a silence (no tickets for matching alerts; the alerts still show) or a maintenance
   * window of one target (also left out of its availability). It must end in the future, after it
   * starts, within 31 days, and name a known rule and target.
   */
  async createSilence(actor: string, input: SilenceInput): Promise<SilenceView> {
    const now = this.now();
    const starts = Date.parse(input.startsAt);
    const ends = Date.parse(input.endsAt);
    if (!(ends > starts)) throw new ApiError('VALIDATION_FAILED', 'endsAt must be after startsAt');
    if (ends <= now.getTime()) throw new ApiError('VALIDATION_FAILED', 'endsAt is in the past');
    if (ends - starts > MAX_SILENCE_DAYS * 86_400_000) throw new ApiError('VALIDATION_FAILED', `a silence lasts at most ${MAX_SILENCE_DAYS} days`);
    if (input.kind === 'maintenance' && !input.targetId) throw new ApiError('VALIDATION_FAILED', 'a maintenance window names its target');
    if (input.kind === 'maintenance' && input.ruleId) throw new ApiError('VALIDATION_FAILED', 'a maintenance window covers every rule of its target: leave the rule out');
    if (input.kind === 'silence' && !input.targetId && !input.ruleId) throw new ApiError('VALIDATION_FAILED', 'a silence names a rule, a target or both');
    if (input.ruleId && !this.o.rules.some(r => r.id === input.ruleId)) throw new ApiError('NOT_FOUND', `No rule ${input.ruleId}`);
    if (input.targetId && !(await this.#targetList()).some(t => t.id === input.targetId)) throw new ApiError('NOT_FOUND', `No target ${input.targetId}`);
    const id = await this.o.knex.transaction(async trx => {
      const [row] = await trx('monitor_silences')
        .insert({ kind: input.kind, rule_id: input.ruleId ?? null, target_id: input.targetId ?? null, starts_at: new Date(starts).toISOString(), ends_at: new Date(ends).toISOString(), reason: input.reason, created_by: actor, created_at: now.toISOString() })
        .returning('id');
      const silenceId = Number(typeof row === 'object' ? row.id : row);
      await this.o.audit.append(trx, { actor, action: `monitor.${input.kind}.create`, targetType: 'monitor-silence', targetId: String(silenceId), outcome: 'success', details: { ...input } });
      return silenceId;
    });
    return this.#silenceView(await this.o.knex('monitor_silences').where({ id }).first(), now.getTime());
  }

  /** Ends a silence or maintenance window now. */
  async cancelSilence(actor: string, id: number): Promise<SilenceView> {
    const now = this.now();
    await this.o.knex.transaction(async trx => {
      const row = await trx('monitor_silences').where({ id }).first();
      if (!row) throw new ApiError('NOT_FOUND', `No silence ${id}`);
      if (row.cancelled_at || Date.parse(row.ends_at) <= now.getTime()) throw new ApiError('CONFLICT', 'This silence has already ended');
      await trx('monitor_silences').where({ id }).update({ cancelled_by: actor, cancelled_at: now.toISOString() });
      await this.o.audit.append(trx, { actor, action: `monitor.${row.kind}.cancel`, targetType: 'monitor-silence', targetId: String(id), outcome: 'success', details: { targetId: row.target_id, ruleId: row.rule_id } });
    });
    return this.#silenceView(await this.o.knex('monitor_silences').where({ id }).first(), now.getTime());
  }

  // ---- availability and certificate ends -----------------------------------------------------

  /**
   * Availability of every target in month `yyyy-mm` (China time) against the 7×24 target, up to
   * now for the current month, with its outages.
   */
  async availability(month: string): Promise<AvailabilityReport> {
    let bounds: Interval;
    try {
      bounds = monthBounds(month);
    } catch {
      throw new ApiError('VALIDATION_FAILED', 'month: yyyy-mm');
    }
    const until = Math.min(bounds.until, this.now().getTime());
    const goal = this.o.availabilityTarget ?? 0.999;
    const fromIso = new Date(bounds.from).toISOString();
    const untilIso = new Date(Math.max(until, bounds.from)).toISOString();
    const targets = await this.#targetList();
    const ids = targets.map(t => t.id);
    const inMonth = await this.o.knex('monitor_status_changes').whereIn('target_id', ids).where('at', '>=', fromIso).where('at', '<', untilIso).orderBy('id');
    const before = await this.o.knex('monitor_status_changes as c')
      .whereIn('c.target_id', ids)
      .where('c.id', this.o.knex('monitor_status_changes as d').max('d.id').where('d.target_id', this.o.knex.ref('c.target_id')).where('d.at', '<', fromIso));
    const windows = await this.o.knex('monitor_silences').where({ kind: 'maintenance' }).whereIn('target_id', ids).where('starts_at', '<', untilIso).where('ends_at', '>', fromIso);
    const changesOf = new Map<string, StatusChange[]>();
    for (const r of [...before, ...inMonth] as any[]) changesOf.set(r.target_id, [...(changesOf.get(r.target_id) ?? []), { at: Date.parse(r.at), status: r.status }]);
    const minutes = (ms: number) => Math.round(ms / 600) / 100;
    return {
      month,
      from: fromIso,
      until: untilIso,
      target: goal,
      targets: targets.map(t => {
        const maintenance = (windows as any[])
          .filter(w => w.target_id === t.id)
          .map(w => ({ from: Date.parse(w.starts_at), until: w.cancelled_at ? Math.min(Date.parse(w.ends_at), Date.parse(w.cancelled_at)) : Date.parse(w.ends_at) }));
        const a = availabilityOf(changesOf.get(t.id) ?? [], bounds.from, Math.max(until, bounds.from), maintenance);
        return {
          targetId: t.id,
          name: t.name,
          criticality: t.criticality ?? 'normal',
          ratio: a.ratio,
          observedMinutes: minutes(a.observedMs),
          maintenanceMinutes: minutes(a.maintenanceMs),
          downtimeMinutes: minutes(a.downMs),
          met: a.ratio === null ? null : a.ratio >= goal,
          outages: a.outages.map(o => ({ from: new Date(o.from).toISOString(), until: new Date(o.until).toISOString(), ongoing: o.ongoing, minutes: minutes(o.ms), maintenanceMinutes: minutes(o.maintenanceMs) })),
        };
      }),
    };
  }

  /** Every certificate end the monitor knows (CA service certificates, TLS endpoints, bundles), soonest first. */
  async certificateExpiries(): Promise<CertificateExpiry[]> {
    const now = this.now().getTime();
    const observations = new Map((await this.o.knex('monitor_observations').select()).map((r: any) => [r.target_id, r]));
    const out: CertificateExpiry[] = [];
    for (const t of await this.#targetList()) {
      const obs: any = observations.get(t.id);
      const detail = obs ? JSON.parse(obs.detail) : {};
      const o = t.options as Record<string, unknown>;
      const notAfter = t.kind === 'cert-life' ? (o.notAfter as string) : ['tls', 'certificate', 'tsa'].includes(t.kind) ? (detail.notAfter as string | undefined) : undefined;
      if (!notAfter || !Number.isFinite(Date.parse(notAfter))) continue;
      out.push({
        targetId: t.id,
        name: t.name,
        purpose: (o.purpose as string | undefined) ?? t.kind,
        algorithm: o.algorithm as string | undefined,
        serialHex: (o.serialHex as string | undefined) ?? (detail.serial as string | undefined),
        notAfter,
        daysLeft: Math.floor((Date.parse(notAfter) - now) / 86_400_000),
        status: obs?.status ?? 'unknown',
      });
    }
    return out.sort((a, b) => a.notAfter.localeCompare(b.notAfter));
  }
}

/** Creates every table of the monitor (tests and benchmarks; the plugin migrates step by step). */
export async function createMonitorTables(knex: Knex): Promise<void> {
  await createMonitorTablesV1(knex);
  await createMonitorTablesV2(knex);
  await createMonitorTablesV3(knex);
}

/** The third migration: who was paged for an alert (a roster dispatch). */
export async function createMonitorTablesV3(knex: Knex): Promise<void> {
  await knex.schema.alterTable('monitor_alerts', t => {
    t.string('dispatch_id', 36).nullable();
    t.string('paged_to', 255).nullable();
    t.string('page_deadline', 32).nullable();
  });
}

/** Tables of the first migration: observations, alerts, alert events. */
export async function createMonitorTablesV1(knex: Knex): Promise<void> {
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

/** Tables added in the second migration: status changes (availability) and silences. */
export async function createMonitorTablesV2(knex: Knex): Promise<void> {
  await knex.schema.createTable('monitor_status_changes', t => {
    t.increments('id');
    t.string('target_id', 64).notNullable();
    t.string('at', 32).notNullable();
    t.string('status', 8).notNullable();
    t.string('previous', 8).nullable();
    t.text('message').nullable();
    t.index(['target_id', 'at']);
  });
  await knex.schema.createTable('monitor_silences', t => {
    t.increments('id');
    t.string('kind', 16).notNullable();
    t.string('rule_id', 64).nullable();
    t.string('target_id', 64).nullable();
    t.string('starts_at', 32).notNullable();
    t.string('ends_at', 32).notNullable();
    t.text('reason').notNullable();
    t.string('created_by', 255).notNullable();
    t.string('created_at', 32).notNullable();
    t.string('cancelled_by', 255).nullable();
    t.string('cancelled_at', 32).nullable();
    t.index(['ends_at']);
  });
}
