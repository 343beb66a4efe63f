import { ApiError } from '@yinxin/ops-node';
import { TRAINING_ERRORS, trainingErrorMessage, type TrainingErrorParams, type TrainingErrorReason } from '@yinxin/plugin-training-common';

/**
 * The refusal for `reason`: an {@link ApiError} with the portal-wide code the reason maps to
 * today, the message in Chinese and English, and `details: { reason, zh, en, ...facts }` so that
 * clients can tell refusals apart until dedicated codes exist.
 */
export function refuse(reason: TrainingErrorReason, params: TrainingErrorParams = {}, facts: Record<string, unknown> = {}): ApiError {
  const { zh, en, message } = trainingErrorMessage(reason, params);
  return new ApiError(TRAINING_ERRORS[reason].code, message, { reason, zh, en, ...facts });
}

/** The reason carried by an error from {@link refuse}, if any. */
export function reasonOf(e: unknown): TrainingErrorReason | undefined {
  if (!(e instanceof ApiError)) return undefined;
  const d = e.details as { reason?: TrainingErrorReason } | undefined;
  return d?.reason;
}
