import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import type { CaHealthReport } from '@yinxin/plugin-ca-common';
import type { ProbeResult } from '@yinxin/probes';
import { builtinTargets, type BuiltinOptions, type TargetConfig, type TargetProblem, type TargetSource } from './sources';

/** The largest health report read (a CA with many seal certificates stays far below). */
const MAX_REPORT_BYTES = 4 * 1024 * 1024;

/**
 * The portal's own services as a target source: reads the CA's health report
 * (`GET /api/ca/service/health`, with the monitor's service token) once a round, and turns it
 * into targets ({@link builtinTargets}). The read itself is the `ca-api` target's probe. When the
 * CA does not answer, the targets of the last report stay (their own probes tell what still works).
 */
export class CaHealthSource implements TargetSource {
  readonly name = 'builtin';
  #last: CaHealthReport | undefined;

  constructor(
    private readonly o: {
      discovery: DiscoveryService;
      auth: AuthService;
      options?: BuiltinOptions;
      timeoutMs?: number;
      clock?: () => Date;
    },
  ) {}

  /** The newest report read (for the certificate calendar). */
  get report(): CaHealthReport | undefined {
    return this.#last;
  }

  async list(_now: Date): Promise<{ targets: TargetConfig[]; problems: TargetProblem[] }> {
    const outcome = await this.#read();
    return { targets: builtinTargets(this.#last, outcome, this.o.options), problems: [] };
  }

  async #read(): Promise<ProbeResult> {
    const started = performance.now();
    const latency = () => Math.round((performance.now() - started) * 100) / 100;
    try {
      const base = await this.o.discovery.getBaseUrl('ca');
      const { token } = await this.o.auth.getPluginRequestToken({ onBehalfOf: await this.o.auth.getOwnServiceCredentials(), targetPluginId: 'ca' });
      const res = await fetch(`${base}/service/health`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000) });
      if (!res.ok) return { status: 'down', latencyMs: latency(), message: `CA health report: HTTP ${res.status}`, detail: { httpStatus: res.status } };
      const text = await res.text();
      if (text.length > MAX_REPORT_BYTES) return { status: 'down', latencyMs: latency(), message: 'CA health report too large', detail: {} };
      const report = JSON.parse(text) as CaHealthReport;
      if (!report || !Array.isArray(report.certificates) || !Array.isArray(report.authorities) || typeof report.kmc !== 'object') {
        return { status: 'down', latencyMs: latency(), message: 'CA health report malformed', detail: {} };
      }
      this.#last = report;
      return { status: 'up', latencyMs: latency(), message: `CA answers: ${report.authorities.length} authorities, ${report.certificates.length} service certificates`, detail: { authorities: report.authorities.length, certificates: report.certificates.length } };
    } catch (err) {
      return { status: 'down', latencyMs: latency(), message: `CA health report: ${(err as Error).message}`, detail: {} };
    }
  }
}
