/*
 * The probes against real services started by the test: an HTTP(S) server (a TLS certificate made
 * by OpenSSL), a TCP port, OpenLDAP slapd holding a CRL (stopped and started again), PostgreSQL
 * (when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set), a prom-client registry
 * served over HTTP, an OCSP responder and an RFC 3161 TSA (SM2 tokens signed by @yinxin/gm with
 * a certificate from a test CA). Time-dependent verdicts use an injected clock.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Client as LdapClient } from 'ldapts';
import { Counter, Registry } from 'prom-client';
import {
  OIDS,
  buildOcspResponse,
  buildTimeStampFailure,
  buildTimeStampResp,
  encodeName,
  encodeTbsCertificate,
  encodeTbsCrl,
  ext,
  keyIdentifierOf,
  parseOcspRequest,
  parseTimeStampReq,
  randomSerial,
  timeStampFailureOf,
  signCertificate,
  signCrl,
  sm2GenerateKeyPair,
  sm2Signer,
} from '@yinxin/gm';
import { TestSlapd, freePort, startSlapd } from '@yinxin/backend-testing';
import { probeCertificateBundle, probeCrl, probeHttp, probeLdap, probeOcsp, probePostgres, probeTcp, probeTlsCertificate, probeTsa, scrapeMetrics } from './probes';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const NOW = Date.now();
const at = (ms: number) => () => new Date(NOW + ms);
/** a clock `ms` ahead of the real one (for probes compared with a live server's clock) */
const ahead = (ms: number) => () => new Date(Date.now() + ms);

async function serve(handler: http.RequestListener, tls?: { key: string; cert: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return { url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`, close: () => new Promise(r => server.close(() => r())) };
}

async function crlDer(nextUpdateInMs: number): Promise<Uint8Array> {
  const signer = sm2Signer(sm2GenerateKeyPair());
  const tbs = encodeTbsCrl({
    issuer: encodeName([{ type: 'CN', value: '测试 CA' }]),
    thisUpdate: new Date(NOW - 60_000),
    nextUpdate: new Date(NOW + nextUpdateInMs),
    entries: [],
    extensions: [ext.authorityKeyIdentifier(keyIdentifierOf(signer.spki)), ext.crlNumber(1n)],
    signatureAlgorithm: signer.signatureAlgorithm,
  });
  return signCrl(tbs, signer);
}

describe('HTTP, TCP and Prometheus scrapes', () => {
  let server: { url: string; close: () => Promise<void> };
  const registry = new Registry();
  new Counter({ name: 'yx_probe_test_total', help: 'test', registers: [registry] }).inc(3);
  beforeAll(async () => {
    server = await serve(async (req, res) => {
      if (req.url === '/ok') res.end('service healthy');
      else if (req.url === '/metrics') res.setHeader('content-type', registry.contentType), res.end(await registry.metrics());
      else if (req.url === '/garbage') res.end('this is { not prometheus');
      else if (req.url === '/protected')
        req.headers.authorization === 'Bearer t0ken' ? (res.setHeader('content-type', registry.contentType), res.end(await registry.metrics())) : ((res.statusCode = 401), res.end('{}'));
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000);
      else (res.statusCode = 503), res.end('down for maintenance');
    });
  });
  afterAll(() => server.close());

  it('HTTP: status and body decide; a slow answer times out', async () => {
    expect(await probeHttp({ url: `${server.url}/ok`, bodyContains: 'healthy' })).toMatchObject({ status: 'up', detail: { httpStatus: 200 } });
    expect(await probeHttp({ url: `${server.url}/ok`, bodyContains: 'broken' })).toMatchObject({ status: 'down' });
    expect(await probeHttp({ url: `${server.url}/nope` })).toMatchObject({ status: 'down', message: 'HTTP 503' });
    expect(await probeHttp({ url: `${server.url}/nope`, expectStatus: 503 })).toMatchObject({ status: 'up' });
    const slow = await probeHttp({ url: `${server.url}/slow` }, { timeoutMs: 200 });
    expect(slow).toMatchObject({ status: 'down', detail: { timeout: true } });
    expect((await probeHttp({ url: 'http://127.0.0.1:1/' })).status).toBe('down');
  });

  it('TCP: an open port is up, a closed one down', async () => {
    const port = Number(new URL(server.url).port);
    expect((await probeTcp({ host: '127.0.0.1', port })).status).toBe('up');
    expect((await probeTcp({ host: '127.0.0.1', port: await freePort() })).status).toBe('down');
  });

  it('scrape: prom-client text becomes families; malformed text is down, never a crash', async () => {
    const ok = await scrapeMetrics({ url: `${server.url}/metrics` });
    expect(ok.status).toBe('up');
    expect(ok.families.find(f => f.name === 'yx_probe_test_total')?.samples[0].value).toBe(3);
    const bad = await scrapeMetrics({ url: `${server.url}/garbage` });
    expect(bad).toMatchObject({ status: 'down', families: [] });
    expect(bad.message).toMatch(/line 1/);
    // a protected /metrics (yinxin.metrics.token): the token is sent as a bearer token
    expect(await scrapeMetrics({ url: `${server.url}/protected` })).toMatchObject({ status: 'down', detail: { httpStatus: 401 } });
    expect((await scrapeMetrics({ url: `${server.url}/protected`, bearerToken: 't0ken' })).status).toBe('up');
  });
});

describe('certificates and CRLs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yinxin-probe-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '10', '-subj', '/CN=localhost', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
  const tls = { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') };

  it('TLS: a certificate with 10 days left warns inside a 30-day window, passes a 5-day one, is down once expired', async () => {
    const server = await serve((_req, res) => res.end('ok'), tls);
    const port = Number(new URL(server.url).port);
    try {
      const warn = await probeTlsCertificate({ host: '127.0.0.1', port, servername: 'localhost' });
      expect(warn).toMatchObject({ status: 'warning', detail: { authorized: false } });
      expect(warn.detail.daysLeft).toBeGreaterThanOrEqual(9);
      expect((await probeTlsCertificate({ host: '127.0.0.1', port, warnDays: 5 })).status).toBe('up');
      expect((await probeTlsCertificate({ host: '127.0.0.1', port }, { clock: at(11 * DAY) })).status).toBe('down');
      // a plain HTTP port has no TLS handshake
      const plain = await serve((_req, res) => res.end('ok'));
      expect((await probeTlsCertificate({ host: '127.0.0.1', port: Number(new URL(plain.url).port) }, { timeoutMs: 2000 })).status).toBe('down');
      await plain.close();
    } finally {
      await server.close();
    }
  });

  it('certificate bundles: the worst certificate decides', async () => {
    expect((await probeCertificateBundle({ pem: tls.cert, warnDays: 5 })).status).toBe('up');
    expect((await probeCertificateBundle({ pem: tls.cert }, { clock: at(5 * DAY) })).status).toBe('warning');
    expect((await probeCertificateBundle({ pem: 'no pem here' })).status).toBe('down');
  });

  it('CRL over HTTP: fresh, near its nextUpdate, stale', async () => {
    const der = await crlDer(2 * 3_600_000);
    const server = await serve((_req, res) => res.end(Buffer.from(der)));
    try {
      expect(await probeCrl({ url: `${server.url}/ca.crl` })).toMatchObject({ status: 'up', detail: { entries: 0, crlNumber: '1' } });
      expect((await probeCrl({ url: `${server.url}/ca.crl` }, { clock: at(90 * 60_000) })).status).toBe('warning');
      expect(await probeCrl({ url: `${server.url}/ca.crl` }, { clock: at(3 * 3_600_000) })).toMatchObject({ status: 'down', message: expect.stringMatching(/stale/) });
      expect((await probeCrl({ der: Buffer.from('not a crl') })).status).toBe('down');
    } finally {
      await server.close();
    }
  });
});

describe('OCSP', () => {
  it('asks about a known certificate: good and signed is up; revoked, stale, unsigned or an error is down', async () => {
    const signer = sm2Signer(sm2GenerateKeyPair());
    const name = encodeName([{ type: 'CN', value: '测试签发 CA' }]);
    const caCert = await signCertificate(
      encodeTbsCertificate({ serialNumber: randomSerial(), issuer: name, subject: name, notBefore: new Date(NOW - DAY), notAfter: new Date(NOW + 365 * DAY), subjectPublicKeyInfo: signer.spki, extensions: [ext.basicConstraints(true), ext.keyUsage(['keyCertSign', 'cRLSign'])], signatureAlgorithm: signer.signatureAlgorithm }),
      signer,
    );
    let mode: 'good' | 'revoked' | 'error' | 'forged' = 'good';
    const forger = sm2Signer(sm2GenerateKeyPair());
    const server = await serve(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (mode === 'error') {
        res.end(Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x02])); // internalError
        return;
      }
      const r = parseOcspRequest(Buffer.concat(chunks));
      const responder = mode === 'forged' ? forger : signer;
      const responderCert = mode === 'forged' ? await signCertificate(encodeTbsCertificate({ serialNumber: randomSerial(), issuer: name, subject: name, notBefore: new Date(NOW - DAY), notAfter: new Date(NOW + DAY), subjectPublicKeyInfo: forger.spki, extensions: [], signatureAlgorithm: forger.signatureAlgorithm }), forger) : caCert;
      const status = mode === 'revoked' ? { revoked: true as const, revocationTime: new Date(NOW - 3_600_000) } : 'good' as const;
      res.setHeader('content-type', 'application/ocsp-response');
      res.end(Buffer.from(await buildOcspResponse({ responderCert, producedAt: new Date(NOW), nonce: r.nonce, responses: [{ certId: r.certIds[0], status, thisUpdate: new Date(NOW - 60_000), nextUpdate: new Date(NOW + 3_600_000) }] }, responder)));
    });
    const target = { url: server.url, issuer: caCert, serialHex: '1a2b3c4d' };
    try {
      expect(await probeOcsp(target)).toMatchObject({ status: 'up', detail: { certStatus: 'good', signed: true } });
      expect((await probeOcsp(target, { clock: at(2 * 3_600_000) })).status).toBe('down'); // stale answer
      mode = 'revoked';
      expect(await probeOcsp(target)).toMatchObject({ status: 'down', detail: { certStatus: 'revoked' } });
      expect((await probeOcsp({ ...target, expect: 'revoked' })).status).toBe('up');
      mode = 'forged';
      expect(await probeOcsp(target)).toMatchObject({ status: 'down', detail: { signed: false } });
      mode = 'error';
      expect(await probeOcsp(target)).toMatchObject({ status: 'down', message: 'OCSP internalError' });
    } finally {
      await server.close();
    }
  });
});

describe('TSA (RFC 3161)', () => {
  const POLICY = '2.25.1234567890';
  // A TSA as the CA runs it: an SM2 key certified by a CA for id-kp-timeStamping (critical, alone),
  // valid for 60 days, answering with the certificate (certReq) and accuracy of one second.
  const ca = sm2Signer(sm2GenerateKeyPair());
  const tsa = sm2Signer(sm2GenerateKeyPair());
  const caName = encodeName([{ type: 'CN', value: '测试签发 CA' }]);
  const tsaName = encodeName([{ type: 'CN', value: '测试时间戳服务' }]);
  let tsaCert: Uint8Array;
  type Mode = 'good' | 'wrong-nonce' | 'no-nonce' | 'wrong-imprint' | 'bad-signature' | 'http-500' | 'garbage' | 'wrong-type' | 'rejection' | 'slow';
  let mode: Mode = 'good';
  /** how far the TSA's clock is ahead of the real one */
  let tsaClockOffsetMs = 0;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    tsaCert = await signCertificate(
      encodeTbsCertificate({
        serialNumber: randomSerial(),
        issuer: caName,
        subject: tsaName,
        notBefore: new Date(NOW - DAY),
        notAfter: new Date(NOW + 60 * DAY),
        subjectPublicKeyInfo: tsa.spki,
        extensions: [ext.keyUsage(['digitalSignature']), ext.extKeyUsage([OIDS.timeStamping], { critical: true }), ext.authorityKeyIdentifier(keyIdentifierOf(ca.spki))],
        signatureAlgorithm: ca.signatureAlgorithm,
      }),
      ca,
    );
    server = await serve(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (req.headers['content-type'] !== 'application/timestamp-query') {
        res.statusCode = 415;
        res.end();
        return;
      }
      if (mode === 'http-500') {
        res.statusCode = 500;
        res.end('internal error');
        return;
      }
      if (mode === 'slow') await new Promise(r => setTimeout(r, 1000));
      res.setHeader('content-type', mode === 'wrong-type' ? 'text/html' : 'application/timestamp-reply');
      if (mode === 'garbage') {
        res.end(Buffer.from('<html>this is not DER</html>'));
        return;
      }
      let r: ReturnType<typeof parseTimeStampReq>;
      try {
        r = parseTimeStampReq(Buffer.concat(chunks), { acceptedPolicies: [POLICY] });
      } catch (e) {
        res.end(Buffer.from(buildTimeStampFailure(timeStampFailureOf(e), (e as Error).message)));
        return;
      }
      if (mode === 'rejection') {
        res.end(Buffer.from(buildTimeStampFailure('systemFailure', 'HSM unavailable')));
        return;
      }
      const imprint = mode === 'wrong-imprint' ? { hashAlgorithm: r.messageImprint.hashAlgorithm, hashedMessage: Buffer.alloc(32, 7) } : r.messageImprint;
      const nonce = mode === 'no-nonce' ? undefined : mode === 'wrong-nonce' ? r.nonce! + 1n : r.nonce;
      const der = Buffer.from(
        await buildTimeStampResp(
          { tstInfo: { policy: POLICY, imprint, serial: BigInt(`0x${Buffer.from(randomSerial()).toString('hex')}`), genTime: new Date(Date.now() + tsaClockOffsetMs), accuracy: { seconds: 1 }, nonce, tsaName }, tsaCert, includeCerts: r.certReq },
          tsa,
        ),
      );
      // the last octet of the response is the last octet of the SM2 signature
      if (mode === 'bad-signature') der[der.length - 1] ^= 0x01;
      res.end(der);
    });
  });
  afterAll(() => server?.close());
  afterEach(() => {
    mode = 'good';
    tsaClockOffsetMs = 0;
  });

  it('a healthy TSA is up: nonce and imprint echoed, signed, genTime on time; detail for charts', async () => {
    const r = await probeTsa({ url: server.url, hash: 'sm3', policy: POLICY });
    expect(r).toMatchObject({ status: 'up', detail: { policy: POLICY, daysLeft: expect.any(Number), genTimeSkewMs: expect.any(Number), serialHex: expect.stringMatching(/^[0-9a-f]+$/), subject: 'CN=测试时间戳服务' } });
    expect(r.detail.daysLeft).toBeGreaterThanOrEqual(59);
    expect(Math.abs(r.detail.genTimeSkewMs as number)).toBeLessThan(1000);
    expect(new Date(r.detail.notAfter as string).getTime()).toBe(Math.floor((NOW + 60 * DAY) / 1000) * 1000);
    // SHA-256 imprints and no policy asked work too; each probe is a fresh token
    const again = await probeTsa({ url: server.url });
    expect(again.status).toBe('up');
    expect(again.detail.serialHex).not.toBe(r.detail.serialHex);
  });

  it('a wrong, or missing, nonce or imprint in the token is down', async () => {
    mode = 'wrong-nonce';
    expect(await probeTsa({ url: server.url })).toMatchObject({ status: 'down', message: expect.stringMatching(/nonce/) });
    mode = 'no-nonce';
    expect(await probeTsa({ url: server.url })).toMatchObject({ status: 'down', message: 'the token has no nonce' });
    mode = 'wrong-imprint';
    expect(await probeTsa({ url: server.url })).toMatchObject({ status: 'down', message: expect.stringMatching(/imprint/) });
  });

  it('a token whose signature does not verify is down', async () => {
    mode = 'bad-signature';
    const r = await probeTsa({ url: server.url, hash: 'sm3' });
    expect(r).toMatchObject({ status: 'down', message: expect.stringMatching(/^the token does not verify: .*signature/i) });
  });

  it('a genTime further off than maxSkewSeconds is down, either way; inside the limit it is up', async () => {
    tsaClockOffsetMs = 10_000;
    const fast = await probeTsa({ url: server.url });
    expect(fast).toMatchObject({ status: 'down', message: expect.stringMatching(/s off the clock \(limit 5 s\)/) });
    expect(fast.detail.genTimeSkewMs).toBeGreaterThan(8_000);
    expect((await probeTsa({ url: server.url, maxSkewSeconds: 30 })).status).toBe('up');
    tsaClockOffsetMs = -10_000;
    const behind = await probeTsa({ url: server.url });
    expect(behind.status).toBe('down');
    expect(behind.detail.genTimeSkewMs).toBeLessThan(-8_000);
    // the probe's clock may be the wrong one: it is judged the same way
    tsaClockOffsetMs = 0;
    expect((await probeTsa({ url: server.url }, { clock: ahead(-60_000) })).status).toBe('down');
  });

  it('a slow answer is not mistaken for a fast TSA clock', async () => {
    mode = 'slow';
    // genTime is a second after the request left: against the clock at the start that is 1 s
    const r = await probeTsa({ url: server.url, maxSkewSeconds: 0.5 });
    expect(r.status).toBe('up');
    expect(r.latencyMs).toBeGreaterThanOrEqual(900);
    expect((await probeTsa({ url: server.url }, { timeoutMs: 200 })).detail).toEqual({ timeout: true });
  });

  it('HTTP errors, the wrong content type, a rejection and a garbage body are down, never a throw', async () => {
    mode = 'http-500';
    expect(await probeTsa({ url: server.url })).toMatchObject({ status: 'down', message: 'HTTP 500', detail: { httpStatus: 500 } });
    mode = 'wrong-type';
    expect(await probeTsa({ url: server.url })).toMatchObject({ status: 'down', message: expect.stringMatching(/text\/html/) });
    mode = 'rejection';
    expect(await probeTsa({ url: server.url })).toMatchObject({ status: 'down', message: 'TSA rejection: systemFailure, HSM unavailable', detail: { pkiStatus: 'rejection' } });
    mode = 'garbage';
    expect(await probeTsa({ url: server.url })).toMatchObject({ status: 'down', message: expect.stringMatching(/^the answer is not a TimeStampResp/) });
    mode = 'good';
    // a policy the TSA does not serve is refused by it (unacceptedPolicy)
    expect(await probeTsa({ url: server.url, policy: '2.25.1' })).toMatchObject({ status: 'down', message: expect.stringMatching(/rejection: unacceptedPolicy/) });
    expect((await probeTsa({ url: `http://127.0.0.1:${await freePort()}/` })).status).toBe('down');
    expect((await probeTsa({ url: server.url, hash: 'md5' as 'sm3' })).status).toBe('down');
  });

  it('the TSA certificate: a warning inside warnDays, down once expired (the clock moved, the TSA with it)', async () => {
    tsaClockOffsetMs = 40 * DAY;
    const warn = await probeTsa({ url: server.url }, { clock: ahead(40 * DAY) });
    expect(warn).toMatchObject({ status: 'warning', message: expect.stringMatching(/^the TSA certificate expires in 19 days/), detail: { daysLeft: 19 } });
    expect((await probeTsa({ url: server.url, warnDays: 10 }, { clock: ahead(40 * DAY) })).status).toBe('up');
    tsaClockOffsetMs = 61 * DAY;
    expect(await probeTsa({ url: server.url }, { clock: ahead(61 * DAY) })).toMatchObject({ status: 'down', message: expect.stringMatching(/^the TSA certificate expired on/) });
  });
});

describe('LDAP with a real slapd', () => {
  let slapd: TestSlapd;
  const cdp = (base: string) => `cn=测试 CA,${base}`;
  beforeAll(async () => {
    slapd = await startSlapd();
    const client = new LdapClient({ url: slapd.url });
    await client.bind(slapd.rootDn, slapd.rootPassword);
    const base = slapd.baseDn;
    await client.add(base, { objectClass: ['organization'], o: /^o=([^,]+)/.exec(base)![1] }).catch(() => undefined);
    await client.add(cdp(base), [
      new Attribute({ type: 'objectClass', values: ['cRLDistributionPoint'] }),
      new Attribute({ type: 'cn', values: ['测试 CA'] }),
      new Attribute({ type: 'certificateRevocationList;binary', values: [Buffer.from(await crlDer(2 * 3_600_000))] }),
    ]);
    await client.unbind();
  });
  afterAll(() => slapd?.dispose());

  it('binds and finds the CRL entry; the CRL is judged fresh or stale; stopping slapd is down, starting it again up', async () => {
    const target = { url: slapd.url, baseDn: cdp(slapd.baseDn), crlAttribute: 'certificateRevocationList;binary' };
    expect(await probeLdap(target)).toMatchObject({ status: 'up', detail: { entries: 0 } });
    expect((await probeLdap(target, { clock: at(3 * 3_600_000) })).status).toBe('down');
    expect(await probeLdap({ url: slapd.url, baseDn: slapd.baseDn, scope: 'sub', bindDn: slapd.rootDn, password: slapd.rootPassword })).toMatchObject({ status: 'up' });
    expect((await probeLdap({ url: slapd.url, baseDn: slapd.baseDn, bindDn: slapd.rootDn, password: 'wrong' })).status).toBe('down');
    await slapd.stop();
    expect((await probeLdap(target, { timeoutMs: 2000 })).status).toBe('down');
    await slapd.resume();
    expect((await probeLdap(target)).status).toBe('up');
  });
});

const pg = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
(pg ? describe : describe.skip)('PostgreSQL', () => {
  it('answers select 1; a wrong port is down', async () => {
    expect(await probePostgres({ connectionString: `${pg}/postgres` })).toMatchObject({ status: 'up', message: expect.stringMatching(/^PostgreSQL \d+/) });
    expect((await probePostgres({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${await freePort()}/postgres` }, { timeoutMs: 2000 })).status).toBe('down');
  });
});
