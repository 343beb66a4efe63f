import { useCallback } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { ApiCallError } from '@yinxin/ops-react';
import { filenameOf } from '../refs';

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Downloads a file from the CA API (certificates, CSRs) with the user's credentials and saves it
 * under the name the server gives. Rejects with an {@link ApiCallError} like the JSON client.
 */
export function useDownload(): (path: string, fallbackName: string) => Promise<void> {
  const fetchApi = useApi(fetchApiRef);
  const discovery = useApi(discoveryApiRef);
  return useCallback(
    async (path: string, fallbackName: string) => {
      const base = await discovery.getBaseUrl('ca');
      let res: Response;
      try {
        res = await fetchApi.fetch(`${base}${path}`);
      } catch (e) {
        throw new ApiCallError(0, 'NETWORK', String(e));
      }
      if (!res.ok) {
        const data = await res.json().catch(() => undefined);
        throw new ApiCallError(res.status, data?.error?.code ?? 'INTERNAL', data?.error?.message ?? res.statusText);
      }
      saveBlob(await res.blob(), filenameOf(res.headers.get('content-disposition'), fallbackName));
    },
    [fetchApi, discovery],
  );
}
