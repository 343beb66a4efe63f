export { metricsRegistry, metricsHandler, sharedMetric } from './metrics';
