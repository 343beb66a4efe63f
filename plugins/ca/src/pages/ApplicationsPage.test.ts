import { statusOf } from './ApplicationsPage';

describe('statusOf', () => {
  it('starts reviewers on submitted applications and issuers on approved ones', () => {
    expect(statusOf(null, { review: true, issue: false })).toBe('submitted');
    expect(statusOf(null, { review: false, issue: true })).toBe('approved');
    expect(statusOf(null, { review: false, issue: false })).toBe('');
  });

  it('follows the URL, where an empty or unknown status means all', () => {
    expect(statusOf('issued', { review: true, issue: false })).toBe('issued');
    expect(statusOf('', { review: true, issue: false })).toBe('');
    expect(statusOf('bogus', { review: true, issue: false })).toBe('');
  });
});
