/**
 * Monitoring UI of yinxin: the live status wall of every watched target and the alerts, which
 * operations engineers acknowledge; the alert history; monthly availability against the 7×24
 * target; certificate ends; silences and maintenance windows; each target's details and charts.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { monitorPage } from './extensions';

/** The monitor frontend plugin: one page at `/monitor` with its sections and `/monitor/targets/:id`. */
const monitorPlugin = createFrontendPlugin({
  pluginId: 'monitor',
  extensions: [monitorPage],
});

export default monitorPlugin;
