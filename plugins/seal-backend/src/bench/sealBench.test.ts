/*
 * Benchmark of the seal API through HTTP with the real CA plugin in the same backend (SQLite in
 * memory): seal uses with the platform's key (with and without a TSA timestamp), verification,
 * status answers plain and signed. Runs only with YINXIN_BENCH=1 (scripts/bench.sh); prints a
 * Markdown table. Concurrency 8 over keep-alive connections.
 */
import os from 'node:os';
import { startTestBackend } from '@backstage/backend-test-utils';
import { as, sealTestFeatures } from '../testing/sealBackend';

const run = process.env.YINXIN_BENCH === '1' ? describe : describe.skip;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 8;

jest.setTimeout(600_000);

run('seal API benchmark', () => {
  it('measures', async () => {
    const backend = await startTestBackend({ features: sealTestFeatures() });
    const base = `http://127.0.0.1:${(backend.server.address() as any).port}/api/seal`;
    const call = async (who: string | undefined, method: string, path: string, body?: unknown) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { ...(who ? { authorization: as(who) } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return res.headers.get('content-type')?.includes('json') ? res.json() : res.arrayBuffer();
    };
    const applied: any = await call('seal-admin', 'POST', '/seals', {
      type: 'official',
      name: '某某市人力资源和社会保障局',
      ownerName: '某某市人力资源和社会保障局',
      keyMode: 'server',
      template: { kind: 'round', sizeMm: 40 },
      validEnd: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      holders: ['user:default/seal-user'],
    });
    await call('seal-review', 'POST', `/seals/${applied.id}/approve`);
    const made: any = await call('seal-admin', 'POST', `/seals/${applied.id}/make`);
    await call('seal-admin', 'POST', `/seals/${applied.id}/issue`);
    const data = Buffer.alloc(64 * 1024, 0x61).toString('base64');
    const first: any = await call('seal-user', 'POST', `/seals/${applied.id}/sign`, { data, documentName: 'bench', documentType: '通知' });

    const rows: { name: string; perSecond: number; p99: number }[] = [];
    async function measure(name: string, op: () => Promise<unknown>) {
      for (let i = 0; i < 3; i++) await op();
      const latencies: number[] = [];
      const end = Date.now() + SECONDS * 1000;
      const t0 = Date.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (Date.now() < end) {
            const s = process.hrtime.bigint();
            await op();
            latencies.push(Number(process.hrtime.bigint() - s) / 1e6);
          }
        }),
      );
      latencies.sort((a, b) => a - b);
      rows.push({ name, perSecond: latencies.length / ((Date.now() - t0) / 1000), p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0 });
    }
    await measure('seal use, platform key, 64 KiB document (checks, CA certificate status, sign, log)', () =>
      call('seal-user', 'POST', `/seals/${applied.id}/sign`, { data, documentName: 'bench', documentType: '通知' }),
    );
    await measure('seal use with an RFC 3161 timestamp from the CA TSA', () =>
      call('seal-user', 'POST', `/seals/${applied.id}/sign`, { data, documentName: 'bench', documentType: '通知', timestamp: true }),
    );
    await measure('verify an SES signature with its 64 KiB document (public)', () => call(undefined, 'POST', '/public/verify', { signature: first.signature, data }));
    await measure('status at a time (public)', () => call(undefined, 'GET', `/public/status/${made.esId}`));
    await measure('signed status answer, CMS SignedData (public)', () => call(undefined, 'GET', `/public/status/${made.esId}/evidence`));
    await backend.stop();

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const lines = [
      '',
      `Seal API: ${os.cpus().length} × ${cpu}, Node ${process.version}, SQLite in memory, ${CONCURRENCY} concurrent requests, ${SECONDS} s each`,
      '',
      '| operation | requests/s | p99 ms |',
      '|---|---:|---:|',
      ...rows.map(r => `| ${r.name} | ${r.perSecond.toFixed(0)} | ${r.p99.toFixed(0)} |`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    for (const r of rows) expect(r.perSecond).toBeGreaterThan(0);
  });
});
