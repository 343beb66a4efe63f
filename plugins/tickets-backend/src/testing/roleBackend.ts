/*
 * Test helpers shared by the backend suites that run the plugins in a test backend with the real
 * permission backend and yinxin's role policy.
 */
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ROLES, SERVICE_GRANTS, grantMatches, rolesGrant } from '@yinxin/ops-common';
import { permissionModuleRolePolicy } from '@yinxin/ops-node';

/** The Authorization header of the test user named after `role`. */
export const as = (role: string) => mockCredentials.user.header(`user:default/${role}`);

/** yinxin's policy in the permission backend, as packages/backend installs it. */
export const rolePolicyModule = permissionModuleRolePolicy;

/**
 * mockServices.userInfo.factory() takes no options and reports only the user's own ref, so a
 * test user could hold no role. Here user:default/<role> is a member of group:default/<role>.
 */
export const roleNamedUsers = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const principal = (credentials as { principal: { type: string; userEntityRef?: string } }).principal;
      if (principal.type !== 'user' || !principal.userEntityRef) throw new Error('not a user principal');
      const ref = principal.userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: [ref, `group:default/${ref.slice(ref.indexOf('/') + 1)}`] };
    },
  }),
});

/** A caller of the route matrix and what the policy grants it. */
export interface Caller {
  name: string;
  header?: string;
  granted(permissionName: string): boolean;
}

/** Every role, a backend plugin, and an anonymous caller. */
export const CALLERS: Caller[] = [
  ...ROLES.map(role => ({ name: role, header: as(role), granted: (p: string) => rolesGrant([role], p) })),
  { name: 'service', header: mockCredentials.service.header(), granted: (p: string) => SERVICE_GRANTS.some(g => grantMatches(g, p)) },
  { name: 'anonymous', header: undefined, granted: () => false },
];
