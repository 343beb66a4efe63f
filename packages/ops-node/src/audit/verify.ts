import type { Knex } from 'knex';
import { AUDIT_GENESIS_HASH, computeAuditRecordHash } from './canonical';
import {
  AUDIT_LOG_COLUMNS,
  AuditLogRow,
  MalformedRowError,
  rowToRecord,
  toSeq,
} from './rows';
import type { VerifyBreak, VerifyResult } from './types';

/** How many records {@link verifyAuditLog} reads per query by default. */
export const AUDIT_VERIFY_PAGE_SIZE = 1000;

/** Options of {@link verifyAuditLog}. */
export interface VerifyAuditLogOptions {
  /** Records read per query; defaults to {@link AUDIT_VERIFY_PAGE_SIZE}. */
  pageSize?: number;
}

function broken(
  count: number,
  seq: number,
  reason: VerifyBreak['reason'],
  detail: string,
): VerifyResult {
  return { ok: false, count, firstBroken: { seq, reason, detail } };
}

/**
 * Verifies the hash chain in the `audit_log` table of one plugin database,
 * reading it in pages ordered by seq so memory use stays constant.
 *
 * For every record, in order, it checks that the record is readable
 * (`malformed`), that its seq follows the previous one without a gap
 * (`seq-gap`), that its stored hash is the SM3 of its canonical form
 * (`hash-mismatch`), and that its prev_hash is the previous record's hash, or
 * {@link AUDIT_GENESIS_HASH} for seq 1 (`link-broken`). It stops at the
 * first broken record.
 *
 * Records appended while it runs are verified too if they are reached; the
 * result always describes a prefix of the chain. Removing records from the
 * END of a chain is not detectable this way; compare with a checkpoint for that.
 *
 * @param knex - the plugin's database (or a transaction on it)
 * @param options - see {@link VerifyAuditLogOptions}
 * @returns the verification result
 */
export async function verifyAuditLog(
  knex: Knex | Knex.Transaction,
  options: VerifyAuditLogOptions = {},
): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? AUDIT_VERIFY_PAGE_SIZE;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new RangeError(
      `pageSize must be a positive integer, got ${pageSize}`,
    );
  }

  let count = 0;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  let afterSeq: number | undefined;

  for (;;) {
    const query = knex<AuditLogRow>('audit_log')
      .select(...AUDIT_LOG_COLUMNS)
      .orderBy('seq', 'asc')
      .limit(pageSize);
    if (afterSeq !== undefined) {
      query.where('seq', '>', afterSeq);
    }
    const rows = (await query) as AuditLogRow[];

    for (const row of rows) {
      let seq: number;
      try {
        seq = toSeq(row.seq);
      } catch (e) {
        return broken(count, expectedSeq, 'malformed', (e as Error).message);
      }
      if (seq < expectedSeq) {
        return broken(count, seq, 'malformed', `seq ${seq} is out of range`);
      }
      if (seq !== expectedSeq) {
        const missing =
          seq === expectedSeq + 1
            ? `seq ${expectedSeq} is missing`
            : `seqs ${expectedSeq} to ${seq - 1} are missing`;
        return broken(count, expectedSeq, 'seq-gap', missing);
      }

      let hash: string;
      let record;
      try {
        record = rowToRecord(row);
        hash = computeAuditRecordHash(record);
      } catch (e) {
        const message =
          e instanceof MalformedRowError
            ? e.message
            : `cannot canonicalise: ${(e as Error).message}`;
        return broken(count, seq, 'malformed', message);
      }
      if (hash !== record.hash) {
        return broken(
          count,
          seq,
          'hash-mismatch',
          `stored hash ${record.hash} but content hashes to ${hash}`,
        );
      }
      if (record.prevHash !== prevHash) {
        return broken(
          count,
          seq,
          'link-broken',
          `prev_hash ${record.prevHash} but the previous hash is ${prevHash}`,
        );
      }

      count += 1;
      prevHash = record.hash;
      expectedSeq = seq + 1;
      afterSeq = seq;
    }

    if (rows.length < pageSize) {
      return { ok: true, count, headHash: prevHash };
    }
  }
}
