/**
 * The training plugin's shared model: audiences and topics with Chinese and English labels,
 * accepted file formats and size limits, the material publishing workflow, the trainer
 * requirements, sessions and feedback, the API shapes, refusal reasons with messages in both
 * languages, and the permissions. Free of server code, usable by the React UI.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './errors';
export * from './api';
export * from './permissions';
