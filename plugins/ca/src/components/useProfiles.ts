import { useCallback } from 'react';
import type { ProfileInfo } from '@yinxin/plugin-ca-common';
import { useLabel, useLoad, usePluginClient } from '@yinxin/ops-react';

/** The CA's application profiles, and a function naming one in the user's language. */
export function useProfiles(): { profiles: ProfileInfo[]; titleOf: (id: string) => string } {
  const client = usePluginClient('ca');
  const label = useLabel();
  const loaded = useLoad(() => client.get<ProfileInfo[]>('/profiles'), 'profiles');
  const titleOf = useCallback(
    (id: string) => {
      const p = loaded.value?.find(x => x.id === id);
      return p ? label(p.title) : id;
    },
    [loaded.value, label],
  );
  return { profiles: loaded.value ?? [], titleOf };
}
