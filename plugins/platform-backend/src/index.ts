/**
 * Backend plugin `platform`: the working-day calendar.
 *
 * @packageDocumentation
 */
export { platformPlugin as default } from './plugin';
