import { parseTicketTarget, shortRef, userRefOf, viewerNames } from './ticketRefs';

describe('ticket references', () => {
  it('shortens entity refs to their name', () => {
    expect(shortRef('user:default/agent1')).toBe('agent1');
    expect(shortRef('system')).toBe('system');
    expect(shortRef(null)).toBe('');
  });

  it('turns a typed user into a ref the assign route accepts', () => {
    expect(userRefOf(' agent2 ')).toBe('user:default/agent2');
    expect(userRefOf('user:default/agent2')).toBe('user:default/agent2');
    expect(userRefOf('agent 2')).toBeUndefined();
    expect(userRefOf('group:default/support-agent')).toBeUndefined();
  });

  it('reads a merge target as a ticket number or an id', () => {
    expect(parseTicketTarget('yx202611280001')).toEqual({ number: 'YX202611280001' });
    expect(parseTicketTarget(' 12 ')).toEqual({ id: 12 });
    expect(parseTicketTarget('#7')).toEqual({ id: 7 });
    expect(parseTicketTarget('0')).toBeUndefined();
    expect(parseTicketTarget('YX2026')).toBeUndefined();
    expect(parseTicketTarget('')).toBeUndefined();
  });

  it('lists every viewer once, by name', () => {
    expect(
      viewerNames([{ userRef: 'user:default/agent2' }, { userRef: 'user:default/agent1' }, { userRef: 'user:default/agent2' }]),
    ).toEqual(['agent1', 'agent2']);
  });
});
