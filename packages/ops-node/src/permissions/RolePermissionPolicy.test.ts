import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ROLES, ROLE_GRANTS, rolesGrant } from '@yinxin/ops-common';
import { RolePermissionPolicy } from './RolePermissionPolicy';

const perm = (name: string, action: 'read' | 'update' = 'update') => createPermission({ name, attributes: { action } });

function policyFor(groups: string[]) {
  const userInfo = mockServices.userInfo({ ownershipEntityRefs: ['user:default/u', ...groups] });
  return new RolePermissionPolicy(userInfo);
}
const user = () => ({ credentials: mockCredentials.user('user:default/u'), info: { userEntityRef: 'user:default/u', ownershipEntityRefs: [] } });

describe('RolePermissionPolicy', () => {
  it('allows exactly what ROLE_GRANTS grants, for every role', async () => {
    const names = [...new Set(Object.values(ROLE_GRANTS).flat().map(p => p.replace(/\.\*$/, '.anything')))];
    for (const role of ROLES) {
      const policy = policyFor([`group:default/${role}`]);
      for (const name of names) {
        const decision = await policy.handle({ permission: perm(name) }, user());
        expect({ role, name, result: decision.result }).toEqual({
          role,
          name,
          result: rolesGrant([role], name) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        });
      }
    }
  });

  it('denies yinxin permissions to a user without roles, but allows Backstage reads', async () => {
    const policy = policyFor(['group:default/some-team']);
    expect((await policy.handle({ permission: perm('yinxin.tickets.ticket.read', 'read') }, user())).result).toBe(AuthorizeResult.DENY);
    expect((await policy.handle({ permission: perm('catalog.entity.read', 'read') }, user())).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: perm('catalog.entity.delete') }, user())).result).toBe(AuthorizeResult.DENY);
  });

  it('gives backend plugins only the service grants', async () => {
    const policy = policyFor([]);
    expect((await policy.handle({ permission: perm('yinxin.calendar.read', 'read') })).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: perm('yinxin.tickets.ticket.create') })).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: perm('yinxin.accounts.manage') })).result).toBe(AuthorizeResult.DENY);
  });

  it('never lets the audit roles act on tickets', async () => {
    for (const role of ['audit-admin', 'auditor']) {
      const decision = await policyFor([`group:default/${role}`]).handle({ permission: perm('yinxin.tickets.ticket.transition') }, user());
      expect(decision.result).toBe(AuthorizeResult.DENY);
    }
  });
});
