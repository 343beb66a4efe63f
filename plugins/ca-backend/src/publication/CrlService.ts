import type { Knex } from 'knex';
import { CrlEntryInput, encodeRevokedList, encodeTbsCrl, ext, joinRevokedLists, keyIdentifierOf, signCrl } from '@yinxin/gm';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import { Hierarchy } from '../ca/Hierarchy';
import type { PublicationUrls } from '../ca/CertificateFactory';
import { lintCrl } from '../profiles/crlLint';

/** A full (complete) CRL or a delta CRL (RFC 5280 §5.2.4). */
export type CrlKind = 'full' | 'delta';

/** How often CRLs are issued and how long each is valid. */
export interface CrlSchedule {
  /** nextUpdate of a full CRL, hours after thisUpdate (default 24). */
  fullValidityHours: number;
  /** nextUpdate of a delta CRL, minutes after thisUpdate (default 60). */
  deltaValidityMinutes: number;
  /** A new full CRL at least this often, minutes (default 360). */
  fullEveryMinutes: number;
  /** A new delta CRL at least this often, minutes (default 15). */
  deltaEveryMinutes: number;
  /** Wait after a revocation before rebuilding, so that a burst makes one CRL (default 2000 ms). */
  rebuildDelayMs: number;
}

/** The default {@link CrlSchedule}. */
export const DEFAULT_CRL_SCHEDULE: CrlSchedule = {
  fullValidityHours: 24,
  deltaValidityMinutes: 60,
  fullEveryMinutes: 360,
  deltaEveryMinutes: 15,
  rebuildDelayMs: 2000,
};

/** A CRL as issued. */
export interface IssuedCrl {
  issuerId: string;
  kind: CrlKind;
  number: number;
  /** For a delta: the number of the full CRL it completes. */
  baseNumber?: number;
  thisUpdate: Date;
  nextUpdate: Date;
  entries: number;
  der: Buffer;
}

/** Reason code removeFromCRL (RFC 5280 §5.3.1): a held certificate released, in a delta CRL. */
const REMOVE_FROM_CRL = 8;
const SYSTEM_ACTOR = 'system:ca-crl';
/** Rows read and encoded at a time when a full CRL is built. */
const CHUNK_ROWS = 50_000;

/** freshestCRL (2.5.29.46): the CRLDistributionPoints syntax, naming where delta CRLs are. */
function freshestCrl(url: string) {
  return { oid: '2.5.29.46', critical: false, value: ext.crlDistributionPoints([url]).value };
}

function serialBytes(hex: string): Buffer {
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** The file name a CRL is published under: `<issuerId>.crl` or `<issuerId>-delta.crl`. */
export function crlFileName(issuerId: string, kind: CrlKind): string {
  return kind === 'full' ? `${issuerId}.crl` : `${issuerId}-delta.crl`;
}

/**
 * Issues the CRLs of every authority: full CRLs of the certificates it revoked or put on hold
 * (until they expire) and delta CRLs of the changes since the last full one, both numbered from
 * one sequence per issuer, linted before they are signed, stored, audited and served from memory.
 * Rebuilds run on a schedule and shortly after each revocation, hold or release — never inside the
 * revocation's transaction.
 */
export class CrlService {
  readonly #schedule: CrlSchedule;
  readonly #clock: () => Date;
  readonly #building = new Map<string, Promise<unknown>>();
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #cache = new Map<string, { crl: IssuedCrl; checkedAt: number }>();
  readonly #listeners: Array<(crl: IssuedCrl) => void> = [];

  constructor(
    private readonly o: {
      knex: Knex;
      audit: AuditLog;
      hierarchy: Hierarchy;
      urls: PublicationUrls;
      schedule?: Partial<CrlSchedule>;
      clock?: () => Date;
      /** Told about failures of background rebuilds. */
      onError?: (error: unknown) => void;
    },
  ) {
    const given = Object.fromEntries(Object.entries(o.schedule ?? {}).filter(([, v]) => v !== undefined));
    this.#schedule = { ...DEFAULT_CRL_SCHEDULE, ...given };
    this.#clock = o.clock ?? (() => new Date());
  }

  /** The schedule in force. */
  get schedule(): CrlSchedule {
    return this.#schedule;
  }

  /** Calls `listener` with every CRL issued (LDAP publication, OCSP cache). */
  onIssued(listener: (crl: IssuedCrl) => void): void {
    this.#listeners.push(listener);
  }

  /** The HTTP URL of an issuer's CRL of `kind` (the full one is in its certificates' CDP). */
  url(issuerId: string, kind: CrlKind): string {
    return `${this.o.urls.httpBase}/crl/${crlFileName(issuerId, kind)}`;
  }

  /**
   * Issues a CRL of `kind` for authority `issuerId` now. A delta needs a full CRL to complete; when
   * there is none, a full CRL is issued first. Builds for one issuer run one at a time.
   */
  async issue(issuerId: string, kind: CrlKind): Promise<IssuedCrl> {
    const previous = this.#building.get(issuerId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.#issueNow(issuerId, kind));
    this.#building.set(issuerId, run);
    try {
      return await run;
    } finally {
      if (this.#building.get(issuerId) === run) this.#building.delete(issuerId);
    }
  }

  async #issueNow(issuerId: string, kind: CrlKind): Promise<IssuedCrl> {
    const knex = this.o.knex;
    const issuer = await this.o.hierarchy.issuer(issuerId);
    let base: { number: number; built_at: string } | undefined;
    if (kind === 'delta') {
      base = await knex('ca_crls').where({ issuer_id: issuerId, kind: 'full' }).orderBy('number', 'desc').first('number', 'built_at');
      if (!base) {
        await this.#issueNow(issuerId, 'full');
        base = await knex('ca_crls').where({ issuer_id: issuerId, kind: 'full' }).orderBy('number', 'desc').first('number', 'built_at');
      }
    }
    const builtAt = this.#clock();
    const thisUpdate = new Date(Math.floor(builtAt.getTime() / 1000) * 1000);
    const nextUpdate = new Date(
      thisUpdate.getTime() + (kind === 'full' ? this.#schedule.fullValidityHours * 3_600_000 : this.#schedule.deltaValidityMinutes * 60_000),
    );
    const revoked = kind === 'full' ? await this.#fullList(issuerId, thisUpdate) : this.#encode(await this.#deltaEntries(issuerId, base!.built_at));
    const number = await this.#nextNumber(issuerId);
    const akid = issuer.certificate.subjectKeyIdentifier ?? keyIdentifierOf(issuer.certificate.publicKey.spki);
    const tbs = encodeTbsCrl({
      issuer: issuer.certificate.subjectDer,
      thisUpdate,
      nextUpdate,
      revokedList: revoked.der,
      extensions: [
        ext.authorityKeyIdentifier(akid),
        ext.crlNumber(BigInt(number)),
        ...(kind === 'delta' ? [ext.deltaCrlIndicator(BigInt(base!.number))] : []),
        // A delta has the scope of the full CRL it completes, so the same distribution point.
        ext.issuingDistributionPoint({ url: this.url(issuerId, 'full') }),
        // Where the deltas are (RFC 5280 §5.2.6); relying parties look for deltas only then.
        ...(kind === 'full' ? [freshestCrl(this.url(issuerId, 'delta'))] : []),
      ],
      signatureAlgorithm: issuer.signer.signatureAlgorithm,
    });
    const violations = lintCrl(tbs, {
      kind,
      number,
      baseNumber: base?.number,
      issuer: issuer.certificate,
      signatureAlgorithmOid: issuer.signer.signatureAlgorithm.oid,
      entryCount: revoked.count,
    });
    if (violations.length > 0) {
      throw new ApiError('LINT_FAILED', `CRL failed its lints: ${violations.map(v => `${v.code} (${v.message})`).join('; ')}`, violations);
    }
    const der = Buffer.from(await signCrl(tbs, issuer.signer));
    const crl: IssuedCrl = { issuerId, kind, number, baseNumber: base?.number, thisUpdate, nextUpdate, entries: revoked.count, der };
    await knex.transaction(async trx => {
      await trx('ca_crls').insert({
        issuer_id: issuerId,
        kind,
        number,
        base_number: base?.number ?? null,
        this_update: thisUpdate.toISOString(),
        next_update: nextUpdate.toISOString(),
        built_at: builtAt.toISOString(),
        entries: revoked.count,
        der,
      });
      // Relying parties only ever need the newest; a few older ones are kept for inspection.
      const keep = await trx('ca_crls').where({ issuer_id: issuerId, kind }).orderBy('number', 'desc').limit(3).pluck('number');
      await trx('ca_crls').where({ issuer_id: issuerId, kind }).whereNotIn('number', keep).delete();
      await this.o.audit.append(trx, {
        actor: SYSTEM_ACTOR,
        action: `ca.crl.issue`,
        targetType: 'crl',
        targetId: `${issuerId}#${number}`,
        outcome: 'success',
        details: { kind, number, baseNumber: base?.number ?? null, entries: revoked.count, issuer: issuer.name, nextUpdate: nextUpdate.toISOString() },
      });
    });
    this.#cache.set(`${issuerId}:${kind}`, { crl, checkedAt: Date.now() });
    for (const listener of this.#listeners) {
      try {
        listener(crl);
      } catch (e) {
        this.o.onError?.(e);
      }
    }
    return crl;
  }

  /** Entries in rising serial order, encoded. */
  #encode(entries: CrlEntryInput[]): { der: Buffer; count: number } {
    const hex = (e: CrlEntryInput) => Buffer.from(e.serialNumber).toString('hex').replace(/^(00)+/, '');
    const keyed = entries.map(e => ({ e, k: hex(e) }));
    keyed.sort((a, b) => a.k.length - b.k.length || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    return { der: encodeRevokedList(keyed.map(x => x.e)), count: entries.length };
  }

  /**
   * The revoked and held certificates of the issuer that have not expired by `at`, encoded a
   * chunk of rows at a time (rising serials, read by keyset), so that a million entries never
   * exist as objects at once.
   */
  async #fullList(issuerId: string, at: Date): Promise<{ der: Buffer; count: number }> {
    const chunks: Buffer[] = [];
    let count = 0;
    let after = '';
    for (;;) {
      const rows = await this.o.knex('ca_certificates')
        .where({ issuer_id: issuerId })
        .whereIn('status', ['revoked', 'hold'])
        .where('not_after', '>=', at.toISOString())
        .where('serial', '>', after)
        .orderBy('serial')
        .limit(CHUNK_ROWS)
        .select('serial', 'revoked_at', 'revocation_reason', 'invalidity_date');
      if (rows.length === 0) break;
      chunks.push(
        encodeRevokedList(
          rows.map(r => ({
            serialNumber: serialBytes(r.serial),
            revocationDate: new Date(r.revoked_at),
            reason: r.revocation_reason ?? undefined,
            invalidityDate: r.invalidity_date ? new Date(r.invalidity_date) : undefined,
          })),
        ),
      );
      count += rows.length;
      after = rows[rows.length - 1].serial;
      if (rows.length < CHUNK_ROWS) break;
    }
    return { der: joinRevokedLists(chunks), count };
  }

  /** What changed since the base full CRL was built: new revocations and holds, and releases. */
  async #deltaEntries(issuerId: string, since: string): Promise<CrlEntryInput[]> {
    const knex = this.o.knex;
    const changed = await knex('ca_certificates')
      .where({ issuer_id: issuerId })
      .whereIn('status', ['revoked', 'hold'])
      .where('revoked_at', '>=', since)
      .select('serial', 'revoked_at', 'revocation_reason', 'invalidity_date');
    const released: Array<{ serial: string; at: string }> = await knex('ca_certificates as c')
      .join('ca_certificate_events as e', 'e.certificate_id', 'c.id')
      .where({ 'c.issuer_id': issuerId, 'c.status': 'good', 'e.action': 'released' })
      .where('e.at', '>=', since)
      .groupBy('c.serial')
      .select('c.serial')
      .max({ at: 'e.at' });
    return [
      ...changed.map(r => ({
        serialNumber: serialBytes(r.serial),
        revocationDate: new Date(r.revoked_at),
        reason: r.revocation_reason ?? undefined,
        invalidityDate: r.invalidity_date ? new Date(r.invalidity_date) : undefined,
      })),
      ...released.map(r => ({ serialNumber: serialBytes(r.serial), revocationDate: new Date(r.at), reason: REMOVE_FROM_CRL })),
    ];
  }

  /** The next number of the issuer's CRL sequence (shared by full and delta CRLs). */
  async #nextNumber(issuerId: string): Promise<number> {
    return this.o.knex.transaction(async trx => {
      const name = `crl:${issuerId}`;
      const updated = await trx('ca_counters').where({ name }).increment('value', 1);
      if (!updated) {
        // The first CRL of this issuer; a concurrent first insert fails on the primary key.
        await trx('ca_counters').insert({ name, value: 1 });
        return 1;
      }
      const row = await trx('ca_counters').where({ name }).first('value');
      return Number(row.value);
    });
  }

  /**
   * The newest CRL of `kind` for `issuerId`, from memory when fresh (checked against the database
   * at most every few seconds, so several portal instances agree). NOT_FOUND when none was issued.
   */
  async latest(issuerId: string, kind: CrlKind): Promise<IssuedCrl> {
    const key = `${issuerId}:${kind}`;
    const cached = this.#cache.get(key);
    if (cached && Date.now() - cached.checkedAt < 5000) return cached.crl;
    const head = await this.o.knex('ca_crls').where({ issuer_id: issuerId, kind }).orderBy('number', 'desc').first('number');
    if (!head) throw new ApiError('NOT_FOUND', `No ${kind} CRL has been issued for ${issuerId}`);
    if (cached && cached.crl.number === head.number) {
      cached.checkedAt = Date.now();
      return cached.crl;
    }
    const row = await this.o.knex('ca_crls').where({ issuer_id: issuerId, kind, number: head.number }).first();
    const crl: IssuedCrl = {
      issuerId,
      kind,
      number: row.number,
      baseNumber: row.base_number ?? undefined,
      thisUpdate: new Date(row.this_update),
      nextUpdate: new Date(row.next_update),
      entries: row.entries,
      der: Buffer.from(row.der),
    };
    this.#cache.set(key, { crl, checkedAt: Date.now() });
    return crl;
  }

  /** Status of every authority's newest CRLs (for the UI and the metrics). */
  async status(): Promise<Array<{ issuerId: string; kind: CrlKind; number: number; thisUpdate: string; nextUpdate: string; entries: number; url: string }>> {
    const rows = await this.o.knex('ca_crls as c')
      .join(
        this.o.knex('ca_crls').select('issuer_id', 'kind').max({ number: 'number' }).groupBy('issuer_id', 'kind').as('m'),
        function join() {
          this.on('m.issuer_id', 'c.issuer_id').andOn('m.kind', 'c.kind').andOn('m.number', 'c.number');
        },
      )
      .select('c.issuer_id', 'c.kind', 'c.number', 'c.this_update', 'c.next_update', 'c.entries');
    return rows.map(r => ({
      issuerId: r.issuer_id,
      kind: r.kind,
      number: r.number,
      thisUpdate: r.this_update,
      nextUpdate: r.next_update,
      entries: r.entries,
      url: this.url(r.issuer_id, r.kind),
    }));
  }

  /** The authorities that issue CRLs: every one with a certificate that is not retired. */
  async #issuers(): Promise<string[]> {
    return this.o.knex('ca_authorities').whereNotNull('certificate_der').whereNot({ status: 'retired' }).pluck('id');
  }

  /**
   * The scheduled pass: for each authority, a full CRL when the last is older than
   * `fullEveryMinutes` (or missing), else a delta when the last delta is older than
   * `deltaEveryMinutes`.
   */
  async refresh(): Promise<IssuedCrl[]> {
    const out: IssuedCrl[] = [];
    const now = this.#clock().getTime();
    for (const issuerId of await this.#issuers()) {
      const last = async (kind: CrlKind) =>
        this.o.knex('ca_crls').where({ issuer_id: issuerId, kind }).orderBy('number', 'desc').first('built_at');
      const full = await last('full');
      if (!full || now - Date.parse(full.built_at) >= this.#schedule.fullEveryMinutes * 60_000) {
        out.push(await this.issue(issuerId, 'full'));
        continue;
      }
      const delta = await last('delta');
      if (!delta || now - Date.parse(delta.built_at) >= this.#schedule.deltaEveryMinutes * 60_000) out.push(await this.issue(issuerId, 'delta'));
    }
    return out;
  }

  /**
   * Asks for new CRLs of `issuerId` after a revocation, hold or release: after `rebuildDelayMs` a
   * delta and a full CRL are issued. Returns at once; a burst of changes makes one rebuild.
   */
  requestRebuild(issuerId: string): void {
    if (this.#pending.has(issuerId)) return;
    const timer = setTimeout(() => {
      this.#pending.delete(issuerId);
      this.issue(issuerId, 'delta')
        .then(() => this.issue(issuerId, 'full'))
        .catch(e => this.o.onError?.(e));
    }, this.#schedule.rebuildDelayMs);
    timer.unref?.();
    this.#pending.set(issuerId, timer);
  }

  /** Waits for the rebuilds requested and running (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.#pending.size > 0 || this.#building.size > 0) {
      for (const [issuerId, timer] of [...this.#pending]) {
        clearTimeout(timer);
        this.#pending.delete(issuerId);
        await this.issue(issuerId, 'delta').then(() => this.issue(issuerId, 'full'));
      }
      await Promise.all([...this.#building.values()].map(p => p.catch(() => undefined)));
    }
  }
}
