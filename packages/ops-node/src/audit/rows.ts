import { AUDIT_OUTCOMES, AuditOutcome, AuditRecord } from './types';

/**
 * A row of `audit_log` as a database driver returns it. `seq` arrives as a
 * number (SQLite), a string (PostgreSQL bigint) or a bigint (safeIntegers).
 *
 * @internal
 */
export interface AuditLogRow {
  seq: number | string | bigint;
  id: unknown;
  at: unknown;
  actor: unknown;
  action: unknown;
  target_type: unknown;
  target_id: unknown;
  outcome: unknown;
  details: unknown;
  prev_hash: unknown;
  hash: unknown;
}

/** @internal */
export class MalformedRowError extends Error {}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Reads a database seq value as a safe integer.
 *
 * @internal
 */
export function toSeq(value: unknown): number {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^-?\d+$/.test(value))
    n = Number(value);
  else throw new MalformedRowError(`seq ${String(value)} is not an integer`);
  if (!Number.isSafeInteger(n)) {
    throw new MalformedRowError(`seq ${String(value)} is not a safe integer`);
  }
  return n;
}

function str(row: AuditLogRow, column: keyof AuditLogRow): string {
  const value = row[column];
  if (typeof value !== 'string' || value.length === 0) {
    throw new MalformedRowError(`${column} is not a non-empty string`);
  }
  return value;
}

function optStr(row: AuditLogRow, column: keyof AuditLogRow): string | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') {
    throw new MalformedRowError(`${column} is not a string`);
  }
  return value;
}

function hex(row: AuditLogRow, column: 'hash' | 'prev_hash'): string {
  const value = str(row, column);
  if (!HEX64.test(value)) {
    throw new MalformedRowError(`${column} is not 64 lower-case hex digits`);
  }
  return value;
}

/**
 * Converts a stored row to a record, throwing {@link MalformedRowError} when a
 * value cannot be part of a record.
 *
 * @internal
 */
export function rowToRecord(row: AuditLogRow): AuditRecord {
  const seq = toSeq(row.seq);
  const outcome = str(row, 'outcome');
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(outcome)) {
    throw new MalformedRowError(
      `outcome ${JSON.stringify(outcome)} is unknown`,
    );
  }
  let details: unknown;
  try {
    details = JSON.parse(str(row, 'details'));
  } catch (e) {
    if (e instanceof MalformedRowError) throw e;
    throw new MalformedRowError('details is not valid JSON');
  }
  if (
    typeof details !== 'object' ||
    details === null ||
    Array.isArray(details)
  ) {
    throw new MalformedRowError('details is not a JSON object');
  }
  return {
    seq,
    id: str(row, 'id'),
    at: str(row, 'at'),
    actor: str(row, 'actor'),
    action: str(row, 'action'),
    targetType: optStr(row, 'target_type'),
    targetId: optStr(row, 'target_id'),
    outcome: outcome as AuditOutcome,
    details: details as Record<string, unknown>,
    prevHash: hex(row, 'prev_hash'),
    hash: hex(row, 'hash'),
  };
}

/** The columns of `audit_log`, in table order. @internal */
export const AUDIT_LOG_COLUMNS = [
  'seq',
  'id',
  'at',
  'actor',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'details',
  'prev_hash',
  'hash',
] as const;
