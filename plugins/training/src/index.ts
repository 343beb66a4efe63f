/**
 * Training UI of yinxin: the materials library with full-text search and previews, writing and
 * reviewing materials (versions, uploads, publishing), training plans per audience with courses
 * and qualified trainers, sessions with enrolment, check-in, feedback and certificates, session
 * requests, and training records with coverage, feedback scores and exports; news of new
 * sessions and materials live from the realtime room `training:news`.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { trainingPage } from './extensions';

/** The training frontend plugin: one page at `/training`, with its sections routed inside it. */
const trainingPlugin = createFrontendPlugin({
  pluginId: 'training',
  extensions: [trainingPage],
});

export default trainingPlugin;
