/**
 * The training plugin's backend: training materials with review, versions, previews and
 * full-text search; plans and courses; qualified trainers; sessions with requests, enrolment,
 * attendance, feedback and certificates; records and reports.
 *
 * @packageDocumentation
 */
import { trainingPlugin } from './plugin';

export { trainingPlugin, createTrainingPlugin } from './plugin';
export type { TrainingPluginOptions } from './plugin';
export default trainingPlugin;
