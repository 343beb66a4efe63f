import { useEffect, useMemo, useState } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { TicketCapabilities, capabilitiesOf } from '../capabilities';

/** The signed-in user as the tickets UI needs it. */
export interface Me {
  /** The user's entity ref (`user:default/agent1`), once known. */
  ref?: string;
  /** Ownership entity refs: the user and their role groups. */
  groups: string[];
  /** What the user's roles allow (for showing controls; the backend decides). */
  caps: TicketCapabilities;
  /** True once the identity has been read. */
  loaded: boolean;
}

/** The signed-in user's entity ref, roles and capabilities. */
export function useMe(): Me {
  const identity = useApi(identityApiRef);
  const [state, setState] = useState<{ ref?: string; groups: string[]; loaded: boolean }>({ groups: [], loaded: false });
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
  const caps = useMemo(() => capabilitiesOf(state.groups), [state.groups]);
  return { ...state, caps };
}
