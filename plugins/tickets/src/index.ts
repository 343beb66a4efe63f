/**
 * Call-centre tickets UI.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { ticketsPage } from './extensions';

/** The tickets frontend plugin: one page at /tickets with its sub-pages. */
const ticketsPlugin = createFrontendPlugin({
  pluginId: 'tickets',
  extensions: [ticketsPage],
});

export default ticketsPlugin;
export { clockStatus, ticketSlaStatus } from './sla';
export { mergeLive, matchesFilter, queueQuery } from './queue';
