import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CertificateInfo,
  buildCertsOnlyPkcs7,
  nameToString,
  pemEncode,
  sm3,
  toHex,
} from '@yinxin/gm';
import {
  CertificateDetail,
  CertificateEvent,
  CertificatePage,
  CertificateStatus,
  CertificateSummary,
  CertificateUsage,
  IssuancePoint,
  KeyAlgorithm,
  REVOCATION_REASONS,
  RevocationReason,
} from '@yinxin/plugin-ca-common';
import { ApiError, AuditLog, whereContains } from '@yinxin/ops-node';
import type { KmcGateway } from '../kmc/KmcService';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const REASON_NAMES = Object.fromEntries(Object.entries(REVOCATION_REASONS).map(([k, v]) => [v, k])) as Record<number, RevocationReason>;

/** Filters of the certificate search. */
export interface CertificateQuery {
  q?: string;
  status?: CertificateStatus;
  expired?: boolean;
  usage?: CertificateUsage;
  algorithm?: KeyAlgorithm;
  issuerId?: string;
  subjectId?: string;
  expiringWithinDays?: number;
  limit?: number;
  offset?: number;
}

/** A new certificate row. */
export interface NewCertificate {
  info: CertificateInfo;
  issuerId: string;
  usage: CertificateUsage;
  profile: string;
  keyAlgorithm: KeyAlgorithm;
  subjectId?: string;
  subjectName?: string;
  applicationId?: string;
  kmcKeyId?: string;
}

type Trx = Knex.Transaction;

/** What the status API answers about one certificate (the same facts OCSP signs). */
export interface CertificateStatusAnswer {
  issuerId: string;
  serial: string;
  status: 'good' | 'revoked' | 'unknown';
  revocationTime?: string;
  reason?: RevocationReason;
  /** Revoked with certificateHold: may be released. */
  onHold?: boolean;
  notAfter?: string;
  expired?: boolean;
  checkedAt: string;
}

/**
 * The CA's certificate records: storage, search, detail, downloads, history, and the status
 * changes revoke / hold / release with the dual-certificate pair policy.
 */
export class CertificateStore {
  readonly #statusListeners: Array<(issuerId: string) => void> = [];

  /**
   * Calls `listener` with the issuing authority after a revocation, hold or release has committed
   * (CRL rebuilds, OCSP caches, LDAP publication). Listeners must not throw or block.
   */
  onStatusChange(listener: (issuerId: string) => void): void {
    this.#statusListeners.push(listener);
  }

  /** Tells the listeners that certificates of `issuerId` changed status (after the commit). */
  statusChanged(issuerId: string): void {
    for (const listener of this.#statusListeners) listener(issuerId);
  }

  constructor(
    private readonly knex: Knex,
    private readonly audit: AuditLog,
    private readonly kmc: KmcGateway,
    private readonly caName: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private now() {
    return this.clock().toISOString();
  }

  /** Stores an issued certificate with its `issued` history event and audit record. */
  async insert(trx: Trx, c: NewCertificate, actor: string): Promise<string> {
    const id = randomUUID();
    const dn = nameToString(c.info.subject);
    await trx('ca_certificates').insert({
      id,
      serial: c.info.serialHex,
      issuer_id: c.issuerId,
      usage: c.usage,
      profile: c.profile,
      key_algorithm: c.keyAlgorithm,
      subject_dn: dn,
      subject_id: c.subjectId ?? null,
      application_id: c.applicationId ?? null,
      pair_id: null,
      kmc_key_id: c.kmcKeyId ?? null,
      public_key_hash: toHex(sm3(c.info.publicKey.spki)),
      not_before: c.info.notBefore.toISOString(),
      not_after: c.info.notAfter.toISOString(),
      status: 'good',
      der: b64(c.info.der),
      search_text: `${c.info.serialHex} ${dn} ${c.subjectName ?? ''}`.toLowerCase(),
      created_at: this.now(),
    });
    await this.event(trx, id, actor, 'issued', { serial: c.info.serialHex, usage: c.usage });
    return id;
  }

  /** Links a signing and an encryption certificate as a dual pair. */
  async pair(trx: Trx, a: string, b: string) {
    await trx('ca_certificates').where({ id: a }).update({ pair_id: b });
    await trx('ca_certificates').where({ id: b }).update({ pair_id: a });
  }

  /** Adds a history event and its audit record (one per certificate). */
  async event(trx: Trx, certificateId: string, actor: string, action: CertificateEvent['action'], detail: Record<string, unknown> = {}) {
    await trx('ca_certificate_events').insert({ certificate_id: certificateId, action, actor, detail: JSON.stringify(detail), at: this.now() });
    await this.audit.append(trx, { actor, action: `ca.certificate.${action}`, targetType: 'certificate', targetId: certificateId, outcome: 'success', details: detail });
  }

  /** The raw row of a certificate. */
  async row(id: string, trx: Knex | Trx = this.knex) {
    const row = await trx('ca_certificates').where({ id }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Certificate ${id} not found`);
    return row;
  }

  /** Search with filters, newest first. */
  async search(f: CertificateQuery): Promise<CertificatePage> {
    const base = this.knex('ca_certificates as c').leftJoin('ca_authorities as a', 'a.id', 'c.issuer_id');
    const nowIso = this.now();
    if (f.q) whereContains(base, 'c.search_text', f.q);
    if (f.status) base.where('c.status', f.status);
    if (f.expired === true) base.where('c.not_after', '<', nowIso);
    if (f.expired === false) base.where('c.not_after', '>=', nowIso);
    if (f.usage) base.where('c.usage', f.usage);
    if (f.algorithm) base.where('c.key_algorithm', f.algorithm);
    if (f.issuerId) base.where('c.issuer_id', f.issuerId);
    if (f.subjectId) base.where('c.subject_id', f.subjectId);
    if (f.expiringWithinDays !== undefined) {
      const until = new Date(this.clock().getTime() + f.expiringWithinDays * 86_400_000).toISOString();
      base.where('c.not_after', '>=', nowIso).where('c.not_after', '<=', until).where('c.status', '!=', 'revoked');
    }
    const total = Number((await base.clone().count<{ n: number | string }[]>({ n: '*' }))[0].n);
    const rows = await base
      .clone()
      .select('c.*', 'a.name as issuer_name')
      .orderBy(f.expiringWithinDays !== undefined ? [{ column: 'c.not_after', order: 'asc' }] : [{ column: 'c.created_at', order: 'desc' }, { column: 'c.serial' }])
      .limit(Math.min(200, f.limit ?? 50))
      .offset(f.offset ?? 0);
    const names = await this.subjectNames(rows);
    return { items: rows.map(r => this.summary(r, names)), total };
  }

  private async subjectNames(rows: any[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map(r => r.subject_id).filter(Boolean))];
    if (ids.length === 0) return new Map();
    const subjects = await this.knex('ca_subjects').whereIn('id', ids).select('id', 'name');
    return new Map(subjects.map(s => [s.id, s.name]));
  }

  private summary(r: any, names: Map<string, string>): CertificateSummary {
    return {
      id: r.id,
      serial: r.serial,
      usage: r.usage,
      profile: r.profile,
      keyAlgorithm: r.key_algorithm,
      subjectDn: r.subject_dn,
      subjectId: r.subject_id ?? undefined,
      subjectName: r.subject_id ? names.get(r.subject_id) : undefined,
      issuerId: r.issuer_id,
      issuerName: r.issuer_name ?? '',
      notBefore: r.not_before,
      notAfter: r.not_after,
      status: r.status,
      expired: r.not_after < this.now(),
      revocationReason: r.revocation_reason !== null && r.revocation_reason !== undefined ? REASON_NAMES[r.revocation_reason] : undefined,
      revokedAt: r.revoked_at ?? undefined,
      pairCertificateId: r.pair_id ?? undefined,
      applicationId: r.application_id ?? undefined,
      replacedById: r.replaced_by ?? undefined,
      createdAt: r.created_at,
    };
  }

  /** One certificate with PEM, extensions and history. */
  async detail(id: string, trx: Knex | Trx = this.knex, parse: (der: Uint8Array) => CertificateInfo): Promise<CertificateDetail> {
    const row = await trx('ca_certificates as c').leftJoin('ca_authorities as a', 'a.id', 'c.issuer_id').select('c.*', 'a.name as issuer_name').where('c.id', id).first();
    if (!row) throw new ApiError('NOT_FOUND', `Certificate ${id} not found`);
    const der = Buffer.from(row.der, 'base64');
    const info = parse(der);
    const events = await trx('ca_certificate_events').where({ certificate_id: id }).orderBy('id');
    const names = await this.subjectNames([row]);
    return {
      ...this.summary(row, names),
      pem: pemEncode('CERTIFICATE', der),
      fingerprintSm3: toHex(sm3(der)),
      keyUsage: info.keyUsage ?? [],
      extKeyUsage: info.extKeyUsage ?? [],
      crlDistributionPoints: info.crlDistributionPoints ?? [],
      history: events.map(e => ({ at: e.at, actor: e.actor, action: e.action, detail: JSON.parse(e.detail) })),
    };
  }

  /** The certificate in PEM, DER, or a PKCS#7 bundle with its issuing chain. */
  async download(id: string, format: 'pem' | 'der' | 'p7b', chain: Uint8Array[]): Promise<{ body: Buffer; contentType: string; filename: string }> {
    const row = await this.row(id);
    const der = Buffer.from(row.der, 'base64');
    if (format === 'der') return { body: der, contentType: 'application/pkix-cert', filename: `${row.serial}.cer` };
    if (format === 'p7b') return { body: Buffer.from(buildCertsOnlyPkcs7([der, ...chain])), contentType: 'application/pkcs7-mime', filename: `${row.serial}.p7b` };
    return { body: Buffer.from(pemEncode('CERTIFICATE', der)), contentType: 'application/x-pem-file', filename: `${row.serial}.pem` };
  }

  private async rowsWithPair(trx: Trx, id: string) {
    const row = await this.row(id, trx);
    const pair = row.pair_id ? await this.row(row.pair_id, trx) : undefined;
    return { row, pair };
  }

  /**
   * Revokes a certificate (from good or hold). Revoking either half of a dual pair revokes both:
   * the encryption key was delivered enveloped to the signing key, so a compromised signing key
   * exposes it (keyCompromise), and the pair is one credential for every other reason. The KMC
   * is told (GM/T 0014 revoke notice), which moves the escrowed key to its history store.
   *
   * Options: `trx` joins a caller's transaction; `superseding` is the replacement of a renewed or
   * re-keyed pair — no KMC notice (a renewed encryption key lives on in the new certificate, a
   * re-keyed one was already retired) and no error for a half already revoked.
   */
  async revoke(
    actor: string,
    id: string,
    reason: RevocationReason,
    opts: { invalidityDate?: Date; comment?: string; trx?: Trx; superseding?: boolean } = {},
  ): Promise<string[]> {
    if (reason === 'certificateHold') throw new ApiError('VALIDATION_FAILED', 'Use hold for certificateHold');
    const { invalidityDate, comment } = opts;
    let issuerId = '';
    const work = async (trx: Trx) => {
      const { row, pair } = await this.rowsWithPair(trx, id);
      issuerId = row.issuer_id;
      if (row.status === 'revoked' && !opts.superseding) throw new ApiError('ILLEGAL_TRANSITION', 'The certificate is already revoked');
      const at = this.now();
      const ids: string[] = [];
      for (const r of [row, pair]) {
        if (!r || r.status === 'revoked') continue;
        const n = await trx('ca_certificates').where({ id: r.id, status: r.status }).update({
          status: 'revoked',
          revocation_reason: REVOCATION_REASONS[reason],
          revoked_at: at,
          invalidity_date: invalidityDate ? invalidityDate.toISOString() : null,
        });
        if (n !== 1) throw new ApiError('CONFLICT', 'The certificate changed meanwhile; retry');
        await this.event(trx, r.id, actor, 'revoked', { reason, invalidityDate: invalidityDate?.toISOString() ?? null, comment: comment ?? null, viaPair: r.id !== id });
        if (r.usage === 'encrypt' && r.kmc_key_id && !opts.superseding) await this.kmc.revokeKey({ taskNo: randomUUID(), caName: this.caName, userCertNo: r.kmc_key_id }, trx);
        ids.push(r.id);
      }
      return ids;
    };
    if (opts.trx) return work(opts.trx);
    const ids = await this.knex.transaction(work);
    this.statusChanged(issuerId);
    return ids;
  }

  /**
   * The revocation status of certificate `serial` of `issuerId`, as the OCSP responder states it:
   * good, revoked (a held certificate is revoked with reason certificateHold) or unknown.
   */
  async status(issuerId: string, serial: string): Promise<CertificateStatusAnswer> {
    const row = await this.knex('ca_certificates').where({ issuer_id: issuerId, serial }).first('serial', 'status', 'revoked_at', 'revocation_reason', 'not_after');
    const checkedAt = this.now();
    if (!row) return { issuerId, serial, status: 'unknown', checkedAt };
    const expired = row.not_after < checkedAt;
    if (row.status === 'good') return { issuerId, serial, status: 'good', notAfter: row.not_after, expired, checkedAt };
    const reason = REASON_NAMES[row.revocation_reason] ?? 'unspecified';
    return { issuerId, serial, status: 'revoked', revocationTime: row.revoked_at, reason, onHold: row.status === 'hold', notAfter: row.not_after, expired, checkedAt };
  }

  /** Puts a good, unexpired certificate (and its pair) on hold (certificateHold). */
  async hold(actor: string, id: string, comment?: string): Promise<void> {
    const issuerId = await this.knex.transaction(async trx => {
      const { row, pair } = await this.rowsWithPair(trx, id);
      if (row.status !== 'good') throw new ApiError('ILLEGAL_TRANSITION', `A ${row.status} certificate cannot be put on hold`);
      if (row.not_after < this.now()) throw new ApiError('ILLEGAL_TRANSITION', 'An expired certificate cannot be put on hold');
      for (const r of [row, pair]) {
        if (!r || r.status !== 'good') continue;
        const n = await trx('ca_certificates').where({ id: r.id, status: 'good' }).update({ status: 'hold', revocation_reason: REVOCATION_REASONS.certificateHold, revoked_at: this.now() });
        if (n !== 1) throw new ApiError('CONFLICT', 'The certificate changed meanwhile; retry');
        await this.event(trx, r.id, actor, 'held', { comment: comment ?? null, viaPair: r.id !== id });
      }
      return row.issuer_id as string;
    });
    this.statusChanged(issuerId);
  }

  /** Releases a held certificate (and its pair) back to good. */
  async release(actor: string, id: string, comment?: string): Promise<void> {
    const issuerId = await this.knex.transaction(async trx => {
      const { row, pair } = await this.rowsWithPair(trx, id);
      if (row.status !== 'hold') throw new ApiError('ILLEGAL_TRANSITION', `Only a held certificate can be released; this one is ${row.status}`);
      for (const r of [row, pair]) {
        if (!r || r.status !== 'hold') continue;
        const n = await trx('ca_certificates').where({ id: r.id, status: 'hold' }).update({ status: 'good', revocation_reason: null, revoked_at: null });
        if (n !== 1) throw new ApiError('CONFLICT', 'The certificate changed meanwhile; retry');
        await this.event(trx, r.id, actor, 'released', { comment: comment ?? null, viaPair: r.id !== id });
      }
      return row.issuer_id as string;
    });
    this.statusChanged(issuerId);
  }

  /** Issuance volume per UTC day for the last `days` days (CA certificates excluded). */
  async issuance(days: number): Promise<IssuancePoint[]> {
    const start = new Date(this.clock().getTime() - (days - 1) * 86_400_000);
    const from = start.toISOString().slice(0, 10);
    const rows = await this.knex('ca_certificates')
      .where('created_at', '>=', from)
      .whereNotIn('usage', ['root-ca', 'issuing-ca'])
      .select(this.knex.raw('substr(created_at, 1, 10) as day'), 'key_algorithm')
      .count<{ day: string; key_algorithm: string; n: number | string }[]>({ n: '*' })
      .groupByRaw('substr(created_at, 1, 10), key_algorithm');
    const out: IssuancePoint[] = [];
    for (let i = 0; i < days; i++) {
      const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      const of = (alg: string) => Number(rows.find(r => r.day === day && r.key_algorithm === alg)?.n ?? 0);
      out.push({ day, sm2: of('SM2'), rsa: of('RSA') });
    }
    return out;
  }
}
