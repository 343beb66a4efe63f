/**
 * The monitor's probes. Each takes its target and options, never throws, and answers a
 * {@link ProbeResult}: `up`, `warning` (works, but something needs attention soon, such as a
 * certificate near its end) or `down`, with the time taken, a message and details. Time comes
 * from an injectable clock for everything judged against "now" (expiry, freshness).
 */
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { X509Certificate, randomBytes } from 'node:crypto';
import { Client as LdapClient } from 'ldapts';
import { Client as PgClient } from 'pg';
import {
  buildOcspRequest,
  buildTimeStampReq,
  certIdFor,
  nameToString,
  parseCertificate,
  parseCrl,
  parseOcspResponse,
  parseTimeStampResp,
  pemDecodeAll,
  verifyOcspResponseSignature,
  verifyTimeStampToken,
  type TimeStampRespInfo,
} from '@yinxin/gm';
import { parsePromText, type MetricFamily } from '@yinxin/prom-text';

/** What a probe found. */
export interface ProbeResult {
  status: 'up' | 'warning' | 'down';
  /** wall time the probe took, milliseconds */
  latencyMs: number;
  /** one line for people (English; the UI translates the status) */
  message: string;
  /** facts for charts and alerts (days left, HTTP status, entries found, …) */
  detail: Record<string, string | number | boolean>;
}

/** Options every probe takes. */
export interface ProbeOptions {
  /** give up after this long (default 5 s) */
  timeoutMs?: number;
  /** "now" for expiry and freshness (default the system clock) */
  clock?: () => Date;
}

const DAY = 86_400_000;

async function timed(timeoutMs: number, work: (signal: AbortSignal) => Promise<Omit<ProbeResult, 'latencyMs'>>): Promise<ProbeResult> {
  const started = performance.now();
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Omit<ProbeResult, 'latencyMs'>>(resolve => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ status: 'down', message: `no answer within ${timeoutMs} ms`, detail: { timeout: true } });
    }, timeoutMs);
  });
  try {
    const r = await Promise.race([work(controller.signal), timeout]);
    return { ...r, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (e) {
    return { status: 'down', message: (e as Error)?.message?.slice(0, 300) || String(e), detail: {}, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } finally {
    clearTimeout(timer);
  }
}

/** How a notAfter compares with now and the warning window. */
function expiryVerdict(notAfter: Date, now: Date, warnDays: number): Pick<ProbeResult, 'status' | 'message'> & { daysLeft: number } {
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY);
  if (notAfter.getTime() <= now.getTime()) return { status: 'down', message: `expired on ${notAfter.toISOString()}`, daysLeft };
  if (daysLeft < warnDays) return { status: 'warning', message: `expires in ${daysLeft} days (${notAfter.toISOString()})`, daysLeft };
  return { status: 'up', message: `valid for ${daysLeft} more days`, daysLeft };
}

/**
 * HTTP(S) GET: up when the status is the expected one (default any 2xx) and the body contains
 * `bodyContains` when given.
 */
export function probeHttp(target: { url: string; expectStatus?: number; bodyContains?: string }, opts: ProbeOptions = {}): Promise<ProbeResult> {
  return timed(opts.timeoutMs ?? 5000, async signal => {
    const res = await fetch(target.url, { signal, redirect: 'manual' });
    const body = target.bodyContains !== undefined ? await res.text() : (await res.arrayBuffer(), '');
    const statusOk = target.expectStatus !== undefined ? res.status === target.expectStatus : res.status >= 200 && res.status < 300;
    const bodyOk = target.bodyContains === undefined || body.includes(target.bodyContains);
    return {
      status: statusOk && bodyOk ? 'up' : 'down',
      message: !statusOk ? `HTTP ${res.status}` : !bodyOk ? 'the expected text is not in the answer' : `HTTP ${res.status}`,
      detail: { httpStatus: res.status },
    };
  });
}

/** TCP connect: up when the connection opens. */
export function probeTcp(target: { host: string; port: number }, opts: ProbeOptions = {}): Promise<ProbeResult> {
  return timed(opts.timeoutMs ?? 5000, signal =>
    new Promise((resolve, reject) => {
      const socket = tcpConnect({ host: target.host, port: target.port });
      signal.addEventListener('abort', () => socket.destroy());
      socket.once('connect', () => {
        socket.end();
        resolve({ status: 'up', message: `connected to ${target.host}:${target.port}`, detail: {} });
      });
      socket.once('error', reject);
    }),
  );
}

/**
 * A TLS server's certificate: up while it is valid beyond `warnDays` (default 30), warning inside
 * the window, down when expired or when no TLS handshake happens. The chain is not judged here
 * (self-signed service certificates are common inside a platform); `detail.authorized` says
 * whether Node's default trust accepted it.
 */
export function probeTlsCertificate(target: { host: string; port: number; servername?: string; warnDays?: number }, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const now = (opts.clock ?? (() => new Date()))();
  return timed(opts.timeoutMs ?? 5000, signal =>
    new Promise((resolve, reject) => {
      const socket = tlsConnect({ host: target.host, port: target.port, servername: target.servername ?? target.host, rejectUnauthorized: false });
      signal.addEventListener('abort', () => socket.destroy());
      socket.once('secureConnect', () => {
        const raw = socket.getPeerX509Certificate();
        const authorized = socket.authorized;
        socket.end();
        if (!raw) return resolve({ status: 'down', message: 'the server sent no certificate', detail: {} });
        const cert = raw as X509Certificate;
        const v = expiryVerdict(new Date(cert.validTo), now, target.warnDays ?? 30);
        resolve({ status: v.status, message: v.message, detail: { daysLeft: v.daysLeft, notAfter: new Date(cert.validTo).toISOString(), subject: cert.subject.replace(/\n/g, ', '), authorized } });
      });
      socket.once('error', reject);
    }),
  );
}

/** A certificate (PEM or DER) given directly: its expiry against the warning window. */
export function probeCertificateExpiry(target: { certificate: string | Uint8Array; warnDays?: number }, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const now = (opts.clock ?? (() => new Date()))();
  return timed(opts.timeoutMs ?? 5000, async () => {
    const cert = parseCertificate(target.certificate);
    const v = expiryVerdict(cert.notAfter, now, target.warnDays ?? 30);
    return { status: v.status, message: v.message, detail: { daysLeft: v.daysLeft, notAfter: cert.notAfter.toISOString(), serial: cert.serialHex } };
  });
}

/**
 * A CRL (downloaded from `url`, or given as `der`): down when its nextUpdate has passed, warning
 * when it passes within `warnMinutes` (default 60).
 */
export function probeCrl(target: { url?: string; der?: Uint8Array; warnMinutes?: number }, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const now = (opts.clock ?? (() => new Date()))();
  return timed(opts.timeoutMs ?? 10000, async (signal): Promise<Omit<ProbeResult, 'latencyMs'>> => {
    let der = target.der;
    if (!der) {
      const res = await fetch(target.url!, { signal });
      if (!res.ok) return { status: 'down', message: `HTTP ${res.status}`, detail: { httpStatus: res.status } };
      der = new Uint8Array(await res.arrayBuffer());
    }
    return crlVerdict(der, now, target.warnMinutes ?? 60);
  });
}

function crlVerdict(der: Uint8Array, now: Date, warnMinutes: number): Omit<ProbeResult, 'latencyMs'> {
  const crl = parseCrl(der);
  const next = crl.nextUpdate;
  const detail = { thisUpdate: crl.thisUpdate.toISOString(), nextUpdate: next?.toISOString() ?? '', entries: crl.entries.length, crlNumber: crl.crlNumber?.toString() ?? '' };
  if (!next) return { status: 'warning', message: 'the CRL has no nextUpdate', detail };
  const minutesLeft = Math.floor((next.getTime() - now.getTime()) / 60_000);
  if (minutesLeft < 0) return { status: 'down', message: `stale: nextUpdate ${next.toISOString()} has passed`, detail: { ...detail, minutesLeft } };
  if (minutesLeft < warnMinutes) return { status: 'warning', message: `nextUpdate in ${minutesLeft} minutes`, detail: { ...detail, minutesLeft } };
  return { status: 'up', message: `fresh until ${next.toISOString()}`, detail: { ...detail, minutesLeft } };
}

/**
 * LDAP: binds (anonymously, or as `bindDn`) and searches `baseDn` (scope base by default).
 * With `crlAttribute` (e.g. `certificateRevocationList;binary`) the entry's CRL is also judged
 * like {@link probeCrl}: the directory holds a fresh CRL.
 */
export function probeLdap(
  target: { url: string; bindDn?: string; password?: string; baseDn: string; scope?: 'base' | 'one' | 'sub'; filter?: string; crlAttribute?: string; warnMinutes?: number },
  opts: ProbeOptions = {},
): Promise<ProbeResult> {
  const now = (opts.clock ?? (() => new Date()))();
  const timeoutMs = opts.timeoutMs ?? 5000;
  return timed(timeoutMs, async (): Promise<Omit<ProbeResult, 'latencyMs'>> => {
    const client = new LdapClient({ url: target.url, timeout: timeoutMs, connectTimeout: timeoutMs });
    try {
      if (target.bindDn) await client.bind(target.bindDn, target.password ?? '');
      const attributes = target.crlAttribute ? [target.crlAttribute] : ['dn'];
      const { searchEntries } = await client.search(target.baseDn, { scope: target.scope ?? 'base', filter: target.filter ?? '(objectClass=*)', attributes, explicitBufferAttributes: target.crlAttribute ? [target.crlAttribute] : [] });
      if (searchEntries.length === 0) return { status: 'down', message: `nothing found under ${target.baseDn}`, detail: { entries: 0 } };
      if (!target.crlAttribute) return { status: 'up', message: `${searchEntries.length} entries`, detail: { entries: searchEntries.length } };
      const value = searchEntries[0][target.crlAttribute];
      const der = Array.isArray(value) ? value[0] : value;
      if (!der || !(der instanceof Buffer)) return { status: 'down', message: `the entry has no ${target.crlAttribute}`, detail: { entries: searchEntries.length } };
      return crlVerdict(der, now, target.warnMinutes ?? 60);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  });
}

/** PostgreSQL: connects and runs `select 1`. */
export function probePostgres(target: { connectionString: string }, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  return timed(timeoutMs, async () => {
    const client = new PgClient({ connectionString: target.connectionString, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs });
    try {
      await client.connect();
      const r = await client.query('select 1 as one, current_setting($1) as version', ['server_version']);
      return { status: 'up', message: `PostgreSQL ${r.rows[0].version}`, detail: { version: String(r.rows[0].version) } };
    } finally {
      await client.end().catch(() => undefined);
    }
  });
}

/** A Prometheus `/metrics` scrape: up when it answers 2xx with well-formed text; the families ride along. */
export async function scrapeMetrics(target: { url: string; maxBytes?: number; /** sent as `Authorization: Bearer …` (a protected `/metrics`) */ bearerToken?: string }, opts: ProbeOptions = {}): Promise<ProbeResult & { families: MetricFamily[] }> {
  let families: MetricFamily[] = [];
  const r = await timed(opts.timeoutMs ?? 10000, async (signal): Promise<Omit<ProbeResult, 'latencyMs'>> => {
    const res = await fetch(target.url, { signal, headers: { accept: 'text/plain;version=0.0.4', ...(target.bearerToken ? { authorization: `Bearer ${target.bearerToken}` } : {}) } });
    if (!res.ok) return { status: 'down', message: `HTTP ${res.status}`, detail: { httpStatus: res.status } };
    const text = await res.text();
    families = parsePromText(text, { maxBytes: target.maxBytes ?? 16 * 1024 * 1024 });
    return { status: 'up', message: `${families.length} metric families`, detail: { families: families.length, samples: families.reduce((n, f) => n + f.samples.length, 0) } };
  });
  return { ...r, families: r.status === 'up' ? families : [] };
}

/** The certificates in a PEM bundle, each judged by {@link probeCertificateExpiry}; the worst wins. */
export async function probeCertificateBundle(target: { pem: string; warnDays?: number }, opts: ProbeOptions = {}): Promise<ProbeResult> {
  const certs = pemDecodeAll(target.pem, 'CERTIFICATE');
  if (certs.length === 0) return { status: 'down', message: 'no certificate in the bundle', detail: {}, latencyMs: 0 };
  const results = await Promise.all(certs.map(c => probeCertificateExpiry({ certificate: c, warnDays: target.warnDays }, opts)));
  const rank = { down: 2, warning: 1, up: 0 };
  return results.reduce((worst, r) => (rank[r.status] > rank[worst.status] ? r : worst));
}

/**
 * OCSP: asks `url` (POST, with a nonce) about one known certificate of the issuer and is up when
 * the answer is `successful`, signed by the issuer or the responder certificate it carries, not
 * past its nextUpdate, and says the status expected (default `good`).
 */
export function probeOcsp(
  target: { url: string; issuer: string | Uint8Array; serialHex: string; expect?: 'good' | 'revoked' },
  opts: ProbeOptions = {},
): Promise<ProbeResult> {
  const now = (opts.clock ?? (() => new Date()))();
  return timed(opts.timeoutMs ?? 5000, async (signal): Promise<Omit<ProbeResult, 'latencyMs'>> => {
    const issuer = parseCertificate(target.issuer);
    const certId = certIdFor({ issuerCert: issuer, serial: target.serialHex });
    const request = await buildOcspRequest({ certIds: [certId], nonce: true });
    const res = await fetch(target.url, { method: 'POST', body: Buffer.from(request), headers: { 'content-type': 'application/ocsp-request' }, signal });
    if (!res.ok) return { status: 'down', message: `HTTP ${res.status}`, detail: { httpStatus: res.status } };
    const answer = parseOcspResponse(new Uint8Array(await res.arrayBuffer()));
    if (answer.status !== 'successful' || !answer.basic) return { status: 'down', message: `OCSP ${answer.status}`, detail: { responseStatus: answer.status } };
    const basic = answer.basic;
    const single = basic.responses.find(r => r.certId.serialHex === certId.serialHex);
    if (!single) return { status: 'down', message: 'the answer is not about the certificate asked', detail: {} };
    const signers = [...basic.certs.map(c => parseCertificate(c).publicKey.spki), issuer.publicKey.spki];
    const signed = signers.some(spki => verifyOcspResponseSignature(basic, spki));
    const certStatus = single.status === 'good' || single.status === 'unknown' ? single.status : 'revoked';
    const detail = { certStatus, thisUpdate: single.thisUpdate.toISOString(), nextUpdate: single.nextUpdate?.toISOString() ?? '', signed };
    if (!signed) return { status: 'down', message: 'the answer\'s signature does not verify', detail };
    if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime()) return { status: 'down', message: `stale: nextUpdate ${single.nextUpdate.toISOString()} has passed`, detail };
    if (certStatus !== (target.expect ?? 'good')) return { status: 'down', message: `the certificate is ${certStatus}, expected ${target.expect ?? 'good'}`, detail };
    return { status: 'up', message: `${certStatus}, signed, fresh`, detail };
  });
}

const TSA_HASHES = { sha256: 'SHA-256', sm3: 'SM3' } as const;

/**
 * RFC 3161 timestamp authority: sends a TimeStampReq (POST, `application/timestamp-query`) over a
 * random 32-byte imprint with a random nonce and certReq, and is up when the answer is HTTP 200 of
 * type `application/timestamp-reply`, `granted` (or `grantedWithMods`), echoes the nonce and the
 * imprint (and `policy`, when given), the token's signature verifies with the certificate it
 * carries (`verifyTimeStampToken`: signature, ESS signing-certificate, id-kp-timeStamping,
 * genTime inside its validity), genTime is within `maxSkewSeconds` (default 5) of the clock, and
 * that certificate is valid beyond `warnDays` (default 30).
 *
 * Verdicts: anything wrong with the exchange or the token is `down`; a TSA certificate inside the
 * window is `warning`, an expired one `down`. A genTime off by more than `maxSkewSeconds` is
 * `down`, not a warning: the time is the one thing a TSA attests, and every token it issues
 * meanwhile carries a wrong time. The skew is measured against the span of the exchange (the
 * clock at the probe's start, advanced by the elapsed monotonic time when the request left and
 * when the answer arrived), so a slow answer is not mistaken for a fast clock, and a genTime
 * written in whole seconds is compared with the second the request left in.
 * The TSA certificate's chain is not judged (as in {@link probeTlsCertificate}).
 *
 * `detail`: `genTimeSkewMs` (signed, 0 inside the exchange), `daysLeft`, `notAfter`, `policy`,
 * `serialHex` (the token's serial number), `serial` (the TSA certificate's, as in
 * {@link probeCertificateExpiry}), `subject`, and `httpStatus` or `pkiStatus` when those failed.
 */
export function probeTsa(
  target: { url: string; hash?: 'sha256' | 'sm3'; policy?: string; maxSkewSeconds?: number; warnDays?: number },
  opts: ProbeOptions = {},
): Promise<ProbeResult> {
  const base = (opts.clock ?? (() => new Date()))().getTime();
  const started = performance.now();
  const clockNow = () => base + (performance.now() - started);
  return timed(opts.timeoutMs ?? 5000, async (signal): Promise<Omit<ProbeResult, 'latencyMs'>> => {
    const hash = target.hash ?? 'sha256';
    const hashAlgorithm = Object.hasOwn(TSA_HASHES, hash) ? TSA_HASHES[hash] : undefined;
    if (!hashAlgorithm) return { status: 'down', message: `unknown hash ${String(target.hash)} (sha256, sm3)`, detail: {} };
    const imprint = randomBytes(32);
    const nonce = BigInt(`0x${randomBytes(8).toString('hex')}`) || 1n;
    const request = buildTimeStampReq({ hashAlgorithm, hashedMessage: imprint, nonce, certReq: true, ...(target.policy ? { reqPolicy: target.policy } : {}) });
    const sent = clockNow();
    const res = await fetch(target.url, { method: 'POST', body: Buffer.from(request), headers: { 'content-type': 'application/timestamp-query' }, signal });
    if (res.status !== 200) {
      await res.arrayBuffer().catch(() => undefined);
      return { status: 'down', message: `HTTP ${res.status}`, detail: { httpStatus: res.status } };
    }
    const body = new Uint8Array(await res.arrayBuffer());
    const received = clockNow();
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/timestamp-reply') {
      return { status: 'down', message: `Content-Type is ${contentType || 'missing'}, not application/timestamp-reply`, detail: { httpStatus: res.status } };
    }
    let answer: TimeStampRespInfo;
    try {
      answer = parseTimeStampResp(body);
    } catch (e) {
      return { status: 'down', message: `the answer is not a TimeStampResp: ${(e as Error).message}`.slice(0, 300), detail: {} };
    }
    if (answer.status !== 'granted' && answer.status !== 'grantedWithMods') {
      const why = [...answer.failInfo, ...answer.statusStrings].join(', ');
      return { status: 'down', message: `TSA ${answer.status}${why ? `: ${why}` : ''}`.slice(0, 300), detail: { pkiStatus: answer.status } };
    }
    const token = answer.token;
    if (!token) return { status: 'down', message: `TSA ${answer.status} without a token`, detail: { pkiStatus: answer.status } };
    const tst = token.tstInfo;
    const serialHex = tst.serial.toString(16);
    const detail: ProbeResult['detail'] = { policy: tst.policy, serialHex: serialHex.length % 2 ? `0${serialHex}` : serialHex };
    if (tst.nonce !== nonce) return { status: 'down', message: tst.nonce === undefined ? 'the token has no nonce' : 'the token carries another nonce than the one sent', detail };
    if (tst.messageImprint.hashAlgorithm !== hashAlgorithm || !Buffer.from(tst.messageImprint.hashedMessage).equals(imprint)) {
      return { status: 'down', message: 'the token stamps another imprint than the one sent', detail };
    }
    if (target.policy && tst.policy !== target.policy) return { status: 'down', message: `the token's policy is ${tst.policy}, not ${target.policy}`, detail };

    const verification = verifyTimeStampToken(token);
    const cert = verification.signerCert ? parseCertificate(verification.signerCert) : undefined;
    if (!cert) return { status: 'down', message: `the token does not verify: ${verification.problem ?? 'no signer certificate'}`, detail };
    const expiry = expiryVerdict(cert.notAfter, new Date(base), target.warnDays ?? 30);
    Object.assign(detail, { daysLeft: expiry.daysLeft, notAfter: cert.notAfter.toISOString(), serial: cert.serialHex, subject: nameToString(cert.subject) });
    // An expired certificate says more than the "genTime outside the validity" it also causes.
    if (expiry.status === 'down') return { status: 'down', message: `the TSA certificate ${expiry.message}`, detail };
    if (!verification.valid) return { status: 'down', message: `the token does not verify: ${verification.problem}`, detail };

    const genTime = tst.genTime.getTime();
    const earliest = /[.,]/.test(tst.genTimeText) ? sent : Math.floor(sent / 1000) * 1000;
    const skewMs = Math.round(genTime < earliest ? genTime - earliest : genTime > received ? genTime - received : 0);
    detail.genTimeSkewMs = skewMs;
    const maxSkewMs = (target.maxSkewSeconds ?? 5) * 1000;
    if (Math.abs(skewMs) > maxSkewMs) {
      return { status: 'down', message: `genTime ${tst.genTime.toISOString()} is ${(skewMs / 1000).toFixed(1)} s off the clock (limit ${maxSkewMs / 1000} s)`, detail };
    }
    if (expiry.status === 'warning') return { status: 'warning', message: `the TSA certificate ${expiry.message}`, detail };
    return { status: 'up', message: `granted, signed, genTime within ${maxSkewMs / 1000} s; certificate ${expiry.message}`, detail };
  });
}
