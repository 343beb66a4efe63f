/**
 * Local accounts for the Backstage auth plugin.
 *
 * @packageDocumentation
 */
export { authModuleLocalProvider as default } from './module';
export { AccountStore, migrateAccountStore } from './AccountStore';
export type { Account, LockoutPolicy, PasswordCheck } from './AccountStore';
export { hashPassword, verifyPassword, passwordPolicyViolation, generatePassword } from './password';
export { createLocalProviderFactory, SESSION_COOKIE } from './localProvider';
