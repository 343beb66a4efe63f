import { SignedInUser, useSignedInUser } from '@yinxin/ops-react';
import { SealCapabilities, capabilitiesOf } from '../capabilities';

/** The signed-in user's entity ref, roles and seal capabilities. */
export function useMe(): SignedInUser<SealCapabilities> {
  return useSignedInUser(capabilitiesOf);
}
