/**
 * Call-centre tickets UI of yinxin: the live queue, phone tickets, the ticket conversation with
 * internal notes, SLA clocks and presence, the knowledge base and reports.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { ticketsPage } from './extensions';

/** The tickets frontend plugin: one page at `/tickets`, with its sub-pages routed inside it. */
const ticketsPlugin = createFrontendPlugin({
  pluginId: 'tickets',
  extensions: [ticketsPage],
});

export default ticketsPlugin;
