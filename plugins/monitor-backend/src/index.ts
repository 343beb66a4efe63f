/**
 * The monitoring plugin's backend (issue 6, in progress). So far: the alert engine — rules over
 * probe observations with for-durations, deduplication, silences and maintenance windows, as a pure
 * function driven by an injected clock; and the time-series store (raw samples, hourly aggregates,
 * retention). Probes are in `@yinxin/probes`, the Prometheus text parser
 * in `@yinxin/prom-text`.
 *
 * @packageDocumentation
 */
export {
  conditionHolds,
  evaluateAlerts,
  type AlertEvent,
  type AlertRule,
  type AlertState,
  type Observation,
  type ProbeStatus,
  type Severity,
  type Silence,
} from './alerts/engine';
export { SampleStore, createSeriesTables, seriesKey, type SampleInput, type SeriesPoint } from './series/SampleStore';
export { AlertTickets, PRIORITY_OF, type AlertTicket } from './tickets/AlertTickets';
