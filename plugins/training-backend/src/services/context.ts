import type { Knex } from 'knex';
import type { AuditEntry, AuditLog } from '@yinxin/ops-node';
import type { TrainingNewsEvent } from '@yinxin/plugin-training-common';

/** What every training service works with. */
export interface ServiceContext {
  knex: Knex;
  audit: AuditLog;
  /** the one clock of the plugin (injectable for tests) */
  clock: () => Date;
  /** announces news to the realtime room `training:news` (after the change has committed) */
  news?: (event: TrainingNewsEvent) => void;
}

/** The current instant as stored: ISO-8601 UTC with milliseconds. */
export const nowIso = (ctx: ServiceContext) => ctx.clock().toISOString();

/** Appends an audit record in the transaction of the change; a failure rolls the change back. */
export function audit(ctx: ServiceContext, trx: Knex.Transaction, entry: Omit<AuditEntry, 'outcome'> & { outcome?: AuditEntry['outcome'] }) {
  return ctx.audit.append(trx, { outcome: 'success', ...entry });
}

/** Parses a JSON text column holding a list. */
export function jsonList<T>(text: string | null | undefined): T[] {
  if (!text) return [];
  const v = JSON.parse(text);
  return Array.isArray(v) ? (v as T[]) : [];
}

/** The name part of an entity ref (`user:default/wang` → `wang`). */
export const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** Number of a count(*) row, on either engine. */
export const countOf = (row: unknown): number => Number((row as { n?: unknown } | undefined)?.n ?? 0);
