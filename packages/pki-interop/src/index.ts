/**
 * Test support: independent checks of yinxin's PKI artifacts with BouncyCastle (Java) and
 * OpenSSL, and the third-party interop corpus. Never used at runtime.
 *
 * @packageDocumentation
 */
export { bcCheck, bcCompile } from './bouncyCastle';
export type { BcResult } from './bouncyCastle';
export { opensslVerify, runOpenssl, SM2_DEFAULT_ID } from './openssl';
export type { ExecResult } from './exec';
export { interopDir, interopFile, interopPath } from './interop';
