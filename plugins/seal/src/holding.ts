import type { Seal, SealUse, UseRequest } from '@yinxin/plugin-seal-common';

/** The seals `me` may apply now: active, and `me` among the holders. */
export function heldSeals(seals: readonly Seal[], me: string | undefined): Seal[] {
  return me ? seals.filter(s => s.status === 'active' && s.holders.includes(me)) : [];
}

/**
 * The approved use requests of the requester that can still be spent on a use of `sealId` for a
 * document of `documentType` (any type when empty): uses left and not expired at `now`.
 */
export function usableRequests(requests: readonly UseRequest[], sealId: string, documentType: string, now: Date = new Date()): UseRequest[] {
  return requests.filter(
    r =>
      r.sealId === sealId &&
      r.status === 'approved' &&
      r.usesLeft > 0 &&
      (!r.validUntil || Date.parse(r.validUntil) >= now.getTime()) &&
      (!documentType.trim() || r.documentType === documentType.trim()),
  );
}

/** What `POST /seals/:id/sign` answers. */
export interface SignResult {
  use: SealUse;
  /** the SES_Signature, base64 */
  signature: string;
}

/** The seals used most, with each one's share of the busiest (for bars 0–1). */
export function topSealBars(bySeal: readonly { sealId: string; name: string; uses: number }[]): { sealId: string; name: string; uses: number; share: number }[] {
  const max = Math.max(0, ...bySeal.map(s => s.uses));
  return [...bySeal].sort((a, b) => b.uses - a.uses).map(s => ({ ...s, share: max > 0 ? s.uses / max : 0 }));
}
