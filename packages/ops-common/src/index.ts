/**
 * Isomorphic definitions shared by yinxin's frontend and backend.
 *
 * @packageDocumentation
 */
export * from './roles';
export * from './permissions';
export * from './errors';
export * from './grants';
