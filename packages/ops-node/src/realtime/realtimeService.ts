import { createServiceRef } from '@backstage/backend-plugin-api';
import { RealtimeHub } from './RealtimeHub';

/**
 * The realtime hub as a Backstage service. The backend registers one factory returning the same
 * hub it attaches to the HTTP server; tests may register their own hub.
 */
export const realtimeServiceRef = createServiceRef<RealtimeHub>({
  id: 'yinxin.realtime',
  scope: 'root',
});
