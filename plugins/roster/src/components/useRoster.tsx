import { SignedInUser, useLoad, useSignedInUser } from '@yinxin/ops-react';
import type { Me } from '@yinxin/plugin-roster-common';
import { RosterCapabilities, capabilitiesOf } from '../capabilities';
import { useRosterApi } from '../api';

/** The signed-in user's entity ref, roles and roster capabilities. */
export function useCaps(): SignedInUser<RosterCapabilities> {
  return useSignedInUser(capabilitiesOf);
}

/** The signed-in user with their person record on the team (`GET /me`), if any. */
export interface RosterMe extends SignedInUser<RosterCapabilities> {
  /** The user's person on the team, once known (null when not on the team). */
  me?: Me;
  /** The user's person id on the team. */
  personId?: string;
}

/** The user's capabilities and their place on the team. */
export function useRosterMe(): RosterMe {
  const user = useCaps();
  const api = useRosterApi();
  const mayAsk = user.loaded && (user.caps.read || user.caps.dutyRead || user.caps.requestSwap || user.caps.attendSelf || user.caps.dispatchSelf);
  const me = useLoad(() => (mayAsk ? api.me() : Promise.resolve(undefined)), `me-${mayAsk}`);
  return { ...user, me: me.value, personId: me.value?.person?.id ?? undefined };
}
