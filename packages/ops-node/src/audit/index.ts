/**
 * Hash-chained, per-plugin audit log: records written in the same
 * transaction as the change they record, chained with SM3, verifiable
 * in process ({@link AuditLog.verify}) and from the command line
 * (`yinxin-audit-verify`).
 */
export { AuditLog, AuditWriteError } from './AuditLog';
export type { AuditLogOptions } from './AuditLog';
export {
  AUDIT_GENESIS_HASH,
  CanonicalJsonError,
  auditRecordCanonical,
  canonicalJson,
  checkpointSigningBytes,
  computeAuditRecordHash,
  sm3Hex,
} from './canonical';
export { AUDIT_MIGRATIONS_TABLE, migrateAuditLog } from './migrations';
export { AUDIT_VERIFY_PAGE_SIZE, verifyAuditLog } from './verify';
export type { VerifyAuditLogOptions } from './verify';
export { AUDIT_VERIFY_USAGE, runAuditVerifyCli } from './cli';
export type { AuditVerifyCliOutput } from './cli';
export {
  AUDIT_LIST_DEFAULT_LIMIT,
  AUDIT_LIST_MAX_LIMIT,
  AUDIT_OUTCOMES,
} from './types';
export type {
  AuditCheckpoint,
  AuditCheckpointSigner,
  AuditEntry,
  AuditListQuery,
  AuditOutcome,
  AuditRecord,
  AuditRecordContent,
  VerifyBreak,
  VerifyFailureReason,
  VerifyResult,
} from './types';
