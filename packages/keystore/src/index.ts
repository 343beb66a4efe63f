/**
 * `@yinxin/keystore` — the software keystore shared by the plugins that hold service keys (CA,
 * OCSP, TSA, seal maker, seal status, organisation seal keys): a master key that seals secrets
 * with SM4-GCM, and a table of sealed private keys opened only to sign.
 *
 * @packageDocumentation
 */
export { SealingKey, loadMasterKey } from './SealingKey';
export { Keystore, createKeyTable, type KeyAlgorithm, type KeystoreOptions } from './Keystore';
