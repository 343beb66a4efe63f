import { TRAINING_ERRORS, TRAINING_ERROR_REASONS, type TrainingErrorReason } from '@yinxin/plugin-training-common';

/** A refusal of the training API as its `error.details` carry it: the reason and both messages. */
export interface Refusal {
  reason?: string;
  zh: string;
  en: string;
}

const isReason = (v: unknown): v is TrainingErrorReason => typeof v === 'string' && (TRAINING_ERROR_REASONS as readonly string[]).includes(v);

/**
 * The refusal an API error carries in `details` (`{ reason, zh, en }`), if any. When only the
 * reason came, its message without parameters from the shared table.
 */
export function refusalOf(e: unknown): Refusal | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const details = (e as { details?: unknown }).details;
  if (!details || typeof details !== 'object') return undefined;
  const { reason, zh, en } = details as Record<string, unknown>;
  if (typeof zh === 'string' && zh && typeof en === 'string' && en) return { reason: typeof reason === 'string' ? reason : undefined, zh, en };
  if (isReason(reason)) return { reason, zh: TRAINING_ERRORS[reason].zh({}), en: TRAINING_ERRORS[reason].en({}) };
  return undefined;
}

/** The refusal's message in `lang`, or undefined when the error carries none (then use the shared error text). */
export function refusalText(e: unknown, lang: 'zh' | 'en'): string | undefined {
  return refusalOf(e)?.[lang];
}

/** The refusal reason of an API error (`SESSION_FULL`, `SELF_REVIEW` …), if any. */
export function reasonOf(e: unknown): string | undefined {
  return refusalOf(e)?.reason;
}
