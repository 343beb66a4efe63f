/**
 * The result of an audited action.
 *
 * - `success`: the action was carried out.
 * - `denied`: the action was refused by an authorisation decision.
 * - `failure`: the action was attempted but failed.
 */
export type AuditOutcome = 'success' | 'denied' | 'failure';

/** Every valid {@link AuditOutcome}, in a stable order. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = Object.freeze([
  'success',
  'denied',
  'failure',
] as const);

/** What a caller passes to {@link AuditLog.append}: the facts of one audited action. */
export interface AuditEntry {
  /**
   * Who did it: an entity ref such as `user:default/alice`, `plugin:monitor`
   * for a plugin acting on its own, or a fixed word such as `anonymous` or
   * `system`. At most 255 characters, no surrounding whitespace.
   */
  actor: string;
  /** What was done, for example `ticket.create`. */
  action: string;
  /** The kind of object acted on, for example `ticket`; `null` or absent when there is none. */
  targetType?: string | null;
  /** The identifier of the object acted on; `null` or absent when there is none. */
  targetId?: string | null;
  /** Whether the action succeeded, was denied, or failed. */
  outcome: AuditOutcome;
  /**
   * Free-form, JSON-serialisable facts about the action (defaults to `{}`).
   * Must be accepted by {@link canonicalJson}: no `undefined`, functions,
   * `NaN`, infinities, class instances (such as `Date`) or cycles.
   */
  details?: Readonly<Record<string, unknown>>;
}

/** One record of a hash chain, as stored in the table `audit_log`. */
export interface AuditRecord {
  /** Position in the chain, starting at 1 and without gaps. */
  seq: number;
  /** A random UUID identifying the record. */
  id: string;
  /** When the record was written: ISO-8601 UTC with milliseconds, e.g. `2025-01-31T08:00:00.000Z`. */
  at: string;
  /** See {@link AuditEntry.actor}. */
  actor: string;
  /** See {@link AuditEntry.action}. */
  action: string;
  /** See {@link AuditEntry.targetType}. */
  targetType: string | null;
  /** See {@link AuditEntry.targetId}. */
  targetId: string | null;
  /** See {@link AuditEntry.outcome}. */
  outcome: AuditOutcome;
  /** See {@link AuditEntry.details}. */
  details: Record<string, unknown>;
  /** The `hash` of the previous record, or {@link AUDIT_GENESIS_HASH} for seq 1 (lower-case hex). */
  prevHash: string;
  /** SM3 of the record's canonical form (lower-case hex); see {@link computeAuditRecordHash}. */
  hash: string;
}

/** The fields of an {@link AuditRecord} that its hash covers (everything but the hash itself). */
export type AuditRecordContent = Omit<AuditRecord, 'hash'>;

/** Why {@link verifyAuditLog} considers a record broken. */
export type VerifyFailureReason =
  /** The stored hash is not the SM3 of the record's canonical form: the record was edited. */
  | 'hash-mismatch'
  /** The record's prev_hash is not the hash of the record before it. */
  | 'link-broken'
  /** A sequence number is missing: a record was deleted (or the chain does not start at 1). */
  | 'seq-gap'
  /** A stored value cannot be read as part of a record (bad JSON, bad hex, unknown outcome, ...). */
  | 'malformed';

/** The first broken place of a chain found by {@link verifyAuditLog}. */
export interface VerifyBreak {
  /**
   * The sequence number of the first broken record. For `seq-gap` this is the
   * first MISSING sequence number (the record that was removed).
   */
  seq: number;
  /** What is wrong there. */
  reason: VerifyFailureReason;
  /** A human-readable explanation, for logs and the verifier command. */
  detail: string;
}

/**
 * The outcome of verifying a chain.
 *
 * - `ok: true`: `count` records were checked, all intact; `headHash` is the
 *   hash of the last one ({@link AUDIT_GENESIS_HASH} for an empty chain).
 * - `ok: false`: `count` records before the first broken one were intact.
 */
export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; firstBroken: VerifyBreak };

/** Filters for {@link AuditLog.list}. All given filters must match. */
export interface AuditListQuery {
  /** Only records written at or after this instant (inclusive). */
  from?: Date | string;
  /** Only records written before this instant (exclusive). */
  to?: Date | string;
  /** Only records by exactly this actor. */
  actor?: string;
  /** Only records of exactly this action. */
  action?: string;
  /** Only records about this kind of target. */
  targetType?: string;
  /** Only records about this target id. */
  targetId?: string;
  /** Page size, 1 to {@link AUDIT_LIST_MAX_LIMIT}; defaults to {@link AUDIT_LIST_DEFAULT_LIMIT}. */
  limit?: number;
  /** Only records with a seq lower than this, to fetch the next (older) page. */
  beforeSeq?: number;
}

/** The largest page {@link AuditLog.list} returns. */
export const AUDIT_LIST_MAX_LIMIT = 500;

/** The page size {@link AuditLog.list} uses when no limit is given. */
export const AUDIT_LIST_DEFAULT_LIMIT = 100;

/** The head of a chain at one moment, as recorded by {@link AuditLog.checkpoint}. */
export interface AuditCheckpoint {
  /** The plugin id whose chain this is. */
  source: string;
  /** The seq of the head record (0 for an empty chain). */
  seq: number;
  /** The hash of the head record ({@link AUDIT_GENESIS_HASH} for an empty chain). */
  hash: string;
  /** When the checkpoint was taken, ISO-8601 UTC with milliseconds. */
  at: string;
  /** Lower-case hex signature over {@link checkpointSigningBytes}, or `null` when unsigned. */
  signature: string | null;
}

/**
 * Signs the canonical bytes of a checkpoint and returns the raw signature.
 * Intended for the platform's SM2 key (a later change); any signature scheme works.
 */
export type AuditCheckpointSigner = (bytes: Uint8Array) => Promise<Uint8Array>;
