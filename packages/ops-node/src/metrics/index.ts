export { metricsRegistry, metricsHandler } from './metrics';
