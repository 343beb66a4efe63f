/**
 * Certificate-service UI of yinxin: the RA console (subjects, applications, certificates and their
 * lifecycle, USB-key unlock), CA administration and the KMC officers' pages.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { caPage } from './extensions';

/** The CA frontend plugin: one page at `/ca`, with its sections routed inside it. */
const caPlugin = createFrontendPlugin({
  pluginId: 'ca',
  extensions: [caPage],
});

export default caPlugin;
