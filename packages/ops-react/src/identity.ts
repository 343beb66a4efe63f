import { useEffect, useState } from 'react';
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
