import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ApiError } from '@yinxin/ops-node';

/** A certificate of the CA plugin, as the seal plugin needs it. */
export interface CaCertificate {
  id: string;
  serial: string;
  issuerId: string;
  subjectDn: string;
  usage: string;
  keyAlgorithm: 'SM2' | 'RSA';
  /** good | hold | revoked (expiry is judged from notAfter) */
  status: string;
  notBefore: string;
  notAfter: string;
  fingerprintSm3: string;
  pem: string;
  revokedAt?: string;
}

/** What the CA says about a certificate now (its public status service). */
export interface CaCertificateStatus {
  /** unknown: not a certificate of this CA */
  status: 'good' | 'revoked' | 'unknown';
  /** revoked with certificateHold (may be released) */
  onHold?: boolean;
  revocationTime?: string;
  notAfter?: string;
  expired?: boolean;
}

/** A certificate the CA made for one of the seal platform's keys. */
export interface CertifiedKey {
  certificateId: string;
  issuerId: string;
  serial: string;
  certificatePem: string;
  chainPem: string[];
  notAfter: string;
}

/** What the seal plugin asks of the CA plugin. */
export interface CaGateway {
  /** Certifies a key of the platform (CSR in PEM). */
  certify(req: { purpose: 'seal-maker' | 'seal-status' | 'seal-signer'; algorithm: 'SM2' | 'RSA'; csrPem: string; commonName: string; organisation?: string; validityDays?: number }): Promise<CertifiedKey>;
  /** A certificate by its CA id; undefined when there is none. */
  certificate(id: string): Promise<CaCertificate | undefined>;
  /** The status of a certificate now, by issuer and serial (the CA's public status service: cheap). */
  status(issuerId: string, serial: string): Promise<CaCertificateStatus>;
  /** Revokes a certificate the CA made for one of the platform's keys. */
  revokeCertified(certificateId: string, reason: 'cessationOfOperation' | 'superseded', comment?: string): Promise<void>;
  /** An RFC 3161 TimeStampResp (DER) from the CA's TSA for a TimeStampReq (DER). */
  timestamp(algorithm: 'SM2' | 'RSA', request: Uint8Array): Promise<Uint8Array>;
}

/** The CA plugin over its HTTP API, as this plugin (service-to-service auth). */
export class HttpCaGateway implements CaGateway {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async #call(path: string, init: { method?: string; body?: BodyInit; contentType?: string } = {}): Promise<Response> {
    const base = await this.discovery.getBaseUrl('ca');
    const { token } = await this.auth.getPluginRequestToken({ onBehalfOf: await this.auth.getOwnServiceCredentials(), targetPluginId: 'ca' });
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method: init.method ?? 'GET',
        body: init.body,
        headers: { authorization: `Bearer ${token}`, ...(init.contentType ? { 'content-type': init.contentType } : {}) },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      throw new ApiError('UPSTREAM_UNAVAILABLE', `The certificate service cannot be reached: ${(e as Error).message}`);
    }
    return res;
  }

  async #json<T>(res: Response, what: string): Promise<T> {
    const body = (await res.json().catch(() => ({}))) as any;
    if (!res.ok) {
      const message = body?.error?.message ?? `HTTP ${res.status}`;
      if (res.status >= 400 && res.status < 500) throw new ApiError('CA_REFUSED', `The certificate service refused ${what}: ${message}`);
      throw new ApiError('UPSTREAM_UNAVAILABLE', `The certificate service failed ${what}: ${message}`);
    }
    return body as T;
  }

  async certify(req: Parameters<CaGateway['certify']>[0]): Promise<CertifiedKey> {
    const res = await this.#call('/service/certificates', { method: 'POST', body: JSON.stringify(req), contentType: 'application/json' });
    return this.#json<CertifiedKey>(res, `to certify the ${req.purpose} key`);
  }

  async certificate(id: string): Promise<CaCertificate | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const res = await this.#call(`/certificates/${id}`);
    if (res.status === 404 || res.status === 400) return undefined;
    const c = await this.#json<any>(res, `certificate ${id}`);
    return {
      id: c.id,
      serial: c.serial,
      issuerId: c.issuerId,
      subjectDn: c.subjectDn,
      usage: c.usage,
      keyAlgorithm: c.keyAlgorithm,
      status: c.status,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      fingerprintSm3: c.fingerprintSm3,
      pem: c.pem,
      revokedAt: c.revokedAt ?? undefined,
    };
  }

  async status(issuerId: string, serial: string): Promise<CaCertificateStatus> {
    if (!/^[0-9a-f-]{36}$/i.test(issuerId) || !/^[0-9a-f]{2,40}$/.test(serial)) return { status: 'unknown' };
    const res = await this.#call(`/public/status/${issuerId}/${serial}`);
    if (res.status === 404 || res.status === 400) return { status: 'unknown' };
    return this.#json<CaCertificateStatus>(res, `the status of certificate ${serial}`);
  }

  async revokeCertified(certificateId: string, reason: 'cessationOfOperation' | 'superseded', comment?: string): Promise<void> {
    const res = await this.#call(`/service/certificates/${certificateId}/revoke`, { method: 'POST', body: JSON.stringify({ reason, comment }), contentType: 'application/json' });
    await this.#json(res, `to revoke certificate ${certificateId}`);
  }

  async timestamp(algorithm: 'SM2' | 'RSA', request: Uint8Array): Promise<Uint8Array> {
    const res = await this.#call(`/tsa/${algorithm.toLowerCase()}`, { method: 'POST', body: Buffer.from(request), contentType: 'application/timestamp-query' });
    if (!res.ok) throw new ApiError('UPSTREAM_UNAVAILABLE', `The timestamp service answered HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
}
