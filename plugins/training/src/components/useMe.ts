import { useEffect, useState } from 'react';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { SignedInUser, useSignedInUser } from '@yinxin/ops-react';
import { TrainingRights, rightsOf } from '../capabilities';

/** The signed-in user's entity ref, roles and training rights. */
export function useMe(): SignedInUser<TrainingRights> {
  return useSignedInUser(rightsOf);
}

/** The signed-in user's display name (for enrolments), once known. */
export function useDisplayName(): string | undefined {
  const identity = useApi(identityApiRef);
  const [name, setName] = useState<string>();
  useEffect(() => {
    let current = true;
    identity.getProfileInfo().then(
      p => current && setName(p.displayName?.trim() || undefined),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [identity]);
  return name;
}
