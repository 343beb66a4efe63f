/*
 * The OCSP responder, the timestamp authority and the status API over real HTTP on each database
 * engine, checked by independent clients: OpenSSL's OCSP client against the running responder
 * (RSA verified fully; SM2 status read with -noverify), OpenSSL's `ts` for RSA timestamps, and
 * BouncyCastle for SM2 OCSP responses and SM2 timestamp tokens.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import { NameAttribute, buildCsr, buildTimeStampReq, parseOcspResponse, parseTimeStampResp, pemEncode, sm2GenerateKeyPair, sm2Signer } from '@yinxin/gm';
import { bcCheck, runOpenssl } from '@yinxin/pki-interop';
import { metricsRegistry } from '@yinxin/ops-node';
import { as, caTestFeatures } from '../testing/caBackend';

jest.setTimeout(600_000);

const databases = engineDatabases();
const SUBJECT = [{ type: 'CN', value: '忽略' }] as NameAttribute[];

function rsaCsr(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yinxin-rsa-'));
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=ignored', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'r.pem')], { stdio: 'ignore' });
  return readFileSync(join(dir, 'r.pem'), 'utf8');
}

/** A folder with `files` in it, for openssl and BouncyCastle. */
function folder(files: Record<string, string | Uint8Array>): string {
  const cwd = mkdtempSync(join(tmpdir(), 'yinxin-ocsp-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content);
  return cwd;
}

const binary = (res: request.Request) =>
  res.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe.each(databases.eachSupportedId())('OCSP, TSA and status API on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let base = '';
  let stop: () => Promise<void>;
  const api = () => request(server);
  const post = (who: string, path: string, body: object = {}) => api().post(`/api/ca${path}`).set('Authorization', as(who)).send(body);
  const get = (who: string, path: string) => api().get(`/api/ca${path}`).set('Authorization', as(who));
  let authorities: any[] = [];
  const authority = (algorithm: string, kind: string) => authorities.find(a => a.algorithm === algorithm && a.kind === kind);
  let personId = '';

  beforeAll(async () => {
    const backend = await startTestBackend({ features: caTestFeatures(undefined, [engineDatabaseFactory(databases, databaseId, () => {})]) });
    server = backend.server;
    base = `http://127.0.0.1:${server.address().port}`;
    stop = () => backend.stop();
    authorities = (await get('ca-admin', '/authorities')).body;
    personId = (await post('ra-entry', '/subjects', { kind: 'person', name: '王五', organisation: '省人社厅', idType: 'other', idNumber: 'OCSP0001' })).body.id;
  });
  afterAll(async () => stop?.());

  async function issue(profile: string, csrPem: string) {
    const app = await post('ra-entry', '/applications', { subjectId: personId, profile, csrPem });
    await post('ra-review', `/applications/${app.body.id}/approve`);
    const issued = await post('ra-issue', `/applications/${app.body.id}/issue`);
    expect(issued.body.status).toBe('issued');
    return Promise.all(issued.body.certificateIds.map(async (id: string) => (await get('ra-review', `/certificates/${id}`)).body));
  }

  it('lists its services at a public discovery endpoint, the same URLs the certificates carry', async () => {
    const res = await api().get('/api/ca/public/services');
    expect(res.status).toBe(200);
    const issuing = authority('SM2', 'issuing');
    const listed = res.body.authorities.find((a: any) => a.id === issuing.id);
    expect(listed.ocsp).toMatch(new RegExp(`/api/ca/public/ocsp/${issuing.id}$`));
    expect(res.body.tsa.sm2).toMatch(/\/api\/ca\/tsa\/sm2$/);
    expect(res.body.tsa.policy).toMatch(/^2\.25\.\d+$/);
  });

  it('RSA: OpenSSL’s client gets good, then revoked with reason and time; the delegated responder verifies; GET answers are cached', async () => {
    const issuing = authority('RSA', 'issuing');
    const root = authority('RSA', 'root');
    const [cert] = await issue('rsa-sign', rsaCsr());
    const url = `${base}/api/ca/public/ocsp/${issuing.id}`;
    const cwd = folder({ 'chain.pem': `${root.pem}\n${issuing.pem}`, 'issuing.pem': issuing.pem, 'leaf.pem': cert.pem });
    const ask = (extra: string[] = [], digest: string[] = []) =>
      runOpenssl(['ocsp', '-issuer', 'issuing.pem', ...digest, '-cert', 'leaf.pem', '-url', url, '-CAfile', 'chain.pem', ...extra], undefined, { cwd });
    const good = await ask();
    expect(good.stderr).toMatch(/Response verify OK/);
    expect(good.stdout).toMatch(/leaf\.pem: good/);
    const sha256 = await ask(['-no_nonce', '-respout', 'resp.der', '-reqout', 'req.der'], ['-sha256']);
    expect(`${sha256.stdout}${sha256.stderr}`).toMatch(/leaf\.pem: good/);

    // GET (RFC 6960 Appendix A.1) of the nonce-less request: cached, with RFC 5019 headers.
    const req = readFileSync(join(cwd, 'req.der'));
    const path = `/api/ca/public/ocsp/${issuing.id}/${encodeURIComponent(req.toString('base64'))}`;
    const first = await binary(api().get(path));
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/ocsp-response');
    expect(first.headers['cache-control']).toMatch(/^max-age=\d+, public, no-transform, must-revalidate$/);
    const second = await binary(api().get(path));
    expect(Buffer.compare(first.body, second.body)).toBe(0);
    writeFileSync(join(cwd, 'get.der'), first.body);
    const viaGet = await runOpenssl(['ocsp', '-respin', 'get.der', '-issuer', 'issuing.pem', '-sha256', '-cert', 'leaf.pem', '-CAfile', 'chain.pem'], undefined, { cwd });
    expect(viaGet.stderr).toMatch(/Response verify OK/);
    expect(viaGet.stdout).toMatch(/leaf\.pem: good/);

    // A revocation drops the cached answer at once.
    expect((await post('ra-review', `/certificates/${cert.id}/revoke`, { reason: 'keyCompromise' })).status).toBe(200);
    const again = await binary(api().get(path));
    expect(parseOcspResponse(again.body).basic!.responses[0].status).toMatchObject({ revoked: true, reason: 1 });
    const revoked = await ask();
    expect(revoked.stderr).toMatch(/Response verify OK/);
    expect(revoked.stdout).toMatch(/leaf\.pem: revoked/);
    expect(revoked.stdout).toMatch(/Reason: keyCompromise/);
    expect(revoked.stdout).toMatch(/Revocation Time:/);
    // The status API says the same.
    const status = await api().get(`/api/ca/public/status/${issuing.id}/${cert.serial}`);
    expect(status.body).toMatchObject({ status: 'revoked', reason: 'keyCompromise' });
    const byPem = await api().post('/api/ca/public/status').send({ certificatePem: cert.pem });
    expect(byPem.body).toMatchObject({ status: 'revoked', serial: cert.serial });
  });

  it('SM2: OpenSSL reads good and on-hold statuses (-noverify); BouncyCastle verifies the responses and the nonce', async () => {
    const issuing = authority('SM2', 'issuing');
    const pair = sm2GenerateKeyPair();
    const [sign] = await issue('sm2-dual', pemEncode('CERTIFICATE REQUEST', await buildCsr({ subject: SUBJECT, signer: sm2Signer(pair) })));
    const url = `${base}/api/ca/public/ocsp/${issuing.id}`;
    const cwd = folder({ 'issuing.pem': issuing.pem, 'leaf.pem': sign.pem });
    const ask = () => runOpenssl(['ocsp', '-issuer', 'issuing.pem', '-cert', 'leaf.pem', '-url', url, '-noverify', '-reqout', 'req.der', '-respout', 'resp.der'], undefined, { cwd });
    expect((await ask()).stdout).toMatch(/leaf\.pem: good/);
    const bc = await bcCheck('ocsp-response', ['--issuer', 'issuing.pem', '--request', 'req.der', 'resp.der'], { files: { 'issuing.pem': issuing.pem, 'req.der': readFileSync(join(cwd, 'req.der')), 'resp.der': readFileSync(join(cwd, 'resp.der')) } });
    expect(bc.ok).toBe(true);
    expect(JSON.stringify(bc.result)).toMatch(/"status":"good"/);

    await post('ra-review', `/certificates/${sign.id}/hold`, {});
    const held = await ask();
    expect(held.stdout).toMatch(/leaf\.pem: revoked/);
    expect(held.stdout).toMatch(/Reason: certificateHold/);
    const bcHeld = await bcCheck('ocsp-response', ['--issuer', 'issuing.pem', '--request', 'req.der', 'resp.der'], { files: { 'issuing.pem': issuing.pem, 'req.der': readFileSync(join(cwd, 'req.der')), 'resp.der': readFileSync(join(cwd, 'resp.der')) } });
    expect(bcHeld.ok).toBe(true);
    expect(JSON.stringify(bcHeld.result)).toMatch(/certificateHold/);
  });

  it('answers bad OCSP requests with malformedRequest, another issuer’s certificates with unauthorized, never an error page', async () => {
    const sm2 = authority('SM2', 'issuing');
    const rsa = authority('RSA', 'issuing');
    const garbage = await binary(api().post(`/api/ca/public/ocsp/${sm2.id}`).set('Content-Type', 'application/ocsp-request').send(Buffer.from('not a request')));
    expect([garbage.status, garbage.body.toString('hex')]).toEqual([200, '30030a0101']);
    expect(parseOcspResponse(garbage.body).status).toBe('malformedRequest');
    const badGet = await binary(api().get(`/api/ca/public/ocsp/${sm2.id}/not%21base64`));
    expect(parseOcspResponse(badGet.body).status).toBe('malformedRequest');
    // An RSA certificate's request sent to the SM2 issuer's URL.
    const [cert] = await issue('rsa-sign', rsaCsr());
    const cwd = folder({ 'issuing.pem': rsa.pem, 'leaf.pem': cert.pem });
    await runOpenssl(['ocsp', '-issuer', 'issuing.pem', '-cert', 'leaf.pem', '-reqout', 'req.der', '-no_nonce'], undefined, { cwd });
    const wrong = await binary(api().post(`/api/ca/public/ocsp/${sm2.id}`).set('Content-Type', 'application/ocsp-request').send(readFileSync(join(cwd, 'req.der'))));
    expect(parseOcspResponse(wrong.body).status).toBe('unauthorized');
    const tooBig = await api().post(`/api/ca/public/ocsp/${sm2.id}`).set('Content-Type', 'application/ocsp-request').send(Buffer.alloc(70_000));
    expect(tooBig.status).toBe(413);
    const wrongType = await api().post(`/api/ca/public/ocsp/${sm2.id}`).set('Content-Type', 'text/plain').send('x');
    expect(wrongType.status).toBe(400);
  });

  it('RSA timestamps: OpenSSL’s query, our token, `openssl ts -verify` accepts it', async () => {
    const root = authority('RSA', 'root');
    const cwd = folder({ 'data.txt': '社保卡补贴审批单 2026-11-28', 'root.pem': root.pem });
    await runOpenssl(['ts', '-query', '-data', 'data.txt', '-sha256', '-cert', '-out', 'req.tsq'], undefined, { cwd });
    const res = await binary(api().post('/api/ca/tsa/rsa').set('Content-Type', 'application/timestamp-query').send(readFileSync(join(cwd, 'req.tsq'))));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/timestamp-reply');
    writeFileSync(join(cwd, 'resp.tsr'), res.body);
    const verified = await runOpenssl(['ts', '-verify', '-in', 'resp.tsr', '-queryfile', 'req.tsq', '-CAfile', 'root.pem'], undefined, { cwd });
    expect(verified.stdout).toMatch(/Verification: OK/);
    const byData = await runOpenssl(['ts', '-verify', '-in', 'resp.tsr', '-data', 'data.txt', '-CAfile', 'root.pem'], undefined, { cwd });
    expect(byData.stdout).toMatch(/Verification: OK/);
    const text = await runOpenssl(['ts', '-reply', '-in', 'resp.tsr', '-text'], undefined, { cwd });
    expect(text.stdout).toMatch(/Status: Granted/);
    expect(text.stdout).toMatch(/Accuracy: 0x01 seconds/);
  });

  it('SM2 timestamps with SM3 imprints verify with BouncyCastle; serials are unique; bad requests get their PKIFailureInfo', async () => {
    const data = Buffer.from('电子印章验章记录');
    const make = () => buildTimeStampReq({ hashAlgorithm: 'SM3', data, nonce: 123456789n, certReq: true });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await binary(api().post('/api/ca/tsa/sm2').set('Content-Type', 'application/timestamp-query').send(Buffer.from(await make()))));
    const serials = answers.map(a => parseTimeStampResp(a.body).token!.tstInfo.serial);
    expect(new Set(serials.map(String)).size).toBe(3);
    const tsq = Buffer.from(await make());
    const bc = await bcCheck('tsp-token', ['--tsa-cert', 'tsa.pem', '--data-hex', data.toString('hex'), 'resp.tsr'], {
      files: { 'tsa.pem': pemEncode('CERTIFICATE', parseTimeStampResp(answers[0].body).token!.certificates[0]), 'resp.tsr': answers[0].body, 'req.tsq': tsq },
    });
    expect(bc.ok).toBe(true);
    expect(bc.result.signatureAlgorithm).toBe('1.2.156.10197.1.501');
    expect(bc.result.essCertHashAlgorithm).toBe('1.2.156.10197.1.401');

    const garbage = await binary(api().post('/api/ca/tsa/sm2').set('Content-Type', 'application/timestamp-query').send(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01])));
    expect(parseTimeStampResp(garbage.body)).toMatchObject({ status: 'rejection', failInfo: ['badDataFormat'] });
    const cwd = folder({ 'data.txt': 'x' });
    await runOpenssl(['ts', '-query', '-data', 'data.txt', '-sha1', '-out', 'sha1.tsq'], undefined, { cwd });
    const sha1 = await binary(api().post('/api/ca/tsa/sm2').set('Content-Type', 'application/timestamp-query').send(readFileSync(join(cwd, 'sha1.tsq'))));
    writeFileSync(join(cwd, 'sha1.tsr'), sha1.body);
    const text = await runOpenssl(['ts', '-reply', '-in', 'sha1.tsr', '-text'], undefined, { cwd });
    expect(text.stdout).toMatch(/Status: Rejected/);
    expect(text.stdout).toMatch(/Failure info: unrecognized or unsupported algorithm identifier/i);
    expect((await api().post('/api/ca/tsa/ecdsa').set('Content-Type', 'application/timestamp-query').send(Buffer.from(await make()))).status).toBe(404);
  });

  it('counts requests by service and outcome, and exposes the age of each CRL, for the monitoring plugin', async () => {
    const text = await metricsRegistry.metrics();
    expect(text).toMatch(/yinxin_ca_ocsp_requests_total\{[^}]*method="POST"[^}]*outcome="successful"/);
    expect(text).toMatch(/yinxin_ca_ocsp_requests_total\{[^}]*outcome="malformedRequest"/);
    expect(text).toMatch(/yinxin_ca_tsa_requests_total\{[^}]*algorithm="SM2"[^}]*outcome="granted"/);
    expect(text).toMatch(/yinxin_ca_tsa_requests_total\{[^}]*outcome="badAlg"/);
    const issuing = authority('SM2', 'issuing');
    expect(text).toMatch(new RegExp(`yinxin_ca_crl_next_update_seconds\\{[^}]*issuer="${issuing.id}"[^}]*kind="full"[^}]*\\} \\d`));
  });

  it('reports its health to the monitor: service certificates (newest OCSP per authority, TSA per algorithm), the KMC pool, publication points', async () => {
    expect((await get('support-agent', '/service/health')).status).toBe(403);
    const res = await get('ops-engineer', '/service/health');
    expect(res.status).toBe(200);
    const report = res.body;
    const purposes = report.certificates.map((c: any) => `${c.purpose}:${c.algorithm}`);
    for (const algorithm of ['SM2', 'RSA']) {
      expect(purposes).toContain(`root-ca:${algorithm}`);
      expect(purposes).toContain(`issuing-ca:${algorithm}`);
      expect(purposes).toContain(`tsa:${algorithm}`);
    }
    // one OCSP responder per authority, one TSA per algorithm
    expect(report.certificates.filter((c: any) => c.purpose === 'ocsp')).toHaveLength(authorities.length);
    expect(report.certificates.filter((c: any) => c.purpose === 'tsa')).toHaveLength(2);
    const ends = report.certificates.map((c: any) => c.notAfter);
    expect([...ends].sort()).toEqual(ends);
    const issuing = authority('SM2', 'issuing');
    const ocspCert = report.certificates.find((c: any) => c.purpose === 'ocsp' && c.issuerId === issuing.id);
    expect(ocspCert.name).toMatch(/OCSP/i);
    expect(Date.parse(ocspCert.notAfter)).toBeGreaterThan(Date.now());
    expect(report.kmc).toEqual(expect.objectContaining({ standby: expect.any(Number), poolLowWater: expect.any(Number) }));
    const ep = report.authorities.find((a: any) => a.id === issuing.id);
    expect(ep).toMatchObject({ kind: 'issuing', algorithm: 'SM2', ocspUrl: expect.stringMatching(new RegExp(`/ocsp/${issuing.id}$`)) });
    expect(ep.certificatePem).toMatch(/BEGIN CERTIFICATE/);
    // the issuing CA has issued good certificates by now (the OCSP responder's among them), one named for the OCSP probe
    expect(ep.knownGoodSerialHex).toMatch(/^[0-9a-f]+$/);
    const status = await get('ops-engineer', `/public/status/${issuing.id}/${ep.knownGoodSerialHex}`);
    expect(status.body.status).toBe('good');
    expect(report.tsa.sm2).toMatch(/\/tsa\/sm2$/);
  });
});
