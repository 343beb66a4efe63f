/**
 * Test support: independent checks of yinxin's PKI artifacts with BouncyCastle and OpenSSL.
 *
 * @packageDocumentation
 */
export { bcCheck, interopFile, opensslVerify, runOpenssl } from './bouncyCastle';
export type { BcResult } from './bouncyCastle';
