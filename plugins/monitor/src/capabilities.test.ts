import { capabilitiesOf, homeSection, visibleSections } from './capabilities';

describe('monitor capabilities', () => {
  it('lets engineers do everything and leads only read', () => {
    expect(capabilitiesOf(['user:default/engineer1', 'group:default/ops-engineer'])).toEqual({ read: true, ack: true, run: true, silence: true });
    expect(capabilitiesOf(['user:default/lead1', 'group:default/support-lead'])).toEqual({ read: true, ack: false, run: false, silence: false });
  });

  it('shows every section to readers, and none (no home) to others', () => {
    const lead = capabilitiesOf(['group:default/support-lead']);
    expect(visibleSections(lead)).toEqual(['wall', 'history', 'availability', 'certificates', 'silences']);
    expect(homeSection(lead)).toBe('wall');
    const agent = capabilitiesOf(['group:default/support-agent']);
    expect(visibleSections(agent)).toEqual([]);
    expect(homeSection(agent)).toBeUndefined();
  });
});
