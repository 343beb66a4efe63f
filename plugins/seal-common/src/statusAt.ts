import type { SealStatus, SealStatusAnswer } from './model';

/** A status change of a seal: when, and the state it led to. */
export interface StatusChange {
  at: string;
  toStatus: SealStatus;
}

/**
 * The state of a seal at time `at` from its history, and whether it was valid then: valid only
 * when it had been issued, its last change at or before `at` left it `active`, and `at` lies in
 * the validity period. A change takes effect at its own instant. Times are compared as instants.
 * @param seal - validity period
 * @param changes - the seal's status changes in the order they happened
 * @param at - the time asked about
 */
export function sealStatusAt(
  seal: { validStart: string; validEnd: string },
  changes: readonly StatusChange[],
  at: Date,
): Pick<SealStatusAnswer, 'statusAt' | 'validAt' | 'reasonAt'> {
  const t = at.getTime();
  let issued = false;
  let status: SealStatus | undefined;
  for (const c of changes) {
    if (Date.parse(c.at) > t) break;
    status = c.toStatus;
    if (c.toStatus === 'active') issued = true;
  }
  if (!issued || !status) return { statusAt: 'not-issued', validAt: false, reasonAt: 'not-issued' };
  if (status !== 'active') return { statusAt: status, validAt: false, reasonAt: status as SealStatusAnswer['reasonAt'] };
  if (t < Date.parse(seal.validStart)) return { statusAt: status, validAt: false, reasonAt: 'not-yet-valid' };
  if (t > Date.parse(seal.validEnd)) return { statusAt: status, validAt: false, reasonAt: 'expired' };
  return { statusAt: status, validAt: true };
}
