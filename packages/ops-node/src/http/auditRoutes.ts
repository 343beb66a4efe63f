import { z } from 'zod';
import { auditReadPermission } from '@yinxin/ops-common';
import type { AuditLog } from '../audit';
import type { ApiRouter } from './ApiRouter';
import { parseInput } from './validate';

/**
 * Registers the auditor's routes on a plugin's API router: `GET /audit` (records, newest first,
 * filterable) and `GET /audit/verify` (walks the whole chain and names the first broken record).
 * Both need `yinxin.audit.read`.
 */
export function registerAuditRoutes(api: ApiRouter, audit: AuditLog): void {
  const access = { permissions: [auditReadPermission] };
  api.route({ method: 'get', path: '/audit', access }, async ({ req }) => {
    const q = parseInput(
      z.object({
        actor: z.string().max(255).optional(),
        action: z.string().max(100).optional(),
        targetType: z.string().max(100).optional(),
        targetId: z.string().max(255).optional(),
        from: z.string().datetime().optional(),
        to: z.string().datetime().optional(),
        beforeSeq: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(500).optional(),
      }),
      req.query,
    );
    return { items: await audit.list(q) };
  });
  api.route({ method: 'get', path: '/audit/verify', access }, async () => audit.verify());
}
