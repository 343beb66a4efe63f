/*
 * Test helpers shared by the backend suites that run the plugins in a test backend with the real
 * permission backend and yinxin's role policy.
 */
import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
// A static import: this jest setup does not run dynamic import() without --experimental-vm-modules.
import permissionPlugin from '@backstage/plugin-permission-backend';
import type { JsonObject } from '@backstage/types';
import platformPlugin from '@yinxin/plugin-platform-backend';
import { ticketsPlugin } from '../plugin';
import { ROLES, SERVICE_GRANTS, grantMatches, rolesGrant } from '@yinxin/ops-common';
import { RealtimeHub, permissionModuleRolePolicy, realtimeServiceRef } from '@yinxin/ops-node';

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

/**
 * The features of a test backend running the tickets and platform plugins behind the real
 * permission backend and yinxin's policy, with `yinxin` configuration and any extra features
 * (such as a database factory).
 */
export function ticketsTestFeatures(yinxin: JsonObject, extra: unknown[] = []) {
  return [
    ticketsPlugin,
    platformPlugin,
    permissionPlugin,
    rolePolicyModule,
    permissionsServiceFactory,
    roleNamedUsers,
    mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
    createServiceFactory({ service: realtimeServiceRef, deps: {}, factory: () => new RealtimeHub() }),
    mockServices.rootConfig.factory({ data: { permission: { enabled: true }, yinxin } }),
    ...extra,
  ] as any[];
}
