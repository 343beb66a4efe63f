import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { RealtimeHub, metricsHandler, realtimeServiceRef } from '@yinxin/ops-node';

/**
 * The root HTTP router of yinxin: Backstage's defaults, plus `/metrics` (Prometheus text format)
 * and the socket.io realtime hub attached to the same HTTP server.
 */
export function yinxinRootServices(hub: RealtimeHub) {
  return [
    rootHttpRouterServiceFactory({
      configure({ app, server, config, lifecycle, logger, applyDefaults }) {
        hub.attach(server);
        lifecycle.addShutdownHook(() => hub.close());
        app.get('/metrics', metricsHandler({ token: config.getOptionalString('yinxin.metrics.token') }));
        applyDefaults();
        logger.info('realtime hub attached; /metrics served');
      },
    }),
    createServiceFactory({ service: realtimeServiceRef, deps: {}, factory: () => hub }),
  ];
}
