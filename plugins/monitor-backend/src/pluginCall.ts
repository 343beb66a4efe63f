import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';

/** An answer of another plugin's API: its status and parsed JSON body (`{}` when not JSON). */
export interface PluginAnswer<T> {
  status: number;
  body: T;
}

/** Calls one route of another backend plugin. */
export type PluginCall = <T>(method: string, path: string, body?: unknown) => Promise<PluginAnswer<T>>;

/**
 * A caller of plugin `pluginId`'s API as this plugin (a service token for that plugin, found
 * through discovery), with a timeout. Network failures throw; HTTP errors are answers.
 */
export function pluginCaller(discovery: DiscoveryService, auth: AuthService, pluginId: string, timeoutMs = 15_000): PluginCall {
  return async <T>(method: string, path: string, body?: unknown): Promise<PluginAnswer<T>> => {
    const base = await discovery.getBaseUrl(pluginId);
    const { token } = await auth.getPluginRequestToken({ onBehalfOf: await auth.getOwnServiceCredentials(), targetPluginId: pluginId });
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const json = (await res.json().catch(() => ({}))) as T;
    return { status: res.status, body: json };
  };
}
