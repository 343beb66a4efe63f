import { capabilitiesOf, homeSection, visibleSections } from './capabilities';

const caps = (...roles: string[]) => capabilitiesOf(roles.map(r => `group:default/${r}`));

describe('capabilitiesOf', () => {
  it('lets the seal administrator apply, make and manage, and use seals, but not review', () => {
    expect(caps('seal-admin')).toEqual({
      read: true,
      apply: true,
      review: false,
      make: true,
      manage: true,
      sign: true,
      requestUse: false,
      approveUse: false,
      usageRead: true,
    });
  });

  it('separates review (seals and use requests) from making and using', () => {
    expect(caps('seal-review')).toMatchObject({ read: true, review: true, approveUse: true, usageRead: true, apply: false, make: false, manage: false, sign: false });
  });

  it('lets seal users apply seals they hold and ask to use them, nothing else', () => {
    expect(caps('seal-user')).toMatchObject({ read: true, sign: true, requestUse: true, apply: false, review: false, approveUse: false, usageRead: false });
  });

  it('lets auditors read the registry and the log only', () => {
    const auditor = caps('auditor');
    expect(auditor).toMatchObject({ read: true, usageRead: true });
    expect(Object.entries(auditor).filter(([, v]) => v).map(([k]) => k).sort()).toEqual(['read', 'usageRead']);
  });

  it('gives nothing to roles of other services or to unknown groups', () => {
    for (const role of ['ra-entry', 'ca-admin', 'requester', 'not-a-role']) expect(Object.values(caps(role)).some(Boolean)).toBe(false);
    expect(Object.values(capabilitiesOf([])).some(Boolean)).toBe(false);
  });
});

describe('visibleSections and homeSection', () => {
  it('shows each role the tabs of its work', () => {
    expect(visibleSections(caps('seal-admin'))).toEqual(['applications', 'registry', 'status', 'use', 'usage']);
    expect(visibleSections(caps('seal-review'))).toEqual(['applications', 'registry', 'status', 'use-requests', 'usage']);
    expect(visibleSections(caps('seal-user'))).toEqual(['registry', 'status', 'use-requests', 'use']);
    expect(visibleSections(caps('auditor'))).toEqual(['registry', 'status', 'usage']);
  });

  it('leaves the public status lookup to every signed-in user', () => {
    expect(visibleSections(caps('requester'))).toEqual(['status']);
    expect(homeSection(caps('requester'))).toBe('status');
  });

  it('starts administrators and reviewers on the applications, users on 用印, auditors on the registry', () => {
    expect(homeSection(caps('seal-admin'))).toBe('applications');
    expect(homeSection(caps('seal-review'))).toBe('applications');
    expect(homeSection(caps('seal-user'))).toBe('use');
    expect(homeSection(caps('auditor'))).toBe('registry');
  });
});
