import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  buildSm2EnvelopedKey,
  fromHex,
  isValidSm2PublicKey,
  sm2GenerateKeyPair,
  sm2PublicKeyOf,
  toHex,
} from '@yinxin/gm';
import type { KmcStats, Recovery, RecoveryStatus } from '@yinxin/plugin-ca-common';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import { SealingKey } from '@yinxin/keystore';

/*
 * The KMC, reachable from the CA only through the GM/T 0014-shaped requests below (apply,
 * restore, revoke). Escrowed private keys are sealed under the KMC's own key-encryption key; a
 * plaintext private key exists only inside `#envelope`, for the moment it takes to wrap it to its
 * recipient's public key.
 */

/** GM/T 0014 ApplyKeyReq + AppUserInfo, as the CA sends it. */
export interface ApplyKeyRequest {
  taskNo: string;
  caName: string;
  /** Serial (hex) of the encryption certificate the CA will issue for this key. */
  userCertNo: string;
  /** The user's signing public key (65 bytes) the key pair is enveloped to. */
  userPublicKey: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  userName: string;
}

/** GM/T 0014 RetKeyRespond: the public key and the private key enveloped (SM2EnvelopedKey). */
export interface RetKeyResponse {
  userCertNo: string;
  retPublicKey: Uint8Array;
  /** GM/T 0009 SM2EnvelopedKey DER, to `userPublicKey`. */
  retPrivateKey: Uint8Array;
}

/** GM/T 0014 RestoreKeyReq. */
export interface RestoreKeyRequest {
  taskNo: string;
  caName: string;
  userCertNo: string;
  userPublicKey: Uint8Array;
}

/** GM/T 0014 RevokeKeyReq. */
export interface RevokeKeyRequest {
  taskNo: string;
  caName: string;
  userCertNo: string;
}

/** The CA's only way into the KMC. */
export interface KmcGateway {
  applyKey(req: ApplyKeyRequest, trx: Knex.Transaction): Promise<RetKeyResponse>;
  restoreKey(req: RestoreKeyRequest, trx: Knex.Transaction): Promise<RetKeyResponse>;
  revokeKey(req: RevokeKeyRequest, trx: Knex.Transaction): Promise<void>;
}

/** Options of {@link KmcService}. */
export interface KmcOptions {
  knex: Knex;
  kek: SealingKey;
  audit: AuditLog;
  /** Refill the standby pool to `poolTarget` when it drops below `poolLowWater`. */
  poolLowWater?: number;
  poolTarget?: number;
  /** Officers (besides the requester) needed for judicial recovery; user recovery always needs 2. */
  judicialApprovals?: number;
  clock?: () => Date;
}

type Trx = Knex.Transaction;

/** The key management centre: pool, escrow, GM/T 0014 requests, user and judicial recovery. */
export class KmcService implements KmcGateway {
  readonly poolLowWater: number;
  readonly poolTarget: number;
  readonly judicialApprovals: number;
  private readonly knex: Knex;
  readonly #kek: SealingKey;
  private readonly audit: AuditLog;
  private readonly clock: () => Date;

  constructor(o: KmcOptions) {
    this.knex = o.knex;
    this.#kek = o.kek;
    this.audit = o.audit;
    this.poolLowWater = o.poolLowWater ?? 20;
    this.poolTarget = Math.max(this.poolLowWater, o.poolTarget ?? 100);
    this.judicialApprovals = Math.max(2, o.judicialApprovals ?? 2);
    this.clock = o.clock ?? (() => new Date());
  }

  private now() {
    return this.clock().toISOString();
  }

  /** Generates standby key pairs until the pool holds `target` (or `count` more when given). */
  async refillPool(options: { count?: number; actor?: string } = {}): Promise<number> {
    const standby = await this.count('standby');
    const want = options.count !== undefined ? Math.max(0, Math.min(1000, options.count)) : Math.max(0, this.poolTarget - standby);
    if (want === 0) return 0;
    const rows: Array<Record<string, string>> = [];
    for (let i = 0; i < want; i++) {
      const pair = sm2GenerateKeyPair();
      const id = randomUUID();
      rows.push({
        id,
        state: 'standby',
        public_key: toHex(pair.publicKey),
        sealed_private: this.#kek.seal(pair.privateKey, `kmc-key:${id}`),
        created_at: this.now(),
      });
      pair.privateKey.fill(0);
    }
    await this.knex.transaction(async trx => {
      for (let i = 0; i < rows.length; i += 100) await trx('kmc_keys').insert(rows.slice(i, i + 100));
      await this.audit.append(trx, {
        actor: options.actor ?? 'system',
        action: 'kmc.pool.refill',
        targetType: 'kmc-pool',
        outcome: 'success',
        details: { generated: want },
      });
    });
    return want;
  }

  /** Refills when the pool is below its low-water mark (scheduled). */
  async refillIfLow(): Promise<number> {
    return (await this.count('standby')) < this.poolLowWater ? this.refillPool() : 0;
  }

  private async count(state: string, trx: Knex | Trx = this.knex): Promise<number> {
    const r = await trx('kmc_keys').where({ state }).count<{ n: number | string }[]>({ n: '*' });
    return Number(r[0].n);
  }

  /** Key-store statistics. */
  async stats(): Promise<KmcStats> {
    return {
      standby: await this.count('standby'),
      inUse: await this.count('in-use'),
      history: await this.count('history'),
      poolLowWater: this.poolLowWater,
      poolTarget: this.poolTarget,
    };
  }

  // Opens an escrowed key and wraps it to `recipient` at once; the plaintext never leaves here.
  #envelope(row: { id: string; sealed_private: string; public_key: string }, recipient: Uint8Array): Uint8Array {
    const d = this.#kek.open(row.sealed_private, `kmc-key:${row.id}`);
    try {
      const publicKey = fromHex(row.public_key);
      if (!Buffer.from(sm2PublicKeyOf(d)).equals(Buffer.from(publicKey))) throw new Error('escrowed key does not match its public key');
      return buildSm2EnvelopedKey({ keyPair: { privateKey: d, publicKey }, recipientPublicKey: recipient });
    } finally {
      d.fill(0);
    }
  }

  private async logRequest(trx: Trx, kind: string, req: { taskNo: string; caName: string; userCertNo: string }, result: string) {
    await trx('kmc_requests').insert({ task_no: req.taskNo, kind, ca_name: req.caName, user_cert_no: req.userCertNo, result, at: this.now() });
  }

  /** GM/T 0014 apply: moves a standby pair to the in-use store for `userCertNo`, enveloped to the user. */
  async applyKey(req: ApplyKeyRequest, trx: Trx): Promise<RetKeyResponse> {
    if (!isValidSm2PublicKey(req.userPublicKey)) throw new ApiError('VALIDATION_FAILED', 'KMC: the user public key is not an SM2 point');
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await trx('kmc_keys').where({ state: 'standby' }).orderBy('created_at').first();
      if (!row) {
        await this.logRequest(trx, 'apply', req, 'pool-empty');
        throw new ApiError('KMC_POOL_EMPTY', 'The KMC standby key pool is empty');
      }
      const taken = await trx('kmc_keys').where({ id: row.id, state: 'standby' }).update({
        state: 'in-use',
        ca_name: req.caName,
        user_cert_no: req.userCertNo,
        user_name: req.userName,
        not_before: req.notBefore.toISOString(),
        not_after: req.notAfter.toISOString(),
        assigned_at: this.now(),
      });
      if (taken !== 1) continue; // another issuance took it first
      await this.logRequest(trx, 'apply', req, 'ok');
      return { userCertNo: req.userCertNo, retPublicKey: fromHex(row.public_key), retPrivateKey: this.#envelope(row, req.userPublicKey) };
    }
    throw new ApiError('CONFLICT', 'KMC: could not take a key from the pool; retry');
  }

  /** GM/T 0014 restore: the escrowed pair of `userCertNo` (in use or history), enveloped to the user. */
  async restoreKey(req: RestoreKeyRequest, trx: Trx): Promise<RetKeyResponse> {
    if (!isValidSm2PublicKey(req.userPublicKey)) throw new ApiError('VALIDATION_FAILED', 'KMC: the user public key is not an SM2 point');
    const row = await trx('kmc_keys').where({ user_cert_no: req.userCertNo }).first();
    if (!row) {
      await this.logRequest(trx, 'restore', req, 'not-found');
      throw new ApiError('NOT_FOUND', `KMC holds no key for certificate ${req.userCertNo}`);
    }
    await this.logRequest(trx, 'restore', req, 'ok');
    return { userCertNo: req.userCertNo, retPublicKey: fromHex(row.public_key), retPrivateKey: this.#envelope(row, req.userPublicKey) };
  }

  /** GM/T 0014 revoke: moves the key to the history store (kept for decrypting old data). */
  async revokeKey(req: RevokeKeyRequest, trx: Trx): Promise<void> {
    const n = await trx('kmc_keys').where({ user_cert_no: req.userCertNo, state: 'in-use' }).update({ state: 'history', retired_at: this.now() });
    await this.logRequest(trx, 'revoke', req, n === 1 ? 'ok' : 'not-in-use');
  }

  // ---- recovery ------------------------------------------------------------------------------

  private async recoveryRow(id: string, trx: Knex | Trx = this.knex) {
    const row = await trx('kmc_recoveries').where({ id }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Recovery ${id} not found`);
    return row;
  }

  /** A recovery as the API shows it. */
  async recovery(id: string, trx: Knex | Trx = this.knex): Promise<Recovery> {
    const row = await this.recoveryRow(id, trx);
    const approvals = await trx('kmc_recovery_approvals').where({ recovery_id: id }).orderBy('id');
    return toRecovery(row, approvals);
  }

  /** Recoveries, newest first. */
  async listRecoveries(status?: RecoveryStatus): Promise<Recovery[]> {
    const q = this.knex('kmc_recoveries').orderBy('created_at', 'desc').limit(500);
    if (status) q.where({ status });
    const rows = await q;
    const approvals = rows.length
      ? await this.knex('kmc_recovery_approvals').whereIn('recovery_id', rows.map(r => r.id)).orderBy('id')
      : [];
    return rows.map(r => toRecovery(r, approvals.filter(a => a.recovery_id === r.id)));
  }

  /** Opens a user or judicial recovery of the escrowed key of `userCertNo`. */
  async requestRecovery(
    trx: Trx,
    a: {
      kind: 'user' | 'judicial';
      userCertNo: string;
      certificateId: string;
      certificateSerial: string;
      subjectName?: string;
      requestedBy: string;
      reason: string;
      caseReference?: string;
      recipientCertificateId?: string;
    },
  ): Promise<Recovery> {
    const key = await trx('kmc_keys').where({ user_cert_no: a.userCertNo }).first();
    if (!key) throw new ApiError('NOT_FOUND', `KMC holds no escrowed key for certificate ${a.certificateSerial}`);
    const id = randomUUID();
    await trx('kmc_recoveries').insert({
      id,
      kind: a.kind,
      user_cert_no: a.userCertNo,
      certificate_id: a.certificateId,
      certificate_serial: a.certificateSerial,
      subject_name: a.subjectName ?? null,
      requested_by: a.requestedBy,
      reason: a.reason,
      case_reference: a.caseReference ?? null,
      recipient_certificate_id: a.recipientCertificateId ?? null,
      required_approvals: a.kind === 'user' ? 2 : this.judicialApprovals,
      status: 'pending',
      created_at: this.now(),
    });
    await this.audit.append(trx, {
      actor: a.requestedBy,
      action: `kmc.recovery.${a.kind}.request`,
      targetType: 'kmc-recovery',
      targetId: id,
      outcome: 'success',
      details: { certificateSerial: a.certificateSerial, reason: a.reason, caseReference: a.caseReference ?? null },
    });
    return this.recovery(id, trx);
  }

  /** Records one officer's decision; enough approvals make it `approved`, one rejection `rejected`. */
  async decideRecovery(trx: Trx, id: string, officer: string, decision: 'approve' | 'reject', comment?: string): Promise<Recovery> {
    const row = await this.recoveryRow(id, trx);
    if (row.status !== 'pending') throw new ApiError('ILLEGAL_TRANSITION', `Recovery is ${row.status}; only pending recoveries can be decided`);
    if (row.requested_by === officer) throw new ApiError('SELF_APPROVAL', 'The requester of a recovery cannot approve or reject it');
    const already = await trx('kmc_recovery_approvals').where({ recovery_id: id, officer }).first();
    if (already) throw new ApiError('CONFLICT', 'You have already decided on this recovery');
    await trx('kmc_recovery_approvals').insert({ recovery_id: id, officer, decision, comment: comment ?? null, at: this.now() });
    const approvals = await trx('kmc_recovery_approvals').where({ recovery_id: id, decision: 'approve' }).count<{ n: number | string }[]>({ n: '*' });
    let status: RecoveryStatus = 'pending';
    if (decision === 'reject') status = 'rejected';
    else if (Number(approvals[0].n) >= row.required_approvals) status = 'approved';
    const n = await trx('kmc_recoveries').where({ id, version: row.version }).update({ status, version: row.version + 1 });
    if (n !== 1) throw new ApiError('CONFLICT', 'The recovery changed meanwhile; retry');
    await this.audit.append(trx, {
      actor: officer,
      action: `kmc.recovery.${decision}`,
      targetType: 'kmc-recovery',
      targetId: id,
      outcome: 'success',
      details: { status, comment: comment ?? null },
    });
    return this.recovery(id, trx);
  }

  /**
   * Releases an approved recovery once: the escrowed key enveloped to `recipientPublicKey` (the
   * subscriber's current signing key, or the authorised recipient's key for judicial recovery).
   */
  async releaseRecovery(trx: Trx, id: string, actor: string, recipientPublicKey: Uint8Array): Promise<{ recovery: Recovery; envelopedKey: Uint8Array }> {
    const row = await this.recoveryRow(id, trx);
    if (row.status !== 'approved') throw new ApiError('ILLEGAL_TRANSITION', `Recovery is ${row.status}; only an approved recovery is released`);
    if (row.requested_by !== actor) throw new ApiError('FORBIDDEN', 'Only the requester of a recovery receives its key');
    const key = await trx('kmc_keys').where({ user_cert_no: row.user_cert_no }).first();
    if (!key) throw new ApiError('NOT_FOUND', 'The escrowed key is gone');
    const envelopedKey = this.#envelope(key, recipientPublicKey);
    const n = await trx('kmc_recoveries').where({ id, version: row.version }).update({ status: 'released', released_at: this.now(), version: row.version + 1 });
    if (n !== 1) throw new ApiError('CONFLICT', 'The recovery changed meanwhile; retry');
    await this.audit.append(trx, {
      actor,
      action: `kmc.recovery.${row.kind}.release`,
      targetType: 'kmc-recovery',
      targetId: id,
      outcome: 'success',
      details: { certificateSerial: row.certificate_serial, recipientCertificateId: row.recipient_certificate_id },
    });
    return { recovery: await this.recovery(id, trx), envelopedKey };
  }
}

function toRecovery(row: any, approvals: any[]): Recovery {
  return {
    id: row.id,
    kind: row.kind,
    certificateId: row.certificate_id,
    certificateSerial: row.certificate_serial,
    subjectName: row.subject_name ?? undefined,
    requestedBy: row.requested_by,
    reason: row.reason,
    caseReference: row.case_reference ?? undefined,
    recipientCertificateId: row.recipient_certificate_id ?? undefined,
    requiredApprovals: row.required_approvals,
    approvals: approvals.map(a => ({ approver: a.officer, decision: a.decision, comment: a.comment ?? undefined, at: a.at })),
    status: row.status,
    createdAt: row.created_at,
    releasedAt: row.released_at ?? undefined,
  };
}
