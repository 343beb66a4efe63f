/**
 * Shared frontend pieces of yinxin: translation, the API client and its error messages, the
 * signed-in identity, the realtime socket, small form controls, and the building blocks of the
 * plugins' pages (action dialogs, facts, pager, status chips, loading, downloads, notices, charts).
 *
 * @packageDocumentation
 */
export * from './i18n';
export * from './api';
export * from './errorText';
export * from './identity';
export * from './realtime';
export * from './NativeSelect';
export * from './CheckboxGroup';
export * from './messages';
export * from './format';
export * from './decision';
export * from './download';
export * from './useLoad';
export * from './useNotice';
export * from './ActionDialog';
export * from './Facts';
export * from './Pager';
export * from './StatusChip';
export * from './chart';
export * from './DayBarChart';
export * from './cst';
export * from './layout';
export * from './SectionedPage';
export * from './Decision';
export * from './useFormSubmit';
