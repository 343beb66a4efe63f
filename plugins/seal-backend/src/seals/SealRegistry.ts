import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CertificateInfo,
  buildCsr,
  buildSeal,
  nameToString,
  parseCertificate,
  pemDecode,
  pemEncode,
  sm3,
  toHex,
} from '@yinxin/gm';
import { Keystore } from '@yinxin/keystore';
import { ApiError, AuditLog, whereContains } from '@yinxin/ops-node';
import {
  CHANGEABLE_STATUSES,
  SEAL_ACTIONS,
  SEAL_TYPE_INFO,
  canTake,
  sealStatusAt,
  type KeyMode,
  type OwnerKind,
  type Seal,
  type SealAction,
  type SealCertificate,
  type SealDetail,
  type SealEvent,
  type SealStatus,
  type SealStatusAnswer,
  type SealTemplate,
  type SealType,
  type SealUsePolicy,
} from '@yinxin/plugin-seal-common';
import type { CaGateway } from '../ca/CaClient';
import type { ServiceKeys } from '../keys/ServiceKeys';
import type { ImpressionMaker } from './impressions';

type Trx = Knex.Transaction;

/** A seal application as the API takes it. */
export interface SealApplicationInput {
  type: SealType;
  /** seal name (SES_ESPropertyInfo.name), e.g. the organisation's registered name */
  name: string;
  ownerName: string;
  /** unified social credit code of an organisation */
  ownerCode?: string;
  keyMode: KeyMode;
  /** holder mode: the CA certificates of the holders' signing keys */
  certificateIds?: string[];
  /** an impression template, or `uploadPng` (base64 PNG) */
  template?: SealTemplate;
  uploadPng?: string;
  /** default: from issue on */
  validStart?: string;
  validEnd: string;
  /** 4 (GB/T 38540, default) or 1 (GM/T 0031-2014) */
  version?: 1 | 4;
  usePolicy?: Partial<SealUsePolicy>;
  holders?: string[];
  /** apply for a changed version (更换) of this seal */
  predecessorId?: string;
  note?: string;
}

/** What a seal list is filtered by. */
export interface SealQuery {
  status?: SealStatus;
  type?: SealType;
  q?: string;
  /** only seals this user holds */
  holder?: string;
  page?: number;
  pageSize?: number;
}

const DAY = 86_400_000;
const DEFAULT_POLICY: SealUsePolicy = { requireApproval: false, documentTypes: [], maxUsesPerApproval: 1, approvalValidDays: 7 };

/** The certificate facts a seal keeps for each bound certificate (its issuer at the CA and its DER). */
interface StoredCertificate extends SealCertificate {
  issuerId: string;
  der: string;
}

/**
 * The seal registry: applications, review, making (the SESeal signed by the platform's seal maker
 * and its filing record), issue, and the lifecycle (停用 suspend, 启用 resume, 挂失 report lost,
 * 注销 revoke, 更换 change as a new version), each permissioned by the router, recorded as a
 * status event and in the audit log in the same transaction.
 */
export class SealRegistry {
  constructor(
    private readonly o: {
      knex: Knex;
      audit: AuditLog;
      ca: CaGateway;
      keys: ServiceKeys;
      keystore: Keystore;
      impressions: ImpressionMaker;
      /** the 6-digit administrative region code that starts every seal code */
      regionCode: string;
      /** SES_Header.Vid */
      vendorId: string;
      clock?: () => Date;
    },
  ) {}

  now(): Date {
    return (this.o.clock ?? (() => new Date()))();
  }

  // ---- reading ---------------------------------------------------------------------------------

  async row(id: string, trx: Knex | Trx = this.o.knex) {
    const row = await trx('seal_seals').where({ id }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Seal ${id} not found`);
    return row;
  }

  /** What using a seal needs: the row without its pictures and SESeal (read on every use). */
  async useRow(id: string, trx: Knex | Trx = this.o.knex) {
    const row = await trx('seal_seals').where({ id }).first('id', 'es_id', 'name', 'status', 'version', 'key_mode', 'server_key_id', 'certificates', 'valid_start', 'valid_end', 'use_policy', 'seal_hash');
    if (!row) throw new ApiError('NOT_FOUND', `Seal ${id} not found`);
    return row;
  }

  readonly #sealDers = new Map<string, Buffer>();

  /** The SESeal of a made seal, kept in memory by its hash (a made seal never changes). */
  async sealDerOf(row: { id: string; seal_hash: string | null }): Promise<Buffer> {
    if (!row.seal_hash) throw new ApiError('CONFLICT', 'This seal has not been made yet');
    const hit = this.#sealDers.get(row.seal_hash);
    if (hit) return hit;
    const der = await this.sealDer(row.id);
    if (this.#sealDers.size >= 256) this.#sealDers.delete(this.#sealDers.keys().next().value as string);
    this.#sealDers.set(row.seal_hash, der);
    return der;
  }

  async holdersOf(ids: string[], trx: Knex | Trx = this.o.knex): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    for (const r of await trx('seal_holders').whereIn('seal_id', ids).orderBy('user_ref')) {
      out.set(r.seal_id, [...(out.get(r.seal_id) ?? []), r.user_ref]);
    }
    return out;
  }

  toSeal(r: any, holders: string[]): Seal {
    const certs: StoredCertificate[] = JSON.parse(r.certificates);
    return {
      id: r.id,
      esId: r.es_id ?? undefined,
      version: Number(r.version) as 1 | 4,
      generation: Number(r.generation),
      type: r.type,
      name: r.name,
      ownerKind: r.owner_kind,
      ownerName: r.owner_name,
      ownerCode: r.owner_code ?? undefined,
      status: r.status,
      keyMode: r.key_mode,
      template: r.template ? JSON.parse(r.template) : undefined,
      pictureType: 'PNG',
      widthMm: Number(r.width_mm),
      heightMm: Number(r.height_mm),
      certificates: certs.map(({ der: _der, issuerId: _issuer, ...c }) => c),
      validStart: r.valid_start,
      validEnd: r.valid_end,
      usePolicy: JSON.parse(r.use_policy),
      holders,
      predecessorId: r.predecessor_id ?? undefined,
      successorId: r.successor_id ?? undefined,
      filingNumber: r.filing_number ?? undefined,
      sealHash: r.seal_hash ?? undefined,
      reason: r.reason ?? undefined,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  async list(q: SealQuery): Promise<{ items: Seal[]; total: number }> {
    let query = this.o.knex('seal_seals');
    if (q.status) query = query.where({ status: q.status });
    if (q.type) query = query.where({ type: q.type });
    if (q.q) query = whereContains(query, 'search_text', q.q);
    if (q.holder) query = query.whereIn('id', this.o.knex('seal_holders').where({ user_ref: q.holder }).select('seal_id'));
    const total = Number(((await query.clone().count({ n: '*' }).first()) as any)?.n ?? 0);
    const pageSize = Math.min(q.pageSize ?? 20, 100);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(pageSize).offset(((q.page ?? 1) - 1) * pageSize);
    const holders = await this.holdersOf(rows.map((r: any) => r.id));
    return { items: rows.map((r: any) => this.toSeal(r, holders.get(r.id) ?? [])), total };
  }

  async detail(id: string): Promise<SealDetail> {
    const r = await this.row(id);
    const holders = await this.holdersOf([id]);
    const events = await this.o.knex('seal_events').where({ seal_id: id }).orderBy('id');
    return { ...this.toSeal(r, holders.get(id) ?? []), history: events.map(toEvent) };
  }

  /** The impression, as PNG (300 dpi) or SVG. */
  async picture(id: string, format: 'png' | 'svg'): Promise<{ body: Buffer; contentType: string }> {
    const r = await this.row(id);
    if (format === 'svg') {
      if (!r.picture_svg) throw new ApiError('NOT_FOUND', 'This seal has no SVG impression (it was uploaded as PNG)');
      return { body: Buffer.from(r.picture_svg, 'utf8'), contentType: 'image/svg+xml' };
    }
    return { body: Buffer.from(r.picture_png, 'base64'), contentType: 'image/png' };
  }

  /** The SESeal (DER) of a made seal. */
  async sealDer(id: string): Promise<Buffer> {
    const r = await this.row(id);
    if (!r.seal_der) throw new ApiError('CONFLICT', 'This seal has not been made yet');
    return Buffer.from(r.seal_der, 'base64');
  }

  // ---- applying --------------------------------------------------------------------------------

  /** Fetches holder certificates from the CA: each must exist, be good and unexpired. */
  async #holderCertificates(ids: string[]): Promise<StoredCertificate[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw new ApiError('VALIDATION_FAILED', 'certificateIds: a holder-key seal needs at least one signing certificate');
    if (unique.length > 20) throw new ApiError('VALIDATION_FAILED', 'certificateIds: at most 20');
    const out: StoredCertificate[] = [];
    for (const id of unique) {
      const c = await this.o.ca.certificate(id);
      if (!c) throw new ApiError('VALIDATION_FAILED', `certificateIds: certificate ${id} is not known to the CA`);
      if (c.usage !== 'sign') throw new ApiError('VALIDATION_FAILED', `certificateIds: certificate ${c.serial} is not a signing certificate`);
      if (c.status !== 'good') throw new ApiError('VALIDATION_FAILED', `certificateIds: certificate ${c.serial} is ${c.status}`);
      if (Date.parse(c.notAfter) <= this.now().getTime()) throw new ApiError('VALIDATION_FAILED', `certificateIds: certificate ${c.serial} has expired`);
      const der = pemDecode(c.pem, 'CERTIFICATE');
      out.push({ caCertificateId: c.id, issuerId: c.issuerId, serial: c.serial, subjectDn: c.subjectDn, notBefore: c.notBefore, notAfter: c.notAfter, fingerprintSm3: toHex(sm3(der)), der: Buffer.from(der).toString('base64') });
    }
    return out;
  }

  /** Applies for a seal, or for a changed version of one (`predecessorId`). */
  async apply(actor: string, input: SealApplicationInput): Promise<SealDetail> {
    const now = this.now();
    const pred = input.predecessorId ? await this.row(input.predecessorId) : undefined;
    if (pred) {
      if (!CHANGEABLE_STATUSES.includes(pred.status)) throw new ApiError('ILLEGAL_TRANSITION', `A ${pred.status} seal cannot be changed`);
      const open = await this.o.knex('seal_seals').where({ predecessor_id: pred.id }).whereIn('status', ['pending', 'approved', 'made']).first('id');
      if (open) throw new ApiError('CONFLICT', 'A changed version of this seal is already in progress');
    }
    const info = SEAL_TYPE_INFO[input.type];
    const ownerKind: OwnerKind = info.owner;
    if (ownerKind === 'person' && input.ownerCode) {
      throw new ApiError('VALIDATION_FAILED', 'ownerCode: only organisations have a code here (no personal identity numbers are kept)');
    }
    if (ownerKind === 'organisation' && input.ownerCode && !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(input.ownerCode)) {
      throw new ApiError('VALIDATION_FAILED', 'ownerCode: an 18-character unified social credit code');
    }
    const validStart = input.validStart ? new Date(input.validStart) : now;
    const validEnd = new Date(input.validEnd);
    if (!(validEnd.getTime() > validStart.getTime())) throw new ApiError('VALIDATION_FAILED', 'validEnd: after the start of validity');
    if (validEnd.getTime() - validStart.getTime() > 10 * 366 * DAY) throw new ApiError('VALIDATION_FAILED', 'validEnd: at most ten years of validity');
    const certificates = input.keyMode === 'holder' ? await this.#holderCertificates(input.certificateIds ?? []) : [];
    if (input.keyMode === 'server' && input.certificateIds?.length) throw new ApiError('VALIDATION_FAILED', 'certificateIds: a server-key seal gets its certificate when it is made');
    let impression;
    let template: SealTemplate | undefined;
    if (input.uploadPng) {
      impression = this.o.impressions.fromUpload(Buffer.from(input.uploadPng, 'base64'));
    } else {
      if (info.template === 'upload' && !input.template) throw new ApiError('VALIDATION_FAILED', 'uploadPng: a handwritten signature is uploaded as a PNG scan');
      template = input.template ?? { kind: info.template === 'upload' ? 'square' : info.template };
      impression = await this.o.impressions.fromTemplate(template, { name: input.ownerName, code: undefined });
    }
    const policy: SealUsePolicy = { ...DEFAULT_POLICY, ...(input.usePolicy ?? {}) };
    const id = randomUUID();
    await this.o.knex.transaction(async trx => {
      await trx('seal_seals').insert({
        id,
        es_id: null,
        version: input.version ?? 4,
        generation: pred ? Number(pred.generation) + 1 : 1,
        type: input.type,
        name: input.name,
        owner_kind: ownerKind,
        owner_name: input.ownerName,
        owner_code: input.ownerCode ?? null,
        status: 'pending',
        key_mode: input.keyMode,
        server_key_id: null,
        template: template ? JSON.stringify(template) : null,
        picture_type: 'PNG',
        picture_png: Buffer.from(impression.png).toString('base64'),
        picture_svg: impression.svg ?? null,
        width_mm: impression.widthMm,
        height_mm: impression.heightMm,
        certificates: JSON.stringify(certificates),
        valid_start: validStart.toISOString(),
        valid_end: validEnd.toISOString(),
        use_policy: JSON.stringify(policy),
        predecessor_id: pred?.id ?? null,
        successor_id: null,
        created_by: actor,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        search_text: `${input.name} ${input.ownerName} ${input.ownerCode ?? ''}`.toLowerCase(),
      });
      for (const user of new Set(input.holders ?? [])) {
        await trx('seal_holders').insert({ seal_id: id, user_ref: user, granted_by: actor, granted_at: now.toISOString() });
      }
      await this.#event(trx, id, actor, pred ? 'change' : 'apply', undefined, 'pending', input.note, {
        type: input.type,
        keyMode: input.keyMode,
        certificates: certificates.map(c => c.serial),
        predecessorId: pred?.id ?? null,
      });
    });
    return this.detail(id);
  }

  // ---- lifecycle -------------------------------------------------------------------------------

  async #event(trx: Trx, sealId: string, actor: string, action: SealEvent['action'], from: SealStatus | undefined, to: SealStatus | undefined, reason: string | undefined, detail: Record<string, unknown>) {
    const at = this.now().toISOString();
    await trx('seal_events').insert({ seal_id: sealId, at, action, from_status: from ?? null, to_status: to ?? null, actor, reason: reason ?? null, detail: JSON.stringify(detail) });
    await this.o.audit.append(trx, { actor, action: `seal.${action}`, targetType: 'seal', targetId: sealId, outcome: 'success', details: { from: from ?? null, to: to ?? null, reason: reason ?? null, ...detail } });
  }

  /** Moves a seal from one state to another (the row must still be in `from`). */
  async #move(trx: Trx, row: any, action: SealAction, actor: string, reason?: string, extra: Record<string, unknown> = {}, detail: Record<string, unknown> = {}) {
    if (!canTake(action, row.status)) throw new ApiError('ILLEGAL_TRANSITION', `Cannot ${action} a ${row.status} seal`);
    const to = SEAL_ACTIONS[action].to;
    const n = await trx('seal_seals')
      .where({ id: row.id, status: row.status })
      .update({ status: to, updated_at: this.now().toISOString(), ...(reason !== undefined ? { reason } : {}), ...extra });
    if (n !== 1) throw new ApiError('CONFLICT', 'The seal changed meanwhile; retry');
    await this.#event(trx, row.id, actor, action, row.status, to, reason, detail);
  }

  /** Approves an application (reviewers; never the applicant). */
  async approve(actor: string, id: string, note?: string): Promise<SealDetail> {
    await this.o.knex.transaction(async trx => {
      const row = await this.row(id, trx);
      if (row.created_by === actor) throw new ApiError('SELF_APPROVAL', 'You cannot approve a seal you applied for');
      await this.#move(trx, row, 'approve', actor, note);
    });
    return this.detail(id);
  }

  /** Rejects an application with a reason. */
  async reject(actor: string, id: string, reason: string): Promise<SealDetail> {
    await this.o.knex.transaction(async trx => {
      const row = await this.row(id, trx);
      if (row.created_by === actor) throw new ApiError('SELF_APPROVAL', 'You cannot decide on a seal you applied for');
      await this.#move(trx, row, 'reject', actor, reason);
    });
    return this.detail(id);
  }

  /** The next seal code: region code and a 7-digit sequence (13 digits, as public-security seal codes). */
  async #nextEsId(trx: Trx): Promise<string> {
    const name = `esid:${this.o.regionCode}`;
    const n = await trx('seal_counters').where({ name }).increment('value', 1);
    if (!n) await trx('seal_counters').insert({ name, value: 1 });
    const { value } = await trx('seal_counters').where({ name }).first('value');
    if (Number(value) > 9_999_999) throw new ApiError('CONFLICT', 'The seal code sequence of this region is exhausted');
    return `${this.o.regionCode}${String(value).padStart(7, '0')}`;
  }

  /**
   * Makes an approved seal: for a server-key seal, a new organisation key in the platform keystore
   * certified by the CA; for holder keys, the holders' certificates checked again; then the
   * SESeal signed by the seal maker, its seal code and filing record. Status `made`.
   */
  async make(actor: string, id: string): Promise<SealDetail> {
    const row = await this.row(id);
    if (!canTake('make', row.status)) throw new ApiError('ILLEGAL_TRANSITION', `Cannot make a ${row.status} seal`);
    const stored: StoredCertificate[] = JSON.parse(row.certificates);
    let certificates: StoredCertificate[];
    let serverKeyId: string | null = null;
    if (row.key_mode === 'server') {
      const key = await this.o.keystore.generate('SM2');
      serverKeyId = key.id;
      const signer = await this.o.keystore.signer(key.id);
      const cn = `${row.owner_name} 电子签章`.slice(0, 64);
      const csr = await buildCsr({ subject: [{ type: 'CN', value: cn }], signer });
      const days = Math.ceil((Date.parse(row.valid_end) - this.now().getTime()) / DAY) + 1;
      const certified = await this.o.ca.certify({ purpose: 'seal-signer', algorithm: 'SM2', csrPem: pemEncode('CERTIFICATE REQUEST', csr), commonName: cn, organisation: row.owner_name.slice(0, 64), validityDays: Math.min(Math.max(days, 1), 1095) });
      const der = pemDecode(certified.certificatePem, 'CERTIFICATE');
      const info = parseCertificate(der);
      certificates = [certFacts(certified.certificateId, certified.issuerId, info)];
    } else {
      certificates = await this.#holderCertificates(stored.map(c => c.caCertificateId));
    }
    const maker = await this.o.keys.get('maker');
    // The seal code is taken in its own short transaction (a failed make leaves a gap in the
    // sequence, never a duplicate) so that it can be drawn on the impression before signing.
    const esId = await this.o.knex.transaction(trx => this.#nextEsId(trx));
    let picture = Buffer.from(row.picture_png, 'base64');
    let svg: string | null = row.picture_svg;
    const template: SealTemplate | undefined = row.template ? JSON.parse(row.template) : undefined;
    if (template && (template.kind === 'round' || template.kind === 'oval') && !template.code) {
      const drawn = await this.o.impressions.fromTemplate({ ...template, code: esId }, { name: row.owner_name });
      picture = Buffer.from(drawn.png);
      svg = drawn.svg ?? null;
    }
    await this.o.knex.transaction(async trx => {
      const current = await this.row(id, trx);
      if (current.status !== 'approved') throw new ApiError('CONFLICT', 'The seal changed meanwhile; retry');
      const now = this.now();
      const der = await buildSeal(
        Number(row.version) as 1 | 4,
        {
          vid: this.o.vendorId,
          esId,
          type: SEAL_TYPE_INFO[row.type as SealType].code,
          name: row.name,
          certificates: certificates.map(c => Buffer.from(c.der, 'base64')),
          createDate: now,
          validStart: new Date(row.valid_start),
          validEnd: new Date(row.valid_end),
          picture: { type: 'PNG', data: picture, widthMm: Number(row.width_mm), heightMm: Number(row.height_mm) },
        },
        { certificate: maker.certificate, signer: maker.signer },
      );
      const sealHash = toHex(sm3(der));
      const filingNumber = `BA${esId}${String(row.generation).padStart(2, '0')}`;
      await this.#move(
        trx,
        current,
        'make',
        actor,
        undefined,
        {
          es_id: esId,
          seal_der: Buffer.from(der).toString('base64'),
          seal_hash: sealHash,
          filing_number: filingNumber,
          certificates: JSON.stringify(certificates),
          server_key_id: serverKeyId,
          picture_png: picture.toString('base64'),
          picture_svg: svg,
          search_text: `${esId} ${row.search_text}`,
        },
        { esId, filingNumber, sealHash, certificates: certificates.map(c => c.serial), makerSerial: maker.info.serialHex },
      );
    });
    return this.detail(id);
  }

  /**
   * The platform-held organisation key of a server-key seal serves only that seal: when the seal is
   * revoked or replaced, its certificate is revoked at the CA first (if that fails, nothing changes
   * here; if the seal's own change then fails, the seal is left unusable, never the reverse).
   */
  async #retireServerCertificate(row: any, reason: 'cessationOfOperation' | 'superseded', comment: string) {
    if (row.key_mode !== 'server' || !row.seal_der) return;
    for (const c of sealCertificatesDer(row)) await this.o.ca.revokeCertified(c.caCertificateId, reason, comment);
  }

  /** Issues a made seal (启用): valid from now on; a predecessor it changes becomes `superseded`. */
  async issue(actor: string, id: string): Promise<SealDetail> {
    const pending = await this.row(id);
    if (pending.predecessor_id && canTake('issue', pending.status)) {
      const pred = await this.row(pending.predecessor_id);
      if (canTake('supersede', pred.status)) await this.#retireServerCertificate(pred, 'superseded', `seal ${pred.es_id} replaced by ${pending.es_id}`);
    }
    await this.o.knex.transaction(async trx => {
      const row = await this.row(id, trx);
      await this.#move(trx, row, 'issue', actor);
      if (row.predecessor_id) {
        const pred = await this.row(row.predecessor_id, trx);
        if (canTake('supersede', pred.status)) {
          await this.#move(trx, pred, 'supersede', actor, `更换为新版本 ${row.es_id}`, { successor_id: id }, { successorId: id });
        }
      }
    });
    return this.detail(id);
  }

  /** Suspend (停用), resume (启用), report lost (挂失) or revoke (注销), with a reason. */
  async transition(actor: string, id: string, action: 'suspend' | 'resume' | 'report-lost' | 'revoke', reason: string): Promise<SealDetail> {
    if (action === 'revoke') {
      const row = await this.row(id);
      if (canTake('revoke', row.status)) await this.#retireServerCertificate(row, 'cessationOfOperation', `seal ${row.es_id} revoked: ${reason}`.slice(0, 500));
    }
    await this.o.knex.transaction(async trx => {
      const row = await this.row(id, trx);
      if (action === 'resume' && Date.parse(row.valid_end) < this.now().getTime()) throw new ApiError('ILLEGAL_TRANSITION', 'An expired seal cannot be resumed');
      await this.#move(trx, row, action, actor, reason);
    });
    return this.detail(id);
  }

  /** Sets who may apply the seal. */
  async setHolders(actor: string, id: string, users: string[]): Promise<SealDetail> {
    await this.o.knex.transaction(async trx => {
      const row = await this.row(id, trx);
      if (['rejected', 'revoked', 'superseded'].includes(row.status)) throw new ApiError('ILLEGAL_TRANSITION', `A ${row.status} seal has no holders`);
      const before = (await trx('seal_holders').where({ seal_id: id }).select('user_ref')).map((r: any) => r.user_ref);
      await trx('seal_holders').where({ seal_id: id }).delete();
      const now = this.now().toISOString();
      for (const user of new Set(users)) await trx('seal_holders').insert({ seal_id: id, user_ref: user, granted_by: actor, granted_at: now });
      await this.#event(trx, id, actor, 'grant', undefined, undefined, undefined, { before, after: [...new Set(users)] });
    });
    return this.detail(id);
  }

  /** Sets the use policy. */
  async setPolicy(actor: string, id: string, policy: SealUsePolicy): Promise<SealDetail> {
    await this.o.knex.transaction(async trx => {
      const row = await this.row(id, trx);
      if (['rejected', 'revoked', 'superseded'].includes(row.status)) throw new ApiError('ILLEGAL_TRANSITION', `A ${row.status} seal cannot change its policy`);
      await trx('seal_seals').where({ id }).update({ use_policy: JSON.stringify(policy), updated_at: this.now().toISOString() });
      await this.#event(trx, id, actor, 'policy', undefined, undefined, undefined, { before: JSON.parse(row.use_policy), after: policy });
    });
    return this.detail(id);
  }

  // ---- status at a time ------------------------------------------------------------------------

  /** A seal by id or by seal code. */
  async find(idOrEsId: string) {
    const columns = ['id', 'es_id', 'name', 'type', 'version', 'status', 'valid_start', 'valid_end', 'seal_hash'];
    const row = /^[0-9a-f-]{36}$/i.test(idOrEsId)
      ? await this.o.knex('seal_seals').where({ id: idOrEsId }).first(columns)
      : await this.o.knex('seal_seals').where({ es_id: idOrEsId }).first(columns);
    if (!row) throw new ApiError('NOT_FOUND', `Seal ${idOrEsId} not found`);
    return row;
  }

  /** Was the seal valid at `at`, and what is it now (no personal data: no holders, no owner code). */
  async statusAt(idOrEsId: string, at: Date): Promise<SealStatusAnswer> {
    const row = await this.find(idOrEsId);
    const changes = await this.o.knex('seal_events').where({ seal_id: row.id }).whereNotNull('to_status').orderBy('id').select('at', 'to_status');
    const verdict = sealStatusAt({ validStart: row.valid_start, validEnd: row.valid_end }, changes.map((c: any) => ({ at: c.at, toStatus: c.to_status })), at);
    return {
      sealId: row.id,
      esId: row.es_id ?? undefined,
      name: row.name,
      type: row.type,
      version: Number(row.version) as 1 | 4,
      at: at.toISOString(),
      ...verdict,
      currentStatus: row.status,
      validStart: row.valid_start,
      validEnd: row.valid_end,
      sealHash: row.seal_hash ?? undefined,
      checkedAt: this.now().toISOString(),
    };
  }
}

function certFacts(caCertificateId: string, issuerId: string, info: CertificateInfo): StoredCertificate {
  return {
    caCertificateId,
    issuerId,
    serial: info.serialHex,
    subjectDn: nameToString(info.subject),
    notBefore: info.notBefore.toISOString(),
    notAfter: info.notAfter.toISOString(),
    fingerprintSm3: toHex(sm3(info.der)),
    der: Buffer.from(info.der).toString('base64'),
  };
}

function toEvent(e: any): SealEvent {
  return {
    id: Number(e.id),
    at: e.at,
    action: e.action,
    fromStatus: e.from_status ?? undefined,
    toStatus: e.to_status ?? undefined,
    actor: e.actor,
    reason: e.reason ?? undefined,
  };
}

/** The stored certificates of a seal row: CA id, issuer, serial and DER. */
export function sealCertificatesDer(row: any): { caCertificateId: string; issuerId: string; serial: string; der: Uint8Array }[] {
  return (JSON.parse(row.certificates) as StoredCertificate[]).map(c => ({
    caCertificateId: c.caCertificateId,
    issuerId: c.issuerId,
    serial: c.serial,
    der: new Uint8Array(Buffer.from(c.der, 'base64')),
  }));
}
