/**
 * Machine-readable error codes returned by every yinxin API in `{ error: { code, message } }`.
 * The UI maps each code to a message in the user's language.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'PAYLOAD_TOO_LARGE',
  'UNKNOWN_CATEGORY',
  'ACCOUNT_LOCKED',
  'INVALID_CREDENTIALS',
  'AUDIT_WRITE_FAILED',
  'SELF_APPROVAL',
  'BAD_CSR',
  'LINT_FAILED',
  'KMC_POOL_EMPTY',
  'IDENTITY_NOT_VERIFIED',
  'UPSTREAM_UNAVAILABLE',
  'CA_REFUSED',
  'BAD_IMAGE',
  'BAD_SEAL',
  'SEAL_NOT_USABLE',
  'NOT_A_HOLDER',
  'USE_APPROVAL_REQUIRED',
  'BAD_FILE',
  'RANGE_NOT_SATISFIABLE',
  'PREVIEW_UNAVAILABLE',
  'TRAINER_NOT_QUALIFIED',
  'SESSION_FULL',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The JSON body of every error response. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
