import type { Application, ApplicationProfile, IssuanceResponse, UnlockRequest } from '@yinxin/plugin-ca-common';

/** An error answered by the CA API (`{ error: { code, message } }`) or met on the way to it. */
export class CaApiError extends Error {
  /** The API's code (e.g. `FORBIDDEN`, `ILLEGAL_TRANSITION`), or `NETWORK`, `TIMEOUT`, `BAD_REPLY`, `REJECTED`, `FAILED`. */
  readonly code: string;
  /** HTTP status; 0 when there was no answer. */
  readonly status: number;

  constructor(code: string, message: string, status = 0, opts?: { cause?: unknown }) {
    super(message, opts?.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CaApiError';
    this.code = code;
    this.status = status;
  }
}

/** Options of {@link CaClient}. */
export interface CaClientOptions {
  /** Base URL of the CA API, e.g. `http://localhost:7007/api/ca`. */
  baseUrl: string;
  /** A Backstage user token (see {@link signIn}). */
  token: string;
  /** Per-request timeout, default 30 s. */
  requestTimeoutMs?: number;
  /** fetch to use (tests); default the global one. */
  fetch?: typeof fetch;
}

/** Options of the polling methods. */
export interface PollOptions {
  /** Between polls, default 3 s. */
  intervalMs?: number;
  /** Overall limit, default 10 minutes. */
  timeoutMs?: number;
  /** Called with each state seen (progress output). */
  onPoll?: (status: string) => void;
}

async function errorOf(res: Response): Promise<CaApiError> {
  const text = await res.text().catch(() => '');
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body = JSON.parse(text);
    const e = body?.error;
    if (e && typeof e === 'object') {
      // yinxin routes: { error: { code, message } }; Backstage's own: { error: { name, message } }
      if (typeof e.code === 'string') code = e.code;
      else if (typeof e.name === 'string') code = e.name;
      if (typeof e.message === 'string') message = e.message;
    }
  } catch {
    // not JSON: keep the HTTP status
  }
  return new CaApiError(code, message.slice(0, 500), res.status);
}

function trimBase(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CaApiError('BAD_INPUT', `Not a URL: ${url}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CaApiError('BAD_INPUT', `Not an http(s) URL: ${url}`);
  return u.toString().replace(/\/+$/, '');
}

async function call<T>(
  doFetch: typeof fetch,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: unknown },
  timeoutMs: number,
): Promise<T> {
  let res: Response;
  try {
    res = await doFetch(url, {
      method: init.method,
      headers: init.body === undefined ? init.headers : { ...init.headers, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const timeout = (e as Error)?.name === 'TimeoutError';
    throw new CaApiError(timeout ? 'TIMEOUT' : 'NETWORK', `${init.method} ${url}: ${timeout ? 'no answer in time' : (e as Error)?.message ?? e}`, 0, { cause: e });
  }
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  try {
    return (text ? JSON.parse(text) : undefined) as T;
  } catch (e) {
    throw new CaApiError('BAD_REPLY', `${init.method} ${url}: the answer is not JSON`, res.status, { cause: e });
  }
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** What the CA and seal clients share: one yinxin plugin API, a user token, JSON calls. */
abstract class YinxinApiClient {
  private readonly base: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  protected constructor(opts: CaClientOptions, what: string) {
    this.base = trimBase(opts.baseUrl);
    if (!opts.token) throw new CaApiError('BAD_INPUT', `A token is needed to call the ${what} API`);
    this.token = opts.token;
    this.timeoutMs = opts.requestTimeoutMs ?? 30_000;
    this.doFetch = opts.fetch ?? fetch;
  }

  protected req<T>(method: string, p: string, body?: unknown): Promise<T> {
    return call<T>(this.doFetch, `${this.base}${p}`, { method, headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' }, body }, this.timeoutMs);
  }

  /** The user token this client calls with (for a client of another yinxin API). */
  get bearer(): string {
    return this.token;
  }
}

/**
 * A small client of the yinxin CA API (`/api/ca`) for subscribers' tools: applications,
 * issuance responses and USB-key unlock requests. Errors are {@link CaApiError} with the API's
 * code.
 */
export class CaClient extends YinxinApiClient {
  constructor(opts: CaClientOptions) {
    super(opts, 'CA');
  }

  /**
   * `POST /applications`: applies for certificates for a CSR.
   * @param input - subject, profile, PEM CSR, serial of the token holding the key, optional ticket
   * @returns the new application (status `submitted`)
   */
  submitApplication(input: { subjectId: string; profile: ApplicationProfile | string; csrPem: string; tokenSerial?: string; ticketId?: string }): Promise<Application> {
    return this.req('POST', '/applications', input);
  }

  /**
   * `GET /applications/:id`.
   * @param id - application id
   * @returns the application
   */
  getApplication(id: string): Promise<Application> {
    return this.req('GET', `/applications/${encodeURIComponent(id)}`);
  }

  /**
   * Polls an application until it is `issued`; throws `REJECTED` or `FAILED` (with the reason)
   * when it ends otherwise, `TIMEOUT` when it takes too long.
   * @param id - application id
   * @param opts - interval and timeout
   * @returns the issued application
   */
  async waitForIssued(id: string, opts: PollOptions = {}): Promise<Application> {
    const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
    for (;;) {
      const app = await this.getApplication(id);
      opts.onPoll?.(app.status);
      if (app.status === 'issued') return app;
      if (app.status === 'rejected') throw new CaApiError('REJECTED', `Application ${app.number} was rejected: ${app.rejectionReason ?? 'no reason given'}`);
      if (app.status === 'failed') throw new CaApiError('FAILED', `Issuance of application ${app.number} failed: ${app.failureReason ?? 'no reason given'}`);
      if (Date.now() + (opts.intervalMs ?? 3000) > deadline) throw new CaApiError('TIMEOUT', `Application ${app.number} is still ${app.status}`);
      await sleep(opts.intervalMs ?? 3000);
    }
  }

  /**
   * `GET /applications/:id/response`: what the token imports.
   * @param id - application id
   * @returns the issuance response
   */
  getIssuance(id: string): Promise<IssuanceResponse> {
    return this.req('GET', `/applications/${encodeURIComponent(id)}/response`);
  }

  /**
   * `POST /unlock`: asks for a USB-key unlock with the token's challenge.
   * @param input - token serial, challenge (130 hex digits), optional `usbkey-unlock` ticket id
   * @returns the request (status `pending`)
   */
  requestUnlock(input: { tokenSerial: string; challenge: string; ticketId?: string }): Promise<UnlockRequest> {
    return this.req('POST', '/unlock', input);
  }

  /**
   * One unlock request, from `GET /unlock` (there is no single-request route).
   * @param id - request id
   * @returns the request; `NOT_FOUND` when it is not in the caller's list
   */
  async getUnlock(id: string): Promise<UnlockRequest> {
    const list = await this.req<UnlockRequest[]>('GET', '/unlock');
    const found = Array.isArray(list) ? list.find(u => u.id === id) : undefined;
    if (!found) throw new CaApiError('NOT_FOUND', `Unlock request ${id} not found`, 404);
    return found;
  }

  /**
   * Polls an unlock request until an RA officer has verified the requester (`verified`); throws
   * `REJECTED` when refused, `ILLEGAL_TRANSITION` when the response was already released,
   * `TIMEOUT` when it takes too long.
   * @param id - request id
   * @param opts - interval and timeout
   * @returns the verified request
   */
  async waitForUnlockVerified(id: string, opts: PollOptions = {}): Promise<UnlockRequest> {
    const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
    for (;;) {
      const u = await this.getUnlock(id);
      opts.onPoll?.(u.status);
      if (u.status === 'verified') return u;
      if (u.status === 'rejected') throw new CaApiError('REJECTED', `Unlock request ${id} was rejected: ${u.verificationNote ?? 'no reason given'}`);
      if (u.status === 'answered') throw new CaApiError('ILLEGAL_TRANSITION', `The response of unlock request ${id} was already released; start a new unlock`);
      if (Date.now() + (opts.intervalMs ?? 3000) > deadline) throw new CaApiError('TIMEOUT', `Unlock request ${id} is still ${u.status}`);
      await sleep(opts.intervalMs ?? 3000);
    }
  }

  /**
   * `POST /unlock/:id/response`: the token's response, released once to the requester after
   * the identity check.
   * @param id - request id
   * @returns the request and the response (hex SM2Cipher to the challenge)
   */
  unlockResponse(id: string): Promise<{ request: UnlockRequest; response: string }> {
    return this.req('POST', `/unlock/${encodeURIComponent(id)}/response`);
  }
}

/** What {@link signIn} returns. */
export interface SignInResult {
  /** Backstage user token for `Authorization: Bearer`. */
  token: string;
  /** When the token expires (from `expiresInSeconds`), if the server said. */
  expiresAt?: Date;
  /** The catalog user, e.g. `user:default/agent1`. */
  userEntityRef?: string;
  /** The account must change its password in the portal before using it. */
  mustChangePassword: boolean;
}

/** A seal the holder may apply, as the seal API describes it (the fields the client needs). */
export interface HeldSeal {
  id: string;
  esId?: string;
  name: string;
  status: string;
  keyMode: 'server' | 'holder';
  version: 1 | 4;
  certificates: { caCertificateId: string; serial: string }[];
}

/**
 * A small client of the yinxin seal API (`/api/seal`) for holders' tools: the seals one holds, and
 * applying a holder-key seal with a key on the device (prepare → sign on the device → complete).
 */
export class SealClient extends YinxinApiClient {
  constructor(opts: CaClientOptions) {
    super(opts, 'seal');
  }

  /** `GET /seals/:id`. */
  getSeal(id: string): Promise<HeldSeal> {
    return this.req('GET', `/seals/${encodeURIComponent(id)}`);
  }

  /** `POST /seals/:id/sign/prepare`: the TBS_Sign (base64 DER) for the device to sign. */
  prepare(sealId: string, input: { data: string; documentName: string; documentType: string; certificateId: string; useRequestId?: string; timestamp?: boolean }): Promise<{ useId: string; tbs: string; signatureAlgorithm: string }> {
    return this.req('POST', `/seals/${encodeURIComponent(sealId)}/sign/prepare`, input);
  }

  /** `POST /uses/:id/complete`: hands in the device's signature; returns the SES_Signature (base64). */
  complete(useId: string, signature: string): Promise<{ use: { id: string; at: string; documentHash: string }; signature: string }> {
    return this.req('POST', `/uses/${encodeURIComponent(useId)}/complete`, { signature });
  }
}

/**
 * Signs in with a portal account (the `local` provider: `POST /api/auth/local/refresh` with
 * user name and password) and returns the Backstage user token. The session cookie the server
 * also sets is ignored; sign in again when the token expires.
 * @param backendBaseUrl - the backend's base URL, e.g. `http://localhost:7007`
 * @param username - account name
 * @param password - password (sent only to the auth endpoint)
 * @param opts - fetch to use (tests), timeout
 * @returns the token
 */
export async function signIn(
  backendBaseUrl: string,
  username: string,
  password: string,
  opts?: { fetch?: typeof fetch; requestTimeoutMs?: number },
): Promise<SignInResult> {
  const base = trimBase(backendBaseUrl);
  const body = await call<any>(
    opts?.fetch ?? fetch,
    `${base}/api/auth/local/refresh`,
    { method: 'POST', headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, body: { username, password } },
    opts?.requestTimeoutMs ?? 30_000,
  );
  const identity = body?.backstageIdentity;
  if (!identity || typeof identity.token !== 'string') throw new CaApiError('BAD_REPLY', 'The sign-in answer has no Backstage token');
  return {
    token: identity.token,
    expiresAt: typeof identity.expiresInSeconds === 'number' ? new Date(Date.now() + identity.expiresInSeconds * 1000) : undefined,
    userEntityRef: identity.identity?.userEntityRef,
    mustChangePassword: !!body?.providerInfo?.mustChangePassword,
  };
}

/**
 * The backend base URL of a CA API URL (`http://host:7007/api/ca` → `http://host:7007`), or
 * undefined when the URL does not end in `/api/ca`.
 * @param apiUrl - the CA API base URL
 * @returns the backend base URL
 */
export function backendBaseOf(apiUrl: string): string | undefined {
  const t = trimBase(apiUrl);
  return /\/api\/ca$/.test(t) ? t.slice(0, -'/api/ca'.length) : undefined;
}
