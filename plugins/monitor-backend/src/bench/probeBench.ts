/*
 * Benchmark of the monitor's probes against real local servers started in this process: an HTTP
 * server, a TCP listener, a TLS server (an RSA-2048 certificate made by `openssl req -x509` in a
 * temporary folder) and an RFC 3161 TSA (SM2 tokens signed by @yinxin/gm, certificate from a test
 * CA). Each probe runs back to back for BENCH_SECONDS (default 3) at concurrency 1 and 32; then
 * full MonitorService rounds over an in-memory SQLite database with BENCH_TARGETS (default 200)
 * HTTP targets pointing at the local server: rounds, probes and samples ingested per second (after
 * one warm-up round that creates the series). The servers share the process (and its CPU) with
 * the probes. Connections end as a client closes them, so the TCP and TLS rows leave tens of
 * thousands of sockets in TIME_WAIT on loopback for a minute (Linux reuses them for new
 * connections after a second). Prints Markdown.
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/monitor-backend/src/bench/probeBench.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import knexFactory from 'knex';
import {
  OIDS,
  buildTimeStampFailure,
  buildTimeStampResp,
  encodeName,
  encodeTbsCertificate,
  ext,
  parseTimeStampReq,
  randomSerial,
  signCertificate,
  sm2GenerateKeyPair,
  sm2Signer,
  timeStampFailureOf,
} from '@yinxin/gm';
import { AuditLog, migrateAuditLog } from '@yinxin/ops-node';
import { probeHttp, probeTcp, probeTlsCertificate, probeTsa, type ProbeResult } from '@yinxin/probes';
import { MonitorService, createMonitorTables, defaultRules, type TargetConfig } from '../MonitorService';
import { SampleStore, createSeriesTables } from '../series/SampleStore';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const TARGETS = Number(process.env.BENCH_TARGETS ?? 200);
const DAY = 86_400_000;

type Closer = () => Promise<void>;

async function listen(server: net.Server): Promise<{ port: number; close: Closer }> {
  // A deep accept queue: the probes complete their handshakes in the kernel and may run ahead of
  // the accept loop of the same thread; an overflow drops SYNs, costing a 1 s retransmission.
  await new Promise<void>(r => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => r()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise(r => {
        if (server instanceof http.Server) server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A TSA as the CA runs it: SM2, a critical id-kp-timeStamping certificate, nonce echoed, certReq honoured. */
async function tsaServer(): Promise<http.Server> {
  const ca = sm2Signer(sm2GenerateKeyPair());
  const tsa = sm2Signer(sm2GenerateKeyPair());
  const tsaName = encodeName([{ type: 'CN', value: '基准测试时间戳服务' }]);
  const tsaCert = await signCertificate(
    encodeTbsCertificate({
      serialNumber: randomSerial(),
      issuer: encodeName([{ type: 'CN', value: '基准测试 CA' }]),
      subject: tsaName,
      notBefore: new Date(Date.now() - DAY),
      notAfter: new Date(Date.now() + 365 * DAY),
      subjectPublicKeyInfo: tsa.spki,
      extensions: [ext.keyUsage(['digitalSignature']), ext.extKeyUsage([OIDS.timeStamping], { critical: true })],
      signatureAlgorithm: ca.signatureAlgorithm,
    }),
    ca,
  );
  return http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    res.setHeader('content-type', 'application/timestamp-reply');
    try {
      const r = parseTimeStampReq(Buffer.concat(chunks));
      const serial = BigInt(`0x${Buffer.from(randomSerial()).toString('hex')}`);
      const tstInfo = { policy: '2.25.1', imprint: r.messageImprint, serial, genTime: new Date(), accuracy: { seconds: 1 }, nonce: r.nonce, tsaName };
      res.end(Buffer.from(await buildTimeStampResp({ tstInfo, tsaCert, includeCerts: r.certReq }, tsa)));
    } catch (e) {
      res.end(Buffer.from(buildTimeStampFailure(timeStampFailureOf(e))));
    }
  });
}

interface Rate {
  perSecond: number;
  p50: number;
  p99: number;
  notUp: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** `concurrency` workers run `probe` back to back for `seconds`. */
async function rate(probe: () => Promise<ProbeResult>, concurrency: number, seconds: number): Promise<Rate> {
  const latencies: number[] = [];
  let notUp = 0;
  let lastProblem = '';
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const r = await probe();
        latencies.push(performance.now() - t0);
        if (r.status !== 'up') (notUp++, (lastProblem = r.message));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (notUp) process.stderr.write(`  ${notUp} probes not up, e.g. ${lastProblem}\n`);
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), notUp };
}

async function main() {
  const dir = mkdtempSync(join(os.tmpdir(), 'yinxin-probe-bench-'));
  const closers: Closer[] = [];
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365', '-subj', '/CN=localhost', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    const web = await listen(http.createServer((_req, res) => res.end('service healthy')));
    const tcp = await listen(
      net.createServer(socket => {
        socket.on('error', () => undefined);
        socket.on('end', () => socket.end());
      }),
    );
    const secure = await listen(
      tls.createServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, socket => {
        socket.on('error', () => undefined);
        socket.on('end', () => socket.end());
      }),
    );
    const stamps = await listen(await tsaServer());
    closers.push(web.close, tcp.close, secure.close, stamps.close);

    const probes: [string, () => Promise<ProbeResult>][] = [
      ['probeHttp (GET, keep-alive)', () => probeHttp({ url: `http://127.0.0.1:${web.port}/health`, bodyContains: 'healthy' })],
      ['probeTcp (connect, close)', () => probeTcp({ host: '127.0.0.1', port: tcp.port })],
      ['probeTlsCertificate (full handshake, RSA-2048)', () => probeTlsCertificate({ host: '127.0.0.1', port: secure.port, servername: 'localhost' })],
      ['probeTsa (SM2 token signed by the local TSA, verified)', () => probeTsa({ url: `http://127.0.0.1:${stamps.port}/tsa`, hash: 'sm3' })],
    ];
    const rows: string[] = [];
    for (const [label, probe] of probes) {
      const first = await probe();
      if (first.status !== 'up') throw new Error(`${label}: ${first.status} ${first.message}`);
      await rate(probe, 4, 0.3); // warm-up
      for (const concurrency of [1, 32]) {
        const r = await rate(probe, concurrency, SECONDS);
        rows.push(`| ${label}${r.notUp ? ` (${r.notUp} not up)` : ''} | ${concurrency} | ${r.perSecond.toFixed(0)} probes | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);
      }
    }

    // Full rounds of the monitor: probes, observations, status changes, samples, alert rules.
    const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    closers.push(() => knex.destroy());
    await createSeriesTables(knex);
    await createMonitorTables(knex);
    await migrateAuditLog(knex);
    const targets: TargetConfig[] = Array.from({ length: TARGETS }, (_, i) => ({
      id: `web-${i}`,
      name: `基准服务 ${i}`,
      kind: 'http',
      source: 'config',
      options: { url: `http://127.0.0.1:${web.port}/t/${i}`, bodyContains: 'healthy' },
    }));
    const service = new MonitorService({ knex, audit: new AuditLog({ knex, source: 'monitor' }), store: new SampleStore(knex), targets, rules: defaultRules() });
    await service.runOnce(); // warm-up: creates the series and the first observations
    const samplesBefore = Number((await knex('monitor_samples').count({ n: '*' }).first())!.n);
    const roundTimes: number[] = [];
    const started = performance.now();
    while (performance.now() - started < SECONDS * 1000 || roundTimes.length < 3) {
      const t0 = performance.now();
      const events = await service.runOnce();
      roundTimes.push(performance.now() - t0);
      if (events.length) throw new Error(`unexpected alert events: ${JSON.stringify(events[0])}`);
    }
    const elapsed = (performance.now() - started) / 1000;
    const notUp = (await service.targets()).filter(t => t.status !== 'up');
    if (notUp.length) throw new Error(`${notUp.length} targets not up, e.g. ${notUp[0].message}`);
    const samples = Number((await knex('monitor_samples').count({ n: '*' }).first())!.n) - samplesBefore;
    roundTimes.sort((a, b) => a - b);
    const rounds = roundTimes.length;
    const label = `MonitorService.runOnce, ${TARGETS} http targets, SQLite in memory`;
    rows.push(`| ${label}: rounds | ${TARGETS} | ${(rounds / elapsed).toFixed(2)} rounds | ${percentile(roundTimes, 0.5).toFixed(0)} | ${percentile(roundTimes, 0.99).toFixed(0)} |`);
    rows.push(`| ${label}: probes | ${TARGETS} | ${((rounds * TARGETS) / elapsed).toFixed(0)} probes | | |`);
    rows.push(`| ${label}: samples ingested (${(samples / rounds).toFixed(0)} a round) | ${TARGETS} | ${(samples / elapsed).toFixed(0)} samples | | |`);

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    console.log(
      `\nMonitor probes against local servers in the same process: ${os.cpus().length} × ${cpu}, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}; ${SECONDS} s per row; latency per probe (per round for MonitorService)\n`,
    );
    console.log('| operation | concurrency | per second | p50 ms | p99 ms |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  process.stderr.write(`${String((e as Error).stack ?? e).slice(0, 2000)}\n`);
  process.exit(1);
});
