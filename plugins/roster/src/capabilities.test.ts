import { capabilitiesOf, homeSection, visibleSections } from './capabilities';

const caps = (...roles: string[]) => capabilitiesOf(roles.map(r => `group:default/${r}`));

describe('roster capabilities', () => {
  it('gives the roster manager everything', () => {
    const c = caps('roster-manager');
    expect(Object.values(c).every(Boolean)).toBe(true);
    expect(visibleSections(c)).toEqual(['calendar', 'duty', 'people', 'dispatch', 'attendance', 'settings']);
    expect(homeSection(c)).toBe('calendar');
  });

  it('lets engineers swap, check in and work their dispatches, not manage', () => {
    expect(caps('ops-engineer')).toEqual({
      read: true,
      dutyRead: true,
      managePeople: false,
      manageSchedule: false,
      requestSwap: true,
      attendSelf: true,
      dispatch: true,
      dispatchSelf: true,
      reports: false,
    });
    expect(visibleSections(caps('ops-engineer'))).toEqual(['calendar', 'duty', 'people', 'dispatch', 'attendance']);
  });

  it('lets support leads dispatch and read reports', () => {
    const c = caps('support-lead');
    expect(c).toMatchObject({ read: true, dutyRead: true, dispatch: true, reports: true, requestSwap: false, dispatchSelf: false });
    expect(visibleSections(c)).toEqual(['calendar', 'duty', 'people', 'dispatch', 'attendance']);
  });

  it('shows support agents only who is on duty', () => {
    expect(visibleSections(caps('support-agent'))).toEqual(['duty']);
    expect(homeSection(caps('support-agent'))).toBe('duty');
  });

  it('lets auditors read without acting', () => {
    const c = caps('auditor');
    expect(c).toMatchObject({ read: true, reports: true, dutyRead: false, dispatch: false, manageSchedule: false });
    expect(visibleSections(c)).toEqual(['calendar', 'people', 'dispatch', 'attendance']);
  });

  it('has no home without roster rights', () => {
    expect(visibleSections(caps('requester'))).toEqual([]);
    expect(homeSection(caps('requester'))).toBeUndefined();
  });
});
