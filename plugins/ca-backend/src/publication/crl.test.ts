/*
 * CRLs over HTTP on each database engine: full and delta CRLs for every authority, rebuilt after
 * revocation, hold and release without the revocation waiting, served unauthenticated with cache
 * headers at the URL the certificates carry. Checked by independent implementations: OpenSSL
 * (RSA CRL signatures, `crl -text`, `verify -crl_check` with full and delta CRLs) and BouncyCastle
 * (SM2 CRL signatures and entries).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Knex } from 'knex';
import { TestDatabaseId, startTestBackend } from '@backstage/backend-test-utils';
import { engineDatabaseFactory, engineDatabases } from '@yinxin/backend-testing';
import { NameAttribute, buildCsr, parseCrl, pemEncode, sm2GenerateKeyPair, sm2Signer } from '@yinxin/gm';
import { bcCheck, runOpenssl } from '@yinxin/pki-interop';
import { AuditLog } from '@yinxin/ops-node';
import { TEST_CA_CONFIG, as, caTestFeatures } from '../testing/caBackend';

jest.setTimeout(600_000);

const databases = engineDatabases();
const SUBJECT = [{ type: 'CN', value: '忽略' }] as NameAttribute[];

function rsaCsr(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yinxin-rsa-'));
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=ignored', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'r.pem')], { stdio: 'ignore' });
  return readFileSync(join(dir, 'r.pem'), 'utf8');
}

/** Runs openssl in a fresh folder holding `files`. */
async function openssl(args: string[], files: Record<string, string | Uint8Array>) {
  const cwd = mkdtempSync(join(tmpdir(), 'yinxin-crl-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(cwd, name), content);
  return runOpenssl(args, undefined, { cwd });
}

describe.each(databases.eachSupportedId())('CRLs on %p', (databaseId: TestDatabaseId) => {
  let server: any;
  let stop: () => Promise<void>;
  let knex: Knex;
  const api = () => request(server);
  const post = (who: string, path: string, body: object = {}) => api().post(`/api/ca${path}`).set('Authorization', as(who)).send(body);
  const get = (who: string, path: string) => api().get(`/api/ca${path}`).set('Authorization', as(who));
  /** A public CRL, fetched without credentials, as DER. */
  const fetchCrl = async (file: string) => {
    const res = await api().get(`/api/ca/public/crl/${file}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    return res;
  };
  /** Waits (without a time assertion) until the CRL `file` satisfies `ok`. */
  const waitForCrl = async (file: string, ok: (crl: ReturnType<typeof parseCrl>) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const res = await fetchCrl(file);
      if (res.status === 200) {
        const crl = parseCrl(res.body);
        if (ok(crl)) return { crl, der: res.body as Buffer };
      }
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error(`CRL ${file} never reached the expected state`);
  };

  let authorities: any[] = [];
  const authority = (algorithm: string, kind: string) => authorities.find(a => a.algorithm === algorithm && a.kind === kind);
  let personId = '';

  beforeAll(async () => {
    const yinxin = { ...TEST_CA_CONFIG, ca: { ...(TEST_CA_CONFIG.ca as object), crl: { rebuildDelayMs: 50 } } };
    const backend = await startTestBackend({
      features: caTestFeatures(yinxin, [
        engineDatabaseFactory(databases, databaseId, (pluginId, k) => {
          if (pluginId === 'ca') knex = k;
        }),
      ]),
    });
    server = backend.server;
    stop = () => backend.stop();
    authorities = (await get('ca-admin', '/authorities')).body;
    const subject = await post('ra-entry', '/subjects', { kind: 'person', name: '李四', organisation: '省人社厅', idType: 'other', idNumber: 'CRL0001' });
    personId = subject.body.id;
  });
  afterAll(async () => stop?.());

  async function issue(profile: string, csrPem: string) {
    const app = await post('ra-entry', '/applications', { subjectId: personId, profile, csrPem });
    expect(app.status).toBe(201);
    await post('ra-review', `/applications/${app.body.id}/approve`);
    const issued = await post('ra-issue', `/applications/${app.body.id}/issue`);
    expect(issued.body.status).toBe('issued');
    return Promise.all(issued.body.certificateIds.map(async (id: string) => (await get('ra-review', `/certificates/${id}`)).body));
  }

  it('issues a full CRL for every authority at start, served without credentials at the URL in the certificates', async () => {
    const status = await get('ca-admin', '/crls');
    expect(status.status).toBe(200);
    expect(status.body.filter((s: any) => s.kind === 'full').map((s: any) => s.issuerId).sort()).toEqual(authorities.map(a => a.id).sort());
    const [cert] = await issue('rsa-sign', rsaCsr());
    const cdp = cert.crlDistributionPoints.find((u: string) => u.startsWith('http'));
    const issuing = authority('RSA', 'issuing');
    expect(cdp).toMatch(new RegExp(`/api/ca/public/crl/${issuing.id}\\.crl$`));
    const res = await fetchCrl(`${issuing.id}.crl`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pkix-crl');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(res.headers.expires).toBeTruthy();
    // The same CRL again is a 304 for a client that has it.
    const again = await api().get(`/api/ca/public/crl/${issuing.id}.crl`).set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
    expect((await api().get('/api/ca/public/crl/not-a-crl.txt')).status).toBe(404);
    expect((await api().get('/api/ca/public/crl/00000000-0000-4000-8000-000000000000.crl')).status).toBe(404);
    // OpenSSL checks the signature with the issuing CA's certificate.
    const checked = await openssl(['crl', '-inform', 'DER', '-in', 'crl.der', '-CAfile', 'ca.pem', '-noout'], { 'crl.der': res.body, 'ca.pem': issuing.pem });
    expect(checked.stderr).toMatch(/verify OK/);
  });

  it('lists a revoked RSA certificate with its reason and invalidity date in the delta, then the full CRL; OpenSSL refuses the certificate', async () => {
    const issuing = authority('RSA', 'issuing');
    const root = authority('RSA', 'root');
    const [cert] = await issue('rsa-sign', rsaCsr());
    const before = parseCrl((await fetchCrl(`${issuing.id}.crl`)).body);
    const revoked = await post('ra-review', `/certificates/${cert.id}/revoke`, { reason: 'keyCompromise', invalidityDate: '2026-11-01T00:00:00.000Z' });
    expect(revoked.status).toBe(200);
    const delta = await waitForCrl(`${issuing.id}-delta.crl`, c => c.entries.some(e => e.serialHex === cert.serial));
    const full = await waitForCrl(`${issuing.id}.crl`, c => c.entries.some(e => e.serialHex === cert.serial));
    expect(full.crl.crlNumber! > before.crlNumber!).toBe(true);
    expect(delta.crl.deltaCrlIndicator).toBeDefined();
    expect(delta.crl.deltaCrlIndicator! < delta.crl.crlNumber!).toBe(true);
    const entry = full.crl.entries.find(e => e.serialHex === cert.serial)!;
    expect(entry.reason).toBe(1);
    expect(entry.invalidityDate?.toISOString()).toBe('2026-11-01T00:00:00.000Z');

    const text = await openssl(['crl', '-inform', 'DER', '-in', 'crl.der', '-noout', '-text'], { 'crl.der': full.der });
    expect(text.stdout.toUpperCase()).toContain(cert.serial.toUpperCase());
    expect(text.stdout).toMatch(/Key Compromise/);
    expect(text.stdout).toMatch(/Invalidity Date/);
    expect(text.stdout).toMatch(/X509v3 Issuing Distribution Point: critical/);
    const deltaText = await openssl(['crl', '-inform', 'DER', '-in', 'delta.der', '-noout', '-text', '-CAfile', 'ca.pem'], { 'delta.der': delta.der, 'ca.pem': issuing.pem });
    expect(deltaText.stderr).toMatch(/verify OK/);
    expect(deltaText.stdout).toMatch(/X509v3 Delta CRL Indicator: critical/);

    // A relying party with the CRL refuses the certificate; with the CRL from before, it accepts it.
    const crlPem = (der: Uint8Array) => pemEncode('X509 CRL', der);
    const files = { 'chain.pem': `${root.pem}\n${issuing.pem}`, 'leaf.pem': cert.pem, 'full.pem': crlPem(full.der), 'old.pem': crlPem(before.der), 'delta.pem': crlPem(delta.der) };
    const refused = await openssl(['verify', '-crl_check', '-CAfile', 'chain.pem', '-CRLfile', 'full.pem', 'leaf.pem'], files);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/certificate revoked/);
    const accepted = await openssl(['verify', '-crl_check', '-CAfile', 'chain.pem', '-CRLfile', 'old.pem', 'leaf.pem'], files);
    expect(accepted.stdout).toMatch(/leaf.pem: OK/);
  });

  it('a delta CRL completes an older full CRL for OpenSSL (-use_deltas)', async () => {
    const issuing = authority('RSA', 'issuing');
    const root = authority('RSA', 'root');
    const fullNow = await post('ca-admin', `/crls/${issuing.id}/issue`, { kind: 'full' });
    expect(fullNow.status).toBe(200);
    const base = (await fetchCrl(`${issuing.id}.crl`)).body as Buffer;
    const [cert] = await issue('rsa-sign', rsaCsr());
    // Only the delta is issued by hand; the rebuild after the revocation may add a full CRL too,
    // but the relying party below only has the older base.
    await post('ra-review', `/certificates/${cert.id}/revoke`, { reason: 'affiliationChanged' });
    const delta = await waitForCrl(`${issuing.id}-delta.crl`, c => c.entries.some(e => e.serialHex === cert.serial));
    expect(delta.crl.deltaCrlIndicator).toBe(parseCrl(base).crlNumber);
    const files = {
      'chain.pem': `${root.pem}\n${issuing.pem}`,
      'leaf.pem': cert.pem,
      'base.pem': pemEncode('X509 CRL', base),
      'delta.pem': pemEncode('X509 CRL', delta.der),
    };
    const withDelta = await openssl(['verify', '-crl_check', '-use_deltas', '-CAfile', 'chain.pem', '-CRLfile', 'base.pem', '-CRLfile', 'delta.pem', 'leaf.pem'], files);
    expect(`${withDelta.stdout}${withDelta.stderr}`).toMatch(/certificate revoked/);
    const baseOnly = await openssl(['verify', '-crl_check', '-CAfile', 'chain.pem', '-CRLfile', 'base.pem', 'leaf.pem'], files);
    expect(baseOnly.stdout).toMatch(/leaf.pem: OK/);
  });

  it('hold puts an SM2 pair on the CRL; release lists it as removeFromCRL in the delta; BouncyCastle verifies the SM2 CRLs', async () => {
    const issuing = authority('SM2', 'issuing');
    const pair = sm2GenerateKeyPair();
    const certs = await issue('sm2-dual', pemEncode('CERTIFICATE REQUEST', await buildCsr({ subject: SUBJECT, signer: sm2Signer(pair) })));
    const serials = certs.map((c: any) => c.serial).sort();
    // BouncyCastle prints serials as numbers (no leading zero digit); compare them as numbers.
    const listed = (bcSerial: string) => serials.some((s: string) => BigInt(`0x${s}`) === BigInt(`0x${bcSerial}`));
    expect((await post('ra-review', `/certificates/${certs[0].id}/hold`, { comment: '用户挂失' })).status).toBe(200);
    const held = await waitForCrl(`${issuing.id}.crl`, c => serials.every((s: string) => c.entries.some(e => e.serialHex === s)));
    expect(held.crl.entries.filter(e => serials.includes(e.serialHex)).map(e => e.reason)).toEqual([6, 6]);
    const bcFull = await bcCheck('crl', ['--issuer', 'ca.pem', 'crl.der'], { files: { 'ca.pem': issuing.pem, 'crl.der': held.der } });
    expect(bcFull.ok).toBe(true);
    expect(bcFull.result.signatureValid).toBe(true);
    expect(bcFull.result.entries.filter((e: any) => listed(e.serial)).map((e: any) => e.reason)).toEqual(['certificateHold', 'certificateHold']);

    expect((await post('ra-review', `/certificates/${certs[0].id}/release`, {})).status).toBe(200);
    const delta = await waitForCrl(`${issuing.id}-delta.crl`, c => serials.every((s: string) => c.entries.some(e => e.serialHex === s && e.reason === 8)));
    const full = await waitForCrl(`${issuing.id}.crl`, c => !c.entries.some(e => serials.includes(e.serialHex)));
    expect(full.crl.crlNumber! > held.crl.crlNumber!).toBe(true);
    const bcDelta = await bcCheck('crl', ['--issuer', 'ca.pem', 'delta.der'], { files: { 'ca.pem': issuing.pem, 'delta.der': delta.der } });
    expect(bcDelta.ok).toBe(true);
    expect(bcDelta.result.entries.filter((e: any) => listed(e.serial)).map((e: any) => e.reason)).toEqual(['removeFromCRL', 'removeFromCRL']);
  });

  it('numbers each authority’s CRLs from one rising sequence, audits every CRL, and refuses CRL requests without the right', async () => {
    const issuing = authority('SM2', 'issuing');
    const numbers = (await knex('ca_crls').where({ issuer_id: issuing.id }).orderBy('id').pluck('number')) as number[];
    expect(numbers.length).toBeGreaterThan(1);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect((await post('ra-review', `/crls/${issuing.id}/issue`, { kind: 'full' })).status).toBe(403);
    expect((await get('requester', '/crls')).status).toBe(403);
    const audit = new AuditLog({ knex, source: 'ca' });
    const result = await audit.verify();
    expect(result.ok).toBe(true);
    const records = await knex('audit_log').where({ action: 'ca.crl.issue' }).count<{ n: number | string }[]>({ n: '*' });
    expect(Number(records[0].n)).toBeGreaterThanOrEqual(numbers.length);
  });
});
