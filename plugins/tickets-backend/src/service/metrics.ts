import { Counter } from 'prom-client';
import { metricsRegistry } from '@yinxin/ops-node';

function counter(name: string, help: string, labelNames: string[] = []) {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing) return existing as Counter<string>;
  return new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}

/** Tickets metrics, scraped at /metrics by the monitoring plugin. */
export const ticketMetrics = {
  created: counter('yinxin_tickets_created_total', 'Tickets created, by channel and category', ['channel', 'category']),
  transitions: counter('yinxin_tickets_transitions_total', 'Ticket state changes, by target state', ['to']),
  warnings: counter('yinxin_tickets_sla_warnings_total', 'SLA deadline warnings raised'),
  escalations: counter('yinxin_tickets_sla_escalations_total', 'Tickets escalated after an SLA breach'),
};
