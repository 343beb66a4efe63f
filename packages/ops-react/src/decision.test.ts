import { decisionBlock } from './decision';

describe('decisionBlock', () => {
  const pending = { requestedBy: 'user:default/raentry1', pending: true, deciders: ['user:default/rareview2'] };

  it('refuses the requester their own request (SELF_APPROVAL)', () => {
    expect(decisionBlock(pending, 'user:default/raentry1', true)).toBe('selfApproval');
  });

  it('lets each reviewer decide once, while pending, with the right', () => {
    expect(decisionBlock(pending, 'user:default/rareview1', true)).toBeUndefined();
    expect(decisionBlock(pending, 'user:default/rareview2', true)).toBe('alreadyDecided');
    expect(decisionBlock({ ...pending, pending: false }, 'user:default/rareview1', true)).toBe('notPending');
    expect(decisionBlock(pending, 'user:default/rareview1', false)).toBe('noRight');
  });
});
