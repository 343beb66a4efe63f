/**
 * The monitoring plugin's backend (issue 6, in progress): targets probed on a schedule
 * (`@yinxin/probes`), the newest observation and time series of each (raw samples, hourly
 * aggregates, retention), alert rules evaluated by a pure engine (for-durations, deduplication,
 * silences, maintenance windows), firing alerts turned into tickets through the tickets API,
 * acknowledgement, history, and live status changes on the realtime hub.
 *
 * @packageDocumentation
 */
import { monitorPlugin } from './plugin';

/** The monitor backend plugin (default export, for `backend.add(import(...))`). */
export default monitorPlugin;
export { monitorPlugin, lastMonitor } from './plugin';
export { MonitorService, defaultRules, runProbe, type TargetConfig } from './MonitorService';
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
