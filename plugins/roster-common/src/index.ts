/**
 * The roster model shared by the roster UI and backend: team roles, shift kinds, people, shift
 * templates, rotations, leave, assignments, swaps, overrides, coverage violations with Chinese
 * and English messages, dispatch and attendance, API shapes, refusal reasons and permissions.
 * Pure: no Node dependencies.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './api';
export * from './violations';
export * from './refusals';
export * from './permissions';
export * from './mask';
export * from './days';
