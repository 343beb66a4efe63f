import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { UserInfoService } from '@backstage/backend-plugin-api';
import { SERVICE_GRANTS, grantMatches, rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';

/**
 * yinxin's one permission policy: a user's roles are the role groups they belong to in the catalog
 * (their ownership entity refs), and a permission is allowed when a role grants it in
 * `ROLE_GRANTS`. Backstage's own read-only permissions (catalog reads) are allowed to every
 * signed-in user; backend plugins get `SERVICE_GRANTS`; anything else is denied.
 */
export class RolePermissionPolicy implements PermissionPolicy {
  constructor(private readonly userInfo: UserInfoService) {}

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const name = request.permission.name;
    if (!user) {
      // A backend plugin calling on its own behalf.
      const allowed = SERVICE_GRANTS.some(p => grantMatches(p, name));
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    const info = await this.userInfo.getUserInfo(user.credentials);
    const roles = rolesFromOwnershipRefs(info.ownershipEntityRefs);
    if (!name.startsWith('yinxin.') && request.permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: rolesGrant(roles, name) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
}
