import { ApiCallError } from '@yinxin/ops-react';

/**
 * A refusal made in the browser (a ticket number that names no ticket), shown like the backend's:
 * an `ApiCallError` whose `details` carry the message in both languages.
 */
export function localRefusal(message: { zh: string; en: string }): ApiCallError {
  return new ApiCallError(404, 'NOT_FOUND', message.en, { ...message });
}
