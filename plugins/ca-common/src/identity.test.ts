import fc from 'fast-check';
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode, isValidResidentId, maskIdNumber, normaliseCreditCode } from './identity';

describe('resident identity numbers (GB 11643)', () => {
  it('accepts the standard example and refuses a wrong check character or date', () => {
    // GB 11643-1999 appendix example number.
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('110105194912310021')).toBe(false);
    expect(isValidResidentId('11010519491331002X')).toBe(false); // month 13
    expect(isValidResidentId('11010519491231002x')).toBe(false);
    expect(isValidResidentId('1101051949123100')).toBe(false);
  });
  it('refuses every single-digit change of a valid number', () => {
    const valid = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const changed = valid.slice(0, i) + d + valid.slice(i + 1);
        expect(isValidResidentId(changed)).toBe(false);
      }
    }
  });
});

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a published code and refuses a changed one', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100I000100Y43')).toBe(false); // I is not in the alphabet
  });
  it('the computed check character always validates', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), { minLength: 17, maxLength: 17 }), chars => {
        const first = chars.join('');
        expect(isValidCreditCode(first + creditCodeCheckChar(first))).toBe(true);
      }),
    );
  });
});

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

describe('maskIdNumber', () => {
  it('keeps the first three and last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber('E1234')).toBe('*****');
  });
});
