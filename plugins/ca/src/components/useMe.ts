import { SignedInUser, useSignedInUser } from '@yinxin/ops-react';
import { CaCapabilities, capabilitiesOf } from '../capabilities';

/** The signed-in user as the CA UI needs it. */
export type Me = SignedInUser<CaCapabilities>;

/** The signed-in user's entity ref, roles and CA capabilities. */
export function useMe(): Me {
  return useSignedInUser(capabilitiesOf);
}
