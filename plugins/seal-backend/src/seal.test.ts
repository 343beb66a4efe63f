/*
 * The seal plugin over HTTP with the real CA plugin, on each database engine, through the real
 * permission backend and yinxin's role policy: application, review, making (SESeal signed by the
 * platform's seal maker, certified by the CA), issue, seal use with a platform-held key and with a
 * key on the holder's device, use approvals, the lifecycle with status at any time and signed
 * status answers, changed versions, and bad input. Seals, signatures and status answers are
 * checked by an independent implementation (BouncyCastle).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Knex } from 'knex';
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { TestDatabaseId, mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import {
  NameAttribute,
  buildCsr,
  parseSeal,
  parseSesSignature,
  pemEncode,
  sm2GenerateKeyPair,
  sm2Signer,
  sm3,
  toHex,
  verifySeal,
  verifySesSignature,
  verifySignedData,
} from '@yinxin/gm';
import { bcCheck } from '@yinxin/pki-interop';
import { runTokenCli } from '@yinxin/ca-client';
import { metricsRegistry, verifyAuditLog } from '@yinxin/ops-node';
import { as, sealTestFeatures, snapshot } from './testing/sealBackend';

jest.setTimeout(600_000);

const databases = engineDatabases();
/** A real transparent PNG (a committed sample impression, 20 mm at 300 dpi). */
const samplePng = () => readFileSync(join(__dirname, '../../../docs/seals/square-20-personal-2.png'));
const YEAR = 365 * 86_400_000;

describe.each(databases.eachSupportedId())('seal plugin on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  let caKnex: Knex;

  const api = () => request(server);
  const post = (who: string | undefined, path: string, body: object = {}) => {
    const r = api().post(path).send(body);
    return who ? r.set('Authorization', as(who)) : r;
  };
  const get = (who: string | undefined, path: string) => {
    const r = api().get(path);
    return who ? r.set('Authorization', as(who)) : r;
  };
  const put = (who: string, path: string, body: object) => api().put(path).set('Authorization', as(who)).send(body);

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: sealTestFeatures(undefined, [
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'seal') knex = k;
          if (pluginId === 'ca') caKnex = k;
        }),
        // errors the backend logs (a 500's cause) are shown with the failing test
        createServiceFactory({
          service: coreServices.rootLogger,
          deps: {},
          factory: () => {
            const make = (): any => {
              const log = (level: string) => (message: string, meta?: unknown) => {
                if (level === 'error') process.stderr.write(`backend ${level}: ${message} ${meta instanceof Error ? meta.stack : meta ? JSON.stringify(meta) : ''}\n`);
              };
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

  const validEnd = () => new Date(Date.now() + 2 * YEAR).toISOString();
  const officialSeal = (over: object = {}) => ({
    type: 'official',
    name: '某某市人力资源和社会保障局',
    ownerName: '某某市人力资源和社会保障局',
    ownerCode: '11350100MB0123456X',
    keyMode: 'server',
    template: { kind: 'round', sizeMm: 40 },
    validEnd: validEnd(),
    holders: ['user:default/seal-user'],
    ...over,
  });

  async function madeAndIssued(body: object = officialSeal()) {
    const applied = await post('seal-admin', '/api/seal/seals', body);
    expect(applied.status).toBe(201);
    expect(applied.body.status).toBe('pending');
    const id = applied.body.id;
    expect((await post('seal-review', `/api/seal/seals/${id}/approve`)).body.status).toBe('approved');
    const made = await post('seal-admin', `/api/seal/seals/${id}/make`);
    expect(made.status).toBe(200);
    expect(made.body.status).toBe('made');
    const issued = await post('seal-admin', `/api/seal/seals/${id}/issue`);
    expect(issued.body.status).toBe('active');
    return issued.body;
  }

  it('applies, reviews, makes and issues a server-key official seal; the SESeal verifies here and in BouncyCastle', async () => {
    const applied = await post('seal-admin', '/api/seal/seals', officialSeal());
    expect(applied.status).toBe(201);
    const id = applied.body.id;
    // the impression is drawn at application, for the reviewer
    const png = await get('seal-review', `/api/seal/seals/${id}/picture.png`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(png.status).toBe(200);
    expect((png.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
    // a live preview of a template while the form is filled in (glyph-outline SVG), for applicants only
    const preview = await get('seal-admin', `/api/seal/preview.svg?kind=oval&ownerName=${encodeURIComponent('某某科技有限公司')}&lowerText=${encodeURIComponent('发票专用章')}`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect((await get('seal-user', `/api/seal/preview.svg?kind=round&ownerName=x`)).status).toBe(403);
    expect((await get('seal-admin', `/api/seal/preview.svg?kind=round&ownerName=x&text=${encodeURIComponent('字'.repeat(40))}`)).status).toBe(400);
    expect((await get('seal-admin', `/api/seal/preview.svg?kind=round&ownerName=${encodeURIComponent('𠀀')}`)).body.error.code).toBe('VALIDATION_FAILED');
    // nobody but a reviewer decides; making needs approval first
    expect((await post('seal-admin', `/api/seal/seals/${id}/approve`)).status).toBe(403);
    expect((await post('seal-admin', `/api/seal/seals/${id}/make`)).body.error.code).toBe('ILLEGAL_TRANSITION');
    expect((await post('seal-review', `/api/seal/seals/${id}/approve`)).body.status).toBe('approved');
    const made = await post('seal-admin', `/api/seal/seals/${id}/make`);
    expect(made.status).toBe(200);
    expect(made.body.esId).toMatch(/^350100\d{7}$/);
    expect(made.body.filingNumber).toBe(`BA${made.body.esId}01`);
    expect(made.body.certificates).toHaveLength(1);
    const esl = await get('seal-admin', `/api/seal/seals/${id}/seal.esl`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const der = esl.body as Buffer;
    expect(toHex(sm3(der))).toBe(made.body.sealHash);
    const seal = parseSeal(der);
    expect(seal).toMatchObject({ version: 4, esId: made.body.esId, header: { vid: 'YINXIN' } });
    expect(seal.property).toMatchObject({ type: 1, name: '某某市人力资源和社会保障局', certListType: 1 });
    expect(seal.picture).toMatchObject({ type: 'PNG', widthMm: 40, heightMm: 40 });
    expect(verifySeal(seal)).toMatchObject({ valid: true, makerCertificateValidAtCreate: true });
    const bc = await bcCheck('seal', ['seal.esl'], { files: { 'seal.esl': der } });
    expect(bc.result).toMatchObject({ makerSignatureValid: true });
    expect(bc.ok).toBe(true);
    // the maker certificate came from the CA: a seal-maker certificate recorded there, and both it and
    // the organisation's signing certificate chain to the SM2 root (BouncyCastle PKIX validation)
    const makerRow = await caKnex('ca_certificates').where({ usage: 'seal-maker' }).first();
    expect(makerRow).toBeDefined();
    const authorities = (await get('ca-admin', '/api/ca/authorities')).body;
    const root = authorities.find((a: any) => a.algorithm === 'SM2' && a.kind === 'root');
    const issuing = authorities.find((a: any) => a.algorithm === 'SM2' && a.kind === 'issuing');
    for (const leaf of [seal.makerCertificate, seal.property.certificates[0]]) {
      const chain = await bcCheck('chain', ['--anchor', 'root.pem', 'issuing.pem', 'leaf.pem'], {
        files: { 'root.pem': root.pem, 'issuing.pem': issuing.pem, 'leaf.pem': pemEncode('CERTIFICATE', leaf) },
      });
      expect(chain.ok).toBe(true);
    }
    const issued = await post('seal-admin', `/api/seal/seals/${id}/issue`);
    expect(issued.body.status).toBe('active');
    expect(issued.body.history.map((e: any) => e.action)).toEqual(['apply', 'approve', 'make', 'issue']);
  });

  it('a holder applies a server-key seal to data (v4, timestamped); the signature verifies here and in BouncyCastle; non-holders are refused', async () => {
    const seal = await madeAndIssued();
    const data = Buffer.from('关于发放 2026 年第四季度就业补贴的通知');
    const res = await post('seal-user', `/api/seal/seals/${seal.id}/sign`, { data: data.toString('base64'), documentName: '补贴通知.pdf', documentType: '通知', timestamp: true });
    expect(res.status).toBe(201);
    expect(res.body.use).toMatchObject({ actor: 'user:default/seal-user', documentName: '补贴通知.pdf', timestamped: true, state: 'completed', documentHash: toHex(sm3(data)) });
    const sig = Buffer.from(res.body.signature, 'base64');
    const parsed = parseSesSignature(sig);
    expect(parsed.version).toBe(4);
    expect(parsed.timeStamp).toBeDefined();
    expect(verifySesSignature(parsed, { data })).toMatchObject({ valid: true, timeValid: true, timeStamp: { valid: true } });
    const bc = await bcCheck('ses', ['--data', 'data.bin', 'sig.ses'], { files: { 'sig.ses': sig, 'data.bin': data } });
    expect(bc.result).toMatchObject({ signatureValid: true, sealMakerValid: true, signerInSealList: true, dataHashMatches: true });
    expect(bc.ok).toBe(true);
    // the platform's verifier: valid (integrity, seal valid at the sign time, certificate good)
    const v = await post(undefined, '/api/seal/public/verify', { signature: res.body.signature, data: data.toString('base64') });
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ verdict: 'valid', esId: seal.esId, checks: { sealValidAtSignTime: true, signerNotRevokedAtSignTime: true, timeStamp: true } });
    const wrongData = await post(undefined, '/api/seal/public/verify', { signature: res.body.signature, data: Buffer.from('x').toString('base64') });
    expect(wrongData.body).toMatchObject({ verdict: 'invalid', checks: { dataHash: false } });
    // not a holder
    const refused = await post('seal-user-2', `/api/seal/seals/${seal.id}/sign`, { dataHash: '00'.repeat(32), documentName: 'x', documentType: '通知' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('NOT_A_HOLDER');
    // metrics for the monitor: the use and the refusal are counted
    const uses = await metricsRegistry.getSingleMetricAsString('yinxin_seal_uses_total');
    expect(uses).toMatch(/yinxin_seal_uses_total\{mode="server",outcome="signed"[^}]*\} [1-9]/);
    expect(uses).toMatch(/yinxin_seal_uses_total\{mode="server",outcome="NOT_A_HOLDER"[^}]*\} [1-9]/);
    // the holder finds the seals they hold
    const mine = await get('seal-user', '/api/seal/seals?mine=true');
    expect(mine.body.items.map((x: any) => x.id)).toContain(seal.id);
    expect((await get('seal-user-2', '/api/seal/seals?mine=true')).body.total).toBe(0);
    // the usage log
    const log = await get('seal-admin', `/api/seal/uses?sealId=${seal.id}`);
    expect(log.body.total).toBe(1);
    const stats = await get('seal-review', '/api/seal/stats/usage?days=7');
    expect(stats.body.perDay).toHaveLength(7);
    expect(stats.body.perDay.reduce((n: number, d: any) => n + d.uses, 0)).toBeGreaterThanOrEqual(1);
  });

  it('status at any time across suspend, resume, report-lost and revoke; signing is refused unless active; signed answers verify', async () => {
    const seal = await madeAndIssued();
    const sign = () => post('seal-user', `/api/seal/seals/${seal.id}/sign`, { dataHash: '11'.repeat(32), documentName: 'x', documentType: '通知' });
    expect((await sign()).status).toBe(201);
    for (const [action, expected] of [
      ['suspend', 'suspended'],
      ['resume', 'active'],
      ['report-lost', 'lost'],
      ['resume', 'active'],
      ['revoke', 'revoked'],
    ] as const) {
      const r = await post('seal-admin', `/api/seal/seals/${seal.id}/${action}`, { reason: `测试${action}` });
      expect(r.status).toBe(200);
      expect(r.body.status).toBe(expected);
      const s = await sign();
      if (expected === 'active') expect(s.status).toBe(201);
      else expect(s.body.error.code).toBe('SEAL_NOT_USABLE');
      await new Promise(res => setTimeout(res, 5)); // distinct event instants
    }
    expect((await post('seal-admin', `/api/seal/seals/${seal.id}/resume`, { reason: 'x' })).body.error.code).toBe('ILLEGAL_TRANSITION');
    // the platform-held organisation key served only this seal: its certificate is revoked at the CA
    const orgCert = await caKnex('ca_certificates').where({ id: seal.certificates[0].caCertificateId }).first();
    expect(orgCert).toMatchObject({ status: 'revoked', profile: 'sm2-seal-signer' });
    // and a plugin cannot revoke other certificates through the service route
    const ocspCert = await caKnex('ca_certificates').where({ usage: 'ocsp' }).first();
    const refused = await api().post(`/api/ca/service/certificates/${ocspCert.id}/revoke`).set('Authorization', mockCredentials.service.header()).send({ reason: 'superseded' });
    expect(refused.status).toBe(403);
    expect((await caKnex('ca_certificates').where({ id: ocspCert.id }).first()).status).toBe('good');
    expect((await post('seal-admin', `/api/seal/seals/${seal.id}/suspend`, {})).status).toBe(400); // a reason is required
    const detail = (await get('seal-admin', `/api/seal/seals/${seal.id}`)).body;
    const changes = detail.history.filter((e: any) => e.toStatus);
    expect(changes.map((e: any) => e.toStatus)).toEqual(['pending', 'approved', 'made', 'active', 'suspended', 'active', 'lost', 'active', 'revoked']);
    // just before and at each change
    const at = (iso: string, dMs: number) => new Date(Date.parse(iso) + dMs).toISOString();
    for (const e of changes.slice(3)) {
      const before = await get(undefined, `/api/seal/public/status/${seal.esId}?at=${encodeURIComponent(at(e.at, -1))}`);
      const atIt = await get(undefined, `/api/seal/public/status/${seal.esId}?at=${encodeURIComponent(e.at)}`);
      expect(before.body.statusAt).toBe(e.fromStatus === 'made' ? 'not-issued' : e.fromStatus);
      expect(atIt.body.statusAt).toBe(e.toStatus);
      expect(atIt.body.validAt).toBe(e.toStatus === 'active');
      expect(atIt.body.currentStatus).toBe('revoked');
    }
    // no personal data in the public answer
    const pub = await get(undefined, `/api/seal/public/status/${seal.id}`);
    expect(Object.keys(pub.body).sort()).toEqual(['at', 'checkedAt', 'currentStatus', 'esId', 'name', 'reasonAt', 'sealHash', 'sealId', 'statusAt', 'type', 'validAt', 'validEnd', 'validStart', 'version']);
    // the signed answer: CMS SignedData by the status service; verifies here and in BouncyCastle
    const when = at(changes[4].at, 1); // suspended
    const ev = await get(undefined, `/api/seal/public/status/${seal.esId}/evidence?at=${encodeURIComponent(when)}`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(ev.status).toBe(200);
    const evidence = verifySignedData(ev.body as Buffer);
    expect(evidence.valid).toBe(true);
    const answer = JSON.parse(Buffer.from(evidence.content!).toString('utf8'));
    expect(answer).toMatchObject({ esId: seal.esId, statusAt: 'suspended', validAt: false, at: when });
    expect(evidence.signerCertificate!.subject.find(a => a.type === 'CN')?.value).toBe('电子印章状态服务');
    const chainRows = await caKnex('ca_certificates').where({ usage: 'seal-status' });
    expect(chainRows.length).toBeGreaterThan(0);
    const bc = await bcCheck('cms', ['evidence.p7m'], { files: { 'evidence.p7m': ev.body as Buffer } });
    expect(bc.ok).toBe(true);
    // the public lookup page (no sign-in): HTML under a strict Content-Security-Policy, its script apart
    const page = await get(undefined, '/api/seal/public/lookup');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.text).toContain('<script src="lookup.js"></script>');
    expect(page.text).not.toMatch(/<script>/);
    const script = await get(undefined, '/api/seal/public/lookup.js');
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(() => new Function(script.text)).not.toThrow();
    expect(script.text).toContain('已停用');
    // unknown seals: 404; malformed keys: 400
    expect((await get(undefined, '/api/seal/public/status/3501009999999')).status).toBe(404);
    expect((await get(undefined, '/api/seal/public/status/%27;drop')).status).toBe(400);
    expect((await get(undefined, `/api/seal/public/status/${seal.esId}?at=yesterday`)).status).toBe(400);
  });

  it('holder-key seal: the holder’s device signs the prepared TBS_Sign; v1 seals too', async () => {
    // a signing certificate for the holder's own key, issued through the RA workflow
    const subject = await post('ra-entry', '/api/ca/subjects', { kind: 'person', name: '李四', organisation: '某某市人力资源和社会保障局', idType: 'resident-id', idNumber: '11010519491231002X' });
    expect(subject.status).toBe(201);
    const pair = sm2GenerateKeyPair();
    const csr = pemEncode('CERTIFICATE REQUEST', await buildCsr({ subject: [{ type: 'CN', value: 'x' }] as NameAttribute[], signer: sm2Signer(pair) }));
    const app = await post('ra-entry', '/api/ca/applications', { subjectId: subject.body.id, profile: 'sm2-dual', csrPem: csr });
    expect(app.status).toBe(201);
    await post('ra-review', `/api/ca/applications/${app.body.id}/approve`);
    const issued = await post('ra-issue', `/api/ca/applications/${app.body.id}/issue`);
    expect(issued.body.status).toBe('issued');
    const signCertId = (await caKnex('ca_certificates').whereIn('id', issued.body.certificateIds).where({ usage: 'sign' }).first()).id;

    for (const version of [4, 1] as const) {
      const seal = await madeAndIssued({ type: 'personal', name: '李四', ownerName: '李四', keyMode: 'holder', certificateIds: [signCertId], template: { kind: 'square' }, version, validEnd: validEnd(), holders: ['user:default/seal-user'] });
      expect(seal.version).toBe(version);
      const data = Buffer.from(`个人承诺书 v${version}`);
      const prep = await post('seal-user', `/api/seal/seals/${seal.id}/sign/prepare`, { data: data.toString('base64'), documentName: '承诺书', documentType: '承诺书', certificateId: signCertId });
      expect(prep.status).toBe(201);
      // a server-key call on a holder seal is refused
      expect((await post('seal-user', `/api/seal/seals/${seal.id}/sign`, { data: data.toString('base64'), documentName: 'x', documentType: 'x' })).body.error.code).toBe('ILLEGAL_TRANSITION');
      // a wrong signature is refused and the use stays prepared
      const wrong = await sm2Signer(sm2GenerateKeyPair()).sign(Buffer.from(prep.body.tbs, 'base64'));
      expect((await post('seal-user', `/api/seal/uses/${prep.body.useId}/complete`, { signature: Buffer.from(wrong).toString('base64') })).status).toBe(400);
      const devSig = await sm2Signer(pair).sign(Buffer.from(prep.body.tbs, 'base64'));
      // only who prepared it completes it
      expect((await post('seal-admin', `/api/seal/uses/${prep.body.useId}/complete`, { signature: Buffer.from(devSig).toString('base64') })).status).toBe(403);
      const done = await post('seal-user', `/api/seal/uses/${prep.body.useId}/complete`, { signature: Buffer.from(devSig).toString('base64') });
      expect(done.status).toBe(201);
      const sig = Buffer.from(done.body.signature, 'base64');
      expect(parseSesSignature(sig).version).toBe(version);
      expect(verifySesSignature(sig, { data })).toMatchObject({ valid: true });
      const bc = await bcCheck('ses', ['--data', 'data.bin', 'sig.ses'], { files: { 'sig.ses': sig, 'data.bin': data } });
      expect(bc.ok).toBe(true);
      const bcSeal = await bcCheck('seal', ['seal.esl'], { files: { 'seal.esl': parseSesSignature(sig).seal.der } });
      expect(bcSeal.result).toMatchObject({ version });
      expect(bcSeal.ok).toBe(true);
      expect((await post('seal-user', `/api/seal/uses/${prep.body.useId}/complete`, { signature: Buffer.from(devSig).toString('base64') })).body.error.code).toBe('ILLEGAL_TRANSITION');
    }
    // revoking the holder's certificate at the CA stops further use
    const personal = await madeAndIssued({ type: 'personal', name: '李四', ownerName: '李四', keyMode: 'holder', certificateIds: [signCertId], template: { kind: 'square' }, validEnd: validEnd(), holders: ['user:default/seal-user'] });
    expect((await post('ra-review', `/api/ca/certificates/${signCertId}/revoke`, { reason: 'keyCompromise' })).status).toBe(200);
    const after = await post('seal-user', `/api/seal/seals/${personal.id}/sign/prepare`, { dataHash: '22'.repeat(32), documentName: 'x', documentType: 'x', certificateId: signCertId });
    expect(after.body.error.code).toBe('SEAL_NOT_USABLE');
    // and a seal cannot be applied for with a revoked certificate
    const refused = await post('seal-admin', '/api/seal/seals', { type: 'personal', name: '李四', ownerName: '李四', keyMode: 'holder', certificateIds: [signCertId], template: { kind: 'square' }, validEnd: validEnd() });
    expect(refused.status).toBe(400);
  });

  it('a holder applies the seal with the key on their USB key (yinxin-token seal-sign): the key never leaves the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yinxin-seal-token-'));
    const tokenFile = join(dir, 'token.json');
    const api = `http://127.0.0.1:${server.address().port}/api/ca`;
    const bearer = (who: string) => as(who).replace(/^Bearer /, '');
    const lines: string[] = [];
    const cli = (args: string[], who?: string) =>
      runTokenCli([...args, ...(who ? ['--token', bearer(who)] : [])], {
        env: { YINXIN_PIN: 'Pin-246810', YINXIN_NEW_PIN: 'Pin-246810' },
        out: l => lines.push(l),
        err: l => lines.push(l),
      });
    expect(await cli(['init', '--file', tokenFile, '--serial', 'SEAL-TOKEN-01'])).toBe(0);
    expect(await cli(['csr', '--file', tokenFile, '--cn', '王五', '--out', join(dir, 'req.pem')])).toBe(0);
    const subject = await post('ra-entry', '/api/ca/subjects', { kind: 'person', name: '王五', organisation: '某某市人力资源和社会保障局', idType: 'resident-id', idNumber: '110105198001010016' });
    expect(subject.status).toBe(201);
    const app = await post('ra-entry', '/api/ca/applications', { subjectId: subject.body.id, profile: 'sm2-dual', csrPem: readFileSync(join(dir, 'req.pem'), 'utf8'), tokenSerial: 'SEAL-TOKEN-01' });
    expect(app.status).toBe(201);
    await post('ra-review', `/api/ca/applications/${app.body.id}/approve`);
    const issued = await post('ra-issue', `/api/ca/applications/${app.body.id}/issue`);
    expect(issued.body.status).toBe('issued');
    expect(await cli(['import', '--file', tokenFile, '--api', api, '--application', app.body.id], 'ra-entry')).toBe(0);
    const signCertId = (await caKnex('ca_certificates').whereIn('id', issued.body.certificateIds).where({ usage: 'sign' }).first()).id;
    const seal = await madeAndIssued({ type: 'personal', name: '王五', ownerName: '王五', keyMode: 'holder', certificateIds: [signCertId], template: { kind: 'square' }, validEnd: validEnd(), holders: ['user:default/seal-user'] });
    const doc = join(dir, '承诺书.txt');
    writeFileSync(doc, '本人承诺所提交材料真实有效。');
    const out = join(dir, 'promise.ses');
    expect(await cli(['seal-sign', '--file', tokenFile, '--api', api, '--seal', seal.id, '--document', doc, '--type', '承诺书', '--timestamp', '--out', out], 'seal-user')).toBe(0);
    const bc = await bcCheck('ses', ['--data', 'doc.txt', 'sig.ses'], { files: { 'sig.ses': readFileSync(out), 'doc.txt': readFileSync(doc) } });
    expect(bc.result).toMatchObject({ signatureValid: true, sealMakerValid: true, signerInSealList: true, dataHashMatches: true, timeStampPresent: true, timeStampImprintMatches: true });
    expect(bc.ok).toBe(true);
    // a user who does not hold the seal is refused, and the token is not asked to sign
    expect(await cli(['seal-sign', '--file', tokenFile, '--api', api, '--seal', seal.id, '--document', doc, '--type', '承诺书', '--out', join(dir, 'x.ses')], 'seal-user-2')).toBe(1);
    expect(lines.join('\n')).toMatch(/NOT_A_HOLDER/);
  });

  it('use approvals: a policy that needs 用印审批 refuses use without an approved request and counts uses', async () => {
    const seal = await madeAndIssued(officialSeal({ type: 'contract', name: '某某市人力资源和社会保障局合同专用章', template: { kind: 'round', sizeMm: 42, lowerText: '合同专用章' } }));
    expect((await put('seal-admin', `/api/seal/seals/${seal.id}/policy`, { requireApproval: true, documentTypes: ['合同'], maxUsesPerApproval: 2 })).status).toBe(200);
    const body = { dataHash: '33'.repeat(32), documentName: '采购合同', documentType: '合同' };
    expect((await post('seal-user', `/api/seal/seals/${seal.id}/sign`, body)).body.error.code).toBe('USE_APPROVAL_REQUIRED');
    expect((await post('seal-user', `/api/seal/seals/${seal.id}/sign`, { ...body, documentType: '通知' })).status).toBe(400);
    const req = await post('seal-user', '/api/seal/use-requests', { sealId: seal.id, documentType: '合同', documentName: '采购合同', purpose: '与供应商签约', uses: 2 });
    expect(req.status).toBe(201);
    expect((await post('seal-user', '/api/seal/use-requests', { sealId: seal.id, documentType: '合同', documentName: 'x', purpose: 'y', uses: 3 })).status).toBe(400);
    // the requester cannot approve (no permission); a reviewer can
    expect((await post('seal-user', `/api/seal/use-requests/${req.body.id}/approve`)).status).toBe(403);
    expect((await post('seal-user', `/api/seal/seals/${seal.id}/sign`, { ...body, useRequestId: req.body.id })).body.error.code).toBe('USE_APPROVAL_REQUIRED');
    const approved = await post('seal-review', `/api/seal/use-requests/${req.body.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', usesLeft: 2, approver: 'user:default/seal-review' });
    expect((await post('seal-user', `/api/seal/seals/${seal.id}/sign`, { ...body, useRequestId: req.body.id })).status).toBe(201);
    expect((await post('seal-user', `/api/seal/seals/${seal.id}/sign`, { ...body, useRequestId: req.body.id })).status).toBe(201);
    expect((await post('seal-user', `/api/seal/seals/${seal.id}/sign`, { ...body, useRequestId: req.body.id })).body.error.code).toBe('USE_APPROVAL_REQUIRED');
    const list = await get('seal-user', '/api/seal/use-requests');
    expect(list.body.items.find((r: any) => r.id === req.body.id)).toMatchObject({ status: 'exhausted', usesLeft: 0 });
    const uses = await get('seal-review', `/api/seal/uses?sealId=${seal.id}`);
    expect(uses.body.items.every((u: any) => u.useRequestId === req.body.id)).toBe(true);
  });

  it('changes a seal: a new version linked to its predecessor, which becomes superseded when the new one is issued', async () => {
    const old = await madeAndIssued();
    const change = await post('seal-admin', `/api/seal/seals/${old.id}/change`, officialSeal({ template: { kind: 'round', sizeMm: 42 } }));
    expect(change.status).toBe(201);
    expect(change.body).toMatchObject({ predecessorId: old.id, generation: 2, status: 'pending' });
    expect((await post('seal-admin', `/api/seal/seals/${old.id}/change`, officialSeal())).body.error.code).toBe('CONFLICT');
    await post('seal-review', `/api/seal/seals/${change.body.id}/approve`);
    const made = await post('seal-admin', `/api/seal/seals/${change.body.id}/make`);
    expect(made.body.filingNumber).toMatch(/02$/);
    await post('seal-admin', `/api/seal/seals/${change.body.id}/issue`);
    const before = (await get('seal-admin', `/api/seal/seals/${old.id}`)).body;
    expect(before).toMatchObject({ status: 'superseded', successorId: change.body.id });
    expect((await caKnex('ca_certificates').where({ id: old.certificates[0].caCertificateId }).first()).status).toBe('revoked');
    expect((await caKnex('ca_certificates').where({ id: made.body.certificates[0].caCertificateId }).first()).status).toBe('good');
    expect(before.history.at(-1)).toMatchObject({ action: 'supersede', fromStatus: 'active', toStatus: 'superseded' });
  });

  it('a handwritten signature from an uploaded scan; drawn impressions are real seals (size, transparency, seal code on the arc)', async () => {
    const up = await post('seal-admin', '/api/seal/seals', { type: 'signature', name: '张三签名', ownerName: '张三', keyMode: 'server', uploadPng: samplePng().toString('base64'), validEnd: validEnd() });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ type: 'signature', ownerKind: 'person', widthMm: 20, heightMm: 20 });
    expect(up.body.template).toBeUndefined();
    const seal = await madeAndIssued();
    const der = (await get('seal-admin', `/api/seal/seals/${seal.id}/seal.esl`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })).body as Buffer;
    const picture = Buffer.from(parseSeal(der).picture.data);
    expect(picture.readUInt32BE(16)).toBe(472); // 40 mm at 300 dpi
    const svg = await get('seal-admin', `/api/seal/seals/${seal.id}/picture.svg`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(svg.status).toBe(200);
    const svgText = (svg.body as Buffer).toString('utf8');
    // glyph outlines, no fonts needed to show it
    expect(svgText).toMatch(/^(<\?xml[^>]*>\s*)?<svg[^>]*width="40mm"/);
    expect(svgText).toContain('<path');
    expect(svgText).not.toContain('<text');
    // the seal code, given when made, is drawn along the lower arc of the impression that was signed:
    // the signed picture differs from the one drawn at application (without the code)
    expect(seal.esId).toMatch(/^350100\d{7}$/);
  });

  it('bad input gets clear errors and changes nothing', async () => {
    const snap = await snapshot(knex);
    const cases: [object, number, string][] = [
      [{ ...officialSeal(), type: 'bogus' }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), validEnd: '2020-01-01T00:00:00Z' }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), ownerCode: '123' }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), keyMode: 'holder', certificateIds: ['00000000-0000-4000-8000-000000000000'] }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), keyMode: 'holder' }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), template: undefined, uploadPng: Buffer.from('not a png').toString('base64') }, 400, 'BAD_IMAGE'],
      [{ ...officialSeal(), template: undefined, uploadPng: '!!!' }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), template: undefined, uploadPng: samplePng().subarray(0, 600).toString('base64') }, 400, 'BAD_IMAGE'],
      [{ ...officialSeal(), type: 'signature', template: undefined }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), template: { kind: 'round', text: '字'.repeat(40) } }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), holders: ['alice'] }, 400, 'VALIDATION_FAILED'],
      [{ ...officialSeal(), type: 'personal', ownerCode: '11010519491231002X', template: { kind: 'square' } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const r = await post('seal-admin', '/api/seal/seals', body);
      expect([JSON.stringify(body).slice(0, 80), r.status, r.body.error?.code]).toEqual([JSON.stringify(body).slice(0, 80), status, code]);
    }
    const huge = await post('seal-admin', '/api/seal/seals', { ...officialSeal(), template: undefined, uploadPng: 'A'.repeat(3 * 1024 * 1024) });
    expect(huge.status).toBe(400);
    const badSes = await post(undefined, '/api/seal/public/verify', { signature: Buffer.from('garbage').toString('base64') });
    expect(badSes.status).toBe(400);
    expect(badSes.body.error.code).toBe('BAD_SEAL');
    expect(await snapshot(knex)).toBe(snap);
  });

  it('every action is in the hash-chained audit log, which verifies', async () => {
    const actions = (await knex('audit_log').select('action')).map((r: any) => r.action);
    for (const a of ['seal.apply', 'seal.approve', 'seal.make', 'seal.issue', 'seal.suspend', 'seal.resume', 'seal.report-lost', 'seal.revoke', 'seal.use.sign', 'seal.use.prepare', 'seal.use-request.approve', 'seal.change', 'seal.supersede', 'seal.service-key.maker', 'seal.service-key.status']) {
      expect(actions).toContain(a);
    }
    expect((await verifyAuditLog(knex)).ok).toBe(true);
  });
});
