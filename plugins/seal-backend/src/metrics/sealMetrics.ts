import { Counter, Histogram } from 'prom-client';
import { metricsRegistry, sharedMetric } from '@yinxin/ops-node';

/**
 * Metrics of the seal plugin, scraped at /metrics by the monitoring plugin: seal uses by key mode
 * and outcome with their latency, lifecycle actions, status answers and verifications by verdict.
 */
export const sealMetrics = {
  uses: sharedMetric('yinxin_seal_uses_total', () =>
    new Counter({ name: 'yinxin_seal_uses_total', help: 'Seal uses (SES signatures made), by key mode and outcome', labelNames: ['mode', 'outcome'], registers: [metricsRegistry] }),
  ),
  useSeconds: sharedMetric('yinxin_seal_use_seconds', () =>
    new Histogram({ name: 'yinxin_seal_use_seconds', help: 'Time to make a seal signature (checks, CA lookups, signing, timestamp, log)', buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [metricsRegistry] }),
  ),
  lifecycle: sharedMetric('yinxin_seal_lifecycle_total', () =>
    new Counter({ name: 'yinxin_seal_lifecycle_total', help: 'Seal lifecycle actions', labelNames: ['action'], registers: [metricsRegistry] }),
  ),
  statusAnswers: sharedMetric('yinxin_seal_status_answers_total', () =>
    new Counter({ name: 'yinxin_seal_status_answers_total', help: 'Seal status answers, plain or signed', labelNames: ['signed'], registers: [metricsRegistry] }),
  ),
  verifications: sharedMetric('yinxin_seal_verifications_total', () =>
    new Counter({ name: 'yinxin_seal_verifications_total', help: 'Seal signature verifications, by verdict', labelNames: ['verdict'], registers: [metricsRegistry] }),
  ),
};
