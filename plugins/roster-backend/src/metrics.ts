import { Counter } from 'prom-client';
import { metricsRegistry, sharedMetric } from '@yinxin/ops-node';

/** Metrics of the roster plugin, scraped at /metrics by the monitoring plugin. */
export const rosterMetrics = {
  dispatches: sharedMetric('yinxin_roster_dispatches_total', () =>
    new Counter({ name: 'yinxin_roster_dispatches_total', help: 'Engineers dispatched, by severity', labelNames: ['severity'], registers: [metricsRegistry] }),
  ),
  arrivals: sharedMetric('yinxin_roster_arrivals_total', () =>
    new Counter({ name: 'yinxin_roster_arrivals_total', help: 'Dispatch arrivals, by severity and outcome (on-time, late)', labelNames: ['severity', 'outcome'], registers: [metricsRegistry] }),
  ),
  checkIns: sharedMetric('yinxin_roster_check_ins_total', () =>
    new Counter({ name: 'yinxin_roster_check_ins_total', help: 'On-site check-ins, by punctuality', labelNames: ['late'], registers: [metricsRegistry] }),
  ),
};
