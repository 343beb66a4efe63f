import express from 'express';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** The portal's one prom-client registry; every plugin registers its metrics here. */
export const metricsRegistry = new Registry();
metricsRegistry.setDefaultLabels({ service: 'yinxin-backend' });
collectDefaultMetrics({ register: metricsRegistry, prefix: 'yinxin_' });

/**
 * A handler serving the registry in the Prometheus text format. When `token` is set, the scraper
 * must send `Authorization: Bearer <token>`.
 */
export function metricsHandler(options: { token?: string } = {}): express.RequestHandler {
  return async (req, res) => {
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'metrics token required' } });
      return;
    }
    res.setHeader('Content-Type', metricsRegistry.contentType);
    res.send(await metricsRegistry.metrics());
  };
}

/**
 * The metric registered under `name`, made by `make` on first use: modules that define metrics
 * can be loaded more than once (several test backends in one process) without a duplicate-name
 * error.
 */
export function sharedMetric<T>(name: string, make: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? make();
}
