/*
 * Benchmark of the OCSP responder and the TSAs over HTTP on loopback (issue 4 goal: at least
 * 5,000 OCSP responses per second on 2 cores). The CA routes run in their own process (the real
 * router, responder and SQLite database; authentication stubbed to anonymous as for public
 * routes); load comes from autocannon in another process. Prints Markdown.
 */
import { execFileSync, fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import knexFactory from 'knex';
import { buildCsr, buildOcspRequest, buildTimeStampReq, certIdFor, parseOcspResponse, parseTimeStampResp, pemEncode, sm2GenerateKeyPair, sm2Signer } from '@yinxin/gm';
import { AuditLog, createApiRouter, migrateAuditLog } from '@yinxin/ops-node';
import { migrateCa } from '../db/migrations';
import { migrateKmc } from '../kmc/migrations';
import { Keystore } from '@yinxin/keystore';
import { SealingKey } from '@yinxin/keystore';
import { Hierarchy } from '../ca/Hierarchy';
import { CertificateStore } from '../ca/CertificateStore';
import { KmcService } from '../kmc/KmcService';
import { SubjectStore } from '../ra/subjects';
import { ApplicationService } from '../ra/ApplicationService';
import { UnlockService } from '../unlock/UnlockService';
import { applicationProfiles } from '../profiles/profiles';
import { registerCaRoutes } from '../router';
import { CrlService } from '../publication/CrlService';
import { ServiceCertificates } from '../publication/ServiceCertificates';
import { OcspResponder } from '../publication/OcspResponder';
import { TsaService } from '../publication/TsaService';
import { startLdapPublication } from '../publication/ldap';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/** Child process: the CA API with one issued SM2 and one RSA certificate; sends the requests to use. */
async function serve() {
  const dir = mkdtempSync(join(os.tmpdir(), 'yinxin-ocsp-bench-'));
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: join(dir, 'ca.sqlite') }, useNullAsDefault: true });
  await migrateCa(knex);
  await migrateKmc(knex);
  await migrateAuditLog(knex);
  const master = new SealingKey(Buffer.alloc(16, 7));
  const audit = new AuditLog({ knex, source: 'ca' });
  const urls = { httpBase: 'http://127.0.0.1/api/ca/public' };
  const keystore = new Keystore(knex, master.derive('keystore'), { rsaBits: 2048 });
  const hierarchy = new Hierarchy({ knex, keystore, audit, urls, organisation: '基准测试 CA' });
  await hierarchy.ensureDevelopmentHierarchy();
  const kmc = new KmcService({ knex, kek: new SealingKey(Buffer.alloc(16, 9)), audit, poolLowWater: 1, poolTarget: 4 });
  await kmc.refillPool();
  const certificates = new CertificateStore(knex, audit, kmc, '基准测试 CA');
  const subjects = new SubjectStore(knex, master.derive('pii'), audit);
  const applications = new ApplicationService({ knex, audit, hierarchy, certificates, subjects, kmc, profiles: applicationProfiles(), urls, tokenKeys: master.derive('token'), caName: '基准测试 CA' });
  const unlock = new UnlockService(knex, master.derive('token'), audit, { get: async () => undefined });
  const crls = new CrlService({ knex, audit, hierarchy, urls });
  const services = new ServiceCertificates({ knex, audit, keystore, hierarchy, certificates, urls });
  await services.ensure();
  const ocsp = new OcspResponder({ knex, services });
  const tsa = new TsaService({ knex, services });
  const httpAuth: any = { credentials: async () => ({ $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/bench' } }) };
  const permissions: any = { authorize: async (reqs: unknown[]) => reqs.map(() => ({ result: 'ALLOW' })) };
  const logger: any = { error() {}, warn() {}, info() {}, debug() {}, child: () => logger };
  const api = createApiRouter({ httpAuth, permissions, logger });
  registerCaRoutes(api, { hierarchy, certificates, applications, subjects, kmc, unlock, crls, ocsp, tsa, services, ldap: startLdapPublication({ knex, audit, crls, certificates, config: undefined }), audit, knex, urls: { ...urls, apiBase: 'http://127.0.0.1/api/ca' } });
  const server = http.createServer(express().use('/api/ca', api.router));
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as any).port;

  const subject = await subjects.create('user:default/bench', { kind: 'person', name: '基准用户', organisation: '基准单位', idType: 'other', idNumber: 'BENCH0001' });
  const csrPem = pemEncode('CERTIFICATE REQUEST', await buildCsr({ subject: [{ type: 'CN', value: 'x' }], signer: sm2Signer(sm2GenerateKeyPair()) }));
  const app = await applications.submit('user:default/entry', { subjectId: subject.id, profile: 'sm2-dual', csrPem });
  await applications.approve('user:default/review', app.id);
  const issued = await applications.issue('user:default/issuer', app.id);
  const cert = await certificates.row(issued.certificateIds[0]);
  const issuer = await hierarchy.row(cert.issuer_id);
  const certId = certIdFor({ issuerCert: Buffer.from(issuer.certificate_der, 'base64'), serial: cert.serial, hashAlgorithm: 'SHA-1' });
  const plain = Buffer.from(await buildOcspRequest({ certIds: [certId] }));
  const withNonce = Buffer.from(await buildOcspRequest({ certIds: [certId], nonce: true }));
  const tsq = Buffer.from(buildTimeStampReq({ hashAlgorithm: 'SM3', data: Buffer.from('bench'), certReq: true }));
  process.on('message', async (m: any) => {
    if (m?.count) process.send!({ tokens: Number((await knex('ca_tsa_tokens').count<{ n: number }[]>({ n: '*' }))[0].n) });
  });
  process.send!({ port, issuerId: cert.issuer_id, plain: plain.toString('base64'), withNonce: withNonce.toString('base64'), tsq: tsq.toString('base64') });
}

/** Load from another process: autocannon's API (its CLI cannot send a binary body). */
function autocannon(target: { url: string; method?: string; contentType?: string; bodyB64?: string }): { requests: number; latencyP99: number; non2xx: number } {
  const out = execFileSync(process.execPath, ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs'), __filename, '--load', JSON.stringify(target)], {
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.toString());
}

async function load(target: { url: string; method?: string; contentType?: string; bodyB64?: string }) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const run = require('autocannon');
  const result = await run({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.contentType ? { 'content-type': target.contentType } : {},
    body: target.bodyB64 ? Buffer.from(target.bodyB64, 'base64') : undefined,
    connections: 32,
    duration: SECONDS,
  });
  process.stdout.write(JSON.stringify({ requests: result.requests.average, latencyP99: result.latency.p99, non2xx: result.non2xx }));
}

/** Runs the benchmark; rows: operation, requests per second, p99 ms, non-2xx. */
export async function runOcspBench(): Promise<string[][]> {
  const child = fork(__filename, ['--serve'], { execArgv: ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs')] });
  const info: any = await new Promise((resolve, reject) => {
    child.on('message', (m: any) => m && typeof m === 'object' && 'port' in m && resolve(m));
    child.once('exit', code => reject(new Error(`server exited ${code}`)));
  });
  const base = `http://127.0.0.1:${info.port}/api/ca`;
  const rows: string[][] = [];
  const add = (label: string, r: ReturnType<typeof autocannon>) => rows.push([label, r.requests.toFixed(0), String(r.latencyP99), String(r.non2xx)]);
  // Each request must get a real answer, not an error wrapped in a 200.
  const check = async (label: string, url: string, init: RequestInit | undefined, ok: (der: Buffer) => boolean) => {
    const der = Buffer.from(await (await fetch(url, init)).arrayBuffer());
    if (!ok(der)) throw new Error(`${label}: unexpected answer ${der.toString('hex').slice(0, 40)}`);
  };
  const ocspGood = (der: Buffer) => parseOcspResponse(der).basic?.responses[0].status === 'good';
  await check('GET', `${base}/public/ocsp/${info.issuerId}/${encodeURIComponent(info.plain)}`, undefined, ocspGood);
  await check('POST', `${base}/public/ocsp/${info.issuerId}`, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: Buffer.from(info.withNonce, 'base64') }, ocspGood);
  await check('TSA', `${base}/tsa/sm2`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: Buffer.from(info.tsq, 'base64') }, der => parseTimeStampResp(der).status === 'granted');
  try {
    add('OCSP GET, cached answer (RFC 5019)', autocannon({ url: `${base}/public/ocsp/${info.issuerId}/${encodeURIComponent(info.plain)}` }));
    add('OCSP POST with a nonce (signed each time, SM2)', autocannon({ url: `${base}/public/ocsp/${info.issuerId}`, method: 'POST', contentType: 'application/ocsp-request', bodyB64: info.withNonce }));
    const tokens = async () => {
      child.send({ count: true });
      return new Promise<number>(resolve => child.on('message', (m: any) => m && 'tokens' in m && resolve(m.tokens)));
    };
    const before = await tokens();
    const stamped = autocannon({ url: `${base}/tsa/sm2`, method: 'POST', contentType: 'application/timestamp-query', bodyB64: info.tsq });
    const recorded = (await tokens()) - before;
    add(`TSA SM2 token (signed and recorded each time; ${recorded} tokens recorded)`, stamped);
  } finally {
    child.kill();
  }
  return rows;
}

if (process.argv.includes('--load')) {
  load(JSON.parse(process.argv[process.argv.indexOf('--load') + 1])).catch(e => {
    console.error(e);
    process.exit(1);
  });
} else if (process.argv.includes('--serve')) {
  serve().catch(e => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
  runOcspBench().then(rows => {
    console.log(`\nOCSP and TSA over HTTP (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, autocannon 32 connections, ${SECONDS} s each)\n`);
    console.log('| operation | requests/s | p99 ms | non-2xx |\n|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  });
}
