import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { RolePermissionPolicy } from './RolePermissionPolicy';

/** Installs yinxin's role policy in the permission backend (the backend and tests add it). */
export const permissionModuleRolePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'yinxin-role-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, userInfo: coreServices.userInfo },
      async init({ policy, userInfo }) {
        policy.setPolicy(new RolePermissionPolicy(userInfo));
      },
    });
  },
});
