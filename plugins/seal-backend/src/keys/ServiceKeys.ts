import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { Signer, buildCsr, parseCertificate, pemDecode, pemEncode, type CertificateInfo } from '@yinxin/gm';
import { Keystore } from '@yinxin/keystore';
import { AuditLog } from '@yinxin/ops-node';
import type { CaGateway } from '../ca/CaClient';

/** What a platform service key is for. */
export type ServiceKeyPurpose = 'maker' | 'status';

/** A service key ready to sign, with its certificate and the chain to the root. */
export interface ServiceKey {
  purpose: ServiceKeyPurpose;
  signer: Signer;
  /** DER, the same buffer every time */
  certificate: Uint8Array;
  info: CertificateInfo;
  /** issuer first */
  chain: Uint8Array[];
}

const DAY = 86_400_000;
const RENEW_BEFORE_DAYS = 30;
const SYSTEM_ACTOR = 'system:seal';
const PURPOSE = { maker: 'seal-maker', status: 'seal-status' } as const;
const NAMES = { maker: '电子印章制章系统', status: '电子印章状态服务' } as const;

/**
 * The seal platform's own keys: the seal maker (制章人), which signs every seal, and the status
 * service, which signs status answers. Keys are made in the platform's sealed keystore; their
 * certificates come from the CA plugin and are replaced a month before they end.
 */
export class ServiceKeys {
  readonly #cache = new Map<string, ServiceKey>();

  constructor(
    private readonly o: { knex: Knex; keystore: Keystore; ca: CaGateway; audit: AuditLog; clock?: () => Date },
  ) {}

  #now() {
    return (this.o.clock ?? (() => new Date()))();
  }

  /** Makes the keys that are missing or about to expire; returns how many were made. */
  async ensure(): Promise<number> {
    let made = 0;
    for (const purpose of ['maker', 'status'] as const) {
      if (!(await this.#current(purpose))) {
        await this.#make(purpose);
        made++;
      }
    }
    return made;
  }

  async #current(purpose: ServiceKeyPurpose) {
    const renewAt = new Date(this.#now().getTime() + RENEW_BEFORE_DAYS * DAY).toISOString();
    return this.o.knex('seal_service_keys').where({ purpose }).where('not_after', '>', renewAt).orderBy('created_at', 'desc').first();
  }

  async #make(purpose: ServiceKeyPurpose) {
    // The key is stored first (a failed certification leaves an unused sealed key, never a
    // certificate without its key); the certificate row follows in one transaction with its audit.
    const key = await this.o.keystore.generate('SM2');
    const signer = await this.o.keystore.signer(key.id);
    const csr = await buildCsr({ subject: [{ type: 'CN', value: NAMES[purpose] }], signer });
    const certified = await this.o.ca.certify({ purpose: PURPOSE[purpose], algorithm: 'SM2', csrPem: pemEncode('CERTIFICATE REQUEST', csr), commonName: NAMES[purpose], validityDays: 365 });
    const der = pemDecode(certified.certificatePem, 'CERTIFICATE');
    const chain = certified.chainPem.map(p => pemDecode(p, 'CERTIFICATE'));
    await this.o.knex.transaction(async trx => {
      const id = randomUUID();
      await trx('seal_service_keys').insert({
        id,
        purpose,
        algorithm: 'SM2',
        key_id: key.id,
        certificate_der: Buffer.from(der).toString('base64'),
        chain_der: chain.map(c => Buffer.from(c).toString('base64')).join(','),
        ca_certificate_id: certified.certificateId,
        not_after: certified.notAfter,
        created_at: this.#now().toISOString(),
      });
      await this.o.audit.append(trx, {
        actor: SYSTEM_ACTOR,
        action: `seal.service-key.${purpose}`,
        targetType: 'service-key',
        targetId: id,
        outcome: 'success',
        details: { caCertificateId: certified.certificateId, serial: certified.serial, notAfter: certified.notAfter },
      });
    });
    this.#cache.clear();
  }

  /** The current key of `purpose`; made on first use when missing. */
  async get(purpose: ServiceKeyPurpose): Promise<ServiceKey> {
    let row = await this.#current(purpose);
    if (!row) {
      await this.#make(purpose);
      row = await this.#current(purpose);
    }
    const cached = this.#cache.get(row.id);
    if (cached) return cached;
    const certificate = new Uint8Array(Buffer.from(row.certificate_der, 'base64'));
    const key: ServiceKey = {
      purpose,
      signer: await this.o.keystore.signer(row.key_id),
      certificate,
      info: parseCertificate(certificate),
      chain: String(row.chain_der).split(',').filter(Boolean).map(b => new Uint8Array(Buffer.from(b, 'base64'))),
    };
    this.#cache.set(row.id, key);
    return key;
  }
}
