import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CertificateInfo,
  NameAttribute,
  Signer,
  buildCsr,
  decodePublicKeySpki,
  encodeName,
  nameToString,
  parseCertificate,
  pemDecodeAll,
  pemEncode,
  randomSerial,
  verifyCertificateSignature,
} from '@yinxin/gm';
import type { Authority, KeyAlgorithm } from '@yinxin/plugin-ca-common';
import { ApiError, AuditLog } from '@yinxin/ops-node';
import { Keystore } from '@yinxin/keystore';
import { CERTIFICATE_PROFILES } from '../profiles/profiles';
import { PublicationUrls, issueCertificate } from './CertificateFactory';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));
const YEAR = 365 * 24 * 3600 * 1000;

/** An issuing authority ready to sign: its certificate, chain and signer. */
export interface ActiveIssuer {
  id: string;
  name: string;
  algorithm: KeyAlgorithm;
  certificate: CertificateInfo;
  /** Issuer chain above this CA, DER, nearest first, ending with the trust anchor. */
  chain: Uint8Array[];
  signer: Signer;
}

/** Options of {@link Hierarchy}. */
export interface HierarchyOptions {
  knex: Knex;
  keystore: Keystore;
  audit: AuditLog;
  urls: PublicationUrls;
  /** Organisation (O) of the CA names, e.g. the provincial CA's legal name. */
  organisation: string;
  clock?: () => Date;
}

/**
 * The CA hierarchy: a development hierarchy on first start (SM2 root standing in for the national
 * root, SM2 provincial issuing CA, RSA root and issuing CA), and for production an issuing CA key
 * whose CSR goes to an external root and whose returned certificate is imported after checks.
 */
/** The chain column: base64 DER certificates separated by commas. */
function splitChain(chainDer: string | null | undefined): Uint8Array[] {
  return chainDer ? String(chainDer).split(',').filter(Boolean).map(unb64) : [];
}

export class Hierarchy {
  readonly #parsed = new Map<string, { certificateDer: string; chainDer: string | null; certificate: CertificateInfo; chain: Uint8Array[] }>();
  private readonly clock: () => Date;
  constructor(private readonly o: HierarchyOptions) {
    this.clock = o.clock ?? (() => new Date());
  }

  /** The subject name of a certificate the CA itself runs on (its CAs, responders, TSAs). */
  caName(cn: string): NameAttribute[] {
    return [
      { type: 'C', value: 'CN' },
      { type: 'O', value: this.o.organisation },
      { type: 'CN', value: cn },
    ];
  }

  /** Creates the development hierarchy when no authority exists yet. Returns true when it did. */
  async ensureDevelopmentHierarchy(): Promise<boolean> {
    const existing = await this.o.knex('ca_authorities').count<{ n: number | string }[]>({ n: '*' });
    if (Number(existing[0].n) > 0) return false;
    await this.o.knex.transaction(async trx => {
      for (const algorithm of ['SM2', 'RSA'] as KeyAlgorithm[]) {
        const root = await this.createRoot(trx, algorithm, `${algorithm} 根 CA（开发环境，代国家根）`);
        await this.createIssuing(trx, algorithm, `${algorithm} 签发 CA（省级）`, root);
      }
    });
    return true;
  }

  private async insertAuthority(
    trx: Knex.Transaction,
    a: { id: string; name: string; algorithm: KeyAlgorithm; kind: 'root' | 'issuing'; status: string; subjectDer: Uint8Array; parentId?: string; externalParent: boolean; keyId: string; csr?: Uint8Array; cert?: CertificateInfo; chain?: Uint8Array[] },
  ) {
    await trx('ca_authorities').insert({
      id: a.id,
      name: a.name,
      algorithm: a.algorithm,
      kind: a.kind,
      status: a.status,
      subject_dn: nameToString(a.subjectDer),
      subject_der: b64(a.subjectDer),
      parent_id: a.parentId ?? null,
      external_parent: a.externalParent,
      key_id: a.keyId,
      csr_der: a.csr ? b64(a.csr) : null,
      certificate_der: a.cert ? b64(a.cert.der) : null,
      chain_der: a.chain ? a.chain.map(b64).join(',') : null,
      serial: a.cert?.serialHex ?? null,
      not_before: a.cert?.notBefore.toISOString() ?? null,
      not_after: a.cert?.notAfter.toISOString() ?? null,
      created_at: this.clock().toISOString(),
    });
    await this.o.audit.append(trx, {
      actor: 'system',
      action: 'ca.authority.create',
      targetType: 'authority',
      targetId: a.id,
      outcome: 'success',
      details: { name: a.name, algorithm: a.algorithm, kind: a.kind, status: a.status, serial: a.cert?.serialHex ?? null },
    });
  }

  private async createRoot(trx: Knex.Transaction, algorithm: KeyAlgorithm, cn: string): Promise<ActiveIssuer> {
    const id = randomUUID();
    const key = await this.o.keystore.generate(algorithm, trx, 3072);
    const signer = await this.o.keystore.signer(key.id, trx);
    const subjectDer = encodeName(this.caName(cn));
    const now = this.clock();
    const { info } = await issueCertificate(
      {
        profile: CERTIFICATE_PROFILES['root-ca'],
        keyAlgorithm: algorithm,
        serial: randomSerial(),
        subjectDer,
        subjectSpki: key.spki,
        notBefore: new Date(now.getTime() - 60_000),
        notAfter: new Date(now.getTime() + 20 * YEAR),
        selfSigned: { id, signer, algorithm },
      },
      this.o.urls,
    );
    await this.insertAuthority(trx, { id, name: cn, algorithm, kind: 'root', status: 'active', subjectDer, externalParent: false, keyId: key.id, cert: info, chain: [] });
    return { id, name: cn, algorithm, certificate: info, chain: [], signer };
  }

  private async createIssuing(trx: Knex.Transaction, algorithm: KeyAlgorithm, cn: string, root: ActiveIssuer) {
    const id = randomUUID();
    const key = await this.o.keystore.generate(algorithm, trx, 2048);
    const subjectDer = encodeName(this.caName(cn));
    const now = this.clock();
    const { info } = await issueCertificate(
      {
        profile: CERTIFICATE_PROFILES['issuing-ca'],
        keyAlgorithm: algorithm,
        serial: randomSerial(),
        subjectDer,
        subjectSpki: key.spki,
        notBefore: new Date(now.getTime() - 60_000),
        notAfter: new Date(now.getTime() + 10 * YEAR),
        issuer: { id: root.id, certificate: root.certificate, algorithm, signer: root.signer },
      },
      this.o.urls,
    );
    await this.insertAuthority(trx, { id, name: cn, algorithm, kind: 'issuing', status: 'active', subjectDer, parentId: root.id, externalParent: false, keyId: key.id, cert: info, chain: [root.certificate.der] });
  }

  /** Every authority, for the hierarchy page. */
  async list(): Promise<Authority[]> {
    const rows = await this.o.knex('ca_authorities').orderBy([{ column: 'algorithm' }, { column: 'kind', order: 'desc' }, { column: 'created_at' }]);
    return rows.map(toAuthority);
  }

  /** One authority's row. */
  async row(id: string, trx: Knex | Knex.Transaction = this.o.knex) {
    const row = await trx('ca_authorities').where({ id }).first();
    if (!row) throw new ApiError('NOT_FOUND', `Authority ${id} not found`);
    return row;
  }

  /** The active issuing CA of `algorithm` (the newest), ready to sign. */
  async activeIssuer(algorithm: KeyAlgorithm, trx: Knex | Knex.Transaction = this.o.knex): Promise<ActiveIssuer> {
    const row = await trx('ca_authorities').where({ algorithm, kind: 'issuing', status: 'active' }).orderBy('created_at', 'desc').first();
    if (!row) throw new ApiError('CONFLICT', `No active ${algorithm} issuing CA; a CA administrator must set one up`);
    return this.issuerFromRow(row, trx);
  }

  /** The authority `id` ready to sign (its key opened from the keystore). */
  async issuer(id: string, trx: Knex | Knex.Transaction = this.o.knex): Promise<ActiveIssuer> {
    return this.issuerFromRow(await this.row(id, trx), trx);
  }

  private async issuerFromRow(row: any, trx: Knex | Knex.Transaction): Promise<ActiveIssuer> {
    if (!row.certificate_der) throw new ApiError('CONFLICT', `Authority ${row.name} has no certificate yet`);
    // Parsed once per certificate (every issuance signs with it); a new certificate or chain in
    // the row replaces the cached one.
    let parsed = this.#parsed.get(row.id);
    if (!parsed || parsed.certificateDer !== row.certificate_der || parsed.chainDer !== (row.chain_der ?? null)) {
      parsed = {
        certificateDer: row.certificate_der,
        chainDer: row.chain_der ?? null,
        certificate: parseCertificate(unb64(row.certificate_der)),
        chain: splitChain(row.chain_der),
      };
      this.#parsed.set(row.id, parsed);
    }
    return {
      id: row.id,
      name: row.name,
      algorithm: row.algorithm,
      certificate: parsed.certificate,
      chain: parsed.chain,
      signer: await this.o.keystore.signer(row.key_id, trx),
    };
  }

  /**
   * The certificates a relying party needs with one issued by authority `id`: the authority's
   * certificate, then its chain towards the root (DER).
   */
  async chainDer(id: string, trx: Knex | Knex.Transaction = this.o.knex): Promise<Uint8Array[]> {
    const row = await this.row(id, trx);
    if (!row.certificate_der) throw new ApiError('CONFLICT', `Authority ${row.name} has no certificate yet`);
    return [unb64(row.certificate_der), ...splitChain(row.chain_der)];
  }

  /** Production: a new issuing CA key and a CSR for the external (national) root. */
  async createExternal(actor: string, name: string, algorithm: KeyAlgorithm): Promise<Authority> {
    const id = randomUUID();
    await this.o.knex.transaction(async trx => {
      if (await trx('ca_authorities').where({ name }).first()) throw new ApiError('CONFLICT', `An authority named ${name} exists`);
      const key = await this.o.keystore.generate(algorithm, trx, 3072);
      const signer = await this.o.keystore.signer(key.id, trx);
      const subject = this.caName(name);
      const csr = await buildCsr({ subject, signer });
      await this.insertAuthority(trx, { id, name, algorithm, kind: 'issuing', status: 'awaiting-certificate', subjectDer: encodeName(subject), externalParent: true, keyId: key.id, csr });
      await this.o.audit.append(trx, { actor, action: 'ca.authority.csr', targetType: 'authority', targetId: id, outcome: 'success', details: { name, algorithm } });
    });
    return toAuthority(await this.row(id));
  }

  /** The CSR of an authority awaiting its certificate, PEM. */
  async csrPem(id: string): Promise<string> {
    const row = await this.row(id);
    if (!row.csr_der) throw new ApiError('NOT_FOUND', 'This authority has no CSR');
    return pemEncode('CERTIFICATE REQUEST', unb64(row.csr_der));
  }

  /**
   * Imports the certificate the external root returned: it must certify exactly our key, be a CA
   * certificate allowed to sign certificates and CRLs, and chain to the given trust anchor.
   */
  async importCertificate(actor: string, id: string, certificatePem: string, anchorPem: string): Promise<Authority> {
    const row = await this.row(id);
    if (row.status !== 'awaiting-certificate') throw new ApiError('ILLEGAL_TRANSITION', `Authority is ${row.status}; only one awaiting its certificate takes one`);
    let cert: CertificateInfo;
    let chain: CertificateInfo[];
    try {
      cert = parseCertificate(certificatePem);
      chain = pemDecodeAll(anchorPem).map(d => parseCertificate(d));
    } catch (e) {
      throw new ApiError('VALIDATION_FAILED', `Certificate or anchor cannot be read: ${(e as Error).message}`);
    }
    if (chain.length === 0) throw new ApiError('VALIDATION_FAILED', 'The trust anchor is missing');
    const key = await this.o.knex('ca_keys').where({ id: row.key_id }).first();
    if (!Buffer.from(cert.publicKey.spki).equals(Buffer.from(key.public_spki, 'base64')))
      throw new ApiError('VALIDATION_FAILED', "The certificate does not certify this authority's key");
    if (!cert.basicConstraints?.ca || !(cert.keyUsage ?? []).includes('keyCertSign'))
      throw new ApiError('VALIDATION_FAILED', 'The certificate is not a CA certificate allowed to sign certificates');
    // cert ← chain[0] ← chain[1] … ← anchor (self-signed, last).
    const links = [cert, ...chain];
    for (let i = 0; i < links.length - 1; i++) {
      if (!Buffer.from(links[i].issuerDer).equals(Buffer.from(links[i + 1].subjectDer)) || !verifyCertificateSignature(links[i], links[i + 1].publicKey.spki))
        throw new ApiError('VALIDATION_FAILED', `Chain link ${i} is not signed by the next certificate`);
    }
    const anchor = links[links.length - 1];
    if (!verifyCertificateSignature(anchor, anchor.publicKey.spki)) throw new ApiError('VALIDATION_FAILED', 'The trust anchor is not self-signed');
    const now = this.clock().getTime();
    if (cert.notAfter.getTime() < now || cert.notBefore.getTime() > now) throw new ApiError('VALIDATION_FAILED', 'The certificate is not valid now');
    if (decodePublicKeySpki(cert.publicKey.spki).algorithm !== row.algorithm) throw new ApiError('VALIDATION_FAILED', 'Wrong key algorithm');
    await this.o.knex.transaction(async trx => {
      const n = await trx('ca_authorities').where({ id, status: 'awaiting-certificate' }).update({
        status: 'active',
        certificate_der: b64(cert.der),
        chain_der: chain.map(c => b64(c.der)).join(','),
        subject_dn: nameToString(cert.subject),
        subject_der: b64(cert.subjectDer),
        serial: cert.serialHex,
        not_before: cert.notBefore.toISOString(),
        not_after: cert.notAfter.toISOString(),
      });
      if (n !== 1) throw new ApiError('CONFLICT', 'The authority changed meanwhile');
      await this.o.audit.append(trx, { actor, action: 'ca.authority.import', targetType: 'authority', targetId: id, outcome: 'success', details: { serial: cert.serialHex, anchor: nameToString(anchor.subject) } });
    });
    return toAuthority(await this.row(id));
  }
}

/** An authority row as the API shows it. */
export function toAuthority(row: any): Authority {
  return {
    id: row.id,
    name: row.name,
    algorithm: row.algorithm,
    kind: row.kind,
    status: row.status,
    subjectDn: row.subject_dn,
    parentId: row.parent_id ?? undefined,
    externalParent: !!row.external_parent,
    serial: row.serial ?? undefined,
    notBefore: row.not_before ?? undefined,
    notAfter: row.not_after ?? undefined,
    pem: row.certificate_der ? pemEncode('CERTIFICATE', Buffer.from(row.certificate_der, 'base64')) : undefined,
    createdAt: row.created_at,
  };
}
