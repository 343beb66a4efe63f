/**
 * The roster plugin's backend: engineers and staff changes, shift templates and rotations, month
 * rosters generated on the working-day calendar, coverage rules, leave, swaps and overrides,
 * dispatch with the contract's arrival deadlines, attendance, exports, live updates.
 *
 * @packageDocumentation
 */
import { rosterPlugin } from './plugin';

export { rosterPlugin, createRosterPlugin } from './plugin';
export type { RosterPluginOptions } from './plugin';
export { generateRoster } from './logic/generate';
export type { GenerateInput, GenerateResult } from './logic/generate';
export { checkCoverage } from './logic/coverage';
export type { CoverageInput } from './logic/coverage';
export { arrivalDeadline, arrivalStats, isLateArrival } from './logic/dispatch';
export { toExcelCsv } from './logic/csv';
export { DEFAULT_TEMPLATES, DEFAULT_RULES } from './logic/defaults';
export default rosterPlugin;
