import type { Seal } from '@yinxin/plugin-seal-common';
import { useLoad, usePluginClient } from '@yinxin/ops-react';
import { heldSeals } from '../holding';

const NONE: Seal[] = [];

/**
 * The active seals `me` holds (the registry answers `mine=true` with the caller's seals; the
 * holders are checked again here): `seals` is the same array until they are loaded again.
 */
export function useHeldSeals(me: string | undefined): { seals: Seal[]; loaded: boolean; error?: string } {
  const client = usePluginClient('seal');
  const held = useLoad(async () => heldSeals((await client.get<{ items: Seal[] }>('/seals?status=active&mine=true&pageSize=100')).items, me), `held:${me}`);
  return { seals: held.value ?? NONE, loaded: !!held.value, error: held.error };
}
