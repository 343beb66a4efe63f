import { useEffect, useState } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';

/** The signed-in user's entity ref and ownership refs (roles). */
export function useMe(): { ref?: string; groups: string[] } {
  const identity = useApi(identityApiRef);
  const [me, setMe] = useState<{ ref?: string; groups: string[] }>({ groups: [] });
  useEffect(() => {
    identity.getBackstageIdentity().then(i => setMe({ ref: i.userEntityRef, groups: i.ownershipEntityRefs }));
  }, [identity]);
  return me;
}

/** The name part of an entity ref (`user:default/agent1` → `agent1`). */
export const shortRef = (ref?: string | null) => (ref ? ref.slice(ref.lastIndexOf('/') + 1) : '');
