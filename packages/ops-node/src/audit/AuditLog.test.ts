import { TestDatabases, TestDatabaseId } from '@backstage/backend-test-utils';
import { knex as createKnex, Knex } from 'knex';
import { AuditLog, AuditWriteError } from './AuditLog';
import {
  AUDIT_GENESIS_HASH,
  checkpointSigningBytes,
  computeAuditRecordHash,
  sm3Hex,
} from './canonical';
import { AUDIT_MIGRATIONS_TABLE, migrateAuditLog } from './migrations';
import { rowToRecord } from './rows';
import { AuditEntry, AuditRecord } from './types';
import { verifyAuditLog } from './verify';

jest.setTimeout(60_000);

const ids: TestDatabaseId[] = ['SQLITE_3'];
if (process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
  ids.push('POSTGRES_15');
}
const databases = TestDatabases.create({ ids });

/** A clock that starts at a fixed instant and advances 1.5 s per reading. */
function steppingClock(start = Date.parse('2025-03-01T00:00:00.000Z')) {
  let now = start;
  return () => {
    const date = new Date(now);
    now += 1500;
    return date;
  };
}

function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: i % 2 === 0 ? 'user:default/alice' : 'user:default/bob',
    action: i % 3 === 0 ? 'ticket.close' : 'ticket.create',
    targetType: 'ticket',
    targetId: `T-${i}`,
    outcome: 'success',
    details: { i, note: `记录 ${i}`, nested: { list: [i, null, true] } },
    ...overrides,
  };
}

async function setup(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  await migrateAuditLog(knex);
  const audit = new AuditLog({
    knex,
    source: 'tickets',
    clock: steppingClock(),
  });
  return { knex, audit };
}

async function appendMany(knex: Knex, audit: AuditLog, n: number) {
  const records: AuditRecord[] = [];
  for (let i = 1; i <= n; i++) {
    records.push(await knex.transaction(trx => audit.append(trx, entry(i))));
  }
  return records;
}

async function storedRecord(knex: Knex, seq: number): Promise<AuditRecord> {
  const row = await knex('audit_log').where({ seq }).first();
  return rowToRecord(row);
}

describe.each(databases.eachSupportedId())('AuditLog on %s', databaseId => {
  it('creates its tables with its own migrations table, idempotently', async () => {
    const { knex } = await setup(databaseId);
    await migrateAuditLog(knex);
    for (const table of [
      'audit_log',
      'audit_head',
      'audit_checkpoints',
      AUDIT_MIGRATIONS_TABLE,
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
    expect(await knex('audit_head').select('id')).toEqual([{ id: 1 }]);
  });

  it('appends a chain of records that verifies', async () => {
    const { knex, audit } = await setup(databaseId);
    expect(await audit.verify()).toEqual({
      ok: true,
      count: 0,
      headHash: AUDIT_GENESIS_HASH,
    });

    const records = await appendMany(knex, audit, 45);

    expect(records.map(r => r.seq)).toEqual(
      Array.from({ length: 45 }, (_, i) => i + 1),
    );
    expect(records[0].prevHash).toBe(AUDIT_GENESIS_HASH);
    for (let i = 1; i < records.length; i++) {
      expect(records[i].prevHash).toBe(records[i - 1].hash);
    }
    const first = records[0];
    expect(first).toEqual({
      seq: 1,
      id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      at: '2025-03-01T00:00:00.000Z',
      actor: 'user:default/bob',
      action: 'ticket.create',
      targetType: 'ticket',
      targetId: 'T-1',
      outcome: 'success',
      details: { i: 1, note: '记录 1', nested: { list: [1, null, true] } },
      prevHash: AUDIT_GENESIS_HASH,
      hash: computeAuditRecordHash(first),
    });
    expect(records[1].at).toBe('2025-03-01T00:00:01.500Z');
    expect(await storedRecord(knex, 1)).toEqual(first);
    const row = await knex('audit_log').where({ seq: 1 }).first();
    expect(row.details).toBe(
      '{"i":1,"nested":{"list":[1,null,true]},"note":"记录 1"}',
    );

    const expected = { ok: true, count: 45, headHash: records[44].hash };
    expect(await audit.verify()).toEqual(expected);
    // Paging must not matter, including a page boundary exactly at the end.
    for (const pageSize of [1, 7, 9, 45, 1000]) {
      expect(await verifyAuditLog(knex, { pageSize })).toEqual(expected);
    }
    expect(await audit.head()).toEqual({ seq: 45, hash: records[44].hash });
  });

  it('names exactly the edited record with hash-mismatch', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 30);
    await knex.raw('UPDATE audit_log SET details = ? WHERE seq = ?', [
      '{"i":999}',
      17,
    ]);

    const result = await verifyAuditLog(knex, { pageSize: 8 });
    expect(result).toEqual({
      ok: false,
      count: 16,
      firstBroken: {
        seq: 17,
        reason: 'hash-mismatch',
        detail: expect.any(String),
      },
    });
  });

  it('detects edits of any other column as hash-mismatch', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 6);
    const edits: Array<[number, Record<string, string | null>]> = [
      [2, { actor: 'user:default/mallory' }],
      [3, { at: '2020-01-01T00:00:00.000Z' }],
      [4, { outcome: 'denied' }],
      [5, { target_id: null }],
    ];
    for (const [seq, change] of edits) {
      await knex('audit_log').where({ seq }).update(change);
    }
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.firstBroken).toMatchObject({
      seq: 2,
      reason: 'hash-mismatch',
    });
  });

  it('reports a deleted record as seq-gap at the missing seq', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 20);
    await knex.raw('DELETE FROM audit_log WHERE seq = ?', [11]);

    expect(await verifyAuditLog(knex, { pageSize: 4 })).toEqual({
      ok: false,
      count: 10,
      firstBroken: { seq: 11, reason: 'seq-gap', detail: 'seq 11 is missing' },
    });
  });

  it('reports a deleted first record as seq-gap at seq 1', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 3);
    await knex('audit_log').where({ seq: 1 }).delete();
    const result = await audit.verify();
    expect(!result.ok && result.firstBroken).toMatchObject({
      seq: 1,
      reason: 'seq-gap',
    });
  });

  it('reports a re-linked record with a recomputed hash as link-broken', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 12);
    const victim = await storedRecord(knex, 8);
    const forged = { ...victim, prevHash: sm3Hex('forged') };
    const forgedHash = computeAuditRecordHash(forged);
    await knex.raw(
      'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?',
      [forged.prevHash, forgedHash, 8],
    );

    expect(await audit.verify()).toEqual({
      ok: false,
      count: 7,
      firstBroken: {
        seq: 8,
        reason: 'link-broken',
        detail: expect.any(String),
      },
    });
  });

  it('reports a rewritten record with a recomputed hash as link-broken at its successor', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 5);
    const victim = await storedRecord(knex, 3);
    const forged = { ...victim, details: { i: 'rewritten' } };
    await knex('audit_log')
      .where({ seq: 3 })
      .update({
        details: '{"i":"rewritten"}',
        hash: computeAuditRecordHash(forged),
      });
    const result = await audit.verify();
    expect(!result.ok && result.firstBroken).toMatchObject({
      seq: 4,
      reason: 'link-broken',
    });
  });

  it.each([
    ['details that are not JSON', { details: 'not json' }],
    ['details that are not an object', { details: '[1,2]' }],
    ['an unknown outcome', { outcome: 'maybe' }],
    ['a hash that is not hex', { hash: 'X'.repeat(64) }],
    ['a short prev_hash', { prev_hash: 'abc' }],
  ])('reports a record with %s as malformed', async (_name, change) => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 4);
    await knex('audit_log').where({ seq: 3 }).update(change);
    const result = await audit.verify();
    expect(!result.ok && result.firstBroken).toMatchObject({
      seq: 3,
      reason: 'malformed',
    });
    expect(result.count).toBe(2);
  });

  it('refuses to append outside a transaction', async () => {
    const { knex, audit } = await setup(databaseId);
    await expect(
      audit.append(knex as unknown as Knex.Transaction, entry(1)),
    ).rejects.toThrow(AuditWriteError);
    await expect(
      audit.append(undefined as unknown as Knex.Transaction, entry(1)),
    ).rejects.toThrow(/must be given a knex transaction/);

    const trx = await knex.transaction();
    await trx.commit();
    await expect(audit.append(trx, entry(1))).rejects.toThrow(/already ended/);

    expect(await audit.list()).toEqual([]);
  });

  it('leaves no record when the transaction rolls back', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 2);
    await expect(
      knex.transaction(async trx => {
        await audit.append(trx, entry(3));
        throw new Error('the audited change failed');
      }),
    ).rejects.toThrow('the audited change failed');

    expect(await audit.head()).toMatchObject({ seq: 2 });
    const next = await knex.transaction(trx => audit.append(trx, entry(4)));
    expect(next.seq).toBe(3);
    expect(await audit.verify()).toMatchObject({ ok: true, count: 3 });
  });

  it('makes the audited change fail when its record cannot be written', async () => {
    const { knex, audit } = await setup(databaseId);
    await knex.schema.createTable('tickets', t => {
      t.string('id').primary();
    });
    await expect(
      knex.transaction(async trx => {
        await trx('tickets').insert({ id: 'T-1' });
        await audit.append(trx, entry(1, { details: { bad: NaN } }));
      }),
    ).rejects.toThrow(AuditWriteError);
    expect(await knex('tickets').select()).toEqual([]);
    expect(await audit.list()).toEqual([]);
  });

  it.each([
    ['an empty actor', { actor: '' }],
    ['an actor with surrounding spaces', { actor: ' user:default/alice' }],
    ['an empty action', { action: '' }],
    ['a too long action', { action: 'x'.repeat(256) }],
    ['an unknown outcome', { outcome: 'maybe' as AuditEntry['outcome'] }],
    [
      'details that are an array',
      { details: [] as unknown as Record<string, unknown> },
    ],
    ['details with undefined', { details: { a: undefined } }],
    ['details with a Date', { details: { when: new Date() } }],
  ])('rejects an entry with %s', async (_name, overrides) => {
    const { knex, audit } = await setup(databaseId);
    await expect(
      knex.transaction(trx => audit.append(trx, entry(1, overrides))),
    ).rejects.toThrow(AuditWriteError);
  });

  it('accepts actors like anonymous and system and absent targets', async () => {
    const { knex, audit } = await setup(databaseId);
    const record = await knex.transaction(trx =>
      audit.append(trx, {
        actor: 'anonymous',
        action: 'auth.login',
        outcome: 'denied',
      }),
    );
    expect(record).toMatchObject({
      targetType: null,
      targetId: null,
      details: {},
    });
    await knex.transaction(trx =>
      audit.append(trx, {
        actor: 'system',
        action: 'account.seed',
        outcome: 'success',
      }),
    );
    expect(await audit.verify()).toMatchObject({ ok: true, count: 2 });
  });

  it('serialises 20 concurrent appending transactions into one valid chain', async () => {
    const { knex, audit } = await setup(databaseId);
    await appendMany(knex, audit, 1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        knex.transaction(async trx => {
          // Some work of the audited change before and after the append.
          await trx.raw('SELECT 1');
          const record = await audit.append(trx, entry(i + 2));
          await trx.raw('SELECT 1');
          return record;
        }),
      ),
    );
    expect(results.map(r => r.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 2),
    );
    expect(await audit.verify()).toMatchObject({ ok: true, count: 21 });
  });

  it('lists newest first with filters and paging', async () => {
    const { knex, audit } = await setup(databaseId);
    const records = await appendMany(knex, audit, 12);

    const all = await audit.list();
    expect(all.map(r => r.seq)).toEqual([
      12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
    expect(all[0]).toEqual(records[11]);

    expect(
      (await audit.list({ actor: 'user:default/alice' })).map(r => r.seq),
    ).toEqual([12, 10, 8, 6, 4, 2]);
    expect(
      (await audit.list({ action: 'ticket.close' })).map(r => r.seq),
    ).toEqual([12, 9, 6, 3]);
    expect(
      (await audit.list({ targetType: 'ticket', targetId: 'T-5' })).map(
        r => r.seq,
      ),
    ).toEqual([5]);
    // Records are 1.5 s apart from 00:00:00.000: seq 3 at 00:00:03.000, seq 5 at 00:00:06.000.
    expect(
      (
        await audit.list({
          from: '2025-03-01T00:00:03.000Z',
          to: new Date('2025-03-01T00:00:06.000Z'),
        })
      ).map(r => r.seq),
    ).toEqual([4, 3]);
    expect(
      (await audit.list({ from: '2025-03-01T08:00:03+08:00' }))
        .map(r => r.seq)
        .at(-1),
    ).toBe(3);

    const page1 = await audit.list({ limit: 5 });
    const page2 = await audit.list({ limit: 5, beforeSeq: page1[4].seq });
    const page3 = await audit.list({ limit: 5, beforeSeq: page2[4].seq });
    expect([...page1, ...page2, ...page3].map(r => r.seq)).toEqual(
      all.map(r => r.seq),
    );

    await expect(audit.list({ limit: 0 })).rejects.toThrow(RangeError);
    await expect(audit.list({ from: 'yesterday' })).rejects.toThrow(RangeError);
  });

  it('caps list pages at 500', async () => {
    const { knex, audit } = await setup(databaseId);
    const rows = [];
    let prevHash = AUDIT_GENESIS_HASH;
    for (let seq = 1; seq <= 501; seq++) {
      const content = {
        seq,
        id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
        at: new Date(Date.UTC(2025, 0, 1, 0, 0, seq)).toISOString(),
        actor: 'plugin:monitor',
        action: 'probe.run',
        targetType: null,
        targetId: null,
        outcome: 'success' as const,
        details: {},
        prevHash,
      };
      const hash = computeAuditRecordHash(content);
      rows.push({
        seq,
        id: content.id,
        at: content.at,
        actor: content.actor,
        action: content.action,
        target_type: null,
        target_id: null,
        outcome: content.outcome,
        details: '{}',
        prev_hash: prevHash,
        hash,
      });
      prevHash = hash;
    }
    await knex.batchInsert('audit_log', rows, 100);
    expect(await audit.verify()).toEqual({
      ok: true,
      count: 501,
      headHash: prevHash,
    });
    expect(await audit.list({ limit: 10_000 })).toHaveLength(500);
  });

  it('records checkpoints, signed when a signer is given', async () => {
    const { knex, audit } = await setup(databaseId);
    const empty = await audit.checkpoint();
    expect(empty).toEqual({
      source: 'tickets',
      seq: 0,
      hash: AUDIT_GENESIS_HASH,
      at: '2025-03-01T00:00:00.000Z',
      signature: null,
    });

    const records = await appendMany(knex, audit, 3);
    const signed: Uint8Array[] = [];
    const signer = async (bytes: Uint8Array) => {
      signed.push(bytes);
      return new Uint8Array(Buffer.from(sm3Hex(bytes), 'hex'));
    };
    const checkpoint = await audit.checkpoint(signer);
    expect(checkpoint).toMatchObject({
      source: 'tickets',
      seq: 3,
      hash: records[2].hash,
    });
    expect(signed).toEqual([checkpointSigningBytes(checkpoint)]);
    expect(checkpoint.signature).toBe(sm3Hex(signed[0]));

    const stored = await knex('audit_checkpoints').orderBy('id');
    expect(
      stored.map(r => ({
        seq: Number(r.seq),
        hash: r.hash,
        at: r.at,
        signature: r.signature,
      })),
    ).toEqual([
      { seq: 0, hash: AUDIT_GENESIS_HASH, at: empty.at, signature: null },
      {
        seq: 3,
        hash: records[2].hash,
        at: checkpoint.at,
        signature: checkpoint.signature,
      },
    ]);

    await expect(
      audit.checkpoint(async () => 'nope' as unknown as Uint8Array),
    ).rejects.toThrow(TypeError);
  });
});

const pgOnly = databases.eachSupportedId().filter(([id]) => id !== 'SQLITE_3');
const describePg =
  pgOnly.length > 0
    ? describe.each(pgOnly)
    : describe.skip.each([['POSTGRES_15']]);

describePg('AuditLog with a schema per plugin on %s', databaseId => {
  it('keeps one independent chain per schema, each safe under concurrency', async () => {
    const base = await databases.init(databaseId as TestDatabaseId);
    await base.raw('CREATE SCHEMA tickets');
    await base.raw('CREATE SCHEMA monitor');
    const scoped = (schema: string) =>
      createKnex({ ...base.client.config, searchPath: [schema] });
    const tickets = scoped('tickets');
    const monitor = scoped('monitor');
    try {
      await migrateAuditLog(tickets);
      await migrateAuditLog(monitor);
      const ticketLog = new AuditLog({ knex: tickets, source: 'tickets' });
      const monitorLog = new AuditLog({ knex: monitor, source: 'monitor' });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          i % 2 === 0
            ? tickets.transaction(trx => ticketLog.append(trx, entry(i)))
            : monitor.transaction(trx =>
                monitorLog.append(trx, entry(i, { actor: 'plugin:monitor' })),
              ),
        ),
      );
      expect(await ticketLog.verify()).toMatchObject({ ok: true, count: 10 });
      expect(await monitorLog.verify()).toMatchObject({ ok: true, count: 10 });
      expect(await base.schema.hasTable('audit_log')).toBe(false);
    } finally {
      await tickets.destroy();
      await monitor.destroy();
    }
  });
});
