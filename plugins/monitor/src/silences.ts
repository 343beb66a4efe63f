import type { SilenceInput, SilenceView } from '@yinxin/plugin-monitor-common';
import { cstLocalToIso, isoToCstLocal } from './time';

/** Where a silence or maintenance window stands: ended early, in force, yet to start, or over. */
export type SilenceState = 'cancelled' | 'active' | 'scheduled' | 'ended';

/** The state of a silence at `now`. */
export function silenceState(s: Pick<SilenceView, 'startsAt' | 'endsAt' | 'cancelledAt'>, now: number): SilenceState {
  if (s.cancelledAt) return 'cancelled';
  if (now >= Date.parse(s.endsAt)) return 'ended';
  return now >= Date.parse(s.startsAt) ? 'active' : 'scheduled';
}

/** True while a silence may still be ended by hand (the API refuses ended or cancelled ones). */
export function cancellable(s: Pick<SilenceView, 'startsAt' | 'endsAt' | 'cancelledAt'>, now: number): boolean {
  const state = silenceState(s, now);
  return state === 'active' || state === 'scheduled';
}

/** The silence dialog's fields: times are datetime-local values in China time. */
export interface SilenceForm {
  kind: SilenceInput['kind'];
  ruleId: string;
  targetId: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

/** The fields of a {@link SilenceForm} that can be wrong. */
export type SilenceField = Exclude<keyof SilenceForm, 'kind'>;

/** Why a field is refused (message ids). */
export type SilenceProblem = 'required' | 'maintenanceNeedsTarget' | 'silenceNeedsScope' | 'badTime' | 'endBeforeStart' | 'endInPast' | 'tooLong' | 'reasonLength';

/** The longest silence the API takes, in days. */
export const MAX_SILENCE_DAYS = 31;

/** Default length of a new silence. */
const DEFAULT_HOURS = 2;

/** A new dialog's values: from now (to the minute, China time) for two hours, with what the page knows (a target, a kind). */
export function newSilenceForm(now: number, prefill: Partial<Pick<SilenceForm, 'kind' | 'ruleId' | 'targetId'>> = {}): SilenceForm {
  const start = Math.floor(now / 60_000) * 60_000;
  return {
    kind: prefill.kind ?? 'silence',
    ruleId: prefill.ruleId ?? '',
    targetId: prefill.targetId ?? '',
    startsAt: isoToCstLocal(new Date(start).toISOString()),
    endsAt: isoToCstLocal(new Date(start + DEFAULT_HOURS * 3_600_000).toISOString()),
    reason: '',
  };
}

/**
 * The problems of the form at `now`, by field, as the backend would see them: a maintenance
 * window names its target, a silence a rule or a target; both times are real, the end after the
 * start and in the future, at most 31 days apart; the reason is 2–500 characters.
 */
export function silenceProblems(form: SilenceForm, now: number): Partial<Record<SilenceField, SilenceProblem>> {
  const out: Partial<Record<SilenceField, SilenceProblem>> = {};
  if (form.kind === 'maintenance' && !form.targetId) out.targetId = 'maintenanceNeedsTarget';
  if (form.kind === 'silence' && !form.targetId && !form.ruleId) out.ruleId = 'silenceNeedsScope';
  const start = cstLocalToIso(form.startsAt);
  const end = cstLocalToIso(form.endsAt);
  if (!form.startsAt.trim()) out.startsAt = 'required';
  else if (!start) out.startsAt = 'badTime';
  if (!form.endsAt.trim()) out.endsAt = 'required';
  else if (!end) out.endsAt = 'badTime';
  else if (start && Date.parse(end) <= Date.parse(start)) out.endsAt = 'endBeforeStart';
  else if (Date.parse(end) <= now) out.endsAt = 'endInPast';
  else if (start && Date.parse(end) - Date.parse(start) > MAX_SILENCE_DAYS * 86_400_000) out.endsAt = 'tooLong';
  const reason = form.reason.trim();
  if (!reason) out.reason = 'required';
  else if (reason.length < 2 || reason.length > 500) out.reason = 'reasonLength';
  return out;
}

/** The body of `POST /silences` for a form without problems (a maintenance window covers its whole target: no rule). */
export function silenceInputOf(form: SilenceForm): SilenceInput {
  return {
    kind: form.kind,
    ...(form.kind === 'silence' && form.ruleId ? { ruleId: form.ruleId } : {}),
    ...(form.targetId ? { targetId: form.targetId } : {}),
    startsAt: cstLocalToIso(form.startsAt) ?? form.startsAt,
    endsAt: cstLocalToIso(form.endsAt) ?? form.endsAt,
    reason: form.reason.trim(),
  };
}
