import { creditCodeProblem, displayIdNumber, normaliseCreditCode } from './identity';

describe('creditCodeProblem', () => {
  it('accepts a valid code, ignoring spaces and case', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(creditCodeProblem(' 91350100m000100y43 ')).toBeUndefined();
    expect(normaliseCreditCode(' 9135 0100m000100y43')).toBe('91350100M000100Y43');
  });

  it('says what is wrong', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('creditCodeLength');
    expect(creditCodeProblem('91350100I000100Y43')).toBe('creditCodeCharacters');
    expect(creditCodeProblem('91350100M000100Y44')).toBe('creditCodeCheck');
  });
});

describe('displayIdNumber', () => {
  it('keeps a masked number as the API sent it', () => {
    expect(displayIdNumber('110***********1234')).toBe('110***********1234');
  });

  it('masks a number that arrives unmasked, and all of a short one', () => {
    expect(displayIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(displayIdNumber('E1234')).toBe('*****');
    expect(displayIdNumber(undefined)).toBe('');
  });
});
