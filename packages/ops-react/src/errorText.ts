import { useCallback } from 'react';
import { ApiCallError, ERROR_MESSAGES } from './api';
import { useLabel } from './i18n';

/**
 * Turns any error from an API call into a message in the user's language: the server's own
 * explanation when it gives one in both languages (`details: { zh, en }`, e.g. which trainer
 * requirement fails, why a swap is refused), else the code's message from `ERROR_MESSAGES`; a
 * validation error also carries the server's detail, which names the offending field.
 */
export function useErrorText(): (e: unknown) => string {
  const label = useLabel();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiCallError) {
        const d = e.details as { zh?: unknown; en?: unknown } | undefined;
        if (d && typeof d.zh === 'string' && typeof d.en === 'string') return label({ zh: d.zh, en: d.en });
        const base = label(ERROR_MESSAGES[e.code] ?? ERROR_MESSAGES.INTERNAL);
        return e.code === 'VALIDATION_FAILED' && e.message ? `${base}（${e.message}）` : base;
      }
      return label(ERROR_MESSAGES.INTERNAL);
    },
    [label],
  );
}

/**
 * The reason a refusal carries in `details.reason` (`SELF_APPROVAL`, `SESSION_FULL` …), for
 * `data-reason` attributes and tests; undefined for other errors.
 */
export function errorReason(e: unknown): string | undefined {
  const details = (e as { details?: unknown } | null | undefined)?.details;
  const reason = details && typeof details === 'object' ? (details as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' ? reason : undefined;
}
