/**
 * The alert engine: a pure function from the rules, the alerts' current states, the newest
 * observation of each target and "now" to the next states and the events to act on (open or update
 * a ticket when an alert fires, close the loop when it resolves). No clock of its own, no I/O: the
 * plugin calls it on its schedule and stores what it returns, so that behaviour over time is tested
 * with an injected clock.
 *
 * - A rule's condition is checked per target: a probe status (`down`, or `warning` and worse), a
 *   threshold on a numeric detail (`daysLeft < 30`, `latencyMs > 2000`), or absence (no observation
 *   for `absenceSeconds`).
 * - `ok` → `pending` when the condition first holds; `pending` → `firing` once it has held for
 *   `forSeconds` (0: at once); back to `ok` when it stops holding (a `resolved` event if it fired).
 * - One alert per rule and target: a firing alert fires once until it resolves (deduplication).
 * - Silences and maintenance windows keep the state machine running but mark its events
 *   `silenced`, so that no ticket is opened for them; an alert still firing when its silence ends
 *   is announced then (`firing`, not silenced).
 */

/** A probe's verdict, as the engine sees it. */
export type ProbeStatus = 'up' | 'warning' | 'down';

/** The newest observation of a target. */
export interface Observation {
  targetId: string;
  at: Date;
  status: ProbeStatus;
  latencyMs?: number;
  /** the probe's one-line account, quoted in status alerts */
  message?: string;
  detail?: Record<string, string | number | boolean>;
}

/** How bad an alert is; maps to ticket priority. */
export type Severity = 'critical' | 'major' | 'minor' | 'info';

/** An alert rule. */
export interface AlertRule {
  id: string;
  name: string;
  /** the targets it watches: ids, or `*` for all */
  targets: readonly string[] | '*';
  condition:
    | { kind: 'status'; atLeast: 'warning' | 'down'; /** and no worse than this (a warning rule that leaves `down` to its own rule) */ atMost?: 'warning' | 'down' }
    | { kind: 'threshold'; field: 'latencyMs' | string; op: '>' | '>=' | '<' | '<='; value: number }
    | { kind: 'absence'; absenceSeconds: number };
  /** how long the condition must hold before the alert fires */
  forSeconds: number;
  severity: Severity;
}

/** The state of one alert (rule × target). */
export interface AlertState {
  ruleId: string;
  targetId: string;
  state: 'ok' | 'pending' | 'firing';
  /** when the current state began */
  since: string;
  /** what the condition saw last */
  lastMessage?: string;
  /** a firing alert was announced (a ticket opened); false while it fired under a silence */
  notified?: boolean;
}

/** A silence: no tickets for matching alerts between `from` and `until`. */
export interface Silence {
  ruleId?: string;
  targetId?: string;
  from: Date;
  until: Date;
}

/** What happened in one evaluation. */
export interface AlertEvent {
  type: 'pending' | 'firing' | 'resolved' | 'cancelled';
  ruleId: string;
  targetId: string;
  at: string;
  severity: Severity;
  message: string;
  /** under a silence or maintenance window: record it, open no ticket */
  silenced: boolean;
}

const RANK: Record<ProbeStatus, number> = { up: 0, warning: 1, down: 2 };
const key = (ruleId: string, targetId: string) => `${ruleId}\u0000${targetId}`;

/** Whether the rule's condition holds for a target now; with the reason shown in events. */
export function conditionHolds(rule: AlertRule, obs: Observation | undefined, now: Date): { holds: boolean; message: string } {
  const c = rule.condition;
  if (c.kind === 'absence') {
    if (!obs) return { holds: true, message: 'no observation yet' };
    const age = (now.getTime() - obs.at.getTime()) / 1000;
    return age > c.absenceSeconds ? { holds: true, message: `no observation for ${Math.floor(age)} s` } : { holds: false, message: 'observed' };
  }
  if (!obs) return { holds: false, message: 'no observation yet' };
  if (c.kind === 'status') {
    const holds = RANK[obs.status] >= RANK[c.atLeast] && (c.atMost === undefined || RANK[obs.status] <= RANK[c.atMost]);
    return { holds, message: obs.message ? `status ${obs.status} — ${obs.message}` : `status ${obs.status}` };
  }
  const raw = c.field === 'latencyMs' ? obs.latencyMs : obs.detail?.[c.field];
  if (typeof raw !== 'number' || Number.isNaN(raw)) return { holds: false, message: `${c.field} not reported` };
  const holds = c.op === '>' ? raw > c.value : c.op === '>=' ? raw >= c.value : c.op === '<' ? raw < c.value : raw <= c.value;
  return { holds, message: `${c.field} = ${raw} (${c.op} ${c.value})` };
}

/**
 * One evaluation.
 * @param input - rules, the current alert states, the newest observation per target, the known
 *   targets, silences, maintenance windows per target, and now
 * @returns the next states (every rule × target pair, `ok` ones included) and the events
 */
export function evaluateAlerts(input: {
  rules: readonly AlertRule[];
  states: readonly AlertState[];
  observations: ReadonlyMap<string, Observation>;
  targets: readonly string[];
  silences?: readonly Silence[];
  maintenance?: ReadonlyMap<string, readonly { from: Date; until: Date }[]>;
  now: Date;
}): { states: AlertState[]; events: AlertEvent[] } {
  const { now } = input;
  const t = now.getTime();
  const previous = new Map(input.states.map(s => [key(s.ruleId, s.targetId), s]));
  const states: AlertState[] = [];
  const events: AlertEvent[] = [];
  for (const rule of input.rules) {
    const targets = rule.targets === '*' ? input.targets : rule.targets.filter(id => input.targets.includes(id));
    for (const targetId of targets) {
      const prev = previous.get(key(rule.id, targetId)) ?? { ruleId: rule.id, targetId, state: 'ok' as const, since: now.toISOString() };
      const { holds, message } = conditionHolds(rule, input.observations.get(targetId), now);
      const silenced =
        (input.silences ?? []).some(s => (!s.ruleId || s.ruleId === rule.id) && (!s.targetId || s.targetId === targetId) && s.from.getTime() <= t && t < s.until.getTime()) ||
        (input.maintenance?.get(targetId) ?? []).some(w => w.from.getTime() <= t && t < w.until.getTime());
      const event = (type: AlertEvent['type']) => events.push({ type, ruleId: rule.id, targetId, at: now.toISOString(), severity: rule.severity, message: `${rule.name}: ${message}`, silenced });
      let next: AlertState = { ...prev, lastMessage: message };
      if (holds) {
        if (prev.state === 'ok') {
          next = { ...next, state: 'pending', since: now.toISOString() };
          if (rule.forSeconds > 0) event('pending');
        }
        if (next.state === 'pending' && t - Date.parse(next.since) >= rule.forSeconds * 1000) {
          next = { ...next, state: 'firing', since: now.toISOString(), notified: !silenced };
          event('firing');
        } else if (next.state === 'firing' && !next.notified && !silenced) {
          next = { ...next, notified: true };
          event('firing');
        }
      } else if (prev.state !== 'ok') {
        event(prev.state === 'firing' ? 'resolved' : 'cancelled');
        next = { ...next, state: 'ok', since: now.toISOString(), notified: false };
      }
      states.push(next);
    }
  }
  return { states, events };
}
