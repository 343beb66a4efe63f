/**
 * Shared frontend pieces of yinxin.
 *
 * @packageDocumentation
 */
export * from './i18n';
export * from './api';
export * from './realtime';
