import type { WorkingCalendar } from '@yinxin/ops-node';
import type { Kind, Priority } from '@yinxin/plugin-tickets-common';

/** A target: a number of working days (the submission day counts) or of business hours. */
export type SlaTarget = { workingDays: number } | { businessHours: number };

/** Targets of the two clocks of a ticket: first response, and resolution plan. */
export interface SlaTargets {
  response: SlaTarget;
  plan: SlaTarget;
}

/**
 * The contract's targets: a response and a resolution plan within 2 working days of submission
 * (the day of submission counts); items of a problem list get their plan within 5 working days.
 * Urgent and high tickets are held to tighter targets by default; all are configurable.
 */
export const DEFAULT_SLA_POLICY: { byPriority: Record<Priority, SlaTargets>; problem: SlaTargets } = {
  byPriority: {
    urgent: { response: { businessHours: 2 }, plan: { workingDays: 1 } },
    high: { response: { workingDays: 1 }, plan: { workingDays: 2 } },
    normal: { response: { workingDays: 2 }, plan: { workingDays: 2 } },
    low: { response: { workingDays: 2 }, plan: { workingDays: 2 } },
  },
  problem: { response: { workingDays: 2 }, plan: { workingDays: 5 } },
};

/** The SLA policy in force. */
export type SlaPolicy = typeof DEFAULT_SLA_POLICY;

/** The deadline of `target` for a clock started at `start`. */
export function deadlineFor(calendar: WorkingCalendar, start: Date, target: SlaTarget): Date {
  return 'workingDays' in target
    ? calendar.deadlineByWorkingDays(start, target.workingDays)
    : calendar.deadlineByBusinessHours(start, target.businessHours);
}

/** Both deadlines of a new ticket. */
export function initialDeadlines(
  calendar: WorkingCalendar,
  policy: SlaPolicy,
  ticket: { priority: Priority; kind: Kind; createdAt: Date },
): { responseDueAt: Date; planDueAt: Date } {
  const targets = ticket.kind === 'problem' ? policy.problem : policy.byPriority[ticket.priority];
  return {
    responseDueAt: deadlineFor(calendar, ticket.createdAt, targets.response),
    planDueAt: deadlineFor(calendar, ticket.createdAt, targets.plan),
  };
}

/**
 * Deadlines after a pause (waiting for the requester) from `pausedSince` to `resumedAt`: each
 * unmet deadline moves later by the business time the pause covered.
 */
export function resumeDeadline(
  calendar: WorkingCalendar,
  dueAt: Date,
  pausedSince: Date,
  resumedAt: Date,
): Date {
  const paused = calendar.businessMillisBetween(pausedSince, resumedAt);
  return paused > 0 ? calendar.extendByBusinessMillis(dueAt, paused) : dueAt;
}

/** Reads a policy from configuration objects, falling back to the defaults per entry. */
export function readSlaPolicy(raw: unknown): SlaPolicy {
  const policy: SlaPolicy = JSON.parse(JSON.stringify(DEFAULT_SLA_POLICY));
  if (!raw || typeof raw !== 'object') return policy;
  const parseTarget = (t: unknown): SlaTarget | undefined => {
    if (t === undefined || t === null) return undefined;
    if (typeof t !== 'object' || Array.isArray(t))
      throw new Error(`Invalid SLA target ${JSON.stringify(t)}: use { workingDays: n>=1 } or { businessHours: h>0 }`);
    const o = t as Record<string, unknown>;
    if (typeof o.workingDays === 'number' && Number.isInteger(o.workingDays) && o.workingDays >= 1)
      return { workingDays: o.workingDays };
    if (typeof o.businessHours === 'number' && o.businessHours > 0) return { businessHours: o.businessHours };
    throw new Error(`Invalid SLA target ${JSON.stringify(t)}: use { workingDays: n>=1 } or { businessHours: h>0 }`);
  };
  // A misspelt or mistyped entry must not silently leave the contract's defaults in force.
  const requireObject = (value: unknown, where: string): Record<string, unknown> => {
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error(`Invalid SLA policy entry ${where}: expected an object, got ${JSON.stringify(value)}`);
    return value as Record<string, unknown>;
  };
  const r = raw as Record<string, Record<string, unknown>>;
  const byPriority = r.byPriority === undefined ? {} : requireObject(r.byPriority, 'byPriority');
  for (const [key, targets] of Object.entries(byPriority)) {
    if (!Object.prototype.hasOwnProperty.call(policy.byPriority, key)) throw new Error(`Unknown priority ${key} in SLA policy`);
    const t = requireObject(targets, `byPriority.${key}`);
    const p = policy.byPriority[key as Priority];
    p.response = parseTarget(t.response) ?? p.response;
    p.plan = parseTarget(t.plan) ?? p.plan;
  }
  if (r.problem !== undefined) {
    requireObject(r.problem, 'problem');
    policy.problem.response = parseTarget(r.problem.response) ?? policy.problem.response;
    policy.problem.plan = parseTarget(r.problem.plan) ?? policy.problem.plan;
  }
  return policy;
}
