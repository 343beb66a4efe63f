import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { AlreadyExistsError, Attribute, Change, Client, NoSuchObjectError, ResultCodeError } from 'ldapts';
import { parseCertificate } from '@yinxin/gm';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import type { LdapStatus, PublishItem, PublishStatus } from '@yinxin/plugin-ca-common';
import type { LdapConfig } from './config';
import { LDAP_BRANCHES, crlDistributionPointDn, entryDn, formatDn, parseDn, rdn } from './dn';

/** What a queue row publishes (the shared model's kinds). */
export type PublishKind = PublishItem['kind'];
/** pending: waiting (first try or retry); failed: `failedAfter` attempts failed in a row, still retried; done: written. */
export type { PublishStatus };
/** Whether publication runs: no `yinxin.ca.ldap.url`, `enabled: false`, or running. */
export type LdapPublicationState = LdapStatus['state'];
/** One row of the queue, for the UI table (the shared model's type). */
export type LdapQueueItem = PublishItem;
/** What {@link LdapPublisher.status} answers (`GET /ldap/status`, the shared model's type). */
export type LdapPublicationStatus = LdapStatus;

/** What one {@link LdapPublisher.drain} did. */
export interface DrainResult {
  /** Rows taken from the queue. */
  attempted: number;
  published: number;
  failed: number;
  /** True when publication is not configured or disabled (nothing taken). */
  skipped: boolean;
}

/** What {@link LdapPublisher.republishAll} queued. */
export interface RepublishResult {
  authorities: number;
  crlDistributionPoints: number;
  certificates: number;
}

/** Retry policy: a failed row waits `baseDelayMs`·2^(attempts−1), at most `maxDelayMs`. */
export interface RetryPolicy {
  /** Default 5000. */
  baseDelayMs: number;
  /** Default 3 600 000 (an hour). */
  maxDelayMs: number;
  /** Consecutive failures after which a row shows as `failed` (still retried). Default 3. */
  failedAfter: number;
}

/** The logger calls used (Backstage's LoggerService fits). */
export interface PublicationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options of {@link LdapPublisher}. */
export interface LdapPublisherOptions {
  knex: Knex;
  audit: AuditLog;
  /** Undefined: not configured (every call is a no-op; status says so). */
  config: LdapConfig | undefined;
  logger?: PublicationLogger;
  clock?: () => Date;
  retry?: Partial<RetryPolicy>;
  /** How long a taken row is reserved for its worker before another may take it (default 5 min). */
  leaseMs?: number;
  /** Most rows one drain() takes (default 10 000), so that a scheduled run ends. */
  maxPerDrain?: number;
}

const TARGET = 'ldap';
const QUEUE = 'ca_publish_queue';
const CURSORS = 'ca_publish_cursors';
/** Certificate events that can change what is published about a certificate. */
const EVENT_ACTIONS = ['issued', 'revoked', 'held', 'released', 'renewed', 'rekeyed'];
const EVENT_CHUNK = 5000;
/** Rows per multi-row insert (SQLite's bound-variable limit). */
const INSERT_CHUNK = 400;
const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 5000, maxDelayMs: 3_600_000, failedAfter: 3 };

/** An entry as it should be: its attributes (an empty list removes an attribute). */
interface DesiredEntry {
  dn: string;
  attributes: Record<string, Array<string | Buffer>>;
}
/** What publishing one row comes to: an entry to write or to delete, and what it stands for. */
interface Plan {
  dn: string;
  entry: DesiredEntry | null;
  /** Recorded on the row when done; compared by the catch-up pass. */
  published: string;
}

interface QueueRow {
  id: number;
  kind: PublishKind;
  object_id: string;
  status: PublishStatus;
  attempts: number;
  version: number;
  claim: string | null;
}

const unb64 = (s: string) => Buffer.from(s, 'base64');
const errorText = (e: unknown) => (e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e)).slice(0, 2000);

/**
 * Publishes the CA's directory objects to an LDAP server (RFC 4523 schema) through a durable
 * queue in the database:
 *
 * - `ca` — `cn=<authority id>,ou=ca,<base>`: applicationProcess + pkiCA with `cACertificate;binary`
 *   and the authority's newest full CRL, as `authorityRevocationList;binary` for a root (its CRL
 *   lists CA certificates) and `certificateRevocationList;binary` for an issuing CA;
 * - `crl-dp` — `cn=<authority id>,ou=crl,<base>`: the cRLDistributionPoint entry the certificates'
 *   LDAP CRL distribution point names, with `certificateRevocationList;binary` (newest full CRL)
 *   and `deltaRevocationList;binary` (newest delta CRL);
 * - `certificate` — the subscriber's entry under `ou=people` (see {@link LdapConfig.subscriberEntries}):
 *   inetOrgPerson + pkiUser with `userCertificate;binary` = the subscriber's current certificates
 *   (good and unexpired); the entry is deleted when none is left.
 *
 * A queue row names an object; what to write is read from the CA's tables when the row is
 * published, so a row enqueued twice while it waits is one row (coalescing) and a retry always
 * writes the newest state. Rows are taken with a lease and a claim (several backend replicas may
 * drain side by side); a failure counts an attempt and backs off exponentially. A catch-up pass
 * before each drain follows the certificate events and expiries (durable cursors) and compares
 * the published CRL numbers with the newest, so nothing is lost when a process stops between a
 * change and its enqueue.
 */
export class LdapPublisher {
  readonly #retry: RetryPolicy;
  readonly #clock: () => Date;
  readonly #leaseMs: number;
  readonly #maxPerDrain: number;
  #draining: Promise<DrainResult> | undefined;
  #catchUpChain: Promise<unknown> = Promise.resolve();
  readonly #inflight = new Set<Promise<unknown>>();

  constructor(private readonly o: LdapPublisherOptions) {
    const given = Object.fromEntries(Object.entries(o.retry ?? {}).filter(([, v]) => v !== undefined));
    this.#retry = { ...DEFAULT_RETRY, ...given };
    this.#clock = o.clock ?? (() => new Date());
    this.#leaseMs = o.leaseMs ?? 300_000;
    this.#maxPerDrain = o.maxPerDrain ?? 10_000;
  }

  /** not-configured, disabled or enabled. */
  get state(): LdapPublicationState {
    if (!this.o.config) return 'not-configured';
    return this.o.config.enabled ? 'enabled' : 'disabled';
  }

  /** The retry policy in force. */
  get retryPolicy(): RetryPolicy {
    return this.#retry;
  }

  #now(): Date {
    return this.#clock();
  }

  /** Runs `work` in the background, remembered so that drain() waits for it (listeners). */
  track(work: Promise<unknown>): void {
    const p = work.catch(e => this.o.logger?.error(`LDAP publication: ${errorText(e)}`));
    this.#inflight.add(p);
    void p.finally(() => this.#inflight.delete(p));
  }

  /** The DN of the entry of a `ca` or `crl-dp` object. */
  #authorityDn(kind: 'ca' | 'crl-dp', authorityId: string): string {
    const base = this.o.config?.baseDn ?? '';
    return kind === 'ca' ? entryDn(rdn('cn', authorityId), LDAP_BRANCHES.ca, base) : crlDistributionPointDn(authorityId, base);
  }

  /**
   * Queues `kind` objects `ids`. A row that is done becomes pending again; a row still waiting
   * keeps its attempts and backoff (one row however often it is queued), unless `reset` (a
   * person's re-publish), which makes it due now. Returns how many ids were queued (0 when
   * publication is not enabled).
   */
  async enqueue(kind: PublishKind, ids: string[], opts: { trx?: Knex.Transaction; reset?: boolean } = {}): Promise<number> {
    if (this.state !== 'enabled' || ids.length === 0) return 0;
    const db = opts.trx ?? this.o.knex;
    const now = this.#now().toISOString();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
      const rows = unique.slice(i, i + INSERT_CHUNK).map(id => ({
        target: TARGET,
        kind,
        object_id: id,
        dn: kind === 'certificate' ? null : this.#authorityDn(kind, id),
        status: 'pending',
        attempts: 0,
        version: 1,
        next_attempt_at: now,
        enqueued_at: now,
        updated_at: now,
      }));
      await db(QUEUE).insert(rows).onConflict(['target', 'kind', 'object_id']).merge(this.#mergeOnEnqueue(db, !!opts.reset));
    }
    return unique.length;
  }

  /** The ON CONFLICT update of an enqueue (see {@link enqueue}). */
  #mergeOnEnqueue(db: Knex | Knex.Transaction, reset: boolean) {
    const again = reset ? '1 = 1' : `${QUEUE}.status = 'done'`;
    return {
      version: db.raw(`${QUEUE}.version + 1`),
      enqueued_at: db.raw('excluded.enqueued_at'),
      updated_at: db.raw('excluded.updated_at'),
      status: db.raw(`case when ${again} then 'pending' else ${QUEUE}.status end`),
      attempts: db.raw(`case when ${again} then 0 else ${QUEUE}.attempts end`),
      next_attempt_at: db.raw(`case when ${again} then excluded.next_attempt_at else ${QUEUE}.next_attempt_at end`),
    };
  }

  /** Queues the entries of newly issued certificates (subscriber certificates only). */
  async enqueueIssued(certificateIds: string[], trx?: Knex.Transaction): Promise<number> {
    if (this.state !== 'enabled' || certificateIds.length === 0) return 0;
    const db = trx ?? this.o.knex;
    const ids: string[] = [];
    for (let i = 0; i < certificateIds.length; i += INSERT_CHUNK) {
      ids.push(...(await db('ca_certificates').whereIn('id', certificateIds.slice(i, i + INSERT_CHUNK)).whereNotNull('subject_id').pluck('id')));
    }
    return this.enqueue('certificate', ids, { trx });
  }

  /** Queues an authority's CRL distribution point, and its CA entry after a full CRL. */
  async enqueueCrl(issuerId: string, kind: 'full' | 'delta'): Promise<void> {
    await this.enqueue('crl-dp', [issuerId]);
    if (kind === 'full') await this.enqueue('ca', [issuerId]);
  }

  async #cursor(name: string): Promise<string | undefined> {
    const row = await this.o.knex(CURSORS).where({ name }).first('value');
    return row?.value;
  }

  /** Moves a cursor from `from` to `to` (undefined `from`: creates it; a lost race is harmless). */
  async #setCursor(name: string, from: string | undefined, to: string): Promise<void> {
    if (from === undefined) await this.o.knex(CURSORS).insert({ name, value: to }).onConflict('name').ignore();
    else await this.o.knex(CURSORS).where({ name, value: from }).update({ value: to });
  }

  /**
   * The catch-up pass (run before each drain, and after status changes): queues the certificates
   * with new lifecycle events and those that expired since the last pass (both followed by
   * durable cursors, which start at the first pass: earlier certificates are published by
   * {@link republishAll}), and every authority whose published CRL numbers or certificate differ
   * from the newest. Passes run one at a time.
   */
  catchUp(): Promise<void> {
    const run = this.#catchUpChain.catch(() => undefined).then(() => this.#catchUpNow());
    this.#catchUpChain = run;
    return run;
  }

  async #catchUpNow(): Promise<void> {
    if (this.state !== 'enabled') return;
    const knex = this.o.knex;
    // Certificate events since the cursor.
    const eventsCursor = `${TARGET}:certificate-events`;
    let from = await this.#cursor(eventsCursor);
    if (from === undefined) {
      const max = await knex('ca_certificate_events').max({ m: 'id' }).first();
      await this.#setCursor(eventsCursor, undefined, String(Number(max?.m ?? 0)));
    } else {
      for (;;) {
        const events: Array<{ id: number; certificate_id: string; action: string }> = await knex('ca_certificate_events').where('id', '>', Number(from)).orderBy('id').limit(EVENT_CHUNK).select('id', 'certificate_id', 'action');
        if (events.length === 0) break;
        const ids = [...new Set(events.filter(e => EVENT_ACTIONS.includes(e.action)).map(e => e.certificate_id))];
        await this.enqueueIssued(ids);
        const to: string = String(events[events.length - 1].id);
        await this.#setCursor(eventsCursor, from, to);
        from = to;
        if (events.length < EVENT_CHUNK) break;
      }
    }
    // Certificates that expired since the last pass leave their entries.
    const expiryCursor = `${TARGET}:certificate-expiry`;
    const now = this.#now().toISOString();
    const since = await this.#cursor(expiryCursor);
    if (since !== undefined && since < now) {
      const expired = await knex('ca_certificates').where({ status: 'good' }).where('not_after', '>', since).where('not_after', '<', now).whereNotNull('subject_id').pluck('id');
      await this.enqueue('certificate', expired);
    }
    if (since === undefined || since < now) await this.#setCursor(expiryCursor, since, now);
    // Authorities whose entries are missing or behind.
    const facts = await this.#authorityFacts();
    const rows: Array<{ kind: string; object_id: string; status: string; published: string | null }> = await knex(QUEUE)
      .where({ target: TARGET })
      .whereIn('kind', ['ca', 'crl-dp'])
      .select('kind', 'object_id', 'status', 'published');
    const known = new Map(rows.map(r => [`${r.kind}:${r.object_id}`, r]));
    for (const f of facts.values()) {
      for (const [kind, expected] of [['ca', f.caPublished], ['crl-dp', f.dpPublished]] as const) {
        const row = known.get(`${kind}:${f.id}`);
        if (!row || (row.status === 'done' && row.published !== expected)) await this.enqueue(kind, [f.id]);
      }
    }
  }

  /** Per authority with a certificate: what its CA and CRL DP entries stand for when current. */
  async #authorityFacts(id?: string) {
    const q = this.o.knex('ca_authorities').whereNotNull('certificate_der');
    if (id) q.where({ id });
    const authorities = await q.select('id', 'name', 'kind', 'serial');
    const heads = this.o.knex('ca_crls').select('issuer_id', 'kind').max({ number: 'number' }).groupBy('issuer_id', 'kind');
    if (id) heads.where({ issuer_id: id });
    const numbers = new Map((await heads).map((h: any) => [`${h.issuer_id}:${h.kind}`, Number(h.number)]));
    const out = new Map<string, { id: string; name: string; kind: string; serial: string; full?: number; delta?: number; caPublished: string; dpPublished: string }>();
    for (const a of authorities) {
      const full = numbers.get(`${a.id}:full`);
      const delta = numbers.get(`${a.id}:delta`);
      out.set(a.id, {
        id: a.id,
        name: a.name,
        kind: a.kind,
        serial: a.serial,
        full,
        delta,
        caPublished: `cert:${a.serial} full:${full ?? '-'}`,
        dpPublished: `full:${full ?? '-'} delta:${delta ?? '-'}`,
      });
    }
    return out;
  }

  async #crlDer(issuerId: string, number: number | undefined): Promise<Buffer[]> {
    if (number === undefined) return [];
    const row = await this.o.knex('ca_crls').where({ issuer_id: issuerId, number }).first('der');
    return row ? [Buffer.from(row.der)] : [];
  }

  /** What to write for a queue row, read from the CA's tables now. */
  async #plan(row: QueueRow): Promise<Plan> {
    const cfg = this.o.config!;
    if (row.kind === 'ca' || row.kind === 'crl-dp') {
      const dn = this.#authorityDn(row.kind, row.object_id);
      const f = (await this.#authorityFacts(row.object_id)).get(row.object_id);
      if (!f) return { dn, entry: null, published: 'absent' };
      const full = await this.#crlDer(f.id, f.full);
      if (row.kind === 'ca') {
        const a = await this.o.knex('ca_authorities').where({ id: f.id }).first('certificate_der');
        const root = f.kind === 'root';
        return {
          dn,
          published: f.caPublished,
          entry: {
            dn,
            attributes: {
              objectClass: ['applicationProcess', 'pkiCA'],
              cn: [f.id],
              description: [f.name],
              'cACertificate;binary': [unb64(a.certificate_der)],
              'authorityRevocationList;binary': root ? full : [],
              'certificateRevocationList;binary': root ? [] : full,
            },
          },
        };
      }
      return {
        dn,
        published: f.dpPublished,
        entry: {
          dn,
          attributes: {
            objectClass: ['cRLDistributionPoint'],
            cn: [f.id],
            'certificateRevocationList;binary': full,
            'deltaRevocationList;binary': await this.#crlDer(f.id, f.delta),
          },
        },
      };
    }
    // A subscriber entry.
    const cert = await this.o.knex('ca_certificates').where({ id: row.object_id }).first('id', 'serial', 'subject_id');
    if (!cert || !cert.subject_id) return { dn: '', entry: null, published: 'not a subscriber certificate' };
    const now = this.#now().toISOString();
    const perSubject = cfg.subscriberEntries === 'subject';
    const uid = perSubject ? cert.subject_id : cert.serial;
    const dn = entryDn(rdn('uid', uid), LDAP_BRANCHES.people, cfg.baseDn);
    const current = await this.o.knex('ca_certificates')
      .where(perSubject ? { subject_id: cert.subject_id } : { id: cert.id })
      .where({ status: 'good' })
      .where('not_after', '>=', now)
      .orderBy([{ column: 'created_at' }, { column: 'serial' }])
      .select('serial', 'der');
    if (current.length === 0) return { dn, entry: null, published: 'absent' };
    const ders = current.map(c => unb64(c.der));
    const infos = ders.map(d => parseCertificate(d));
    const newest = infos[infos.length - 1];
    const cn = newest.subject.find(a => a.type === 'CN')?.value ?? newest.subject.map(a => a.value).join(' ');
    const mail = [...new Set(infos.flatMap(i => [...(i.subjectAltName?.email ?? []), ...i.subject.filter(a => a.type === 'E').map(a => a.value)]))];
    return {
      dn,
      published: current.map(c => c.serial).join(','),
      entry: {
        dn,
        attributes: {
          objectClass: ['inetOrgPerson', 'pkiUser'],
          uid: [uid],
          cn: [cn],
          // inetOrgPerson requires sn; a Chinese name is not split into surname and given name,
          // and an organisation or server has none, so sn repeats the common name.
          sn: [cn],
          mail,
          'userCertificate;binary': ders,
        },
      },
    };
  }

  async #connect(): Promise<Client> {
    const cfg = this.o.config!;
    const client = new Client({ url: cfg.url, timeout: cfg.timeoutMs, connectTimeout: cfg.timeoutMs, autoRebind: true });
    try {
      if (cfg.bindDn) await client.bind(cfg.bindDn, cfg.bindPassword ?? '');
      else await client.search('', { scope: 'base', attributes: ['1.1'] });
    } catch (e) {
      await client.unbind().catch(() => undefined);
      throw e;
    }
    return client;
  }

  /** Creates the base entry (from its own RDN) and the branch `ou` under it when missing. */
  async #ensureParents(client: Client, dn: string, made: Set<string>): Promise<void> {
    const cfg = this.o.config!;
    const rdns = parseDn(dn);
    const parent = rdns.slice(1);
    const baseLen = parseDn(cfg.baseDn).length;
    // From the base down to the entry's parent.
    for (let depth = baseLen; depth <= parent.length; depth++) {
      const entry = parent.slice(parent.length - depth);
      const entryDnString = formatDn(entry);
      if (made.has(entryDnString)) continue;
      const first = entry[0];
      if (first.length !== 1) throw new Error(`Cannot create ${entryDnString}: a multi-valued RDN; create it in the directory first`);
      const { type, value } = first[0];
      const klass = STRUCTURAL_FOR_NAMING[type.toLowerCase()];
      if (!klass) throw new Error(`Cannot create ${entryDnString}: no structural class known for ${type}; create it in the directory first`);
      try {
        await client.add(entryDnString, { objectClass: klass, [type]: value });
      } catch (e) {
        if (!(e instanceof AlreadyExistsError)) throw e;
      }
      made.add(entryDnString);
    }
  }

  /** Makes the directory hold `plan`: replace the entry's attributes, add it, or delete it. */
  async #write(client: Client, plan: Plan, made: Set<string>): Promise<void> {
    if (!plan.entry) {
      if (!plan.dn) return;
      try {
        await client.del(plan.dn);
      } catch (e) {
        if (!(e instanceof NoSuchObjectError)) throw e;
      }
      return;
    }
    const { dn, attributes } = plan.entry;
    const changes = Object.entries(attributes).map(
      ([type, values]) => new Change({ operation: 'replace', modification: new Attribute({ type, values: values as Buffer[] | string[] }) }),
    );
    const add = () =>
      client.add(
        dn,
        Object.entries(attributes)
          .filter(([, values]) => values.length > 0)
          .map(([type, values]) => new Attribute({ type, values: values as Buffer[] | string[] })),
      );
    try {
      await client.modify(dn, changes);
      return;
    } catch (e) {
      if (!(e instanceof NoSuchObjectError)) throw e;
    }
    try {
      await add();
    } catch (e) {
      if (e instanceof AlreadyExistsError) {
        await client.modify(dn, changes);
      } else if (e instanceof NoSuchObjectError) {
        await this.#ensureParents(client, dn, made);
        await add();
      } else {
        throw e;
      }
    }
  }

  /** Takes up to `n` due rows (CA and CRL entries before certificates) under a new claim. */
  async #claim(n: number): Promise<QueueRow[]> {
    const knex = this.o.knex;
    const now = this.#now();
    const nowIso = now.toISOString();
    const due = (kinds: PublishKind[], limit: number) =>
      knex(QUEUE)
        .where({ target: TARGET })
        .whereIn('status', ['pending', 'failed'])
        .whereIn('kind', kinds)
        .where('next_attempt_at', '<=', nowIso)
        .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
        .limit(limit)
        .pluck('id');
    const ids: number[] = await due(['crl-dp', 'ca'], n);
    if (ids.length < n) ids.push(...(await due(['certificate'], n - ids.length)));
    if (ids.length === 0) return [];
    const claim = randomUUID();
    await knex(QUEUE)
      .whereIn('id', ids)
      .whereIn('status', ['pending', 'failed'])
      .where('next_attempt_at', '<=', nowIso)
      .update({ claim, next_attempt_at: new Date(now.getTime() + this.#leaseMs).toISOString() });
    const rows: QueueRow[] = await knex(QUEUE).where({ claim }).select('id', 'kind', 'object_id', 'status', 'attempts', 'version', 'claim');
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  async #done(row: QueueRow, plan: Plan): Promise<void> {
    const knex = this.o.knex;
    const now = this.#now().toISOString();
    const fields = { attempts: 0, last_error: null, claim: null, dn: plan.dn || null, published: plan.published, updated_at: now };
    const n = await knex(QUEUE).where({ id: row.id, claim: row.claim, version: row.version }).update({ ...fields, status: 'done' });
    // Queued again while it was written: publish once more, now.
    if (n === 0) await knex(QUEUE).where({ id: row.id, claim: row.claim }).update({ ...fields, status: 'pending', next_attempt_at: now });
  }

  /** The wait before the next attempt after `attempts` consecutive failures. */
  backoffMs(attempts: number): number {
    return Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  }

  async #failed(row: QueueRow, error: unknown): Promise<void> {
    const now = this.#now();
    const attempts = row.attempts + 1;
    await this.o.knex(QUEUE)
      .where({ id: row.id, claim: row.claim })
      .update({
        attempts,
        status: attempts >= this.#retry.failedAfter ? 'failed' : 'pending',
        next_attempt_at: new Date(now.getTime() + this.backoffMs(attempts)).toISOString(),
        last_error: errorText(error),
        claim: null,
        updated_at: now.toISOString(),
      });
  }

  /**
   * The worker: a catch-up pass, then due rows a batch at a time over one LDAP connection until
   * none is due (or `maxPerDrain`). Each row is written and marked done, or counts a failed
   * attempt and backs off. When the server cannot be reached, the batch fails and the drain
   * stops. Concurrent calls share one run. A no-op unless publication is enabled.
   */
  drain(): Promise<DrainResult> {
    if (this.state !== 'enabled') return Promise.resolve({ attempted: 0, published: 0, failed: 0, skipped: true });
    if (!this.#draining) {
      this.#draining = this.#drainNow().finally(() => {
        this.#draining = undefined;
      });
    }
    return this.#draining;
  }

  async #drainNow(): Promise<DrainResult> {
    await Promise.all([...this.#inflight]);
    await this.catchUp();
    const result: DrainResult = { attempted: 0, published: 0, failed: 0, skipped: false };
    const batchSize = Math.max(1, this.o.config!.batchSize);
    let client: Client | undefined;
    const made = new Set<string>();
    try {
      while (result.attempted < this.#maxPerDrain) {
        const rows = await this.#claim(Math.min(batchSize, this.#maxPerDrain - result.attempted));
        if (rows.length === 0) break;
        result.attempted += rows.length;
        if (!client) {
          try {
            client = await this.#connect();
          } catch (e) {
            for (const r of rows) await this.#failed(r, e);
            result.failed += rows.length;
            this.o.logger?.warn(`LDAP publication: cannot connect or bind to ${this.o.config!.url}: ${errorText(e)}`);
            break;
          }
        }
        // One write per entry per batch: the rows of one subscriber's certificates share it.
        const written = new Map<string, Plan>();
        let lost: unknown;
        for (const row of rows) {
          if (lost) {
            await this.#failed(row, lost);
            result.failed++;
            continue;
          }
          let plan: Plan;
          try {
            plan = await this.#plan(row);
            const key = `${plan.dn}\n${plan.published}`;
            if (!written.has(key)) {
              try {
                await this.#write(client, plan, made);
              } catch (e) {
                // Not an LDAP result: the connection is gone; the rest of the batch fails alike.
                if (!(e instanceof ResultCodeError)) lost = e;
                throw e;
              }
              written.set(key, plan);
            }
          } catch (e) {
            await this.#failed(row, e);
            result.failed++;
            continue;
          }
          await this.#done(row, plan);
          result.published++;
        }
        if (lost) {
          this.o.logger?.warn(`LDAP publication: connection to ${this.o.config!.url} lost: ${errorText(lost)}`);
          break;
        }
        if (rows.length < batchSize) break;
      }
    } finally {
      await client?.unbind().catch(() => undefined);
    }
    if (result.failed > 0) this.o.logger?.warn(`LDAP publication: ${result.failed} of ${result.attempted} items failed; they will be retried`);
    return result;
  }

  /** Rows waiting (pending + failed): the queue-depth gauge. */
  async queueDepth(): Promise<number> {
    const row = await this.o.knex(QUEUE).where({ target: TARGET }).whereIn('status', ['pending', 'failed']).count<{ n: number | string }[]>({ n: '*' });
    return Number(row[0].n);
  }

  /** Rows in state failed (repeated failures): for an alert. */
  async failures(): Promise<number> {
    const row = await this.o.knex(QUEUE).where({ target: TARGET, status: 'failed' }).count<{ n: number | string }[]>({ n: '*' });
    return Number(row[0].n);
  }

  /** Counts, the oldest waiting row, the last error and up to `limit` rows for the UI. */
  async status(limit = 100): Promise<LdapPublicationStatus> {
    const knex = this.o.knex;
    const cfg = this.o.config;
    const state = this.state;
    const counts: Record<PublishStatus, number> = { pending: 0, done: 0, failed: 0 };
    const grouped = await knex(QUEUE).where({ target: TARGET }).groupBy('status').select('status').count<{ status: PublishStatus; n: number | string }[]>({ n: '*' });
    for (const g of grouped) counts[g.status] = Number(g.n);
    const oldest = await knex(QUEUE).where({ target: TARGET }).whereIn('status', ['pending', 'failed']).orderBy('enqueued_at').first('enqueued_at');
    const last = await knex(QUEUE)
      .where({ target: TARGET })
      .whereIn('status', ['pending', 'failed'])
      .whereNotNull('last_error')
      .orderBy('updated_at', 'desc')
      .first('kind', 'object_id', 'last_error', 'updated_at');
    const rows = await knex(QUEUE)
      .where({ target: TARGET })
      .orderByRaw(`case status when 'failed' then 0 when 'pending' then 1 else 2 end`)
      .orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'id', order: 'desc' }])
      .limit(Math.max(0, Math.min(limit, 1000)))
      .select();
    const message =
      state === 'not-configured'
        ? 'LDAP publication is not configured (yinxin.ca.ldap.url)'
        : state === 'disabled'
          ? `LDAP publication to ${cfg!.url} is disabled (yinxin.ca.ldap.enabled: false)`
          : `Publishing to ${cfg!.url} under ${cfg!.baseDn}`;
    return {
      state,
      message,
      url: cfg?.url,
      baseDn: cfg?.baseDn,
      counts,
      queueDepth: counts.pending + counts.failed,
      oldestPendingAt: oldest?.enqueued_at ?? null,
      oldestPendingSeconds: oldest ? Math.max(0, Math.round((this.#now().getTime() - Date.parse(oldest.enqueued_at)) / 1000)) : null,
      lastError: last ? { kind: last.kind, objectId: last.object_id, error: last.last_error, at: last.updated_at } : null,
      items: rows.map(r => ({
        kind: r.kind,
        objectId: r.object_id,
        dn: r.dn ?? null,
        status: r.status,
        attempts: Number(r.attempts),
        lastError: r.last_error ?? null,
        nextAttemptAt: r.next_attempt_at,
        enqueuedAt: r.enqueued_at,
        updatedAt: r.updated_at,
      })),
    };
  }

  /**
   * A person's "re-publish all": queues every authority (CA entry and CRL distribution point) and
   * every current subscriber certificate (good, unexpired), due now, and writes one audit record
   * `ca.ldap.republish` — all in `trx` when given, else in a transaction of its own. CONFLICT
   * when publication is not configured or disabled.
   */
  async republishAll(actor: string, trx?: Knex.Transaction): Promise<RepublishResult> {
    if (this.state !== 'enabled') throw new ApiError('CONFLICT', this.state === 'disabled' ? 'LDAP publication is disabled' : 'LDAP publication is not configured');
    const work = async (t: Knex.Transaction): Promise<RepublishResult> => {
      const authorities: string[] = await t('ca_authorities').whereNotNull('certificate_der').pluck('id');
      await this.enqueue('ca', authorities, { trx: t, reset: true });
      await this.enqueue('crl-dp', authorities, { trx: t, reset: true });
      const now = this.#now().toISOString();
      const current = () => t('ca_certificates').whereNotNull('subject_id').where({ status: 'good' }).where('not_after', '>=', now);
      const certificates = Number((await current().count<{ n: number | string }[]>({ n: '*' }))[0].n);
      // One statement, however many certificates (the WHERE also keeps SQLite from reading
      // ON CONFLICT as a join constraint).
      await t.raw(
        `insert into ${QUEUE} (target, kind, object_id, status, attempts, version, next_attempt_at, enqueued_at, updated_at)
         select ?, 'certificate', id, 'pending', 0, 1, ?, ?, ? from ca_certificates
         where subject_id is not null and status = 'good' and not_after >= ?
         on conflict (target, kind, object_id) do update set
           version = ${QUEUE}.version + 1, enqueued_at = excluded.enqueued_at, updated_at = excluded.updated_at,
           status = 'pending', attempts = 0, next_attempt_at = excluded.next_attempt_at`,
        [TARGET, now, now, now, now],
      );
      const result = { authorities: authorities.length, crlDistributionPoints: authorities.length, certificates };
      await this.o.audit.append(t, {
        actor,
        action: 'ca.ldap.republish',
        targetType: 'ldap',
        targetId: this.o.config!.baseDn,
        outcome: 'success',
        details: { url: this.o.config!.url, ...result },
      });
      return result;
    };
    return trx ? work(trx) : this.o.knex.transaction(work);
  }
}

/** Structural classes for the base entry and the branches, by naming attribute. */
const STRUCTURAL_FOR_NAMING: Record<string, string[]> = {
  o: ['organization'],
  ou: ['organizationalUnit'],
  dc: ['domain'],
  c: ['country'],
  l: ['locality'],
  cn: ['applicationProcess'],
};
