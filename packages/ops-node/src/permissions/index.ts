export { RolePermissionPolicy } from './RolePermissionPolicy';
export { permissionModuleRolePolicy } from './rolePolicyModule';
