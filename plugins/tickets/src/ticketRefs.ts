/** The name part of an entity ref (`user:default/agent1` → `agent1`). */
export function shortRef(ref?: string | null): string {
  return ref ? ref.slice(ref.lastIndexOf('/') + 1) : '';
}

/**
 * The user entity ref for what an agent typed in the reassign box: a full ref (`user:default/agent2`)
 * is kept, a bare name (`agent2`) gets the default namespace. Undefined when it cannot be a user.
 */
export function userRefOf(input: string): string | undefined {
  const value = input.trim();
  if (/^user:[a-z0-9-]+\/[A-Za-z0-9._-]+$/.test(value)) return value;
  if (/^[A-Za-z0-9._-]+$/.test(value)) return `user:default/${value}`;
  return undefined;
}

/** A ticket named by an agent: its database id, or its number (`YX202611280001`). */
export type TicketTarget = { id: number } | { number: string };

/**
 * Parses what an agent typed to name another ticket (merge target): a number like
 * `YX202611280001` (any case), or an id, optionally written `#12`. Undefined when it is neither.
 */
export function parseTicketTarget(input: string): TicketTarget | undefined {
  const value = input.trim();
  if (/^yx\d{12}$/i.test(value)) return { number: value.toUpperCase() };
  const id = /^#?(\d{1,15})$/.exec(value);
  if (id) {
    const n = Number(id[1]);
    if (Number.isSafeInteger(n) && n > 0) return { id: n };
  }
  return undefined;
}

/**
 * The distinct names of the people viewing a room, sorted; a person with several tabs open is
 * listed once. Nobody is left out, the caller included.
 */
export function viewerNames(viewers: readonly { userRef: string }[]): string[] {
  return [...new Set(viewers.map(v => shortRef(v.userRef)).filter(Boolean))].sort();
}
