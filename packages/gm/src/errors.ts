/**
 * Error type of the GM library.
 *
 * Every decoder of outside data (certificates, CSRs, CRLs, envelopes, ciphertexts, PEM) throws
 * only {@link GmError}; any lower-level failure is converted at the boundary.
 */

/** Machine-readable reason of a {@link GmError}. */
export type GmErrorCode =
  /** The input is not what it claims to be (bad DER, bad PEM, bad field value). */
  | 'GM_DECODE'
  /** An integrity check failed (AEAD tag, SM2 ciphertext hash). */
  | 'GM_VERIFY'
  /** A private key does not match the public key it came with. */
  | 'GM_KEY_MISMATCH'
  /** The input is larger than the configured limit. */
  | 'GM_TOO_LARGE'
  /** A well-formed input or argument that this library does not support. */
  | 'GM_UNSUPPORTED'
  /** An OCSP request that is malformed or asks for something unsupported (answer `malformedRequest`). */
  | 'GM_BAD_OCSP_REQUEST'
  /** TimeStampReq: unsupported hash algorithm (answer PKIFailureInfo `badAlg`). */
  | 'GM_TSP_BAD_ALG'
  /** A seal signature was refused: the seal does not verify, is outside its validity, or the signer is not listed. */
  | 'GM_SEAL_REFUSED'
  /** TimeStampReq: not a valid request, bad version, wrong imprint length (answer `badDataFormat`). */
  | 'GM_TSP_BAD_DATA_FORMAT'
  /** TimeStampReq: the requested policy is not one the TSA accepts (answer `unacceptedPolicy`). */
  | 'GM_TSP_UNACCEPTED_POLICY'
  /** TimeStampReq: carries extensions, none of which the TSA supports (answer `unacceptedExtension`). */
  | 'GM_TSP_UNACCEPTED_EXTENSION';

/** The only error type thrown by this library for bad input. */
export class GmError extends Error {
  /** Machine-readable reason. */
  readonly code: GmErrorCode;

  /**
   * @param code - machine-readable reason
   * @param message - human-readable detail (never contains key material)
   * @param options - optional underlying cause
   */
  constructor(code: GmErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GmError';
    this.code = code;
  }
}

/**
 * Runs a decoder and converts anything that is not a {@link GmError} into `GM_DECODE`.
 * @internal
 */
export function guardDecode<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof GmError) throw e;
    throw new GmError('GM_DECODE', `${what}: malformed input`, { cause: e });
  }
}

/**
 * Throws `GM_TOO_LARGE` when `length` exceeds `max`.
 * @internal
 */
export function checkSize(what: string, length: number, max: number): void {
  if (length > max) {
    throw new GmError('GM_TOO_LARGE', `${what}: ${length} bytes exceeds the limit of ${max}`);
  }
}
