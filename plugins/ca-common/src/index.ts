/**
 * The CA plugin's shared model and permissions (CA, RA, KMC, USB-key unlock).
 *
 * @packageDocumentation
 */
export * from './model';
export * from './permissions';
export * from './identity';
