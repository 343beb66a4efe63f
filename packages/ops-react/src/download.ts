import { useCallback, useEffect, useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { ApiCallError } from './api';
import { useErrorText } from './errorText';

/** The file name of a downloaded file from a Content-Disposition header, or `fallback`. */
export function filenameOf(contentDisposition: string | null, fallback: string): string {
  if (!contentDisposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(contentDisposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(contentDisposition);
  return plain ? plain[1].trim() : fallback;
}

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
 * GETs a non-JSON resource (a file, an image) of `pluginId`'s API with the user's credentials.
 * Rejects with an {@link ApiCallError} like the JSON client when the server refuses.
 */
export function usePluginFetch(pluginId: string): (path: string) => Promise<Response> {
  const fetchApi = useApi(fetchApiRef);
  const discovery = useApi(discoveryApiRef);
  return useCallback(
    async (path: string) => {
      const base = await discovery.getBaseUrl(pluginId);
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
      return res;
    },
    [fetchApi, discovery, pluginId],
  );
}

/**
 * Downloads a file from `pluginId`'s API (certificates, seals, signatures) with the user's
 * credentials and saves it under the name the server gives, else `fallbackName`.
 */
export function useDownload(pluginId: string): (path: string, fallbackName: string) => Promise<void> {
  const get = usePluginFetch(pluginId);
  return useCallback(
    async (path: string, fallbackName: string) => {
      const res = await get(path);
      saveBlob(await res.blob(), filenameOf(res.headers.get('content-disposition'), fallbackName));
    },
    [get],
  );
}

/** A blob as a `data:` URL (the portal's CSP lets images come from `'self'` and `data:`, not `blob:`). */
export function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/**
 * A protected image of `pluginId`'s API at `path` as a `data:` URL for an `<img>` (which cannot
 * send the user's token). No path, no image. `error` is the refusal in the user's language.
 */
export function useImageUrl(pluginId: string, path: string | undefined): { url?: string; error?: string } {
  const get = usePluginFetch(pluginId);
  const errorText = useErrorText();
  const [state, setState] = useState<{ url?: string; error?: string }>({});
  useEffect(() => {
    let current = true;
    setState({});
    if (path) {
      get(path)
        .then(res => res.blob())
        .then(dataUrlOf)
        .then(
          url => current && setState({ url }),
          e => current && setState({ error: errorText(e) }),
        );
    }
    return () => {
      current = false;
    };
  }, [get, path, errorText]);
  return state;
}
