import { homeSection, rightsOf, seesPlanCoverage, seesTrainers, visibleSections } from './capabilities';

const rights = (...roles: string[]) => rightsOf(roles.map(r => `group:default/${r}`));

describe('rightsOf', () => {
  it('lets every role learn and enrol', () => {
    for (const role of ['requester', 'support-agent', 'auditor', 'seal-user']) {
      expect(rights(role)).toMatchObject({ learn: true, enrol: true, write: false, review: false, manageSessions: false });
    }
  });

  it('lets trainers write, run sessions, read plans and reports, but not review or manage plans', () => {
    expect(rights('trainer')).toEqual({
      learn: true,
      enrol: true,
      write: true,
      review: false,
      manageSessions: true,
      readPlans: true,
      managePlans: false,
      manageTrainers: false,
      readReports: true,
    });
  });

  it('lets reviewers review and read plans only', () => {
    expect(rights('training-review')).toMatchObject({ review: true, readPlans: true, write: false, manageSessions: false, readReports: false });
  });

  it('gives the training manager everything', () => {
    expect(Object.values(rights('training-manager')).every(Boolean)).toBe(true);
  });

  it('gives nothing without a role', () => {
    expect(Object.values(rightsOf([])).some(Boolean)).toBe(false);
  });
});

describe('sections', () => {
  it('shows learners the library, plans, sessions and records', () => {
    expect(visibleSections(rights('requester'))).toEqual(['library', 'plans', 'sessions', 'records']);
    expect(homeSection(rights('requester'))).toBe('library');
  });

  it('adds 我的资料 / 审核 for writers and reviewers; reviewers start on their queue', () => {
    expect(visibleSections(rights('trainer'))).toContain('materials');
    expect(homeSection(rights('trainer'))).toBe('library');
    expect(homeSection(rights('training-review'))).toBe('materials');
    expect(homeSection(rights('training-manager'))).toBe('library');
  });

  it('has no home without any right', () => {
    expect(visibleSections(rightsOf([]))).toEqual([]);
    expect(homeSection(rightsOf([]))).toBeUndefined();
  });

  it('shows trainers and plan coverage to staff only', () => {
    expect(seesTrainers(rights('requester'))).toBe(false);
    expect(seesTrainers(rights('trainer'))).toBe(true);
    expect(seesTrainers(rights('training-review'))).toBe(true);
    expect(seesPlanCoverage(rights('auditor'))).toBe(true);
    expect(seesPlanCoverage(rights('requester'))).toBe(false);
  });
});
