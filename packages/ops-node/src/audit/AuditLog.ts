import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  AUDIT_GENESIS_HASH,
  canonicalJson,
  checkpointSigningBytes,
  computeAuditRecordHash,
} from './canonical';
import { AUDIT_LOG_COLUMNS, AuditLogRow, rowToRecord, toSeq } from './rows';
import {
  AUDIT_LIST_DEFAULT_LIMIT,
  AUDIT_LIST_MAX_LIMIT,
  AUDIT_OUTCOMES,
  AuditCheckpoint,
  AuditCheckpointSigner,
  AuditEntry,
  AuditListQuery,
  AuditRecord,
  VerifyResult,
} from './types';
import { verifyAuditLog } from './verify';

/** Options of the {@link AuditLog} constructor. */
export interface AuditLogOptions {
  /** The plugin's own database (for PostgreSQL, scoped to the plugin's schema). */
  knex: Knex;
  /** Source of record timestamps; defaults to `() => new Date()`. */
  clock?: () => Date;
  /** The id of the plugin whose chain this is, e.g. `tickets`. */
  source: string;
}

/**
 * Thrown by {@link AuditLog.append} when the audit record cannot be written.
 * The caller must let its transaction roll back, so that the audited change
 * is not committed without its record; HTTP layers answer with the error
 * code `AUDIT_WRITE_FAILED`.
 */
export class AuditWriteError extends Error {
  /** The yinxin API error code for this failure. */
  readonly code = 'AUDIT_WRITE_FAILED' as const;

  /**
   * @param message - what went wrong
   * @param cause - the underlying error, if any
   */
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AuditWriteError';
  }
}

const MAX_TEXT = 255;
// No surrounding whitespace and no control characters.
const ACTOR_PATTERN = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;

function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new AuditWriteError(`${name} must be a non-empty string`);
  }
  if (value.length > MAX_TEXT) {
    throw new AuditWriteError(`${name} is longer than ${MAX_TEXT} characters`);
  }
  return value;
}

function optionalText(name: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new AuditWriteError(`${name} must be a string or null`);
  }
  if (value.length > MAX_TEXT) {
    throw new AuditWriteError(`${name} is longer than ${MAX_TEXT} characters`);
  }
  return value;
}

function toIsoInstant(name: string, value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`${name} is not a valid date: ${String(value)}`);
  }
  return date.toISOString();
}

function isTransaction(value: unknown): value is Knex.Transaction {
  return (
    typeof value === 'function' &&
    (value as { isTransaction?: unknown }).isTransaction === true
  );
}

/**
 * The hash-chained audit log of one plugin, stored in the plugin's own
 * database next to the data it audits (tables created by
 * {@link migrateAuditLog}).
 *
 * Records are appended in the same transaction as the change they record, so
 * either both are committed or neither is. Each record carries the SM3 hash
 * of its canonical form and the hash of its predecessor, so editing,
 * removing or reordering records is detected by {@link AuditLog.verify}.
 */
export class AuditLog {
  /** The id of the plugin whose chain this is. */
  readonly source: string;
  private readonly knex: Knex;
  private readonly clock: () => Date;

  /**
   * @param options - see {@link AuditLogOptions}
   */
  constructor(options: AuditLogOptions) {
    if (!options?.knex) {
      throw new TypeError('AuditLog needs a knex instance');
    }
    if (typeof options.source !== 'string' || options.source.length === 0) {
      throw new TypeError('AuditLog needs a non-empty source (plugin id)');
    }
    this.knex = options.knex;
    this.source = options.source;
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Appends a record inside the caller's transaction and returns it.
   *
   * Concurrent appenders are serialised: on PostgreSQL (and other databases
   * with row locks) by `SELECT ... FOR UPDATE` on the single row of
   * `audit_head` in the plugin's schema, held until the transaction ends; on
   * SQLite the write transaction is already exclusive. The transaction
   * should run at READ COMMITTED (the PostgreSQL default); under stricter
   * isolation a concurrent append makes this one fail instead of forking the
   * chain, as seq and hash are unique.
   *
   * @param trx - the knex transaction of the audited change (required)
   * @param entry - the facts of the action
   * @returns the stored record
   * @throws {@link AuditWriteError} when no open transaction is given, the
   *   entry is invalid, or the database refuses the write; the caller's
   *   transaction must then be rolled back
   */
  async append(trx: Knex.Transaction, entry: AuditEntry): Promise<AuditRecord> {
    if (!isTransaction(trx)) {
      throw new AuditWriteError(
        'AuditLog.append must be given a knex transaction, so that the record commits together with the audited change',
      );
    }
    if (trx.isCompleted()) {
      throw new AuditWriteError(
        'AuditLog.append was given a transaction that has already ended',
      );
    }
    if (typeof entry !== 'object' || entry === null) {
      throw new AuditWriteError('AuditLog.append needs an entry object');
    }

    const actor = requireText('actor', entry.actor);
    if (!ACTOR_PATTERN.test(actor)) {
      throw new AuditWriteError(
        `actor must not have surrounding whitespace or control characters; got ${JSON.stringify(
          actor,
        )}`,
      );
    }
    const action = requireText('action', entry.action);
    const targetType = optionalText('targetType', entry.targetType);
    const targetId = optionalText('targetId', entry.targetId);
    if (!(AUDIT_OUTCOMES as readonly unknown[]).includes(entry.outcome)) {
      throw new AuditWriteError(
        `outcome must be one of ${AUDIT_OUTCOMES.join(
          ', ',
        )}; got ${JSON.stringify(entry.outcome)}`,
      );
    }
    const rawDetails: unknown = entry.details ?? {};
    if (
      typeof rawDetails !== 'object' ||
      rawDetails === null ||
      Array.isArray(rawDetails)
    ) {
      throw new AuditWriteError('details must be a plain object');
    }
    let detailsText: string;
    try {
      detailsText = canonicalJson(rawDetails);
    } catch (e) {
      throw new AuditWriteError(`details: ${(e as Error).message}`, e);
    }
    const now = this.clock();
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new AuditWriteError('the audit clock returned an invalid date');
    }

    try {
      if (trx.client.dialect !== 'sqlite3') {
        const lock = await trx('audit_head')
          .where({ id: 1 })
          .forUpdate()
          .select('id');
        if (lock.length !== 1) {
          throw new AuditWriteError(
            'the audit_head lock row is missing; run migrateAuditLog',
          );
        }
      }
      const head = await this.readHead(trx);
      const content = {
        seq: head.seq + 1,
        id: randomUUID(),
        at: now.toISOString(),
        actor,
        action,
        targetType,
        targetId,
        outcome: entry.outcome,
        details: JSON.parse(detailsText) as Record<string, unknown>,
        prevHash: head.hash,
      };
      const record: AuditRecord = {
        ...content,
        hash: computeAuditRecordHash(content),
      };
      await trx('audit_log').insert({
        seq: record.seq,
        id: record.id,
        at: record.at,
        actor: record.actor,
        action: record.action,
        target_type: record.targetType,
        target_id: record.targetId,
        outcome: record.outcome,
        details: detailsText,
        prev_hash: record.prevHash,
        hash: record.hash,
      });
      return record;
    } catch (e) {
      if (e instanceof AuditWriteError) throw e;
      throw new AuditWriteError(
        `could not write the audit record of ${this.source}: ${
          (e as Error)?.message ?? String(e)
        }`,
        e,
      );
    }
  }

  /**
   * Lists records newest first, for the auditor page. Page backwards by
   * passing the seq of the last record received as `beforeSeq`.
   *
   * @param query - filters and paging; see {@link AuditListQuery}
   * @returns up to `limit` records (at most {@link AUDIT_LIST_MAX_LIMIT})
   */
  async list(query: AuditListQuery = {}): Promise<AuditRecord[]> {
    const limit = query.limit ?? AUDIT_LIST_DEFAULT_LIMIT;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new RangeError(`limit must be a positive integer, got ${limit}`);
    }
    const builder = this.knex<AuditLogRow>('audit_log')
      .select(...AUDIT_LOG_COLUMNS)
      .orderBy('seq', 'desc')
      .limit(Math.min(limit, AUDIT_LIST_MAX_LIMIT));
    if (query.from !== undefined) {
      builder.where('at', '>=', toIsoInstant('from', query.from));
    }
    if (query.to !== undefined) {
      builder.where('at', '<', toIsoInstant('to', query.to));
    }
    if (query.actor !== undefined) builder.where('actor', query.actor);
    if (query.action !== undefined) builder.where('action', query.action);
    if (query.targetType !== undefined) {
      builder.where('target_type', query.targetType);
    }
    if (query.targetId !== undefined)
      builder.where('target_id', query.targetId);
    if (query.beforeSeq !== undefined) {
      if (!Number.isSafeInteger(query.beforeSeq)) {
        throw new RangeError(
          `beforeSeq must be an integer, got ${query.beforeSeq}`,
        );
      }
      builder.where('seq', '<', query.beforeSeq);
    }
    const rows = (await builder) as AuditLogRow[];
    return rows.map(rowToRecord);
  }

  /**
   * Returns the seq and hash of the newest record (`0` and
   * {@link AUDIT_GENESIS_HASH} for an empty chain).
   */
  async head(): Promise<{ seq: number; hash: string }> {
    return this.readHead(this.knex);
  }

  /**
   * Verifies the whole chain; see {@link verifyAuditLog}.
   *
   * @returns `{ ok: true, count, headHash }`, or `{ ok: false, count, firstBroken }`
   *   naming the first broken record
   */
  async verify(): Promise<VerifyResult> {
    return verifyAuditLog(this.knex);
  }

  /**
   * Records the current head of the chain in `audit_checkpoints` and returns
   * it. A checkpoint kept outside the database (or signed) makes it possible
   * to detect a chain that was cut short or rebuilt after it was taken.
   *
   * Signing hook: when `signer` is given, it is called with
   * {@link checkpointSigningBytes} of the checkpoint and the signature is
   * stored as hex. The platform's SM2 key is meant to be plugged in here; the
   * signer runs outside any database transaction.
   *
   * @param signer - optional; signs the canonical checkpoint bytes
   * @returns the stored checkpoint
   */
  async checkpoint(signer?: AuditCheckpointSigner): Promise<AuditCheckpoint> {
    const head = await this.readHead(this.knex);
    const now = this.clock();
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new Error('the audit clock returned an invalid date');
    }
    const unsigned = {
      source: this.source,
      seq: head.seq,
      hash: head.hash,
      at: now.toISOString(),
    };
    let signature: string | null = null;
    if (signer) {
      const bytes = await signer(checkpointSigningBytes(unsigned));
      if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
        throw new TypeError(
          'the checkpoint signer must return non-empty bytes',
        );
      }
      signature = Buffer.from(
        bytes.buffer,
        bytes.byteOffset,
        bytes.length,
      ).toString('hex');
    }
    await this.knex('audit_checkpoints').insert({
      seq: unsigned.seq,
      hash: unsigned.hash,
      at: unsigned.at,
      signature,
    });
    return { ...unsigned, signature };
  }

  private async readHead(
    db: Knex | Knex.Transaction,
  ): Promise<{ seq: number; hash: string }> {
    const row = await db('audit_log')
      .select('seq', 'hash')
      .orderBy('seq', 'desc')
      .first();
    if (!row) return { seq: 0, hash: AUDIT_GENESIS_HASH };
    return { seq: toSeq(row.seq), hash: String(row.hash) };
  }
}
