import type { ErrorCode } from '@yinxin/ops-common';
import { ApiError } from '@yinxin/ops-node';
import { ROSTER_REFUSALS, type RosterRefusal } from '@yinxin/plugin-roster-common';

/**
 * The refusal for `reason`: an {@link ApiError} with the portal-wide code the reason maps to, the
 * English message, and `details: { reason, zh, en, ...facts }` for the UI.
 */
export function refuse(reason: RosterRefusal, facts: Record<string, unknown> = {}): ApiError {
  const spec = ROSTER_REFUSALS[reason];
  return new ApiError(spec.code as ErrorCode, spec.en, { reason, zh: spec.zh, en: spec.en, ...facts });
}
