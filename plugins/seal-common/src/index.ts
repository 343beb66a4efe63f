/**
 * The seal plugin's shared model, status-at-time rule and permissions.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './permissions';
export * from './statusAt';
