import { AuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult, BasicPermission } from '@backstage/plugin-permission-common';
import type { RoomAuthorizer } from './RealtimeHub';

/**
 * A room authorizer that lets a socket join when its user holds `permission`.
 */
export function permissionRoomAuthorizer(options: {
  auth: AuthService;
  permissions: PermissionsService;
  permission: BasicPermission;
}): RoomAuthorizer {
  return async token => {
    const credentials = await options.auth.authenticate(token);
    const [decision] = await options.permissions.authorize(
      [{ permission: options.permission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  };
}
