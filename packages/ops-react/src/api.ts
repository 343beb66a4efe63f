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
  UPSTREAM_UNAVAILABLE: { zh: '依赖的服务暂不可用，请稍后重试', en: 'A service this depends on is unavailable; retry later' },
  CA_REFUSED: { zh: '证书服务拒绝了该请求', en: 'The certificate service refused the request' },
  BAD_IMAGE: { zh: '印模图片无效：须为 PNG，大小与尺寸在限制之内', en: 'Invalid seal image: a PNG within the size limits is required' },
  BAD_SEAL: { zh: '电子印章或签章数据无法解析', en: 'The seal or seal signature cannot be read' },
  SEAL_NOT_USABLE: { zh: '该印章当前不可用（已停用、挂失、注销或不在有效期内）', en: 'The seal cannot be used now (suspended, lost, revoked or outside its validity)' },
  BAD_FILE: { zh: '文件类型不符或文件已损坏：请上传扩展名与内容一致的文件', en: 'The file is of the wrong type for its name, or damaged' },
  RANGE_NOT_SATISFIABLE: { zh: '请求的文件范围无效', en: 'The requested range is not in the file' },
  PREVIEW_UNAVAILABLE: { zh: '暂时无法在线预览，请下载后查看', en: 'No preview is available; download the file instead' },
  TRAINER_NOT_QUALIFIED: { zh: '该讲师不满足资质要求（从业满 3 年且主讲过类似项目）', en: 'The trainer does not meet the requirements (3 years and a similar project led)' },
  SESSION_FULL: { zh: '本场培训名额已满', en: 'This session is full' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again shortly' },
  NOT_A_HOLDER: { zh: '您未被授权使用该印章', en: 'You are not a holder of this seal' },
  USE_APPROVAL_REQUIRED: { zh: '该印章每次使用须经用印审批，请先提交用印申请', en: 'Each use of this seal needs an approved use request' },
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
