/*
 * yinxin backend: Backstage core plugins (app, auth, catalog, permission) and yinxin's plugins.
 */
import { createBackend } from '@backstage/backend-defaults';
import { RealtimeHub, permissionModuleRolePolicy, realtimePlugin } from '@yinxin/ops-node';
import { yinxinRootServices } from './modules/rootHttpRouter';

const backend = createBackend();
for (const service of yinxinRootServices(new RealtimeHub())) backend.add(service);

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@yinxin/plugin-auth-backend-module-local-provider'));
if (process.env.NODE_ENV !== 'production') {
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
}
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleRolePolicy);
backend.add(realtimePlugin);
backend.add(import('@yinxin/plugin-platform-backend'));
backend.add(import('@yinxin/plugin-tickets-backend'));
backend.add(import('@yinxin/plugin-ca-backend'));
backend.add(import('@yinxin/plugin-seal-backend'));
backend.add(import('@yinxin/plugin-monitor-backend'));
backend.add(import('@yinxin/plugin-training-backend'));
backend.add(import('@yinxin/plugin-roster-backend'));

backend.start();
