import { useMemo } from 'react';
import { SignedInIdentity, useSignedInIdentity } from '@yinxin/ops-react';
import { TicketCapabilities, capabilitiesOf } from '../capabilities';

/** The signed-in user as the tickets UI needs it. */
export interface Me extends SignedInIdentity {
  /** What the user's roles allow (for showing controls; the backend decides). */
  caps: TicketCapabilities;
}

/** The signed-in user's entity ref, roles and capabilities. */
export function useMe(): Me {
  const identity = useSignedInIdentity();
  const caps = useMemo(() => capabilitiesOf(identity.groups), [identity.groups]);
  return { ...identity, caps };
}
