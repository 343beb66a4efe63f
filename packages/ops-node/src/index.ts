/**
 * Shared backend services of yinxin: the hash-chained audit log, the realtime hub, the
 * working-day calendar, metrics, the permission-checked API router and the role policy.
 *
 * @packageDocumentation
 */
export * from './audit';
export * from './calendar';
export * from './calendar/calendarService';
export * from './http';
export * from './permissions';
export * from './realtime';
export * from './metrics';
export * from './db';
