import { createHash } from 'node:crypto';
import type { AuditCheckpoint, AuditRecordContent } from './types';

/** The `prev_hash` of the first record of every chain: 64 zeros. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Thrown by {@link canonicalJson} for values that have no canonical JSON form. */
export class CanonicalJsonError extends TypeError {
  /** Where in the value the problem is, as a JSONPath-like string such as `$.details.items[2]`. */
  readonly path: string;

  /**
   * @param path - where in the value the problem is
   * @param problem - what is wrong there
   */
  constructor(path: string, problem: string) {
    super(`Cannot canonicalise ${path}: ${problem}`);
    this.name = 'CanonicalJsonError';
    this.path = path;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const proto = Object.getPrototypeOf(value);
  const ctor = proto?.constructor?.name;
  return ctor ? `an instance of ${ctor}` : 'an exotic object';
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function propertyPath(parent: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key)
    ? `${parent}.${key}`
    : `${parent}[${JSON.stringify(key)}]`;
}

function write(
  value: unknown,
  path: string,
  ancestors: Set<object>,
  out: string[],
): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new CanonicalJsonError(path, `${value} is not a finite number`);
      }
      // ECMAScript number-to-string, as JSON.stringify does; -0 becomes 0.
      out.push(JSON.stringify(value));
      return;
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not JSON`);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (ancestors.has(value)) {
    throw new CanonicalJsonError(path, 'circular reference');
  }
  ancestors.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      write(value[i], `${path}[${i}]`, ancestors, out);
    }
    out.push(']');
  } else {
    if (!isPlainObject(value)) {
      throw new CanonicalJsonError(
        path,
        `${describe(value)} is not a plain object`,
      );
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is locale-independent.
    const keys = Object.keys(record).sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(key), ':');
      write(record[key], propertyPath(path, key), ancestors, out);
    });
    out.push('}');
  }
  ancestors.delete(value);
}

/**
 * Serialises a JSON value deterministically: object keys sorted (by UTF-16
 * code units) at every level, no whitespace, strings and numbers written as
 * `JSON.stringify` writes them. Equal values always give identical text,
 * whatever the key order they were built with.
 *
 * Unlike `JSON.stringify` it never drops or converts anything silently: it
 * throws {@link CanonicalJsonError} for `undefined` (also as a property value
 * or array element), functions, symbols, bigints, `NaN`, infinities, cycles,
 * and objects other than arrays and plain objects (so `Date`, `Map`,
 * `Buffer` and class instances are rejected; `toJSON` is not used).
 *
 * @param value - the value to serialise
 * @returns the canonical JSON text
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '$', new Set(), out);
  return out.join('');
}

/**
 * SM3 (GB/T 32905-2016) digest as lower-case hex, using Node's OpenSSL.
 *
 * @param data - a string (hashed as UTF-8) or bytes
 * @returns 64 hex characters
 */
export function sm3Hex(data: string | Uint8Array): string {
  let hash;
  try {
    hash = createHash('sm3');
  } catch (e) {
    throw new Error(
      `SM3 is not available in this Node.js build (${
        (e as Error).message
      }); the audit log needs an OpenSSL with SM3`,
    );
  }
  return hash.update(data).digest('hex');
}

/**
 * The canonical text of a record, which its hash is computed over: the
 * {@link canonicalJson} of `{ seq, id, at, actor, action, targetType,
 * targetId, outcome, details, prevHash }`.
 *
 * @param record - the record's fields other than `hash`
 * @returns the canonical JSON text
 */
export function auditRecordCanonical(record: AuditRecordContent): string {
  return canonicalJson({
    seq: record.seq,
    id: record.id,
    at: record.at,
    actor: record.actor,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    outcome: record.outcome,
    details: record.details,
    prevHash: record.prevHash,
  });
}

/**
 * The hash of a record: hex(SM3(UTF-8(canonical form))).
 *
 * @param record - the record's fields other than `hash`
 * @returns 64 lower-case hex characters
 */
export function computeAuditRecordHash(record: AuditRecordContent): string {
  return sm3Hex(auditRecordCanonical(record));
}

/**
 * The bytes a checkpoint signature covers: UTF-8 of the {@link canonicalJson}
 * of `{ source, seq, hash, at }`. Binding `source` (the plugin id) keeps a
 * checkpoint of one plugin's chain from being presented as another's.
 *
 * @param checkpoint - the checkpoint (its `signature` is ignored)
 * @returns the bytes to sign or verify
 */
export function checkpointSigningBytes(
  checkpoint: Pick<AuditCheckpoint, 'source' | 'seq' | 'hash' | 'at'>,
): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      source: checkpoint.source,
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      at: checkpoint.at,
    }),
  );
}
