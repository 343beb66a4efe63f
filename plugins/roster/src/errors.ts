import { ROSTER_REFUSALS, type RosterRefusal } from '@yinxin/plugin-roster-common';

/**
 * The roster's own message of a refusal, in `lang`: the backend sends `error.details` as
 * `{ reason, zh, en, … }` (see `refusals.ts` of roster-common); a known reason without the texts
 * takes them from the shared table. Undefined for errors that are not roster refusals.
 */
export function refusalMessage(e: unknown, lang: 'zh' | 'en'): string | undefined {
  const details = (e as { details?: unknown } | undefined)?.details as { reason?: unknown; zh?: unknown; en?: unknown } | undefined;
  if (!details || typeof details !== 'object') return undefined;
  const own = details[lang];
  if (typeof own === 'string' && own) return own;
  const reason = details.reason;
  if (typeof reason === 'string' && reason in ROSTER_REFUSALS) return ROSTER_REFUSALS[reason as RosterRefusal][lang];
  return undefined;
}

/** The refusal reason of an error (`SELF_APPROVAL`), for `data-reason` attributes and tests. */
export function refusalReason(e: unknown): string | undefined {
  const reason = ((e as { details?: { reason?: unknown } } | undefined)?.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * A refusal made in the browser (a ticket number that names no ticket), shown like the backend's:
 * an error whose `details` carry the message in both languages.
 */
export function localRefusal(message: { zh: string; en: string }): Error & { details: { zh: string; en: string } } {
  return Object.assign(new Error(message.en), { details: { ...message } });
}
