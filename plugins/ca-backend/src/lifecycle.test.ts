/*
 * The CA plugin over HTTP on each database engine (SQLite and, when configured, PostgreSQL 15),
 * through the real permission backend and yinxin's role policy: the development hierarchy, SM2
 * dual enrolment with KMC escrow, RSA issuance, renew / re-key / revoke / hold / release, bad
 * CSRs, key recovery and the USB-key unlock service. Artifacts are checked by independent
 * implementations: BouncyCastle (whole SM2 chains, SM2 encryption), OpenSSL (RSA chains, SM2 one
 * link at a time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { Knex } from 'knex';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import {
  NameAttribute,
  buildCsr,
  fromHex,
  openSm2EnvelopedKey,
  parseCertificate,
  parseCsrResponse,
  pemEncode,
  sm2Decrypt,
  sm2GenerateKeyPair,
  sm2Signer,
  sm3,
  toHex,
} from '@yinxin/gm';
import { bcCheck, opensslVerify } from '@yinxin/pki-interop';
import { AuditLog } from '@yinxin/ops-node';
import { caTestFeatures, as, snapshot } from './testing/caBackend';
import { UNLOCK_RESPONSE_MAGIC } from './unlock/UnlockService';

jest.setTimeout(600_000);

const databases = engineDatabases();

const SUBJECT = [{ type: 'CN', value: '忽略' }] as NameAttribute[];
const sm2Csr = async (pair = sm2GenerateKeyPair()) => ({ pair, pem: pemEncode('CERTIFICATE REQUEST', await buildCsr({ subject: SUBJECT, signer: sm2Signer(pair) })) });
function rsaCsr(): { pem: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'yinxin-rsa-'));
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=ignored', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'r.pem')], { stdio: 'ignore' });
  return { pem: readFileSync(join(dir, 'r.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') };
}


describe.each(databases.eachSupportedId())('CA plugin on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  const logs: string[] = [];
  const escrowed: Uint8Array[] = [];

  const api = () => request(server);
  const post = (who: string, path: string, body: object = {}) => api().post(`/api/ca${path}`).set('Authorization', as(who)).send(body);
  const get = (who: string, path: string) => api().get(`/api/ca${path}`).set('Authorization', as(who));

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: caTestFeatures(undefined, [
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'ca') knex = k;
        }),
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => {
            const make = (): any => {
              const log = (level: string) => (message: string, meta?: unknown) => logs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
              return { error: log('error'), warn: log('warn'), info: log('info'), debug: log('debug'), child: () => make() };
            };
            return make();
          },
        }),
      ]),
    });
    server = backend.server;
    stop = () => backend.stop();
  });
  afterAll(async () => stop?.());

  let personId = '';
  let orgId = '';
  const person = { kind: 'person', name: '张三', organisation: '省人力资源和社会保障厅', orgUnit: '信息中心', idType: 'resident-id', idNumber: '11010519491231002X', email: 'zhangsan@example.gov.cn' };

  async function enrolDual(tokenSerial?: string) {
    const { pair, pem } = await sm2Csr();
    const app = await post('ra-entry', '/applications', { subjectId: personId, profile: 'sm2-dual', csrPem: pem, tokenSerial });
    expect(app.status).toBe(201);
    expect((await post('ra-review', `/applications/${app.body.id}/approve`)).body.status).toBe('approved');
    const issued = await post('ra-issue', `/applications/${app.body.id}/issue`);
    expect(issued.status).toBe(200);
    expect(issued.body.status).toBe('issued');
    const response = await get('ra-entry', `/applications/${app.body.id}/response`);
    expect(response.status).toBe(200);
    return { pair, app: issued.body, response: response.body };
  }

  it('creates the development hierarchy: SM2 and RSA roots and issuing CAs that independent checkers accept', async () => {
    const res = await get('ca-admin', '/authorities');
    expect(res.status).toBe(200);
    expect(res.body.map((a: any) => `${a.algorithm}-${a.kind}-${a.status}`).sort()).toEqual(['RSA-issuing-active', 'RSA-root-active', 'SM2-issuing-active', 'SM2-root-active']);
    for (const alg of ['SM2', 'RSA']) {
      const root = res.body.find((a: any) => a.algorithm === alg && a.kind === 'root');
      const issuing = res.body.find((a: any) => a.algorithm === alg && a.kind === 'issuing');
      expect(issuing.parentId).toBe(root.id);
      const chain = await bcCheck('chain', ['--anchor', 'root.pem', 'issuing.pem'], { files: { 'root.pem': root.pem, 'issuing.pem': issuing.pem } });
      expect(chain.ok).toBe(true);
      expect((await opensslVerify({ caPem: root.pem, certPem: issuing.pem, sm2: alg === 'SM2' })).ok).toBe(true);
    }
  });

  it('enters subjects with checked identity numbers, stores them sealed and shows them masked', async () => {
    const bad = await post('ra-entry', '/subjects', { ...person, idNumber: '110105194912310021' });
    expect(bad.status).toBe(400);
    const created = await post('ra-entry', '/subjects', person);
    expect(created.status).toBe(201);
    personId = created.body.id;
    expect(created.body.idNumberMasked).toBe('110***********002X');
    expect(JSON.stringify(created.body)).not.toContain('11010519491231002X');
    expect(await snapshot(knex)).not.toContain('11010519491231002X');
    const dup = await post('ra-entry', '/subjects', person);
    expect(dup.status).toBe(409);
    const org = await post('ra-entry', '/subjects', { kind: 'organisation', name: '省社会保险事业管理局', creditCode: '91350100M000100Y43' });
    expect(org.status).toBe(201);
    orgId = org.body.id;
    expect((await post('ra-review', '/subjects', person)).status).toBe(403);
  });

  it('issues SM2 dual certificates: the opened encryption key matches its certificate and decrypts what BouncyCastle encrypts', async () => {
    const { pair, app, response } = await enrolDual();
    expect(app.certificateIds).toHaveLength(2);
    const csrResponse = parseCsrResponse(Buffer.from(response.csrResponse, 'base64'));
    const sign = parseCertificate(csrResponse.signCertificates[0]);
    const enc = parseCertificate(csrResponse.encryptCertificates![0]);
    expect(toHex(sign.publicKey.spki)).not.toBe(toHex(enc.publicKey.spki));
    expect(sign.publicKey.algorithm === 'SM2' && toHex(sign.publicKey.publicKey)).toBe(toHex(pair.publicKey));
    expect(sign.keyUsage!.sort()).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(enc.keyUsage!.sort()).toEqual(['dataEncipherment', 'keyAgreement', 'keyEncipherment']);
    expect(sign.subject.map(a => `${a.type}=${a.value}`)).toEqual(['C=CN', 'O=省人力资源和社会保障厅', 'OU=信息中心', 'CN=张三']);
    const opened = openSm2EnvelopedKey(csrResponse.envelopedKey!, pair.privateKey);
    expect(enc.publicKey.algorithm === 'SM2' && toHex(enc.publicKey.publicKey)).toBe(toHex(opened.publicKey));
    escrowed.push(opened.privateKey);
    // Someone else's key cannot open the envelope.
    expect(() => openSm2EnvelopedKey(csrResponse.envelopedKey!, sm2GenerateKeyPair().privateKey)).toThrow();

    const encPem = pemEncode('CERTIFICATE', enc.der);
    const signPem = pemEncode('CERTIFICATE', sign.der);
    const bcCipher = await bcCheck('sm2-encrypt', ['--cert', 'enc.pem', '--hex', toHex(Buffer.from('一卡通补贴数据'))], { files: { 'enc.pem': encPem } });
    expect(bcCipher.ok).toBe(true);
    expect(Buffer.from(sm2Decrypt(opened.privateKey, fromHex(bcCipher.result.cipherHex ?? bcCipher.result.hex))).toString()).toBe('一卡通补贴数据');

    // Whole SM2 chains in BouncyCastle; each link in OpenSSL.
    const [issuingPem, rootPem] = response.chainPem;
    for (const leaf of [signPem, encPem]) {
      expect((await bcCheck('chain', ['--anchor', 'root.pem', 'issuing.pem', 'leaf.pem'], { files: { 'root.pem': rootPem, 'issuing.pem': issuingPem, 'leaf.pem': leaf } })).ok).toBe(true);
      expect((await opensslVerify({ caPem: issuingPem, certPem: leaf, sm2: true })).ok).toBe(true);
    }
    // A certificate from another hierarchy does not chain.
    const rsaRoot = (await get('ca-admin', '/authorities')).body.find((a: any) => a.algorithm === 'RSA' && a.kind === 'root');
    expect((await bcCheck('chain', ['--anchor', 'root.pem', 'issuing.pem', 'leaf.pem'], { files: { 'root.pem': rsaRoot.pem, 'issuing.pem': issuingPem, 'leaf.pem': signPem } })).ok).toBe(false);
  });

  it('issues RSA certificates that openssl verifies against the chain', async () => {
    const csr = rsaCsr();
    const app = await post('ra-entry', '/applications', { subjectId: orgId, profile: 'rsa-sign', csrPem: csr.pem });
    expect(app.status).toBe(201);
    await post('ra-review', `/applications/${app.body.id}/approve`);
    const issued = await post('ra-issue', `/applications/${app.body.id}/issue`);
    expect(issued.body.status).toBe('issued');
    const response = (await get('ra-entry', `/applications/${app.body.id}/response`)).body;
    const ok = await opensslVerify({ caPem: response.chainPem[1], untrustedPem: response.chainPem[0], certPem: response.certificatesPem[0] });
    expect(ok.ok).toBe(true);
    const cert = parseCertificate(response.certificatesPem[0]);
    expect(cert.extensions.some(e => e.oid === '1.2.156.10260.4.1.4')).toBe(true); // GM/T 0015 organisation code
    expect(cert.serialHex.length).toBeGreaterThanOrEqual(30);
  });

  it('requires a reviewer other than the submitter, and the per-profile number of approvers', async () => {
    const { pem } = await sm2Csr();
    const app = await post('ra-entry', '/applications', { subjectId: personId, profile: 'sm2-dual', csrPem: pem });
    // The entry operator has no review right; a user holding both cannot approve their own.
    expect((await post('ra-entry', `/applications/${app.body.id}/approve`)).status).toBe(403);
    expect((await post('ra-issue', `/applications/${app.body.id}/issue`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    const rejected = await post('ra-review', `/applications/${app.body.id}/reject`, { reason: '身份材料不全' });
    expect(rejected.body.status).toBe('rejected');
    expect((await post('ra-review-2', `/applications/${app.body.id}/approve`)).body.error.code).toBe('ILLEGAL_TRANSITION');

    // sm2-ocsp needs two distinct reviewers.
    const server = await post('ra-entry', '/subjects', { kind: 'server', name: 'ocsp.ca.test', organisation: '测试数字证书认证中心', dnsNames: ['ocsp.ca.test'] });
    const ocsp = await post('ra-entry', '/applications', { subjectId: server.body.id, profile: 'sm2-ocsp', csrPem: (await sm2Csr()).pem });
    expect(ocsp.body.requiredApprovals).toBe(2);
    expect((await post('ra-review', `/applications/${ocsp.body.id}/approve`)).body.status).toBe('submitted');
    expect((await post('ra-review', `/applications/${ocsp.body.id}/approve`)).body.error.code).toBe('CONFLICT');
    expect((await post('ra-review-2', `/applications/${ocsp.body.id}/approve`)).body.status).toBe('approved');
    const issued = await post('ra-issue', `/applications/${ocsp.body.id}/issue`);
    expect(issued.body.status).toBe('issued');
    const detail = (await get('ra-review', `/certificates/${issued.body.certificateIds[0]}`)).body;
    expect(detail.extKeyUsage).toEqual(['1.3.6.1.5.5.7.3.9']);
  });

  it('numbers applications submitted at the same moment without clashes', async () => {
    const pems = await Promise.all(Array.from({ length: 8 }, async () => (await sm2Csr()).pem));
    const results = await Promise.all(pems.map(csrPem => post('ra-entry', '/applications', { subjectId: personId, profile: 'sm2-dual', csrPem })));
    expect(results.map(r => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(results.map(r => r.body.number)).size).toBe(8);
    for (const r of results) await post('ra-review', `/applications/${r.body.id}/reject`, { reason: '测试' });
  });

  it('refuses bad CSRs with 4xx and stores nothing', async () => {
    const before = await snapshot(knex);
    const { pem } = await sm2Csr();
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const broken = Buffer.from(der);
    broken[broken.length - 5] ^= 0x01; // inside the signature
    const cases: Array<[string, string, number, string]> = [
      ['garbage', '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----', 400, 'BAD_CSR'],
      ['not PEM at all', '这不是证书请求', 400, 'BAD_CSR'],
      ['broken signature', pemEncode('CERTIFICATE REQUEST', broken), 400, 'BAD_CSR'],
      ['RSA key for an SM2 profile', rsaCsr().pem, 400, 'BAD_CSR'],
      ['oversized', pemEncode('CERTIFICATE REQUEST', Buffer.alloc(40_000, 1)), 413, 'PAYLOAD_TOO_LARGE'],
    ];
    for (const [name, csrPem, status, code] of cases) {
      const res = await post('ra-entry', '/applications', { subjectId: personId, profile: 'sm2-dual', csrPem });
      expect([name, res.status, res.body.error?.code]).toEqual([name, status, code]);
    }
    const tooBig = await post('ra-entry', '/applications', { subjectId: personId, profile: 'sm2-dual', csrPem: 'A'.repeat(300_000) });
    expect(tooBig.status).toBe(413);
    expect(await snapshot(knex)).toBe(before);
  });

  it('answers any CSR text or bytes with a 4xx, never a 5xx, and stores nothing (property)', async () => {
    const before = await snapshot(knex);
    const { pem } = await sm2Csr();
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 2000 }),
          fc.uint8Array({ maxLength: 2000 }).map(b => pemEncode('CERTIFICATE REQUEST', b)),
          fc.tuple(fc.nat(der.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
            const m = Buffer.from(der);
            m[i] ^= x;
            return pemEncode('CERTIFICATE REQUEST', m);
          }),
        ),
        async csrPem => {
          const res = await post('ra-entry', '/applications', { subjectId: personId, profile: 'sm2-dual', csrPem });
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
    expect(await snapshot(knex)).toBe(before);
  });

  it('renews (延期) keeping key and issuer without calling the KMC, and re-keys (换发) with a new key', async () => {
    const first = await enrolDual();
    const [signId, encId] = first.app.certificateIds;
    const oldSign = (await get('ra-review', `/certificates/${signId}`)).body;
    const stats0 = (await get('kmc-officer', '/kmc/stats')).body;
    const requests0 = Number((await knex('kmc_requests').count({ n: '*' }))[0].n);

    const renew = await post('ra-entry', `/certificates/${signId}/renew`);
    expect(renew.status).toBe(201);
    expect(renew.body.kind).toBe('renew');
    expect((await post('ra-entry', `/certificates/${signId}/renew`)).status).toBe(409); // one open application per certificate
    await post('ra-review', `/applications/${renew.body.id}/approve`);
    const renewed = await post('ra-issue', `/applications/${renew.body.id}/issue`);
    expect(renewed.body.status).toBe('issued');
    const [newSignId, newEncId] = renewed.body.certificateIds;
    const newSign = (await get('ra-review', `/certificates/${newSignId}`)).body;
    const newEnc = (await get('ra-review', `/certificates/${newEncId}`)).body;
    const oldEnc = (await get('ra-review', `/certificates/${encId}`)).body;
    expect(newSign.serial).not.toBe(oldSign.serial);
    expect(newSign.issuerId).toBe(oldSign.issuerId);
    expect(toHex(parseCertificate(newSign.pem).publicKey.spki)).toBe(toHex(parseCertificate(oldSign.pem).publicKey.spki));
    expect(toHex(parseCertificate(newEnc.pem).publicKey.spki)).toBe(toHex(parseCertificate(oldEnc.pem).publicKey.spki));
    expect(Number((await knex('kmc_requests').count({ n: '*' }))[0].n)).toBe(requests0);
    expect((await get('kmc-officer', '/kmc/stats')).body).toEqual(stats0);
    const old = (await get('ra-review', `/certificates/${signId}`)).body;
    expect([old.status, old.revocationReason, old.replacedById]).toEqual(['revoked', 'superseded', newSignId]);
    expect(old.history.map((h: any) => h.action)).toEqual(['issued', 'renewed', 'revoked']);
    expect((await post('ra-entry', `/certificates/${signId}/renew`)).body.error.code).toBe('ILLEGAL_TRANSITION');

    // Re-key: the same CSR key is refused; a new one changes both keys, the old KMC key goes to history.
    expect((await post('ra-entry', `/certificates/${newSignId}/rekey`, { csrPem: (await sm2Csr(first.pair)).pem })).body.error.code).toBe('BAD_CSR');
    const next = await sm2Csr();
    const rekey = await post('ra-entry', `/certificates/${newSignId}/rekey`, { csrPem: next.pem });
    expect(rekey.status).toBe(201);
    await post('ra-review', `/applications/${rekey.body.id}/approve`);
    const rekeyed = await post('ra-issue', `/applications/${rekey.body.id}/issue`);
    const resp = (await get('ra-entry', `/applications/${rekey.body.id}/response`)).body;
    const parsed = parseCsrResponse(Buffer.from(resp.csrResponse, 'base64'));
    const signCert = parseCertificate(parsed.signCertificates[0]);
    expect(signCert.publicKey.algorithm === 'SM2' && toHex(signCert.publicKey.publicKey)).toBe(toHex(next.pair.publicKey));
    const opened = openSm2EnvelopedKey(parsed.envelopedKey!, next.pair.privateKey);
    escrowed.push(opened.privateKey);
    expect(toHex(opened.publicKey)).not.toBe(toHex(parseCertificate(oldEnc.pem).publicKey.algorithm === 'SM2' ? (parseCertificate(oldEnc.pem).publicKey as any).publicKey : new Uint8Array()));
    const stats1 = (await get('kmc-officer', '/kmc/stats')).body;
    expect(stats1.history).toBe(stats0.history + 1);
    expect(stats1.inUse).toBe(stats0.inUse);
    expect(rekeyed.body.certificateIds).toHaveLength(2);
  });

  it('revokes with RFC 5280 reasons: keyCompromise of a signing certificate revokes its pair and retires the escrowed key', async () => {
    const { app } = await enrolDual();
    const [signId, encId] = app.certificateIds;
    const stats0 = (await get('kmc-officer', '/kmc/stats')).body;
    expect((await post('ra-entry', `/certificates/${signId}/revoke`, { reason: 'keyCompromise' })).status).toBe(403);
    expect((await post('ra-review', `/certificates/${signId}/revoke`, { reason: 'certificateHold' })).status).toBe(400);
    const revoked = await post('ra-review', `/certificates/${signId}/revoke`, { reason: 'keyCompromise', invalidityDate: '2026-11-01T00:00:00.000Z', comment: '介质丢失' });
    expect(revoked.status).toBe(200);
    expect([revoked.body.status, revoked.body.revocationReason]).toEqual(['revoked', 'keyCompromise']);
    const enc = (await get('ra-review', `/certificates/${encId}`)).body;
    expect([enc.status, enc.revocationReason]).toEqual(['revoked', 'keyCompromise']);
    const stats1 = (await get('kmc-officer', '/kmc/stats')).body;
    expect([stats1.inUse, stats1.history]).toEqual([stats0.inUse - 1, stats0.history + 1]);
    // Illegal transitions: 409 and nothing changed.
    const before = await snapshot(knex);
    for (const [path, body] of [[`/certificates/${signId}/revoke`, { reason: 'unspecified' }], [`/certificates/${signId}/hold`, {}], [`/certificates/${signId}/release`, {}]] as const) {
      const res = await post('ra-review', path, body);
      expect([path, res.status, res.body.error.code]).toEqual([path, 409, 'ILLEGAL_TRANSITION']);
    }
    expect((await post('ra-entry', `/certificates/${signId}/renew`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(await snapshot(knex)).toBe(before);
  });

  it('holds and releases a pair: hold → release → good', async () => {
    const { app } = await enrolDual();
    const [signId, encId] = app.certificateIds;
    expect((await post('ra-review', `/certificates/${signId}/release`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    const held = await post('ra-review', `/certificates/${signId}/hold`, { comment: '用户申请暂停' });
    expect([held.body.status, held.body.revocationReason]).toEqual(['hold', 'certificateHold']);
    expect((await get('ra-review', `/certificates/${encId}`)).body.status).toBe('hold');
    expect((await post('ra-review', `/certificates/${signId}/hold`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    const released = await post('ra-review', `/certificates/${signId}/release`);
    expect([released.body.status, released.body.revocationReason]).toEqual(['good', undefined]);
    expect((await get('ra-review', `/certificates/${encId}`)).body.status).toBe('good');
    expect(released.body.history.map((h: any) => h.action)).toEqual(['issued', 'held', 'released']);
  });

  it('searches, filters and downloads certificates (PEM, DER, PKCS#7 chain)', async () => {
    const all = await get('auditor', '/certificates?limit=200');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(5);
    const byName = await get('ra-review', `/certificates?q=${encodeURIComponent('张三')}&status=good&usage=encrypt`);
    expect(byName.body.items.length).toBeGreaterThan(0);
    expect(byName.body.items.every((c: any) => c.status === 'good' && c.usage === 'encrypt' && c.subjectDn.includes('张三'))).toBe(true);
    const rsa = await get('ra-review', '/certificates?algorithm=RSA');
    expect(rsa.body.items.every((c: any) => c.keyAlgorithm === 'RSA')).toBe(true);
    const expiring = await get('ra-review', '/certificates?expiringWithinDays=400');
    expect(expiring.body.items.map((c: any) => c.usage)).toContain('ocsp');
    expect((await get('ra-review', '/certificates?status=bogus')).status).toBe(400);
    const id = byName.body.items[0].id;
    const der = await get('ra-review', `/certificates/${id}/download?format=der`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(parseCertificate(new Uint8Array(der.body)).serialHex).toBe(byName.body.items[0].serial);
    const p7b = await get('ra-review', `/certificates/${id}/download?format=p7b`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const dir = mkdtempSync(join(tmpdir(), 'yinxin-p7b-'));
    require('node:fs').writeFileSync(join(dir, 'c.p7b'), p7b.body);
    const printed = execFileSync('openssl', ['pkcs7', '-inform', 'DER', '-in', join(dir, 'c.p7b'), '-print_certs', '-noout']).toString();
    expect(printed.match(/subject=/g)).toHaveLength(3);
    const stats = await get('ca-admin', '/stats/issuance?days=7');
    expect(stats.body).toHaveLength(7);
    expect(stats.body[6].sm2).toBeGreaterThan(0);
  });

  it('recovers a user key with two KMC officers other than the requester, and a judicial key with M of N', async () => {
    const { pair, app } = await enrolDual();
    const encId = app.certificateIds[1];
    const reqd = await post('ra-entry', '/kmc/recoveries', { kind: 'user', certificateId: encId, reason: 'USB-key 损坏，需恢复加密密钥' });
    expect(reqd.status).toBe(201);
    expect(reqd.body.requiredApprovals).toBe(2);
    expect((await post('ra-entry', '/kmc/recoveries', { kind: 'judicial', certificateId: encId, reason: 'x', caseReference: 'x', recipientCertificateId: encId })).status).toBe(403);
    expect((await post('ra-entry', `/kmc/recoveries/${reqd.body.id}/approve`)).status).toBe(403);
    expect((await post('kmc-officer', `/kmc/recoveries/${reqd.body.id}/approve`)).body.status).toBe('pending');
    expect((await post('kmc-officer', `/kmc/recoveries/${reqd.body.id}/approve`)).body.error.code).toBe('CONFLICT');
    // One approval is not enough.
    expect((await post('ra-entry', `/kmc/recoveries/${reqd.body.id}/release`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await post('kmc-officer-2', `/kmc/recoveries/${reqd.body.id}/approve`)).body.status).toBe('approved');
    expect((await post('ra-entry-2', `/kmc/recoveries/${reqd.body.id}/release`)).status).toBe(403);
    const released = await post('ra-entry', `/kmc/recoveries/${reqd.body.id}/release`);
    expect(released.status).toBe(200);
    const opened = openSm2EnvelopedKey(Buffer.from(released.body.envelopedKey, 'base64'), pair.privateKey);
    const encCert = parseCertificate((await get('ra-review', `/certificates/${encId}`)).body.pem);
    expect(encCert.publicKey.algorithm === 'SM2' && toHex(encCert.publicKey.publicKey)).toBe(toHex(opened.publicKey));
    escrowed.push(opened.privateKey);
    expect((await post('ra-entry', `/kmc/recoveries/${reqd.body.id}/release`)).body.error.code).toBe('ILLEGAL_TRANSITION');

    // Judicial: a recipient certificate (the court's officer), M = 2 officers besides the requester.
    const recipient = await enrolDual();
    const judicial = await post('kmc-officer', '/kmc/recoveries', { kind: 'judicial', certificateId: encId, reason: '法院调取加密数据', caseReference: '(2026)闽01刑初123号', recipientCertificateId: recipient.app.certificateIds[0] });
    expect(judicial.status).toBe(201);
    expect((await post('kmc-officer', `/kmc/recoveries/${judicial.body.id}/approve`)).body.error.code).toBe('SELF_APPROVAL');
    expect((await post('kmc-officer-2', `/kmc/recoveries/${judicial.body.id}/approve`)).body.status).toBe('pending');
    expect((await post('kmc-officer', `/kmc/recoveries/${judicial.body.id}/release`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await post('kmc-officer-3', `/kmc/recoveries/${judicial.body.id}/approve`)).body.status).toBe('approved');
    const out = await post('kmc-officer', `/kmc/recoveries/${judicial.body.id}/release`);
    expect(out.status).toBe(200);
    expect(() => openSm2EnvelopedKey(Buffer.from(out.body.envelopedKey, 'base64'), pair.privateKey)).toThrow();
    const byCourt = openSm2EnvelopedKey(Buffer.from(out.body.envelopedKey, 'base64'), recipient.pair.privateKey);
    expect(toHex(byCourt.privateKey)).toBe(toHex(opened.privateKey));
    const history = (await get('ra-review', `/certificates/${encId}`)).body.history.map((h: any) => h.action);
    expect(history.filter((a: string) => a === 'key-recovered')).toHaveLength(2);
    // A rejection ends a recovery.
    const another = await post('ra-entry', '/kmc/recoveries', { kind: 'user', certificateId: encId, reason: '再次恢复' });
    expect((await post('kmc-officer-2', `/kmc/recoveries/${another.body.id}/reject`, { reason: '无依据' })).body.status).toBe('rejected');
    expect((await post('kmc-officer-3', `/kmc/recoveries/${another.body.id}/approve`)).body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('unlocks a USB key only after an identity check, answering its challenge without revealing the unlock key', async () => {
    const { pair, response } = await enrolDual('TOKEN-UNLOCK-1');
    // The token's unlock key K, as the token learns it at import (SM2-encrypted to its signing key).
    const k = sm2Decrypt(pair.privateKey, Buffer.from(response.tokenUnlockKey, 'base64'));
    expect(k).toHaveLength(16);
    const challenge = sm2GenerateKeyPair();
    expect((await post('ra-entry', '/unlock', { tokenSerial: 'NO-SUCH-TOKEN', challenge: toHex(challenge.publicKey) })).status).toBe(404);
    expect((await post('ra-entry', '/unlock', { tokenSerial: 'TOKEN-UNLOCK-1', challenge: 'ab'.repeat(65) })).status).toBe(400);
    const reqd = await post('ra-entry', '/unlock', { tokenSerial: 'TOKEN-UNLOCK-1', challenge: toHex(challenge.publicKey) });
    expect(reqd.status).toBe(201);
    expect(reqd.body.subjectName).toBe('张三');
    // No response before the identity check; nobody verifies their own request.
    expect((await post('ra-entry', `/unlock/${reqd.body.id}/response`)).body.error.code).toBe('IDENTITY_NOT_VERIFIED');
    expect((await post('ra-review', `/unlock/${reqd.body.id}/verify`, { method: 'ticket', note: '电话' })).body.error.code).toBe('IDENTITY_NOT_VERIFIED');
    const verified = await post('ra-review', `/unlock/${reqd.body.id}/verify`, { method: 'in-person', note: '核验身份证原件' });
    expect(verified.body.status).toBe('verified');
    expect((await post('ra-entry-2', `/unlock/${reqd.body.id}/response`)).status).toBe(403);
    const answered = await post('ra-entry', `/unlock/${reqd.body.id}/response`);
    expect(answered.status).toBe(200);
    const plain = sm2Decrypt(challenge.privateKey, fromHex(answered.body.response));
    expect(Buffer.from(plain.slice(0, 8))).toEqual(UNLOCK_RESPONSE_MAGIC);
    expect(toHex(plain.slice(8, 40))).toBe(toHex(sm3(Buffer.concat([Buffer.from('TOKEN-UNLOCK-1'), challenge.publicKey]))));
    expect(toHex(plain.slice(40))).toBe(toHex(k));
    // A different challenge key cannot read it; the response is released once.
    expect(() => sm2Decrypt(sm2GenerateKeyPair().privateKey, fromHex(answered.body.response))).toThrow();
    expect((await post('ra-entry', `/unlock/${reqd.body.id}/response`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect(JSON.stringify(await snapshot(knex))).not.toContain(toHex(k));
  });

  it('lets an open "USB-key 解锁" ticket stand as the identity check, and no other ticket', async () => {
    await enrolDual('TOKEN-UNLOCK-2');
    const mk = async (category: string) =>
      (await api().post('/api/tickets/tickets').set('Authorization', as('support-lead')).send({ title: 'USB-key PIN 锁定', category, requesterName: '张三' })).body.id;
    const unlockTicket = await mk('usbkey-unlock');
    const otherTicket = await mk('seal');
    const challenge = toHex(sm2GenerateKeyPair().publicKey);
    const wrong = await post('support-agent', '/unlock', { tokenSerial: 'TOKEN-UNLOCK-2', challenge, ticketId: String(otherTicket) });
    expect(wrong.status).toBe(201);
    expect((await post('ra-review', `/unlock/${wrong.body.id}/verify`, { method: 'ticket', note: '工单' })).body.error.code).toBe('IDENTITY_NOT_VERIFIED');
    const right = await post('support-agent', '/unlock', { tokenSerial: 'TOKEN-UNLOCK-2', challenge, ticketId: String(unlockTicket) });
    const verified = await post('ra-review', `/unlock/${right.body.id}/verify`, { method: 'ticket', note: '工单核验' });
    expect(verified.body.status).toBe('verified');
    expect((await post('support-agent', `/unlock/${right.body.id}/response`)).status).toBe(200);
    expect((await post('ra-review', `/unlock/${wrong.body.id}/reject`, { reason: '工单类别不符' })).body.status).toBe('rejected');
  });

  it('keeps escrowed keys out of every table and log, and its audit chain intact', async () => {
    expect(escrowed.length).toBeGreaterThanOrEqual(3);
    const dump = (await snapshot(knex)) + logs.join('\n');
    for (const d of escrowed) {
      expect(dump).not.toContain(toHex(d));
      expect(dump.toLowerCase()).not.toContain(toHex(d).toLowerCase());
      expect(dump).not.toContain(Buffer.from(d).toString('base64'));
    }
    const result = await new AuditLog({ knex, source: 'ca' }).verify();
    expect(result.ok).toBe(true);
    const actions = (await knex('audit_log').select('action')).map(r => r.action);
    for (const a of ['ca.application.submit', 'ca.application.approve', 'ca.application.issue', 'ca.certificate.issued', 'ca.certificate.revoked', 'kmc.recovery.user.release', 'kmc.recovery.judicial.release', 'ca.unlock.respond'])
      expect(actions).toContain(a);
  });
});
