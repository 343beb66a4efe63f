/**
 * `@yinxin/ca-client` — the reference client of the yinxin CA: {@link SoftToken}, a file-based
 * SM2 soft token modelled on a GM/T 0016 (SKF) USB key; {@link CaClient}, a small client of the CA
 * API for enrolment and USB-key PIN unlock; {@link SealClient}, of the seal API for holder-key seals
 * applied with the token; and the `yinxin-token` command ({@link runTokenCli}).
 *
 * @packageDocumentation
 */
export {
  SoftToken,
  UNLOCK_RESPONSE_MAGIC,
  validatePin,
  type SoftTokenCreateOptions,
  type SoftTokenStatus,
  type PinInfo,
  type PinVerifyResult,
  type ImportResult,
  type KeyCheck,
  type TokenCheckReport,
  type TokenCertificateInfo,
} from './SoftToken';
export { TokenError, SKF_CODES, type TokenErrorCode } from './errors';
export {
  CaClient,
  SealClient,
  type HeldSeal,
  CaApiError,
  signIn,
  backendBaseOf,
  type CaClientOptions,
  type PollOptions,
  type SignInResult,
} from './CaClient';
export { runTokenCli, TOKEN_CLI_USAGE, type TokenCliIo } from './cli';
