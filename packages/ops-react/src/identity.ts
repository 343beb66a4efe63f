import { useEffect, useMemo, useState } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';

/** The signed-in user as the portal's pages need it. */
export interface SignedInIdentity {
  /** The user's entity ref (`user:default/agent1`), once known. */
  ref?: string;
  /** Ownership entity refs: the user and their role groups (`group:default/<role>`). */
  groups: string[];
  /** True once the identity has been read. */
  loaded: boolean;
}

/**
 * The signed-in user's entity ref and ownership refs, read once from Backstage's identity API.
 * Plugins derive what to show from the groups; the backend decides what is allowed.
 */
export function useSignedInIdentity(): SignedInIdentity {
  const identity = useApi(identityApiRef);
  const [state, setState] = useState<SignedInIdentity>({ groups: [], loaded: false });
  useEffect(() => {
    let cancelled = false;
    identity.getBackstageIdentity().then(
      i => !cancelled && setState({ ref: i.userEntityRef, groups: i.ownershipEntityRefs, loaded: true }),
      () => !cancelled && setState({ groups: [], loaded: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [identity]);
  return state;
}

/** The signed-in user with what their roles allow in one plugin. */
export interface SignedInUser<C> extends SignedInIdentity {
  /** What the user's roles allow (for showing controls; the backend decides). */
  caps: C;
}

/**
 * The signed-in user's entity ref, roles and a plugin's capabilities, derived from the role groups
 * by `capabilitiesOf` (a module-level function, so it is stable across renders).
 */
export function useSignedInUser<C>(capabilitiesOf: (ownershipRefs: readonly string[]) => C): SignedInUser<C> {
  const identity = useSignedInIdentity();
  const caps = useMemo(() => capabilitiesOf(identity.groups), [capabilitiesOf, identity.groups]);
  return { ...identity, caps };
}
