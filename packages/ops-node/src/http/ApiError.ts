import type { ErrorCode, ApiErrorBody } from '@yinxin/ops-common';

/** HTTP status for each machine-readable error code. */
const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_CATEGORY: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ACCOUNT_LOCKED: 423,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  AUDIT_WRITE_FAILED: 500,
  SELF_APPROVAL: 403,
  BAD_CSR: 400,
  LINT_FAILED: 422,
  KMC_POOL_EMPTY: 503,
  IDENTITY_NOT_VERIFIED: 409,
  UPSTREAM_UNAVAILABLE: 503,
  CA_REFUSED: 422,
  BAD_IMAGE: 400,
  BAD_SEAL: 400,
  SEAL_NOT_USABLE: 409,
  NOT_A_HOLDER: 403,
  USE_APPROVAL_REQUIRED: 403,
  BAD_FILE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  PREVIEW_UNAVAILABLE: 503,
  TRAINER_NOT_QUALIFIED: 422,
  SESSION_FULL: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * An error that an API handler throws to answer with a 4xx/5xx status, a machine-readable code
 * and a message; the router turns it into `{ error: { code, message, details } }`.
 */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS[code];
  }

  /** The JSON body sent to the client. */
  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}
