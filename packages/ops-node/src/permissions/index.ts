export { RolePermissionPolicy } from './RolePermissionPolicy';
