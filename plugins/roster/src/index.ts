/**
 * Roster UI of yinxin for the 7×24 service contract: month and week calendars of on-site and
 * on-call shifts with day kinds and coverage violations, generation with a preview, overrides,
 * swaps by drag and drop with the manager's approval, who is on duty now (live), the team with its
 * written staff changes, dispatch with arrival deadlines and the arrival SLA chart, attendance
 * against the roster, shift templates, rotations and leave.
 *
 * @packageDocumentation
 */
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { rosterPage } from './extensions';

/** The roster frontend plugin: one page at `/roster`, with its sections routed inside it. */
const rosterPlugin = createFrontendPlugin({
  pluginId: 'roster',
  extensions: [rosterPage],
});

export default rosterPlugin;
