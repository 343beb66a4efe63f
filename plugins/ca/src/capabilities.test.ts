import { capabilitiesOf, homeSection, visibleSections } from './capabilities';

const caps = (...roles: string[]) => capabilitiesOf(roles.map(r => `group:default/${r}`));

describe('capabilitiesOf', () => {
  it('lets RA entry enter subjects and applications and request unlocks and user recoveries, but not review or issue', () => {
    expect(caps('ra-entry')).toMatchObject({
      subjectWrite: true,
      applicationCreate: true,
      review: false,
      issue: false,
      revoke: false,
      unlockRequest: true,
      unlockVerify: false,
      recoveryRequest: true,
      recoveryApprove: false,
    });
  });

  it('separates review (with revocation and unlock verification) from issuance', () => {
    expect(caps('ra-review')).toMatchObject({ review: true, issue: false, revoke: true, unlockVerify: true, applicationCreate: false, subjectWrite: false });
    expect(caps('ra-issue')).toMatchObject({ review: false, issue: true, revoke: false, applicationCreate: false });
  });

  it('gives the CA administrator the hierarchy and reports, and KMC officers the KMC', () => {
    expect(caps('ca-admin')).toMatchObject({ authorityManage: true, reportRead: true, kmcStats: true, recoveryApprove: false, review: false });
    expect(caps('kmc-officer')).toMatchObject({ kmcStats: true, kmcPool: true, recoveryApprove: true, recoveryRead: true, certificateRead: true, authorityManage: false, review: false });
  });

  it('gives nothing to a requester or to unknown groups', () => {
    expect(Object.values(caps('requester')).some(Boolean)).toBe(false);
    expect(Object.values(caps('not-a-role')).some(Boolean)).toBe(false);
    expect(Object.values(capabilitiesOf([])).some(Boolean)).toBe(false);
  });
});

describe('visibleSections and homeSection', () => {
  it('shows each role the sections it can read', () => {
    expect(visibleSections(caps('ra-entry'))).toEqual(['subjects', 'applications', 'certificates', 'unlock', 'kmc']);
    expect(visibleSections(caps('ra-review'))).toEqual(['subjects', 'applications', 'certificates', 'unlock']);
    expect(visibleSections(caps('ca-admin'))).toEqual(['subjects', 'applications', 'certificates', 'admin', 'publication', 'kmc']);
    expect(visibleSections(caps('kmc-officer'))).toEqual(['certificates', 'kmc']);
    expect(visibleSections(caps('auditor'))).toEqual(['applications', 'certificates', 'admin', 'publication', 'kmc']);
    // Support agents only open unlock requests.
    expect(visibleSections(caps('support-agent'))).toEqual(['unlock']);
  });

  it('starts RA roles on the applications, others on their first section, and nobody else anywhere', () => {
    expect(homeSection(caps('ra-issue'))).toBe('applications');
    expect(homeSection(caps('kmc-officer'))).toBe('certificates');
    expect(homeSection(caps('support-agent'))).toBe('unlock');
    expect(homeSection(caps('requester'))).toBeUndefined();
  });
});
