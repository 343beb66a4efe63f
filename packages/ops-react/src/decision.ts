/** Why the current user may not decide on a request (a message id the plugins translate). */
export type DecisionBlock = 'selfApproval' | 'alreadyDecided' | 'notPending' | 'noRight';

/**
 * Whether `me` may approve or reject a request (an application, a key recovery, an unlock or use
 * request) with these facts, and if not, why: never one's own request (SELF_APPROVAL), once per
 * person, only while pending. The backends enforce the same rules.
 */
export function decisionBlock(
  request: { requestedBy: string; pending: boolean; deciders: readonly string[] },
  me: string | undefined,
  hasRight: boolean,
): DecisionBlock | undefined {
  if (!hasRight) return 'noRight';
  if (!request.pending) return 'notPending';
  if (me && request.requestedBy === me) return 'selfApproval';
  if (me && request.deciders.includes(me)) return 'alreadyDecided';
  return undefined;
}
