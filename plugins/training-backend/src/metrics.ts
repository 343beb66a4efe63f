import { Counter, Histogram } from 'prom-client';
import { metricsRegistry, sharedMetric } from '@yinxin/ops-node';

/** The training plugin's metrics, in the portal's one registry. */
export const trainingMetrics = {
  uploads: sharedMetric(
    'yinxin_training_uploads_total',
    () => new Counter({ name: 'yinxin_training_uploads_total', help: 'Material uploads by kind and outcome (stored, or the refusal reason)', labelNames: ['kind', 'outcome'], registers: [metricsRegistry] }),
  ),
  uploadBytes: sharedMetric(
    'yinxin_training_upload_bytes_total',
    () => new Counter({ name: 'yinxin_training_upload_bytes_total', help: 'Bytes of material files stored', labelNames: ['kind'], registers: [metricsRegistry] }),
  ),
  published: sharedMetric(
    'yinxin_training_versions_published_total',
    () => new Counter({ name: 'yinxin_training_versions_published_total', help: 'Material versions published', registers: [metricsRegistry] }),
  ),
  searchSeconds: sharedMetric(
    'yinxin_training_search_seconds',
    () => new Histogram({ name: 'yinxin_training_search_seconds', help: 'Time to answer a material search', buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [metricsRegistry] }),
  ),
  enrolments: sharedMetric(
    'yinxin_training_enrolments_total',
    () => new Counter({ name: 'yinxin_training_enrolments_total', help: 'Enrolment attempts by outcome', labelNames: ['outcome'], registers: [metricsRegistry] }),
  ),
};
