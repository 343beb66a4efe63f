/**
 * Ticket model shared by the tickets frontend and backend.
 *
 * @packageDocumentation
 */
export * from './model';
export * from './permissions';
