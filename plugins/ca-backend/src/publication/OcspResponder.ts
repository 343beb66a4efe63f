import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import {
  CertId,
  GmError,
  OcspCertStatus,
  OcspHashAlgorithm,
  buildOcspResponse,
  certIdIssuerKey,
  ocspErrorResponse,
  ocspIssuerHashes,
  parseCertificate,
  parseOcspRequest,
} from '@yinxin/gm';
import { ServiceCertificates } from './ServiceCertificates';

/** An OCSP answer ready to send. */
export interface OcspAnswer {
  der: Uint8Array;
  /** For a cacheable (nonce-less, successful) response: its validity and tag. */
  cache?: { thisUpdate: Date; nextUpdate: Date; etag: string };
  /** True when served from the cache of pre-signed answers. */
  fromCache?: boolean;
  /** What was answered, for metrics: successful or the error status. */
  outcome: 'successful' | 'malformedRequest' | 'unauthorized' | 'internalError' | 'tryLater';
}

/** Responder settings. */
export interface OcspSettings {
  /** nextUpdate of a response, minutes after thisUpdate (default 60). */
  validityMinutes: number;
  /** Cached responses are signed again once less than this share of their validity is left (default 0.5). */
  refreshShare: number;
  /** Most responses kept (default 100,000; least recently used go first). */
  maxCached: number;
}

const DEFAULTS: OcspSettings = { validityMinutes: 60, refreshShare: 0.5, maxCached: 100_000 };
const HASHES: OcspHashAlgorithm[] = ['SHA-1', 'SHA-256', 'SM3'];

/**
 * The OCSP responder (RFC 6960, RFC 5019 profile): answers for the certificates of each authority
 * with that authority's delegated responder certificate; SHA-1, SHA-256 and SM3 CertIDs; several
 * CertIDs per request (all of one issuer); nonces echoed. Nonce-less answers are signed once and
 * served from memory until they near their nextUpdate — a revocation, hold or release of the
 * issuer's certificates drops them at once, so a cached answer never contradicts the CA.
 */
export class OcspResponder {
  readonly #settings: OcspSettings;
  readonly #clock: () => Date;
  /** Cached answers by request bytes (base64) → answer, with the issuer they belong to. */
  readonly #cache = new Map<string, { answer: OcspAnswer; issuerId: string }>();
  /** Issuer index: `alg:nameHash:keyHash` → authority id. */
  #issuers?: Map<string, string>;

  constructor(
    private readonly o: {
      knex: Knex;
      services: ServiceCertificates;
      settings?: Partial<OcspSettings>;
      clock?: () => Date;
    },
  ) {
    const given = Object.fromEntries(Object.entries(o.settings ?? {}).filter(([, v]) => v !== undefined));
    this.#settings = { ...DEFAULTS, ...given };
    this.#clock = o.clock ?? (() => new Date());
  }

  /** Forgets the cached answers about `issuerId`'s certificates (after a status change). */
  invalidate(issuerId: string): void {
    for (const [key, entry] of this.#cache) if (entry.issuerId === issuerId) this.#cache.delete(key);
  }

  /** Forgets the issuer index (a new authority). */
  reloadIssuers(): void {
    this.#issuers = undefined;
  }

  async #issuerIndex(): Promise<Map<string, string>> {
    if (this.#issuers) return this.#issuers;
    const rows = await this.o.knex('ca_authorities').whereNotNull('certificate_der').select('id', 'certificate_der');
    const index = new Map<string, string>();
    for (const r of rows) {
      const cert = parseCertificate(Buffer.from(r.certificate_der, 'base64'));
      for (const h of HASHES) index.set(certIdIssuerKey(ocspIssuerHashes(cert, h)), r.id);
    }
    this.#issuers = index;
    return index;
  }

  /**
   * Answers a DER OCSPRequest. `expectedIssuerId` is the authority named in the URL: CertIDs of
   * another issuer are `unauthorized`. Never throws for bad input: malformed requests get
   * `malformedRequest`.
   */
  async answer(request: Uint8Array, expectedIssuerId?: string): Promise<OcspAnswer> {
    const key = Buffer.from(request).toString('base64');
    const hit = this.#cache.get(key);
    const now = this.#clock();
    if (hit && hit.answer.cache) {
      const { thisUpdate, nextUpdate } = hit.answer.cache;
      const left = nextUpdate.getTime() - now.getTime();
      if (left > (nextUpdate.getTime() - thisUpdate.getTime()) * (1 - this.#settings.refreshShare)) {
        // Most recently used last: Map keeps insertion order.
        this.#cache.delete(key);
        this.#cache.set(key, hit);
        return { ...hit.answer, fromCache: true };
      }
    }
    let parsed;
    try {
      parsed = parseOcspRequest(request);
    } catch (e) {
      if (e instanceof GmError) return { der: ocspErrorResponse('malformedRequest'), outcome: 'malformedRequest' };
      throw e;
    }
    const index = await this.#issuerIndex();
    const issuerIds = new Set(parsed.certIds.map(c => index.get(certIdIssuerKey(c))));
    const [issuerId] = [...issuerIds];
    if (issuerIds.size !== 1 || !issuerId || (expectedIssuerId && issuerId !== expectedIssuerId)) {
      return { der: ocspErrorResponse('unauthorized'), outcome: 'unauthorized' };
    }
    const responder = await this.o.services.responder(issuerId);
    if (!responder) return { der: ocspErrorResponse('tryLater'), outcome: 'tryLater' };
    const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const nextUpdate = new Date(thisUpdate.getTime() + this.#settings.validityMinutes * 60_000);
    const statuses = await this.#statuses(issuerId, parsed.certIds);
    const der = await buildOcspResponse(
      {
        responderCert: responder.der,
        producedAt: thisUpdate,
        responses: parsed.certIds.map(certId => ({ certId, status: statuses.get(certId.serialHex) ?? 'unknown', thisUpdate, nextUpdate })),
        nonce: parsed.nonce,
        certs: [responder.der],
      },
      responder.signer,
    );
    const answer: OcspAnswer = { der, outcome: 'successful' };
    if (!parsed.nonce) {
      answer.cache = { thisUpdate, nextUpdate, etag: `"${createHash('sha1').update(der).digest('hex')}"` };
      this.#cache.delete(key);
      this.#cache.set(key, { answer, issuerId });
      while (this.#cache.size > this.#settings.maxCached) this.#cache.delete(this.#cache.keys().next().value!);
    }
    return answer;
  }

  /** The CA's status of each requested serial: good, revoked (hold is revoked with certificateHold) or absent (unknown). */
  async #statuses(issuerId: string, certIds: CertId[]): Promise<Map<string, OcspCertStatus>> {
    const rows = await this.o.knex('ca_certificates')
      .where({ issuer_id: issuerId })
      .whereIn(
        'serial',
        certIds.map(c => c.serialHex),
      )
      .select('serial', 'status', 'revoked_at', 'revocation_reason');
    const out = new Map<string, OcspCertStatus>();
    for (const r of rows) {
      out.set(r.serial, r.status === 'good' ? 'good' : { revoked: true, revocationTime: new Date(r.revoked_at), reason: r.revocation_reason ?? undefined });
    }
    return out;
  }

  /**
   * Signs again the cached answers that are past their refresh point, so that clients keep
   * getting cached answers (the scheduler calls this every minute).
   */
  async refresh(): Promise<number> {
    const now = this.#clock().getTime();
    let n = 0;
    for (const [key, entry] of [...this.#cache]) {
      const c = entry.answer.cache!;
      const refreshAt = c.thisUpdate.getTime() + (c.nextUpdate.getTime() - c.thisUpdate.getTime()) * this.#settings.refreshShare;
      if (now < refreshAt) continue;
      this.#cache.delete(key);
      await this.answer(Buffer.from(key, 'base64'), entry.issuerId);
      n++;
    }
    return n;
  }
}
