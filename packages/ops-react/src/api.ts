import { useApi, fetchApiRef, discoveryApiRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import type { ErrorCode } from '@yinxin/ops-common';

/** An API error with the server's machine-readable code. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Messages for each error code, in both languages, for showing an ApiCallError to a person. */
export const ERROR_MESSAGES: Record<ErrorCode | 'NETWORK', { zh: string; en: string }> = {
  VALIDATION_FAILED: { zh: '输入有误，请检查后重试', en: 'Invalid input; please check and retry' },
  NOT_FOUND: { zh: '未找到该对象', en: 'Not found' },
  FORBIDDEN: { zh: '您没有执行此操作的权限', en: 'You do not have permission for this action' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  CONFLICT: { zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  ILLEGAL_TRANSITION: { zh: '当前状态不允许此操作', en: 'Not allowed in the current state' },
  PAYLOAD_TOO_LARGE: { zh: '文件或内容超过大小限制', en: 'File or content exceeds the size limit' },
  UNKNOWN_CATEGORY: { zh: '未知的分类', en: 'Unknown category' },
  ACCOUNT_LOCKED: { zh: '账户因多次失败已被锁定，请稍后再试或联系管理员', en: 'Account locked after repeated failures' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  AUDIT_WRITE_FAILED: { zh: '审计日志写入失败，操作未执行', en: 'Audit log could not be written; nothing was changed' },
  SELF_APPROVAL: { zh: '不能审批自己提交的申请', en: 'You cannot approve a request you submitted' },
  BAD_CSR: { zh: '证书请求（CSR）无效：格式、签名或密钥类型不符合要求', en: 'Invalid certificate request (format, signature or key type)' },
  LINT_FAILED: { zh: '待签发证书未通过模板检查，已停止签发', en: 'The certificate failed its profile check; nothing was issued' },
  KMC_POOL_EMPTY: { zh: 'KMC 备用密钥库已空，请联系 KMC 管理员补充', en: 'The KMC key pool is empty' },
  IDENTITY_NOT_VERIFIED: { zh: '尚未核验申请人身份', en: 'The requester’s identity has not been verified' },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error' },
  NETWORK: { zh: '网络错误，无法连接服务器', en: 'Network error' },
};

/** A small JSON client for one backend plugin, on Backstage's fetch and discovery APIs. */
export interface PluginClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  upload<T>(path: string, file: File): Promise<T>;
}

/** Returns a {@link PluginClient} for `pluginId` (e.g. `tickets`). */
export function usePluginClient(pluginId: string): PluginClient {
  const fetchApi = useApi(fetchApiRef);
  const discovery = useApi(discoveryApiRef);
  return useMemo(() => {
    async function call<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
      const base = await discovery.getBaseUrl(pluginId);
      const isFile = body instanceof Blob;
      let res: Response;
      try {
        res = await fetchApi.fetch(`${base}${path}`, {
          method,
          headers: isFile ? headers : { 'Content-Type': 'application/json', ...headers },
          body: isFile || body === undefined ? (body as Blob | undefined) : JSON.stringify(body),
        });
      } catch (e) {
        throw new ApiCallError(0, 'NETWORK', String(e));
      }
      const text = await res.text();
      const data = text ? JSON.parse(text) : undefined;
      if (!res.ok) {
        const err = data?.error ?? {};
        throw new ApiCallError(res.status, err.code ?? 'INTERNAL', err.message ?? res.statusText, err.details);
      }
      return data as T;
    }
    return {
      get: path => call('GET', path),
      post: (path, body) => call('POST', path, body ?? {}),
      put: (path, body) => call('PUT', path, body ?? {}),
      patch: (path, body) => call('PATCH', path, body ?? {}),
      upload: (path, file) =>
        call('POST', path, file, {
          'Content-Type': file.type || 'application/octet-stream',
          'X-Filename': encodeURIComponent(file.name),
        }),
    };
  }, [fetchApi, discovery, pluginId]);
}
