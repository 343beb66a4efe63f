/**
 * Monitoring UI of yinxin: the live status wall of every watched target and the alerts, which
 * operations engineers acknowledge.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { monitorPage } from './extensions';

/** The monitor frontend plugin: one page at `/monitor`. */
const monitorPlugin = createFrontendPlugin({
  pluginId: 'monitor',
  extensions: [monitorPage],
});

export default monitorPlugin;
