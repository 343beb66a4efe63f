/**
 * Backend plugin `ca`: SM2 and RSA certificate authority, RA workflow, KMC, USB-key unlock.
 *
 * @packageDocumentation
 */
export { caPlugin as default, lastCaApi } from './plugin';
export { KmcService } from './kmc/KmcService';
export type { KmcGateway, ApplyKeyRequest, RestoreKeyRequest, RevokeKeyRequest, RetKeyResponse } from './kmc/KmcService';
export { UNLOCK_RESPONSE_MAGIC, unlockResponsePlaintext } from './unlock/UnlockService';
export { lintCertificate } from './profiles/lint';
export { CERTIFICATE_PROFILES, DEFAULT_APPLICATION_PROFILES } from './profiles/profiles';
