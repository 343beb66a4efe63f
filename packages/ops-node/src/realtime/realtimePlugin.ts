import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { realtimeServiceRef } from './realtimeService';

/**
 * Backend plugin `realtime`: teaches the hub to authenticate sockets with Backstage user tokens.
 * The hub itself is attached to the HTTP server by the root HTTP router.
 */
export const realtimePlugin = createBackendPlugin({
  pluginId: 'realtime',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        hub: realtimeServiceRef,
      },
      async init({ auth, hub }) {
        hub.setAuthenticator(async token => {
          const credentials = await auth.authenticate(token);
          if (!auth.isPrincipal(credentials, 'user')) throw new Error('user token required');
          return { userRef: credentials.principal.userEntityRef };
        });
      },
    });
  },
});
