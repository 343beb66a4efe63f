export * from './like';
