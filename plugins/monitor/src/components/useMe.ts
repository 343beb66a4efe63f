import { SignedInUser, useSignedInUser } from '@yinxin/ops-react';
import { MonitorCapabilities, capabilitiesOf } from '../capabilities';

/** The signed-in user's entity ref, roles and monitor capabilities. */
export function useMe(): SignedInUser<MonitorCapabilities> {
  return useSignedInUser(capabilitiesOf);
}
