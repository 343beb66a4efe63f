import { capabilitiesOf } from './capabilities';

describe('capabilitiesOf', () => {
  it('gives an agent the staff view: notes, transitions, assignment, canned replies', () => {
    const caps = capabilitiesOf(['user:default/agent1', 'group:default/support-agent']);
    expect(caps).toMatchObject({ read: true, create: true, note: true, transition: true, assign: true, merge: true, cannedRead: true });
  });

  it('gives a requester their own tickets and replies, but no notes or transitions', () => {
    const caps = capabilitiesOf(['user:default/requester1', 'group:default/requester']);
    expect(caps).toMatchObject({ read: false, create: false, createOwn: true, comment: true, note: false, transition: false, kbRead: true });
  });

  it('gives nothing to a role without ticket rights, or to unknown groups', () => {
    expect(Object.values(capabilitiesOf(['group:default/trainer'])).some(Boolean)).toBe(false);
    expect(Object.values(capabilitiesOf(['group:default/not-a-role'])).some(Boolean)).toBe(false);
  });
});
