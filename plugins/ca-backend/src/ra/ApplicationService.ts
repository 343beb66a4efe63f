import { randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CertificateInfo,
  CsrInfo,
  GmError,
  buildCsrResponse,
  decodePublicKeySpki,
  encodeSm2PublicKeySpki,
  isValidSm2PublicKey,
  nameToString,
  parseCertificate,
  parseCsr,
  pemEncode,
  randomSerial,
  sm2Encrypt,
  toHex,
} from '@yinxin/gm';
import {
  Application,
  ApplicationProfile,
  ApplicationStatus,
  CertificateUsage,
  IssuanceResponse,
  KeyAlgorithm,
  ProfileInfo,
} from '@yinxin/plugin-ca-common';
import { ApiError, AuditLog, likePattern } from '@yinxin/ops-node';
import { ActiveIssuer, Hierarchy } from '../ca/Hierarchy';
import { CertificateStore } from '../ca/CertificateStore';
import { LintError, PublicationUrls, issueCertificate } from '../ca/CertificateFactory';
import { ApplicationProfileDefinition, CERTIFICATE_PROFILES } from '../profiles/profiles';
import { KmcGateway } from '../kmc/KmcService';
import { SealingKey } from '@yinxin/keystore';
import { SubjectStore, subjectNameDer } from './subjects';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
/** Largest CSR accepted, in bytes of DER (PEM is decoded first). */
export const MAX_CSR_BYTES = 16 * 1024;

/** Options of {@link ApplicationService}. */
export interface ApplicationServiceOptions {
  knex: Knex;
  audit: AuditLog;
  hierarchy: Hierarchy;
  certificates: CertificateStore;
  subjects: SubjectStore;
  kmc: KmcGateway;
  profiles: Map<ApplicationProfile, ApplicationProfileDefinition>;
  urls: PublicationUrls;
  /** Seals token unlock keys (a sub-key of the CA master key). */
  tokenKeys: SealingKey;
  caName: string;
  clock?: () => Date;
}

type Trx = Knex.Transaction;

/**
 * The RA workflow: applications (new, renew 延期, re-key 换发) from PKCS#10 CSRs, reviews with a
 * per-profile number of approvers (never the submitter), and issuance — for `sm2-dual`, the
 * signing certificate for the CSR key and the encryption certificate for a KMC key, delivered as a
 * GM/T 0092 CSRResponse with the encryption key enveloped to the signing key.
 */
export class ApplicationService {
  private readonly clock: () => Date;
  constructor(private readonly o: ApplicationServiceOptions) {
    this.clock = o.clock ?? (() => new Date());
  }

  private now() {
    return this.clock().toISOString();
  }

  /** The application profiles as `GET /profiles` lists them. */
  profiles(): ProfileInfo[] {
    return [...this.o.profiles.values()].map(({ csrUsage: _csrUsage, ...p }) => p);
  }

  /** The profile definition, or 400. */
  profile(id: string): ApplicationProfileDefinition {
    const p = this.o.profiles.get(id as ApplicationProfile);
    if (!p) throw new ApiError('VALIDATION_FAILED', `Unknown profile ${id}`);
    return p;
  }

  /** Parses and checks a CSR for `profile`: 400 BAD_CSR on anything wrong. */
  checkCsr(csrText: string, profile: ApplicationProfileDefinition): CsrInfo {
    return checkCsrFor(csrText, profile.keyAlgorithm, `Profile ${profile.id}`);
  }

  // Application numbers come from a per-day counter row; only two "first of the day" submissions
  // can clash (on the counter's primary key), and then the whole transaction is retried.
  private async withNumber<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.o.knex.transaction(work);
      } catch (e) {
        const text = `${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? ''}`;
        const clash = /23505|SQLITE_CONSTRAINT|UNIQUE constraint|duplicate key/i.test(text) && /number|counters/i.test(text);
        if (!clash || attempt >= 50) throw e;
        await new Promise(r => setTimeout(r, 1 + Math.floor(Math.random() * 20)));
      }
    }
  }

  private async nextNumber(trx: Trx): Promise<string> {
    const day = this.now().slice(0, 10).replace(/-/g, '');
    const name = `application:${day}`;
    let n = await trx('ca_counters').where({ name }).increment('value', 1);
    if (n !== 1) {
      // First application of the day; a concurrent first insert loses on the primary key and
      // the whole transaction is retried by withNumber.
      await trx('ca_counters').insert({ name, value: 1 });
      n = 1;
    }
    const row = await trx('ca_counters').where({ name }).first();
    return `RA-${day}-${String(row.value).padStart(4, '0')}`;
  }

  private async insertApplication(trx: Trx, actor: string, a: {
    kind: Application['kind']; profile: ApplicationProfileDefinition; subjectId: string; subjectDn: string; csr?: CsrInfo; spki: Uint8Array; tokenSerial?: string; ticketId?: string; targetCertificateId?: string;
  }): Promise<string> {
    const id = randomUUID();
    await trx('ca_applications').insert({
      id,
      number: await this.nextNumber(trx),
      kind: a.kind,
      profile: a.profile.id,
      key_algorithm: a.profile.keyAlgorithm,
      subject_id: a.subjectId,
      subject_dn: a.subjectDn,
      csr_der: a.csr ? b64(a.csr.der) : null,
      public_spki: b64(a.spki),
      status: 'submitted',
      required_approvals: a.profile.requiredApprovals,
      submitted_by: actor,
      submitted_at: this.now(),
      target_certificate_id: a.targetCertificateId ?? null,
      token_serial: a.tokenSerial ?? null,
      ticket_id: a.ticketId ?? null,
    });
    await this.o.audit.append(trx, {
      actor,
      action: `ca.application.${a.kind === 'new' ? 'submit' : a.kind}`,
      targetType: 'application',
      targetId: id,
      outcome: 'success',
      details: { profile: a.profile.id, subjectId: a.subjectId, targetCertificateId: a.targetCertificateId ?? null, tokenSerial: a.tokenSerial ?? null },
    });
    return id;
  }

  /** Enters a new application from a CSR. The DN comes from the subject record, not the CSR. */
  async submit(actor: string, input: { subjectId: string; profile: string; csrPem: string; tokenSerial?: string; ticketId?: string }): Promise<Application> {
    const profile = this.profile(input.profile);
    const csr = this.checkCsr(input.csrPem, profile);
    const id = await this.withNumber(async trx => {
      const subject = await this.o.subjects.get(input.subjectId, trx);
      if (!profile.subjectKinds.includes(subject.kind)) throw new ApiError('VALIDATION_FAILED', `Profile ${profile.id} is not for a ${subject.kind}`);
      return this.insertApplication(trx, actor, { kind: 'new', profile, subjectId: subject.id, subjectDn: nameToString(subjectNameDer(subject)), csr, spki: csr.publicKey.spki, tokenSerial: input.tokenSerial, ticketId: input.ticketId });
    });
    return this.get(id);
  }

  // The signing (or single) certificate that renew/rekey act on, which must be current.
  private async replaceable(trx: Trx, certificateId: string) {
    let row = await this.o.certificates.row(certificateId, trx);
    if (row.usage === 'encrypt' && row.pair_id) row = await this.o.certificates.row(row.pair_id, trx);
    if (!row.application_id) throw new ApiError('ILLEGAL_TRANSITION', 'Only certificates issued through the RA can be renewed or re-keyed');
    if (row.status !== 'good') throw new ApiError('ILLEGAL_TRANSITION', `A ${row.status} certificate cannot be renewed or re-keyed`);
    if (row.replaced_by) throw new ApiError('ILLEGAL_TRANSITION', 'This certificate has already been replaced');
    const pending = await trx('ca_applications').where({ target_certificate_id: row.id }).whereIn('status', ['submitted', 'approved']).first();
    if (pending) throw new ApiError('CONFLICT', `Application ${pending.number} for this certificate is still open`);
    const app = await trx('ca_applications').where({ id: row.application_id }).first();
    return { row, app, profile: this.profile(app.profile) };
  }

  /** 延期: same key pairs and hierarchy, new validity and serial; the KMC is not called. */
  async renew(actor: string, certificateId: string): Promise<Application> {
    const id = await this.withNumber(async trx => {
      const { row, app, profile } = await this.replaceable(trx, certificateId);
      const subject = await this.o.subjects.get(row.subject_id, trx);
      const spki = parseCertificate(unb64(row.der)).publicKey.spki;
      return this.insertApplication(trx, actor, { kind: 'renew', profile, subjectId: subject.id, subjectDn: nameToString(subjectNameDer(subject)), spki, tokenSerial: app.token_serial ?? undefined, targetCertificateId: row.id });
    });
    return this.get(id);
  }

  /** 换发: a new signing key (new CSR); for dual certificates a new encryption key from the KMC. */
  async rekey(actor: string, certificateId: string, csrPem: string): Promise<Application> {
    const id = await this.withNumber(async trx => {
      const { row, app, profile } = await this.replaceable(trx, certificateId);
      const csr = this.checkCsr(csrPem, profile);
      const oldSpki = parseCertificate(unb64(row.der)).publicKey.spki;
      if (Buffer.from(oldSpki).equals(Buffer.from(csr.publicKey.spki))) throw new ApiError('BAD_CSR', 'Re-keying needs a new key; this CSR carries the current one');
      const subject = await this.o.subjects.get(row.subject_id, trx);
      return this.insertApplication(trx, actor, { kind: 'rekey', profile, subjectId: subject.id, subjectDn: nameToString(subjectNameDer(subject)), csr, spki: csr.publicKey.spki, tokenSerial: app.token_serial ?? undefined, targetCertificateId: row.id });
    });
    return this.get(id);
  }

  private async appRow(id: string, trx: Knex | Trx = this.o.knex) {
    const row = await trx('ca_applications').where({ id }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Application ${id} not found`);
    return row;
  }

  private async setStatus(trx: Trx, row: any, to: ApplicationStatus, fields: Record<string, unknown> = {}) {
    const n = await trx('ca_applications').where({ id: row.id, version: row.version, status: row.status }).update({ ...fields, status: to, version: row.version + 1 });
    if (n !== 1) throw new ApiError('CONFLICT', 'The application changed meanwhile; retry');
  }

  /** One reviewer's approval; the application is approved when enough distinct reviewers agree. */
  async approve(actor: string, id: string, comment?: string): Promise<Application> {
    await this.o.knex.transaction(async trx => {
      const row = await this.appRow(id, trx);
      if (row.status !== 'submitted') throw new ApiError('ILLEGAL_TRANSITION', `The application is ${row.status}; only submitted applications are reviewed`);
      if (row.submitted_by === actor) throw new ApiError('SELF_APPROVAL', 'The submitter of an application cannot approve it');
      if (await trx('ca_approvals').where({ application_id: id, approver: actor }).first()) throw new ApiError('CONFLICT', 'You have already approved this application');
      await trx('ca_approvals').insert({ application_id: id, approver: actor, decision: 'approve', comment: comment ?? null, at: this.now() });
      const count = Number((await trx('ca_approvals').where({ application_id: id, decision: 'approve' }).count<{ n: number | string }[]>({ n: '*' }))[0].n);
      const done = count >= row.required_approvals;
      if (done) await this.setStatus(trx, row, 'approved', { decided_at: this.now() });
      else await trx('ca_applications').where({ id, version: row.version }).update({ version: row.version + 1 });
      await this.o.audit.append(trx, { actor, action: 'ca.application.approve', targetType: 'application', targetId: id, outcome: 'success', details: { approvals: count, required: row.required_approvals, comment: comment ?? null } });
    });
    return this.get(id);
  }

  /** A reviewer's rejection (back to entry, GM/T 0037 §8.6.1). */
  async reject(actor: string, id: string, reason: string): Promise<Application> {
    await this.o.knex.transaction(async trx => {
      const row = await this.appRow(id, trx);
      if (row.status !== 'submitted') throw new ApiError('ILLEGAL_TRANSITION', `The application is ${row.status}; only submitted applications are reviewed`);
      if (row.submitted_by === actor) throw new ApiError('SELF_APPROVAL', 'The submitter of an application cannot review it');
      await trx('ca_approvals').insert({ application_id: id, approver: actor, decision: 'reject', comment: reason, at: this.now() });
      await this.setStatus(trx, row, 'rejected', { decided_at: this.now(), rejection_reason: reason });
      await this.o.audit.append(trx, { actor, action: 'ca.application.reject', targetType: 'application', targetId: id, outcome: 'success', details: { reason } });
    });
    return this.get(id);
  }

  /**
   * Issues an approved application. Everything (certificates, KMC escrow, token registration,
   * replacement of old certificates) commits in one transaction; a lint violation marks the
   * application failed and signs nothing.
   */
  async issue(actor: string, id: string): Promise<Application> {
    try {
      const supersededIssuer = await this.o.knex.transaction(trx => this.issueIn(trx, actor, id));
      if (supersededIssuer) this.o.certificates.statusChanged(supersededIssuer);
    } catch (e) {
      if (!(e instanceof LintError)) throw e;
      await this.o.knex.transaction(async trx => {
        const row = await this.appRow(id, trx);
        await this.setStatus(trx, row, 'failed', { failure_reason: e.message.slice(0, 2000) });
        await this.o.audit.append(trx, { actor, action: 'ca.application.issue', targetType: 'application', targetId: id, outcome: 'failure', details: { violations: e.violations.map(v => v.code) } });
      });
      throw new ApiError('LINT_FAILED', e.message, e.violations);
    }
    return this.get(id);
  }

  /** Issues inside `trx`; returns the issuer of the certificates it superseded (renew, re-key). */
  private async issueIn(trx: Trx, actor: string, id: string): Promise<string | undefined> {
    const row = await this.appRow(id, trx);
    if (row.status !== 'approved') throw new ApiError('ILLEGAL_TRANSITION', `The application is ${row.status}; only approved applications are issued`);
    const profile = this.profile(row.profile);
    const subject = await this.o.subjects.record(row.subject_id, trx);
    const target = row.target_certificate_id ? await this.o.certificates.row(row.target_certificate_id, trx) : undefined;
    if (target && (target.status !== 'good' || target.replaced_by)) throw new ApiError('ILLEGAL_TRANSITION', 'The certificate to replace is no longer current');
    const targetPair = target?.pair_id ? await this.o.certificates.row(target.pair_id, trx) : undefined;
    // 延期 stays in the same hierarchy: the issuer of the certificate it renews, while active.
    let issuer: ActiveIssuer;
    const targetIssuer = target ? await trx('ca_authorities').where({ id: target.issuer_id, status: 'active' }).first() : undefined;
    if (row.kind === 'renew' && targetIssuer) issuer = await this.o.hierarchy.issuer(targetIssuer.id, trx);
    else issuer = await this.o.hierarchy.activeIssuer(profile.keyAlgorithm, trx);

    const now = this.clock();
    const notBefore = new Date(now.getTime() - 60_000);
    const notAfter = new Date(Math.min(now.getTime() + profile.validityDays * 86_400_000, issuer.certificate.notAfter.getTime()));
    const subjectDer = subjectNameDer(subject);
    const identity = { idNumber: subject.idNumber, creditCode: subject.creditCode, email: subject.email ? [subject.email] : [], dnsNames: subject.dnsNames };
    const spki = unb64(row.public_spki);
    const issuerRef = { id: issuer.id, certificate: issuer.certificate, algorithm: issuer.algorithm, signer: issuer.signer };
    const make = (usage: CertificateUsage, subjectSpki: Uint8Array, serial: Uint8Array) =>
      issueCertificate({ profile: CERTIFICATE_PROFILES[usage], keyAlgorithm: profile.keyAlgorithm, serial, subjectDer, subjectSpki, notBefore, notAfter, identity, issuer: issuerRef }, this.o.urls);

    const issued: Array<{ id: string; info: CertificateInfo; usage: CertificateUsage }> = [];
    const store = async (usage: CertificateUsage, info: CertificateInfo, kmcKeyId?: string) => {
      const certId = await this.o.certificates.insert(trx, { info, issuerId: issuer.id, usage, profile: profile.id, keyAlgorithm: profile.keyAlgorithm, subjectId: subject.id, subjectName: subject.name, applicationId: id, kmcKeyId }, actor);
      issued.push({ id: certId, info, usage });
      return certId;
    };

    const main = await make(profile.csrUsage, spki, randomSerial());
    const mainId = await store(profile.csrUsage, main.info);
    let envelopedKey: Uint8Array | undefined;
    let encInfo: CertificateInfo | undefined;
    if (profile.usages.includes('encrypt')) {
      const signPublicKey = decodePublicKeySpki(spki);
      if (signPublicKey.algorithm !== 'SM2') throw new ApiError('VALIDATION_FAILED', 'Dual certificates need an SM2 signing key');
      const encSerial = randomSerial();
      let encSpki: Uint8Array;
      let kmcKeyId: string;
      if (row.kind === 'renew') {
        if (!targetPair) throw new ApiError('CONFLICT', 'The certificate to renew has no encryption certificate');
        encSpki = parseCertificate(unb64(targetPair.der)).publicKey.spki;
        kmcKeyId = targetPair.kmc_key_id;
      } else {
        if (row.kind === 'rekey' && targetPair?.kmc_key_id)
          await this.o.kmc.revokeKey({ taskNo: randomUUID(), caName: this.o.caName, userCertNo: targetPair.kmc_key_id }, trx);
        const r = await this.o.kmc.applyKey(
          { taskNo: randomUUID(), caName: this.o.caName, userCertNo: toHex(encSerial), userPublicKey: signPublicKey.publicKey, notBefore, notAfter, userName: subject.name },
          trx,
        );
        encSpki = encodeSm2PublicKeySpki(r.retPublicKey);
        kmcKeyId = r.userCertNo;
        envelopedKey = r.retPrivateKey;
      }
      const enc = await make('encrypt', encSpki, encSerial);
      encInfo = enc.info;
      const encId = await store('encrypt', enc.info, kmcKeyId);
      await this.o.certificates.pair(trx, mainId, encId);
    }

    // Token unlock key: a fresh one whenever new keys go onto the token.
    let tokenUnlockKey: string | undefined;
    if (row.token_serial && profile.keyAlgorithm === 'SM2' && row.kind !== 'renew') {
      const signPub = decodePublicKeySpki(spki);
      if (signPub.algorithm === 'SM2') {
        const k = randomBytes(16);
        const sealed = this.o.tokenKeys.seal(k, `token-unlock:${row.token_serial}`);
        const existing = await trx('ca_tokens').where({ serial: row.token_serial }).first();
        if (existing) await trx('ca_tokens').where({ serial: row.token_serial }).update({ subject_id: subject.id, certificate_id: mainId, sealed_unlock_key: sealed, updated_at: this.now() });
        else await trx('ca_tokens').insert({ serial: row.token_serial, subject_id: subject.id, certificate_id: mainId, sealed_unlock_key: sealed, created_at: this.now(), updated_at: this.now() });
        tokenUnlockKey = b64(sm2Encrypt(signPub.publicKey, k));
        k.fill(0);
      }
    } else if (row.token_serial && row.kind === 'renew') {
      await trx('ca_tokens').where({ serial: row.token_serial }).update({ certificate_id: mainId, updated_at: this.now() });
    }

    // Replace the old certificates: superseded (their keys live on in the new ones, or were re-keyed).
    if (target) {
      for (const old of [target, targetPair].filter(Boolean)) {
        const replacement = issued.find(i => i.usage === old.usage)?.id ?? mainId;
        await trx('ca_certificates').where({ id: old.id }).update({ replaced_by: replacement });
        await this.o.certificates.event(trx, old.id, actor, row.kind === 'renew' ? 'renewed' : 'rekeyed', { replacedBy: replacement, applicationId: id });
      }
      // The KMC already moved a re-keyed encryption key to history; a renewed one stays in use.
      await this.o.certificates.revoke(actor, target.id, 'superseded', { trx, superseding: true });
    }

    const chain = [issuer.certificate.der, ...issuer.chain];
    const csrResponse = buildCsrResponse({
      signCertificates: [main.info.der, ...chain],
      envelopedKey,
      encryptCertificates: encInfo ? [encInfo.der] : undefined,
    });
    await this.setStatus(trx, row, 'issued', { issued_at: this.now(), issued_by: actor, response_der: b64(csrResponse), token_unlock_key: tokenUnlockKey ?? null });
    await this.o.audit.append(trx, { actor, action: 'ca.application.issue', targetType: 'application', targetId: id, outcome: 'success', details: { serials: issued.map(i => i.info.serialHex), issuer: issuer.name } });
    return target?.issuer_id;
  }

  /** An application as the API shows it. */
  async get(id: string, trx: Knex | Trx = this.o.knex): Promise<Application> {
    const row = await trx('ca_applications as a').join('ca_subjects as s', 's.id', 'a.subject_id').select('a.*', 's.name as subject_name').where('a.id', id).first();
    if (!row) throw new ApiError('NOT_FOUND', `Application ${id} not found`);
    const approvals = await trx('ca_approvals').where({ application_id: id }).orderBy('id');
    const certs = await trx('ca_certificates').where({ application_id: id }).orderBy('created_at').select('id', 'usage');
    return toApplication(row, approvals, certs.map(c => c.id));
  }

  /** Applications, newest first. */
  async list(f: { status?: ApplicationStatus; q?: string; limit?: number; offset?: number }): Promise<{ items: Application[]; total: number }> {
    const base = this.o.knex('ca_applications as a').join('ca_subjects as s', 's.id', 'a.subject_id');
    if (f.status) base.where('a.status', f.status);
    if (f.q) {
      const like = likePattern(f.q.toLowerCase());
      base.where(w => w.whereRaw("lower(a.number) like ? escape '\\'", [like]).orWhereRaw("s.search_text like ? escape '\\'", [like]));
    }
    const total = Number((await base.clone().count<{ n: number | string }[]>({ n: '*' }))[0].n);
    const rows = await base.clone().select('a.*', 's.name as subject_name').orderBy('a.submitted_at', 'desc').limit(Math.min(200, f.limit ?? 50)).offset(f.offset ?? 0);
    const ids = rows.map(r => r.id);
    const approvals = ids.length ? await this.o.knex('ca_approvals').whereIn('application_id', ids).orderBy('id') : [];
    const certs = ids.length ? await this.o.knex('ca_certificates').whereIn('application_id', ids).select('id', 'application_id') : [];
    return {
      items: rows.map(r => toApplication(r, approvals.filter(a => a.application_id === r.id), certs.filter(c => c.application_id === r.id).map(c => c.id))),
      total,
    };
  }

  /** What the subscriber's client imports after issuance. */
  async response(id: string): Promise<IssuanceResponse> {
    const row = await this.appRow(id);
    if (row.status !== 'issued' || !row.response_der) throw new ApiError('ILLEGAL_TRANSITION', `The application is ${row.status}; there is nothing to download yet`);
    const certs = await this.o.knex('ca_certificates').where({ application_id: id }).orderBy('created_at');
    const chain = await this.o.hierarchy.chainDer(certs[0].issuer_id);
    return {
      csrResponse: row.response_der,
      certificatesPem: certs.map(c => pemEncode('CERTIFICATE', unb64(c.der))),
      chainPem: chain.map(d => pemEncode('CERTIFICATE', d)),
      tokenUnlockKey: row.token_unlock_key ?? undefined,
    };
  }
}

function toApplication(row: any, approvals: any[], certificateIds: string[]): Application {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    profile: row.profile,
    keyAlgorithm: row.key_algorithm,
    subjectId: row.subject_id,
    subjectName: row.subject_name,
    subjectDn: row.subject_dn,
    status: row.status,
    requiredApprovals: row.required_approvals,
    approvals: approvals.map(a => ({ approver: a.approver, decision: a.decision, comment: a.comment ?? undefined, at: a.at })),
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at ?? undefined,
    issuedAt: row.issued_at ?? undefined,
    issuedBy: row.issued_by ?? undefined,
    rejectionReason: row.rejection_reason ?? undefined,
    failureReason: row.failure_reason ?? undefined,
    targetCertificateId: row.target_certificate_id ?? undefined,
    certificateIds,
    tokenSerial: row.token_serial ?? undefined,
    ticketId: row.ticket_id ?? undefined,
  };
}

/**
 * Parses and checks a CSR for a key of `keyAlgorithm`: readable, within the size limit, its
 * signature verifies (proof of possession), a sound key. 400 BAD_CSR (413 when too large).
 * @param what - names the requirement in messages, e.g. `Profile sm2-sign`
 */
export function checkCsrFor(csrText: string, keyAlgorithm: KeyAlgorithm, what: string): CsrInfo {
  let csr: CsrInfo;
  try {
    csr = parseCsr(csrText, { maxBytes: MAX_CSR_BYTES });
  } catch (e) {
    if (e instanceof GmError && e.code === 'GM_TOO_LARGE') throw new ApiError('PAYLOAD_TOO_LARGE', `The CSR is larger than ${MAX_CSR_BYTES} bytes`);
    throw new ApiError('BAD_CSR', `The CSR cannot be read: ${(e as Error).message}`);
  }
  if (!csr.signatureValid) throw new ApiError('BAD_CSR', 'The CSR signature does not verify (proof of possession failed)');
  const key = csr.publicKey;
  if (key.algorithm !== keyAlgorithm) throw new ApiError('BAD_CSR', `${what} takes ${keyAlgorithm} keys; the CSR has ${key.algorithm}`);
  if (key.algorithm === 'RSA' && (key.modulusBits < 2048 || key.modulusBits > 8192)) throw new ApiError('BAD_CSR', 'RSA keys must have 2048 to 8192 bits');
  if (key.algorithm === 'SM2' && !isValidSm2PublicKey(key.publicKey)) throw new ApiError('BAD_CSR', 'The SM2 public key is not a point of the curve');
  return csr;
}
