import { useCallback } from 'react';
import { ApiCallError, ERROR_MESSAGES } from './api';
import { useLabel } from './i18n';

/**
 * Turns any error from an API call into a message in the user's language (from `ERROR_MESSAGES`);
 * a validation error also carries the server's detail, which names the offending field.
 */
export function useErrorText(): (e: unknown) => string {
  const label = useLabel();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiCallError) {
        const base = label(ERROR_MESSAGES[e.code] ?? ERROR_MESSAGES.INTERNAL);
        return e.code === 'VALIDATION_FAILED' && e.message ? `${base}（${e.message}）` : base;
      }
      return label(ERROR_MESSAGES.INTERNAL);
    },
    [label],
  );
}
