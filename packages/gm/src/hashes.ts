/** @internal The hash algorithms OCSP CertIDs, timestamp imprints and CMS digests use. */
import { createHash } from 'node:crypto';
import { OIDS } from './oids';

/** A hash algorithm by name. */
export type HashAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SM3';

/** @internal per algorithm: OID, node:crypto name, digest length */
export const HASHES: Record<HashAlgorithm, { oid: string; node: string; length: number }> = {
  'SHA-1': { oid: OIDS.sha1, node: 'sha1', length: 20 },
  'SHA-256': { oid: OIDS.sha256, node: 'sha256', length: 32 },
  'SHA-384': { oid: OIDS.sha384, node: 'sha384', length: 48 },
  'SHA-512': { oid: OIDS.sha512, node: 'sha512', length: 64 },
  SM3: { oid: OIDS.sm3, node: 'sm3', length: 32 },
};

const BY_OID = new Map<string, HashAlgorithm>(
  (Object.keys(HASHES) as HashAlgorithm[]).map(k => [HASHES[k].oid, k]),
);

/** @internal the algorithm of an OID, or undefined */
export function hashByOid(oid: string): HashAlgorithm | undefined {
  return BY_OID.get(oid);
}

/** @internal digest of the parts */
export function digest(alg: HashAlgorithm, ...parts: Uint8Array[]): Buffer {
  const h = createHash(HASHES[alg].node);
  for (const p of parts) h.update(p);
  return h.digest();
}
