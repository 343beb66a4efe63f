import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  GmError,
  SES_MAX_BYTES,
  assembleSesSignature,
  buildTimeStampReq,
  fromHex,
  nameToString,
  parseCertificate,
  parseSeal,
  parseSesSignature,
  parseTimeStampResp,
  prepareSesSignature,
  sm3,
  toHex,
  verifySesSignature,
  type ParsedSesSignature,
  type PreparedSesSignature,
} from '@yinxin/gm';
import { Keystore } from '@yinxin/keystore';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import type { SealUse, SealUsePolicy, SesVerdict, UseRequest, UseRequestStatus } from '@yinxin/plugin-seal-common';
import type { CaGateway } from '../ca/CaClient';
import { SealRegistry, sealCertificatesDer } from '../seals/SealRegistry';

type Trx = Knex.Transaction;

const DAY = 86_400_000;

/** What a use of a seal signs and records. */
export interface UseInput {
  /** the data (base64), or its hash `dataHash` (hex; SM3 for SM2 seals) */
  data?: Uint8Array;
  dataHash?: Uint8Array;
  documentName: string;
  documentType: string;
  /** propertyInfo; default `yinxin:<documentType>:<documentName>` */
  propertyInfo?: string;
  useRequestId?: string;
  /** ask the CA's TSA for a timestamp over the signature (v4 seals) */
  timestamp?: boolean;
}

/**
 * Seal use: use requests (用印申请) and their approval, applying a seal to data (an SES_Signature,
 * v4 or v1, optionally timestamped by the CA's TSA) with a server-held key or a key on the
 * holder's device (prepare → sign on the device → complete), the usage log and its statistics,
 * and verification of SES signatures against the registry and the CA.
 */
export class SealUseService {
  constructor(
    private readonly o: {
      knex: Knex;
      audit: AuditLog;
      registry: SealRegistry;
      keystore: Keystore;
      ca: CaGateway;
    },
  ) {}

  #now() {
    return this.o.registry.now();
  }

  // ---- use requests ----------------------------------------------------------------------------

  #toRequest(r: any, sealName: string): UseRequest {
    return {
      id: r.id,
      sealId: r.seal_id,
      sealName,
      requester: r.requester,
      documentType: r.document_type,
      documentName: r.document_name,
      purpose: r.purpose,
      uses: Number(r.uses),
      usesLeft: Number(r.uses_left),
      status: r.status,
      approver: r.approver ?? undefined,
      decidedAt: r.decided_at ?? undefined,
      validUntil: r.valid_until ?? undefined,
      reason: r.reason ?? undefined,
      createdAt: r.created_at,
    };
  }

  async #isHolder(sealId: string, user: string, trx: Knex | Trx = this.o.knex) {
    return !!(await trx('seal_holders').where({ seal_id: sealId, user_ref: user }).first());
  }

  /** Asks to use a seal one holds (用印申请). */
  async request(actor: string, input: { sealId: string; documentType: string; documentName: string; purpose: string; uses?: number }): Promise<UseRequest> {
    const seal = await this.o.registry.useRow(input.sealId);
    if (!(await this.#isHolder(seal.id, actor))) throw new ApiError('NOT_A_HOLDER', 'Only a holder of the seal can ask to use it');
    if (seal.status !== 'active') throw new ApiError('SEAL_NOT_USABLE', `The seal is ${seal.status}`);
    const policy: SealUsePolicy = JSON.parse(seal.use_policy);
    if (policy.documentTypes.length && !policy.documentTypes.includes(input.documentType)) {
      throw new ApiError('VALIDATION_FAILED', `documentType: this seal is used for ${policy.documentTypes.join(', ')}`);
    }
    const uses = input.uses ?? 1;
    const max = policy.maxUsesPerApproval ?? 1;
    if (uses > max) throw new ApiError('VALIDATION_FAILED', `uses: at most ${max} per request`);
    const id = randomUUID();
    const now = this.#now().toISOString();
    await this.o.knex.transaction(async trx => {
      await trx('seal_use_requests').insert({ id, seal_id: seal.id, requester: actor, document_type: input.documentType, document_name: input.documentName, purpose: input.purpose, uses, uses_left: uses, status: 'pending', created_at: now });
      await this.o.audit.append(trx, { actor, action: 'seal.use-request.create', targetType: 'seal-use-request', targetId: id, outcome: 'success', details: { sealId: seal.id, documentType: input.documentType, documentName: input.documentName, uses } });
    });
    return this.getRequest(id);
  }

  async getRequest(id: string): Promise<UseRequest> {
    const r = await this.o.knex('seal_use_requests as u').join('seal_seals as s', 's.id', 'u.seal_id').where('u.id', id).first('u.*', 's.name as seal_name');
    if (!r) throw new ApiError('NOT_FOUND', `Use request ${id} not found`);
    return this.#toRequest(r, r.seal_name);
  }

  async listRequests(q: { status?: UseRequestStatus; requester?: string; sealId?: string; page?: number; pageSize?: number }): Promise<{ items: UseRequest[]; total: number }> {
    let query = this.o.knex('seal_use_requests as u').join('seal_seals as s', 's.id', 'u.seal_id');
    if (q.status) query = query.where('u.status', q.status);
    if (q.requester) query = query.where('u.requester', q.requester);
    if (q.sealId) query = query.where('u.seal_id', q.sealId);
    const total = Number(((await query.clone().count({ n: '*' }).first()) as any)?.n ?? 0);
    const pageSize = Math.min(q.pageSize ?? 20, 100);
    const rows = await query.orderBy('u.created_at', 'desc').orderBy('u.id').limit(pageSize).offset(((q.page ?? 1) - 1) * pageSize).select('u.*', 's.name as seal_name');
    return { items: rows.map((r: any) => this.#toRequest(r, r.seal_name)), total };
  }

  /** Approves or rejects a use request (never one's own). */
  async decide(actor: string, id: string, approve: boolean, reason?: string): Promise<UseRequest> {
    await this.o.knex.transaction(async trx => {
      const r = await trx('seal_use_requests').where({ id }).first();
      if (!r) throw new ApiError('NOT_FOUND', `Use request ${id} not found`);
      if (r.requester === actor) throw new ApiError('SELF_APPROVAL', 'You cannot decide on your own use request');
      if (r.status !== 'pending') throw new ApiError('ILLEGAL_TRANSITION', `The request is ${r.status}`);
      if (!approve && !reason) throw new ApiError('VALIDATION_FAILED', 'reason: say why the request is rejected');
      const seal = await this.o.registry.useRow(r.seal_id, trx);
      const policy: SealUsePolicy = JSON.parse(seal.use_policy);
      const now = this.#now();
      const validUntil = approve ? new Date(now.getTime() + (policy.approvalValidDays ?? 7) * DAY).toISOString() : null;
      const n = await trx('seal_use_requests').where({ id, status: 'pending' }).update({ status: approve ? 'approved' : 'rejected', approver: actor, decided_at: now.toISOString(), valid_until: validUntil, reason: reason ?? null });
      if (n !== 1) throw new ApiError('CONFLICT', 'The request changed meanwhile; retry');
      await this.o.audit.append(trx, { actor, action: approve ? 'seal.use-request.approve' : 'seal.use-request.reject', targetType: 'seal-use-request', targetId: id, outcome: 'success', details: { sealId: r.seal_id, reason: reason ?? null } });
    });
    return this.getRequest(id);
  }

  // ---- applying the seal -----------------------------------------------------------------------

  /**
   * Checks everything a use needs before any signing: the seal active and inside its validity, the
   * actor a holder, the document type allowed, and — when the policy asks — an approved, unexpired
   * use request of the actor's for this seal and document type with uses left.
   */
  async #checkUse(trx: Knex | Trx, sealId: string, actor: string, input: UseInput) {
    const seal = await this.o.registry.useRow(sealId, trx);
    if (!(await this.#isHolder(seal.id, actor, trx))) throw new ApiError('NOT_A_HOLDER', 'You are not a holder of this seal');
    const now = this.#now();
    if (seal.status !== 'active') throw new ApiError('SEAL_NOT_USABLE', `The seal is ${seal.status}`);
    if (now.getTime() < Date.parse(seal.valid_start) || now.getTime() > Date.parse(seal.valid_end)) throw new ApiError('SEAL_NOT_USABLE', 'The seal is outside its validity period');
    const policy: SealUsePolicy = JSON.parse(seal.use_policy);
    if (policy.documentTypes.length && !policy.documentTypes.includes(input.documentType)) {
      throw new ApiError('VALIDATION_FAILED', `documentType: this seal is used for ${policy.documentTypes.join(', ')}`);
    }
    if (policy.requireApproval || input.useRequestId) {
      if (!input.useRequestId) throw new ApiError('USE_APPROVAL_REQUIRED', 'Each use of this seal needs an approved use request');
      const r = await trx('seal_use_requests').where({ id: input.useRequestId }).first();
      if (!r || r.seal_id !== seal.id || r.requester !== actor) throw new ApiError('USE_APPROVAL_REQUIRED', 'The use request is not yours for this seal');
      if (r.status !== 'approved') throw new ApiError('USE_APPROVAL_REQUIRED', `The use request is ${r.status}`);
      if (Number(r.uses_left) < 1) throw new ApiError('USE_APPROVAL_REQUIRED', 'The use request has no uses left');
      if (r.valid_until && Date.parse(r.valid_until) < now.getTime()) throw new ApiError('USE_APPROVAL_REQUIRED', 'The use request has expired');
      if (r.document_type !== input.documentType) throw new ApiError('USE_APPROVAL_REQUIRED', `The use request is for ${r.document_type} documents`);
    }
    return seal;
  }

  /** Takes one use off the request (inside the use's transaction). */
  async #consume(trx: Trx, useRequestId: string | undefined) {
    if (!useRequestId) return;
    const n = await trx('seal_use_requests').where({ id: useRequestId, status: 'approved' }).where('uses_left', '>', 0).decrement('uses_left', 1);
    if (n !== 1) throw new ApiError('USE_APPROVAL_REQUIRED', 'The use request has no uses left');
    await trx('seal_use_requests').where({ id: useRequestId, uses_left: 0 }).update({ status: 'exhausted' });
  }

  /** The signer certificate must be good at the CA now (the CA's status service, by issuer and serial). */
  async #checkSignerCertificate(cert: { issuerId: string; serial: string }) {
    const c = await this.o.ca.status(cert.issuerId, cert.serial);
    if (c.status === 'unknown') throw new ApiError('SEAL_NOT_USABLE', 'The signing certificate is not known to the CA');
    if (c.status !== 'good') throw new ApiError('SEAL_NOT_USABLE', `The signing certificate is ${c.onHold ? 'on hold' : 'revoked'}`);
    if (c.expired) throw new ApiError('SEAL_NOT_USABLE', 'The signing certificate has expired');
  }

  async #prepare(seal: any, signerCertificate: Uint8Array, input: UseInput): Promise<PreparedSesSignature> {
    const sealDer = await this.o.registry.sealDerOf(seal);
    try {
      return prepareSesSignature({
        seal: sealDer,
        data: input.data,
        dataHash: input.dataHash,
        propertyInfo: propertyInfoOf(input),
        signTime: signTimeFor(seal, this.#now()),
        signerCertificate,
      });
    } catch (e) {
      if (e instanceof GmError && e.code === 'GM_SEAL_REFUSED') throw new ApiError('SEAL_NOT_USABLE', e.message);
      if (e instanceof GmError) throw new ApiError('VALIDATION_FAILED', e.message);
      throw e;
    }
  }

  async #timestamp(signature: Uint8Array): Promise<Uint8Array> {
    const req = buildTimeStampReq({ hashAlgorithm: 'SM3', data: signature, nonce: true, certReq: true });
    const resp = parseTimeStampResp(await this.o.ca.timestamp('SM2', req));
    if (!resp.token) throw new ApiError('UPSTREAM_UNAVAILABLE', `The timestamp service refused: ${resp.statusStrings.join('; ') || resp.failInfo.join(', ')}`);
    return resp.token.der;
  }

  async #record(trx: Trx, use: { id: string; sealId: string; actor: string; input: UseInput; prepared: PreparedSesSignature; caCertificateId: string; state: 'prepared' | 'completed'; signature?: Uint8Array; timestamped: boolean }) {
    await trx('seal_uses').insert({
      id: use.id,
      seal_id: use.sealId,
      actor: use.actor,
      at: this.#now().toISOString(),
      state: use.state,
      document_name: use.input.documentName,
      document_type: use.input.documentType,
      document_hash: toHex(use.prepared.dataHash),
      property_info: propertyInfoOf(use.input),
      use_request_id: use.input.useRequestId ?? null,
      certificate_id: use.caCertificateId,
      version: use.prepared.version,
      timestamped: use.timestamped,
      want_timestamp: !!use.input.timestamp,
      tbs_der: use.state === 'prepared' ? Buffer.from(use.prepared.tbs).toString('base64') : null,
      signature_der: use.signature ? Buffer.from(use.signature).toString('base64') : null,
    });
  }

  /** Applies a server-key seal (服务器签章): returns the SES_Signature and the logged use. */
  async sign(actor: string, sealId: string, input: UseInput): Promise<{ use: SealUse; signature: Uint8Array }> {
    const seal = await this.#checkUse(this.o.knex, sealId, actor, input);
    if (seal.key_mode !== 'server' || !seal.server_key_id) throw new ApiError('ILLEGAL_TRANSITION', 'This seal is applied with the holder’s own key: prepare, sign on the device, complete');
    const [cert] = sealCertificatesDer(seal);
    await this.#checkSignerCertificate(cert);
    const prepared = await this.#prepare(seal, cert.der, input);
    const signer = await this.o.keystore.signer(seal.server_key_id);
    const sigValue = await signer.sign(prepared.tbs);
    const timestamped = !!input.timestamp && prepared.version === 4;
    const token = timestamped ? await this.#timestamp(sigValue) : undefined;
    const signature = assembleSesSignature(prepared, sigValue, token);
    const id = randomUUID();
    await this.o.knex.transaction(async trx => {
      await this.#checkUse(trx, sealId, actor, input); // again, inside the transaction that consumes the approval
      await this.#consume(trx, input.useRequestId);
      await this.#record(trx, { id, sealId: seal.id, actor, input, prepared, caCertificateId: cert.caCertificateId, state: 'completed', signature, timestamped });
      await this.o.audit.append(trx, { actor, action: 'seal.use.sign', targetType: 'seal', targetId: seal.id, outcome: 'success', details: { useId: id, documentName: input.documentName, documentHash: toHex(prepared.dataHash), useRequestId: input.useRequestId ?? null, timestamped } });
    });
    return { use: await this.getUse(id), signature };
  }

  /** Holder-key seals: checks the use and returns the TBS_Sign for the holder's device to sign. */
  async prepare(actor: string, sealId: string, input: UseInput & { certificateId: string }): Promise<{ useId: string; tbs: Uint8Array; signatureAlgorithm: string }> {
    const seal = await this.#checkUse(this.o.knex, sealId, actor, input);
    if (seal.key_mode !== 'holder') throw new ApiError('ILLEGAL_TRANSITION', 'This seal is applied with the platform-held key: use sign');
    const cert = sealCertificatesDer(seal).find(c => c.caCertificateId === input.certificateId);
    if (!cert) throw new ApiError('VALIDATION_FAILED', 'certificateId: not one of the seal’s certificates');
    await this.#checkSignerCertificate(cert);
    const prepared = await this.#prepare(seal, cert.der, input);
    const id = randomUUID();
    await this.o.knex.transaction(async trx => {
      await this.#record(trx, { id, sealId: seal.id, actor, input, prepared, caCertificateId: cert.caCertificateId, state: 'prepared', timestamped: false });
      await this.o.audit.append(trx, { actor, action: 'seal.use.prepare', targetType: 'seal', targetId: seal.id, outcome: 'success', details: { useId: id, documentName: input.documentName, documentHash: toHex(prepared.dataHash) } });
    });
    return { useId: id, tbs: prepared.tbs, signatureAlgorithm: prepared.signatureAlgorithmOid };
  }

  /** Holder-key seals: takes the device's signature over the prepared TBS_Sign and completes the use. */
  async complete(actor: string, useId: string, signatureValue: Uint8Array): Promise<{ use: SealUse; signature: Uint8Array }> {
    const row = await this.o.knex('seal_uses').where({ id: useId }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Use ${useId} not found`);
    if (row.actor !== actor) throw new ApiError('FORBIDDEN', 'Only who prepared the use can complete it');
    if (row.state !== 'prepared') throw new ApiError('ILLEGAL_TRANSITION', row.state === 'abandoned' ? 'This use was prepared too long ago; prepare it again' : 'This use is already completed');
    const input: UseInput = { documentName: row.document_name, documentType: row.document_type, useRequestId: row.use_request_id ?? undefined, timestamp: !!row.want_timestamp };
    const seal = await this.#checkUse(this.o.knex, row.seal_id, actor, input);
    const cert = sealCertificatesDer(seal).find(c => c.caCertificateId === row.certificate_id);
    if (!cert) throw new ApiError('CONFLICT', 'The certificate is no longer bound to the seal');
    await this.#checkSignerCertificate(cert);
    const tbs = Buffer.from(row.tbs_der, 'base64');
    const sealDer = parseSeal(await this.o.registry.sealDerOf(seal));
    const prepared: PreparedSesSignature = {
      version: sealDer.version === 1 ? 1 : 4,
      tbs,
      signerCertificate: cert.der,
      signatureAlgorithmOid: parseCertificate(cert.der).publicKey.algorithm === 'SM2' ? '1.2.156.10197.1.501' : '1.2.840.113549.1.1.11',
      dataHash: fromHex(row.document_hash),
    };
    let signature: Uint8Array;
    const timestamped = !!row.want_timestamp && prepared.version === 4;
    try {
      signature = assembleSesSignature(prepared, signatureValue, undefined);
    } catch (e) {
      if (e instanceof GmError) throw new ApiError('VALIDATION_FAILED', `signature: ${e.message}`);
      throw e;
    }
    if (timestamped) {
      const sigValue = parseSesSignature(signature).signature;
      signature = assembleSesSignature(prepared, sigValue, await this.#timestamp(sigValue));
    }
    await this.o.knex.transaction(async trx => {
      await this.#checkUse(trx, row.seal_id, actor, input);
      await this.#consume(trx, input.useRequestId);
      const n = await trx('seal_uses').where({ id: useId, state: 'prepared' }).update({ state: 'completed', at: this.#now().toISOString(), tbs_der: null, signature_der: Buffer.from(signature).toString('base64'), timestamped });
      if (n !== 1) throw new ApiError('CONFLICT', 'The use changed meanwhile');
      await this.o.audit.append(trx, { actor, action: 'seal.use.sign', targetType: 'seal', targetId: row.seal_id, outcome: 'success', details: { useId, documentName: row.document_name, documentHash: row.document_hash, useRequestId: row.use_request_id ?? null, timestamped } });
    });
    return { use: await this.getUse(useId), signature };
  }

  /**
   * Holder-key uses prepared but not completed within `maxAgeHours` are abandoned: their TBS_Sign
   * is dropped and they can no longer be completed (a device signature arriving a day later is not
   * a use of that moment). Returns how many were abandoned.
   */
  async abandonStalePrepared(maxAgeHours = 24): Promise<number> {
    const before = new Date(this.#now().getTime() - maxAgeHours * 3_600_000).toISOString();
    return this.o.knex('seal_uses').where({ state: 'prepared' }).where('at', '<', before).update({ state: 'abandoned', tbs_der: null });
  }

  // ---- the log ---------------------------------------------------------------------------------

  #toUse(r: any): SealUse {
    return {
      id: r.id,
      sealId: r.seal_id,
      sealName: r.seal_name,
      actor: r.actor,
      at: r.at,
      documentName: r.document_name,
      documentType: r.document_type,
      documentHash: r.document_hash,
      propertyInfo: r.property_info,
      useRequestId: r.use_request_id ?? undefined,
      version: Number(r.version) as 1 | 4,
      timestamped: !!r.timestamped,
      state: r.state,
    };
  }

  async getUse(id: string): Promise<SealUse> {
    const r = await this.o.knex('seal_uses as u').join('seal_seals as s', 's.id', 'u.seal_id').where('u.id', id).first('u.*', 's.name as seal_name');
    if (!r) throw new ApiError('NOT_FOUND', `Use ${id} not found`);
    return this.#toUse(r);
  }

  /** The SES_Signature of a completed use. */
  async useSignature(id: string): Promise<Buffer> {
    const r = await this.o.knex('seal_uses').where({ id }).first('signature_der', 'state');
    if (!r) throw new ApiError('NOT_FOUND', `Use ${id} not found`);
    if (r.state !== 'completed') throw new ApiError('CONFLICT', 'The use is not completed');
    return Buffer.from(r.signature_der, 'base64');
  }

  async listUses(q: { sealId?: string; actor?: string; from?: string; to?: string; page?: number; pageSize?: number }): Promise<{ items: SealUse[]; total: number }> {
    let query = this.o.knex('seal_uses as u').join('seal_seals as s', 's.id', 'u.seal_id').where('u.state', 'completed');
    if (q.sealId) query = query.where('u.seal_id', q.sealId);
    if (q.actor) query = query.where('u.actor', q.actor);
    if (q.from) query = query.where('u.at', '>=', q.from);
    if (q.to) query = query.where('u.at', '<', q.to);
    const total = Number(((await query.clone().count({ n: '*' }).first()) as any)?.n ?? 0);
    const pageSize = Math.min(q.pageSize ?? 20, 100);
    const rows = await query.orderBy('u.at', 'desc').orderBy('u.id').limit(pageSize).offset(((q.page ?? 1) - 1) * pageSize).select('u.*', 's.name as seal_name');
    return { items: rows.map((r: any) => this.#toUse(r)), total };
  }

  /** Uses per day over the last `days` days (China time), and the seals used most. */
  async stats(days = 30): Promise<{ perDay: { day: string; uses: number }[]; bySeal: { sealId: string; name: string; uses: number }[] }> {
    const now = this.#now();
    const dayOf = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
    const start = Date.parse(`${dayOf(now.getTime() - (days - 1) * DAY)}T00:00:00+08:00`);
    const rows = await this.o.knex('seal_uses').where({ state: 'completed' }).where('at', '>=', new Date(start).toISOString()).select('at', 'seal_id');
    const perDay = new Map<string, number>();
    for (let i = 0; i < days; i++) perDay.set(dayOf(start + i * DAY), 0);
    const bySeal = new Map<string, number>();
    for (const r of rows) {
      const d = dayOf(Date.parse(r.at));
      if (perDay.has(d)) perDay.set(d, perDay.get(d)! + 1);
      bySeal.set(r.seal_id, (bySeal.get(r.seal_id) ?? 0) + 1);
    }
    const top = [...bySeal.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
    const names = new Map<string, string>();
    if (top.length) for (const s of await this.o.knex('seal_seals').whereIn('id', top.map(t => t[0])).select('id', 'name')) names.set(s.id, s.name);
    return { perDay: [...perDay.entries()].map(([day, uses]) => ({ day, uses })), bySeal: top.map(([sealId, uses]) => ({ sealId, name: names.get(sealId) ?? '', uses })) };
  }

  // ---- verification ----------------------------------------------------------------------------

  /**
   * Verifies an SES signature: its integrity (gm), then what this platform knows — whether the
   * seal (when it is one of ours, by seal code and hash) was valid at the sign time, and whether
   * the signer certificate (when the CA knows it) had been revoked before it. Three-state verdict:
   * valid, invalid, or indeterminate when integrity holds but a fact could not be established.
   */
  async verify(signatureDer: Uint8Array, data?: Uint8Array): Promise<SesVerdict> {
    let parsed: ParsedSesSignature;
    try {
      parsed = parseSesSignature(signatureDer, { maxBytes: SES_MAX_BYTES });
    } catch (e) {
      if (e instanceof GmError && e.code === 'GM_TOO_LARGE') throw new ApiError('PAYLOAD_TOO_LARGE', e.message);
      throw new ApiError('BAD_SEAL', `The seal signature cannot be read: ${(e as Error).message}`);
    }
    const v = verifySesSignature(parsed, data ? { data } : undefined);
    const problems = [...v.problems];
    const warnings = [...v.warnings];
    let sealValidAtSignTime: boolean | undefined;
    let signerNotRevokedAtSignTime: boolean | undefined;
    const ours = await this.o.knex('seal_seals').where({ es_id: parsed.seal.esId }).first('id', 'seal_hash', 'certificates');
    if (ours && ours.seal_hash === toHex(sm3(parsed.seal.der)) && parsed.signTime) {
      const status = await this.o.registry.statusAt(ours.id, parsed.signTime);
      sealValidAtSignTime = status.validAt;
      if (!status.validAt) problems.push(`the seal was ${status.reasonAt} at the sign time`);
      const cert = sealCertificatesDer(ours).find(c => Buffer.from(c.der).equals(Buffer.from(parsed.signerCertificate)));
      if (cert) {
        const c = await this.o.ca.status(cert.issuerId, cert.serial);
        if (c.status !== 'unknown') {
          signerNotRevokedAtSignTime = c.status === 'good' || !c.revocationTime || Date.parse(c.revocationTime) > parsed.signTime.getTime();
          if (!signerNotRevokedAtSignTime) problems.push('the signer certificate was revoked before the sign time');
        }
      }
    } else if (ours) {
      problems.push('the seal code is registered here, but with a different seal');
      sealValidAtSignTime = false;
    }
    const signTimeInValidity = v.timeValid;
    const integrity = v.valid;
    let verdict: SesVerdict['verdict'];
    if (!integrity || sealValidAtSignTime === false || signerNotRevokedAtSignTime === false || (!!v.signTime && !signTimeInValidity)) verdict = 'invalid';
    else if (sealValidAtSignTime === undefined || signerNotRevokedAtSignTime === undefined || !v.signTime) verdict = 'indeterminate';
    else verdict = 'valid';
    if (verdict === 'indeterminate' && sealValidAtSignTime === undefined) warnings.push('the seal is not registered on this platform: its status at the sign time is unknown here');
    return {
      verdict,
      version: parsed.version,
      esId: parsed.seal.esId,
      sealName: parsed.seal.property.name,
      signTime: parsed.signTime?.toISOString(),
      propertyInfo: parsed.propertyInfo,
      signerSubject: v.signerCertificate ? nameToString(v.signerCertificate.subject) : undefined,
      checks: {
        signature: v.signatureValid,
        sealMaker: v.seal.makerSignatureValid,
        signerInSealList: v.signerInSealList,
        dataHash: v.dataHashMatches,
        timeStamp: v.timeStamp?.valid,
        signTimeInValidity,
        sealValidAtSignTime,
        signerNotRevokedAtSignTime,
      },
      problems,
      warnings,
    };
  }
}

/**
 * propertyInfo of a use: the caller's (ASCII), or `yinxin:<type>:<name>` with non-ASCII
 * characters percent-encoded as UTF-8 (IA5String carries ASCII only).
 */
export function propertyInfoOf(input: Pick<UseInput, 'propertyInfo' | 'documentType' | 'documentName'>): string {
  if (input.propertyInfo !== undefined) {
    if (!/^[\x20-\x7e]{1,1024}$/.test(input.propertyInfo)) throw new ApiError('VALIDATION_FAILED', 'propertyInfo: 1 to 1024 printable ASCII characters');
    return input.propertyInfo;
  }
  return encodeURI(`yinxin:${input.documentType}:${input.documentName}`).slice(0, 1024);
}

/**
 * The sign time written into a signature made now: v4 keeps the milliseconds; v1's UTCTime text has
 * whole seconds, so the time is rounded up to the next second, never placing a signature before a
 * status change (such as its seal's issue) that happened earlier in the same second.
 */
export function signTimeFor(seal: { version: number | string }, now: Date): Date {
  return Number(seal.version) === 1 ? new Date(Math.ceil(now.getTime() / 1000) * 1000) : now;
}

