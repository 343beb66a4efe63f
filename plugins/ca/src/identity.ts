/*
 * Identity numbers as the RA entry form sees them: what is wrong with a typed credit code (so the
 * form can say so before it is sent), and how a number is shown. The checks themselves
 * (GB 11643, GB 32100) are ca-common's, the same the backend runs.
 */
import { creditCodeCheckChar, maskIdNumber } from '@yinxin/plugin-ca-common';

/** The 31 characters a unified social credit code is written with (no I, O, S, V, Z). */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Why a credit code is refused: a message id of `messages.ts`. */
export type CreditCodeProblem = 'creditCodeLength' | 'creditCodeCharacters' | 'creditCodeCheck';

/** A credit code as the API takes it: no spaces, upper case. */
export function normaliseCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks a unified social credit code as typed (spaces ignored, case folded): 18 characters of
 * the code's alphabet with the right check character. Undefined when valid.
 */
export function creditCodeProblem(input: string): CreditCodeProblem | undefined {
  const code = normaliseCreditCode(input);
  if (code.length !== 18) return 'creditCodeLength';
  for (const c of code) if (!CREDIT_CODE_ALPHABET.includes(c)) return 'creditCodeCharacters';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? undefined : 'creditCodeCheck';
}

/**
 * What the UI shows for an identity number. The API only ever returns masked numbers
 * (`110***********1234`); anything that arrives without a mask is masked here too, so a full
 * number never reaches the screen.
 */
export function displayIdNumber(value: string | undefined | null): string {
  if (!value) return '';
  return value.includes('*') ? value : maskIdNumber(value);
}
