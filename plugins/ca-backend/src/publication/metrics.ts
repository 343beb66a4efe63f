import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry, sharedMetric as metric } from '@yinxin/ops-node';

/** The newest CRL of each issuer and kind, for the age gauges (filled by {@link recordCrl}). */
const newestCrls = new Map<string, { issuer: string; kind: string; thisUpdate: number; nextUpdate: number }>();

/** Remembers a CRL just issued (or found at start) for the CRL age gauges. */
export function recordCrl(crl: { issuerId: string; kind: string; thisUpdate: Date | string; nextUpdate: Date | string }): void {
  newestCrls.set(`${crl.issuerId}:${crl.kind}`, {
    issuer: crl.issuerId,
    kind: crl.kind,
    thisUpdate: new Date(crl.thisUpdate).getTime(),
    nextUpdate: new Date(crl.nextUpdate).getTime(),
  });
}

/**
 * Metrics of the CA's publication services, scraped at /metrics by the monitoring plugin:
 * requests and latency per service and outcome, CRL age, LDAP queue depth.
 */
export const publicationMetrics = {
  ocspRequests: metric('yinxin_ca_ocsp_requests_total', () =>
    new Counter({ name: 'yinxin_ca_ocsp_requests_total', help: 'OCSP requests, by method, outcome and whether served from the cache', labelNames: ['method', 'outcome', 'cached'], registers: [metricsRegistry] }),
  ),
  ocspSeconds: metric('yinxin_ca_ocsp_seconds', () =>
    new Histogram({ name: 'yinxin_ca_ocsp_seconds', help: 'OCSP answer time', buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5], registers: [metricsRegistry] }),
  ),
  tsaRequests: metric('yinxin_ca_tsa_requests_total', () =>
    new Counter({ name: 'yinxin_ca_tsa_requests_total', help: 'Timestamp requests, by algorithm and outcome', labelNames: ['algorithm', 'outcome'], registers: [metricsRegistry] }),
  ),
  tsaSeconds: metric('yinxin_ca_tsa_seconds', () =>
    new Histogram({ name: 'yinxin_ca_tsa_seconds', help: 'Timestamp answer time', buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5], registers: [metricsRegistry] }),
  ),
  crlRequests: metric('yinxin_ca_crl_requests_total', () =>
    new Counter({ name: 'yinxin_ca_crl_requests_total', help: 'CRL downloads, by kind and status code', labelNames: ['kind', 'code'], registers: [metricsRegistry] }),
  ),
  crlAge: metric('yinxin_ca_crl_age_seconds', () =>
    new Gauge({
      name: 'yinxin_ca_crl_age_seconds',
      help: 'Age of the newest CRL, by issuer and kind',
      labelNames: ['issuer', 'kind'],
      registers: [metricsRegistry],
      collect() {
        for (const c of newestCrls.values()) this.set({ issuer: c.issuer, kind: c.kind }, (Date.now() - c.thisUpdate) / 1000);
      },
    }),
  ),
  crlSecondsToNextUpdate: metric('yinxin_ca_crl_next_update_seconds', () =>
    new Gauge({
      name: 'yinxin_ca_crl_next_update_seconds',
      help: 'Seconds until the newest CRL’s nextUpdate (negative: stale), by issuer and kind',
      labelNames: ['issuer', 'kind'],
      registers: [metricsRegistry],
      collect() {
        for (const c of newestCrls.values()) this.set({ issuer: c.issuer, kind: c.kind }, (c.nextUpdate - Date.now()) / 1000);
      },
    }),
  ),
  ldapQueueDepth: metric('yinxin_ca_ldap_queue_depth', () =>
    new Gauge({ name: 'yinxin_ca_ldap_queue_depth', help: 'LDAP publication items waiting', registers: [metricsRegistry] }),
  ),
};
