/**
 * `@yinxin/prom-text` — the Prometheus text exposition format (0.0.4): a strict, bounded parser of
 * what `/metrics` endpoints serve, for the monitoring plugin's scraper.
 *
 * @packageDocumentation
 */
export {
  PromParseError,
  parsePromText,
  type MetricFamily,
  type MetricType,
  type PromParseErrorCode,
  type PromParseLimits,
  type PromSample,
} from './parse';
