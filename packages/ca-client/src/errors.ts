/**
 * Machine-readable reasons of a {@link TokenError}.
 *
 * - `PIN_INCORRECT`: wrong user PIN (SKF `SAR_PIN_INCORRECT` 0x0A000024); `remaining` tells the
 *   tries left.
 * - `PIN_LOCKED`: the user PIN is locked (SKF `SAR_PIN_LOCKED` 0x0A000025); even the right PIN is
 *   refused until the token is unblocked.
 * - `PIN_POLICY`: a new PIN breaks the rules (6 to 64 characters, GM/T 0016 §8.2.4).
 * - `ADMIN_LOCKED`: the unlock (admin) counter is spent; the token must be re-initialised and its
 *   certificates re-issued (GM/T 0016 §7.2).
 * - `UNLOCK_FAILED`: an unlock response was refused; `remaining` tells the unlock tries left.
 * - `UNLOCK_UNAVAILABLE`: the token holds no unlock key (nothing imported with one).
 * - `KEY_MISMATCH`: a certificate or envelope is not for this token's keys.
 * - `BAD_RESPONSE`: an issuance response that cannot be decoded or is incomplete.
 * - `NOT_ISSUED`: the operation needs a key or certificate the token does not have yet.
 * - `BAD_TOKEN_FILE`, `TOKEN_EXISTS`, `TOKEN_BUSY`: file problems.
 * - `BAD_INPUT`: an argument out of range.
 */
export type TokenErrorCode =
  | 'PIN_INCORRECT'
  | 'PIN_LOCKED'
  | 'PIN_POLICY'
  | 'ADMIN_LOCKED'
  | 'UNLOCK_FAILED'
  | 'UNLOCK_UNAVAILABLE'
  | 'KEY_MISMATCH'
  | 'BAD_RESPONSE'
  | 'NOT_ISSUED'
  | 'BAD_TOKEN_FILE'
  | 'TOKEN_EXISTS'
  | 'TOKEN_BUSY'
  | 'BAD_INPUT'
  /** seal-sign: the seal is applied with the platform's key, or the token's certificate is not one of its. */
  | 'SEAL_NOT_HOLDER_KEY'
  | 'SEAL_CERT_NOT_LISTED';

/** SKF (GM/T 0016) return codes for the PIN errors. */
export const SKF_CODES: Partial<Record<TokenErrorCode, number>> = {
  PIN_INCORRECT: 0x0a000024,
  PIN_LOCKED: 0x0a000025,
};

/** An error of the soft token. Messages never contain a PIN, a key or the unlock key. */
export class TokenError extends Error {
  /** Machine-readable reason. */
  readonly code: TokenErrorCode;
  /** Tries left: of the user PIN for `PIN_INCORRECT`, of the unlock counter for `UNLOCK_FAILED`. */
  readonly remaining?: number;
  /** The corresponding SKF return code, where there is one. */
  readonly skfCode?: number;

  constructor(code: TokenErrorCode, message: string, opts?: { remaining?: number; cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'TokenError';
    this.code = code;
    this.remaining = opts?.remaining;
    this.skfCode = SKF_CODES[code];
  }
}
