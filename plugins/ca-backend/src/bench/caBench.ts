/*
 * Benchmark of the CA hot paths through the HTTP API (the real router, services and database;
 * authentication and the permission decision are stubbed to "allow", since they are measured in
 * the tickets benchmark): SM2 certificate issuance, SM2 dual enrolment (two certificates and a KMC
 * escrow with SM2EnvelopedKey) and the whole RA round trip. Run with `make bench`; prints Markdown.
 * Uses SQLite in memory and PostgreSQL (BENCH_PG or postgres:postgres@localhost) when reachable.
 */
import http from 'node:http';
import os from 'node:os';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { buildCsr, pemEncode, sm2GenerateKeyPair, sm2Signer } from '@yinxin/gm';
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

const N = Number(process.env.BENCH_CA_CERTS ?? 400);
const CLIENTS = 8;

async function startApi(knex: Knex) {
  await migrateCa(knex);
  await migrateKmc(knex);
  await migrateAuditLog(knex);
  const master = new SealingKey(Buffer.alloc(16, 7));
  const audit = new AuditLog({ knex, source: 'ca' });
  const urls = { httpBase: 'http://localhost:7007/api/ca/public' };
  const keystore = new Keystore(knex, master.derive('keystore'), { rsaBits: 2048 });
  const hierarchy = new Hierarchy({ knex, keystore, audit, urls, organisation: '基准测试 CA' });
  await hierarchy.ensureDevelopmentHierarchy();
  const kmc = new KmcService({ knex, kek: new SealingKey(Buffer.alloc(16, 9)), audit, poolLowWater: 10, poolTarget: 2 * N });
  const t0 = Date.now();
  await kmc.refillPool();
  const poolSeconds = (Date.now() - t0) / 1000;
  const certificates = new CertificateStore(knex, audit, kmc, '基准测试 CA');
  const subjects = new SubjectStore(knex, master.derive('pii'), audit);
  const applications = new ApplicationService({ knex, audit, hierarchy, certificates, subjects, kmc, profiles: applicationProfiles(), urls, tokenKeys: master.derive('token'), caName: '基准测试 CA' });
  const unlock = new UnlockService(knex, master.derive('token'), audit, { get: async () => undefined });
  let user = 0;
  const httpAuth: any = {
    credentials: async (req: express.Request) => ({ $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: String(req.headers['x-user'] ?? `user:default/u${user++}`) } }),
  };
  const permissions: any = { authorize: async (reqs: unknown[]) => reqs.map(() => ({ result: AuthorizeResult.ALLOW })) };
  const logger: any = { error: (m: unknown, e?: unknown) => console.error('API error', m, e), warn() {}, info() {}, debug() {}, child: () => logger };
  const api = createApiRouter({ httpAuth, permissions, logger });
  const crls = new CrlService({ knex, audit, hierarchy, urls });
  const services = new ServiceCertificates({ knex, audit, keystore, hierarchy, certificates, urls });
  await services.ensure();
  const ocsp = new OcspResponder({ knex, services });
  const tsa = new TsaService({ knex, services });
  registerCaRoutes(api, { hierarchy, certificates, applications, subjects, kmc, unlock, crls, ocsp, tsa, services, ldap: startLdapPublication({ knex, audit, crls, certificates, config: undefined }), audit, knex, urls: { ...urls, apiBase: 'http://localhost:7007/api/ca' } });
  const app = express().use('/api/ca', api.router);
  const server = http.createServer(app);
  await new Promise<void>(r => server.listen(0, r));
  const port = (server.address() as any).port;
  return { server, base: `http://127.0.0.1:${port}/api/ca`, poolSeconds };
}

async function call(base: string, method: string, path: string, user: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', 'x-user': user }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json: any = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function parallel(n: number, clients: number, fn: (i: number) => Promise<void>) {
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < n) await fn(next++);
  }));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function benchEngine(name: string, knex: Knex, rows: string[][]) {
  const { server, base, poolSeconds } = await startApi(knex);
  rows.push([name, `KMC pool: generate and seal ${2 * N} SM2 key pairs`, String(2 * N), poolSeconds.toFixed(2), ((2 * N) / poolSeconds).toFixed(0)]);
  const person = await call(base, 'POST', '/subjects', 'user:default/entry', { kind: 'person', name: '基准用户', organisation: '基准单位', idType: 'other', idNumber: 'BENCH0001' });
  const server1 = await call(base, 'POST', '/subjects', 'user:default/entry', { kind: 'server', name: 'bench.example.cn', dnsNames: ['bench.example.cn'] });
  const csrs = async (count: number) => Promise.all(Array.from({ length: count }, async () => pemEncode('CERTIFICATE REQUEST', await buildCsr({ subject: [{ type: 'CN', value: 'x' }], signer: sm2Signer(sm2GenerateKeyPair()) }))));
  for (const [profile, subjectId, label] of [['sm2-tls', server1.id, 'issue 1 SM2 certificate'], ['sm2-dual', person.id, 'dual enrolment: 2 SM2 certificates + KMC escrow']] as const) {
    const pems = await csrs(N);
    const ids: string[] = [];
    for (const csrPem of pems) {
      const a = await call(base, 'POST', '/applications', 'user:default/entry', { subjectId, profile, csrPem });
      await call(base, 'POST', `/applications/${a.id}/approve`, 'user:default/review');
      ids.push(a.id);
    }
    const s = await parallel(N, CLIENTS, async i => {
      await call(base, 'POST', `/applications/${ids[i]}/issue`, 'user:default/issuer');
    });
    rows.push([name, `${label} (POST /issue, ${CLIENTS} clients)`, String(N), s.toFixed(2), (N / s).toFixed(0)]);
  }
  const pems = await csrs(N / 2);
  const s = await parallel(N / 2, CLIENTS, async i => {
    const a = await call(base, 'POST', '/applications', 'user:default/entry', { subjectId: person.id, profile: 'sm2-dual', csrPem: pems[i] });
    await call(base, 'POST', `/applications/${a.id}/approve`, 'user:default/review');
    await call(base, 'POST', `/applications/${a.id}/issue`, 'user:default/issuer');
  });
  rows.push([name, `RA round trip: submit + approve + issue dual (${CLIENTS} clients)`, String(N / 2), s.toFixed(2), (N / 2 / s).toFixed(0)]);
  const q = await parallel(200, CLIENTS, async () => {
    await call(base, 'GET', '/certificates?q=%E5%9F%BA%E5%87%86&status=good&limit=50', 'user:default/review');
  });
  rows.push([name, 'certificate search (50 of all, with total)', '200', q.toFixed(2), (200 / q).toFixed(0)]);
  server.close();
  await knex.destroy();
}

/** Runs the CA benchmark and returns its rows (engine, operation, count, seconds, per second). */
export async function runCaBench(): Promise<string[][]> {
  const rows: string[][] = [];
  await benchEngine('SQLite', knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true }), rows);
  const pg = process.env.BENCH_PG ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
  const admin = knexFactory({ client: 'pg', connection: pg });
  try {
    await admin.raw('drop database if exists yinxin_ca_bench with (force)');
    await admin.raw('create database yinxin_ca_bench');
    await admin.destroy();
    const url = new URL(pg);
    url.pathname = '/yinxin_ca_bench';
    await benchEngine('PostgreSQL', knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 1, max: 10 } }), rows);
  } catch (e) {
    await admin.destroy().catch(() => {});
    rows.push(['PostgreSQL', `skipped: ${(e as Error).message.split('\n')[0]}`, '', '', '']);
  }
  return rows;
}

if (require.main === module) {
  runCaBench().then(rows => {
    console.log(`\nCA API (${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version})\n`);
    console.log('| engine | operation | count | seconds | per second |\n|---|---|---:|---:|---:|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  });
}

