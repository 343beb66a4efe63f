/**
 * Backend plugin `platform`: the working-day calendar.
 *
 * @packageDocumentation
 */
export { platformPlugin as default, lastPlatformApi } from './plugin';
