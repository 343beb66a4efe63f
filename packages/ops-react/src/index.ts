/**
 * Shared frontend pieces of yinxin: translation, the API client and its error messages, the
 * signed-in identity, the realtime socket, small form controls.
 *
 * @packageDocumentation
 */
export * from './i18n';
export * from './api';
export * from './errorText';
export * from './identity';
export * from './realtime';
export * from './NativeSelect';
