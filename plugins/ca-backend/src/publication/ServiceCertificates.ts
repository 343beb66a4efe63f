import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { CertificateInfo, NameAttribute, Signer, encodeName, parseCertificate, pemEncode, randomSerial } from '@yinxin/gm';
import type { KeyAlgorithm } from '@yinxin/plugin-ca-common';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import { Hierarchy } from '../ca/Hierarchy';
import { CertificateStore } from '../ca/CertificateStore';
import { Keystore } from '@yinxin/keystore';
import { PublicationUrls, issueCertificate } from '../ca/CertificateFactory';
import { CERTIFICATE_PROFILES } from '../profiles/profiles';

/** What a service certificate is for. */
export type ServicePurpose = 'ocsp' | 'tsa';

/** What another plugin may have certified: its seal maker, status service and organisation seal keys. */
export const PLUGIN_CERTIFICATE_PURPOSES = ['seal-maker', 'seal-status', 'seal-signer'] as const;
/** One of {@link PLUGIN_CERTIFICATE_PURPOSES}. */
export type PluginCertificatePurpose = (typeof PLUGIN_CERTIFICATE_PURPOSES)[number];

/** A request of another plugin to certify one of its keys. */
export interface PluginCertificateRequest {
  purpose: PluginCertificatePurpose;
  algorithm: KeyAlgorithm;
  /** the key, from a checked CSR */
  spki: Uint8Array;
  /** subject: common name, and for organisation seal keys the organisation */
  commonName: string;
  organisation?: string;
  /** validity in days (default 365, at most the issuing CA's remaining life) */
  validityDays?: number;
}

/** The certificate made for a plugin. */
export interface PluginCertificate {
  certificateId: string;
  /** the issuing authority (for `/public/status/:issuerId/:serial`) */
  issuerId: string;
  serial: string;
  certificatePem: string;
  /** the issuing chain, issuer first */
  chainPem: string[];
  notAfter: string;
}

/** A service key with its certificate, ready to sign. */
export interface ServiceCertificate {
  purpose: ServicePurpose;
  /** For OCSP: the authority it answers for; for a TSA: the issuing CA that certified it. */
  authorityId: string;
  algorithm: KeyAlgorithm;
  certificateId: string;
  /** DER; the same buffer every time (gm caches its parse per buffer). */
  der: Uint8Array;
  info: CertificateInfo;
  /** The issuer's certificate and chain up to the root (DER). */
  chain: Uint8Array[];
  signer: Signer;
}

const DAY = 86_400_000;
/** Service certificates live a year and are replaced a month before they end. */
const VALIDITY_DAYS = 365;
const RENEW_BEFORE_DAYS = 30;
const SYSTEM_ACTOR = 'system:ca-publication';

/**
 * The keys and certificates the CA's own services sign with: a delegated OCSP responder for each
 * authority (RFC 6960 §4.2.2.2: issued by that authority, id-kp-OCSPSigning, id-pkix-ocsp-nocheck)
 * and a TSA per algorithm (RFC 3161 §2.3: critical id-kp-timeStamping only), issued by the
 * active issuing CA. Keys are made in the sealed keystore; certificates are recorded like any
 * other (searchable, revocable) and replaced before they expire.
 */
export class ServiceCertificates {
  readonly #cache = new Map<string, ServiceCertificate>();
  readonly #found = new Map<string, { service?: ServiceCertificate; at: number }>();

  constructor(
    private readonly o: {
      knex: Knex;
      audit: AuditLog;
      keystore: Keystore;
      hierarchy: Hierarchy;
      certificates: CertificateStore;
      urls: PublicationUrls;
      clock?: () => Date;
    },
  ) {}

  #now() {
    return (this.o.clock ?? (() => new Date()))();
  }

  /**
   * Makes the service certificates that are missing or about to expire: an OCSP responder per
   * authority with a certificate, a TSA per algorithm with an active issuing CA. Returns how many
   * were made.
   */
  async ensure(): Promise<number> {
    let made = 0;
    const authorities = await this.o.knex('ca_authorities').whereNotNull('certificate_der').whereNot({ status: 'retired' }).select('id', 'algorithm', 'kind', 'status', 'name');
    for (const a of authorities) {
      if (!(await this.#current('ocsp', a.id))) {
        await this.#make('ocsp', a.id, a.algorithm, `${a.name} OCSP 响应服务`);
        made++;
      }
    }
    for (const algorithm of ['SM2', 'RSA'] as const) {
      const issuing = authorities.find(a => a.algorithm === algorithm && a.kind === 'issuing' && a.status === 'active');
      if (issuing && !(await this.#currentTsa(algorithm))) {
        await this.#make('tsa', issuing.id, algorithm, `${algorithm} 时间戳服务`);
        made++;
      }
    }
    return made;
  }

  async #current(purpose: ServicePurpose, authorityId: string) {
    const renewAt = new Date(this.#now().getTime() + RENEW_BEFORE_DAYS * DAY).toISOString();
    return this.o.knex('ca_service_certificates as s')
      .join('ca_certificates as c', 'c.id', 's.certificate_id')
      .where({ 's.purpose': purpose, 's.authority_id': authorityId, 'c.status': 'good' })
      .where('c.not_after', '>', renewAt)
      .orderBy('s.created_at', 'desc')
      .first('s.*');
  }

  async #currentTsa(algorithm: KeyAlgorithm) {
    const renewAt = new Date(this.#now().getTime() + RENEW_BEFORE_DAYS * DAY).toISOString();
    return this.o.knex('ca_service_certificates as s')
      .join('ca_certificates as c', 'c.id', 's.certificate_id')
      .where({ 's.purpose': 'tsa', 's.algorithm': algorithm, 'c.status': 'good' })
      .where('c.not_after', '>', renewAt)
      .orderBy('s.created_at', 'desc')
      .first('s.*');
  }

  async #make(purpose: ServicePurpose, authorityId: string, algorithm: KeyAlgorithm, cn: string) {
    await this.o.knex.transaction(async trx => {
      const issuer = await this.o.hierarchy.issuer(authorityId, trx);
      const key = await this.o.keystore.generate(algorithm, trx, 2048);
      const now = this.#now();
      const { info } = await issueCertificate(
        {
          profile: CERTIFICATE_PROFILES[purpose],
          keyAlgorithm: algorithm,
          serial: randomSerial(),
          subjectDer: encodeName(this.o.hierarchy.caName(cn)),
          subjectSpki: key.spki,
          notBefore: new Date(now.getTime() - 60_000),
          notAfter: new Date(Math.min(now.getTime() + VALIDITY_DAYS * DAY, issuer.certificate.notAfter.getTime())),
          issuer: { id: issuer.id, certificate: issuer.certificate, algorithm: issuer.algorithm, signer: issuer.signer },
        },
        this.o.urls,
      );
      const certificateId = await this.o.certificates.insert(
        trx,
        { info, issuerId: issuer.id, usage: purpose, profile: `${algorithm.toLowerCase()}-${purpose}`, keyAlgorithm: algorithm, subjectName: cn },
        SYSTEM_ACTOR,
      );
      await trx('ca_service_certificates').insert({
        id: randomUUID(),
        purpose,
        authority_id: authorityId,
        algorithm,
        key_id: key.id,
        certificate_id: certificateId,
        created_at: now.toISOString(),
      });
      await this.o.audit.append(trx, {
        actor: SYSTEM_ACTOR,
        action: `ca.service-certificate.${purpose}`,
        targetType: 'certificate',
        targetId: certificateId,
        outcome: 'success',
        details: { authorityId, algorithm, serial: info.serialHex, notAfter: info.notAfter.toISOString() },
      });
    });
    this.#cache.clear();
    this.#found.clear();
  }

  /**
   * Certifies another plugin's key (the caller checked the CSR): a seal maker or seal status
   * service certificate named under the CA's organisation, or an organisation seal-signing
   * certificate (profile `sign`) for a key the seal platform holds. Issued by the active issuing CA
   * of the key's algorithm, recorded like any certificate (searchable, revocable, in CRLs) and
   * audited with the calling plugin as actor.
   */
  async certifyForPlugin(actor: string, req: PluginCertificateRequest): Promise<PluginCertificate> {
    const issuing = await this.o.knex('ca_authorities').where({ algorithm: req.algorithm, kind: 'issuing', status: 'active' }).whereNotNull('certificate_der').first('id');
    if (!issuing) throw new ApiError('CONFLICT', `No active ${req.algorithm} issuing CA`);
    const usage = req.purpose === 'seal-signer' ? 'sign' : req.purpose;
    const subject: NameAttribute[] =
      req.purpose === 'seal-signer'
        ? [{ type: 'C', value: 'CN' }, { type: 'O', value: req.organisation ?? req.commonName }, { type: 'CN', value: req.commonName }]
        : this.o.hierarchy.caName(req.commonName);
    const days = Math.min(Math.max(req.validityDays ?? VALIDITY_DAYS, 1), 3 * VALIDITY_DAYS);
    const result = await this.o.knex.transaction(async trx => {
      const issuer = await this.o.hierarchy.issuer(issuing.id, trx);
      const now = this.#now();
      const { info } = await issueCertificate(
        {
          profile: CERTIFICATE_PROFILES[usage],
          keyAlgorithm: req.algorithm,
          serial: randomSerial(),
          subjectDer: encodeName(subject),
          subjectSpki: req.spki,
          notBefore: new Date(now.getTime() - 60_000),
          notAfter: new Date(Math.min(now.getTime() + days * DAY, issuer.certificate.notAfter.getTime())),
          issuer: { id: issuer.id, certificate: issuer.certificate, algorithm: issuer.algorithm, signer: issuer.signer },
        },
        this.o.urls,
      );
      const certificateId = await this.o.certificates.insert(
        trx,
        { info, issuerId: issuer.id, usage, profile: `${req.algorithm.toLowerCase()}-${req.purpose}`, keyAlgorithm: req.algorithm, subjectName: req.commonName },
        actor,
      );
      await this.o.audit.append(trx, {
        actor,
        action: `ca.service-certificate.${req.purpose}`,
        targetType: 'certificate',
        targetId: certificateId,
        outcome: 'success',
        details: { algorithm: req.algorithm, serial: info.serialHex, subject: req.commonName, notAfter: info.notAfter.toISOString() },
      });
      return { certificateId, info, issuerId: issuer.id };
    });
    const chain = await this.o.hierarchy.chainDer(result.issuerId);
    return {
      certificateId: result.certificateId,
      issuerId: result.issuerId,
      serial: result.info.serialHex,
      certificatePem: pemEncode('CERTIFICATE', result.info.der),
      chainPem: chain.map(c => pemEncode('CERTIFICATE', c)),
      notAfter: result.info.notAfter.toISOString(),
    };
  }

  /**
   * Revokes a certificate this CA made for another plugin (profile `*-seal-*`), e.g. an
   * organisation seal key's when its seal is revoked or replaced. Other certificates are refused:
   * a plugin cannot revoke subscribers' certificates this way.
   */
  async revokeForPlugin(actor: string, certificateId: string, reason: 'cessationOfOperation' | 'superseded' | 'keyCompromise', comment?: string): Promise<void> {
    const row = await this.o.knex('ca_certificates').where({ id: certificateId }).first('profile', 'status');
    if (!row) throw new ApiError('NOT_FOUND', `Certificate ${certificateId} not found`);
    if (!/^(sm2|rsa)-seal-(maker|status|signer)$/.test(row.profile)) throw new ApiError('FORBIDDEN', 'Only certificates made for a plugin key can be revoked here');
    if (row.status === 'revoked') return;
    await this.o.certificates.revoke(actor, certificateId, reason, { comment });
  }

  async #load(row: any): Promise<ServiceCertificate> {
    const cached = this.#cache.get(row.id);
    if (cached) return cached;
    const cert = await this.o.knex('ca_certificates').where({ id: row.certificate_id }).first('der', 'issuer_id');
    const der = new Uint8Array(Buffer.from(cert.der, 'base64'));
    const service: ServiceCertificate = {
      purpose: row.purpose,
      authorityId: row.authority_id,
      algorithm: row.algorithm,
      certificateId: row.certificate_id,
      der,
      info: parseCertificate(der),
      chain: await this.o.hierarchy.chainDer(cert.issuer_id),
      signer: await this.o.keystore.signer(row.key_id),
    };
    this.#cache.set(row.id, service);
    return service;
  }

  /**
   * The service certificate found by `find`, remembered for a minute: every OCSP answer and
   * timestamp needs it, and it changes only when {@link ensure} makes a new one (which forgets
   * them all) or one is revoked (noticed within the minute).
   */
  async #remembered(key: string, find: () => Promise<any>): Promise<ServiceCertificate | undefined> {
    const hit = this.#found.get(key);
    if (hit && Date.now() - hit.at < 60_000) return hit.service;
    const row = await find();
    const service = row ? await this.#load(row) : undefined;
    this.#found.set(key, { service, at: Date.now() });
    return service;
  }

  /** The OCSP responder of `authorityId`, or undefined when it has none (yet). */
  async responder(authorityId: string): Promise<ServiceCertificate | undefined> {
    return this.#remembered(`ocsp:${authorityId}`, () => this.#current('ocsp', authorityId));
  }

  /** The TSA of `algorithm`, or undefined when there is none. */
  async tsa(algorithm: KeyAlgorithm): Promise<ServiceCertificate | undefined> {
    return this.#remembered(`tsa:${algorithm}`, () => this.#currentTsa(algorithm));
  }
}
