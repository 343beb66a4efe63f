import { useCallback, useMemo } from 'react';
import { discoveryApiRef, fetchApiRef, identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ApiCallError, filenameOf, saveBlob, usePluginClient, type PluginClient } from '@yinxin/ops-react';

/** The training backend's plugin id. */
export const PLUGIN_ID = 'training';

/** The error of a refused response, keeping the server's `details` (reason and both messages). */
async function refusalOfResponse(res: Response): Promise<ApiCallError> {
  const data = await res.json().catch(() => undefined);
  const err = data?.error ?? {};
  return new ApiCallError(res.status, err.code ?? 'INTERNAL', err.message ?? res.statusText, err.details);
}

/** What the training pages call the API with. */
export interface TrainingApi {
  /** JSON calls (errors keep `details`). */
  client: PluginClient;
  /** `DELETE` with a JSON answer. */
  remove<T>(path: string): Promise<T>;
  /** A non-JSON resource (file, preview, certificate, export) with the user's credentials. */
  raw(path: string): Promise<Response>;
  /** Downloads a resource under the name the server gives, else `fallbackName`; resolves to the response headers. */
  download(path: string, fallbackName: string): Promise<Headers>;
  /**
   * Sends a file as the raw body of `PUT path` with its URL-encoded name in `X-Filename`,
   * reporting progress; resolves to the JSON answer.
   */
  upload<T>(path: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<T>;
}

/** The training API for the pages: the shared JSON client plus raw files, deletes and uploads with progress. */
export function useTrainingApi(): TrainingApi {
  const client = usePluginClient(PLUGIN_ID);
  const fetchApi = useApi(fetchApiRef);
  const discovery = useApi(discoveryApiRef);
  const identity = useApi(identityApiRef);

  const send = useCallback(
    async (method: string, path: string): Promise<Response> => {
      const base = await discovery.getBaseUrl(PLUGIN_ID);
      let res: Response;
      try {
        res = await fetchApi.fetch(`${base}${path}`, { method });
      } catch (e) {
        throw new ApiCallError(0, 'NETWORK', String(e));
      }
      if (!res.ok) throw await refusalOfResponse(res);
      return res;
    },
    [fetchApi, discovery],
  );

  const upload = useCallback(
    async <T,>(path: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<T> => {
      const base = await discovery.getBaseUrl(PLUGIN_ID);
      const { token } = await identity.getCredentials();
      // XMLHttpRequest, not fetch: only it reports the progress of a request body.
      return new Promise<T>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', `${base}${path}`);
        if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
        xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
        xhr.upload.onprogress = e => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
        xhr.onerror = () => reject(new ApiCallError(0, 'NETWORK', 'upload failed'));
        xhr.onload = () => {
          let data: any;
          try {
            data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
          } catch {
            data = undefined;
          }
          if (xhr.status >= 200 && xhr.status < 300) {
            onProgress(file.size, file.size);
            resolve(data as T);
            return;
          }
          const err = data?.error ?? {};
          reject(new ApiCallError(xhr.status, err.code ?? 'INTERNAL', err.message ?? xhr.statusText, err.details));
        };
        xhr.send(file);
      });
    },
    [discovery, identity],
  );

  return useMemo(
    () => ({
      client,
      remove: async <T,>(path: string) => (await send('DELETE', path)).json() as Promise<T>,
      raw: (path: string) => send('GET', path),
      download: async (path: string, fallbackName: string) => {
        const res = await send('GET', path);
        saveBlob(await res.blob(), filenameOf(res.headers.get('content-disposition'), fallbackName));
        return res.headers;
      },
      upload,
    }),
    [client, send, upload],
  );
}
