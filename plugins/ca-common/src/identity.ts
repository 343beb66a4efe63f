/*
 * Checks of Chinese identity numbers, so that a mistyped number is refused at entry rather than
 * written into a certificate: the resident identity number (GB 11643-1999, ISO 7064 MOD 11-2) and
 * the unified social credit code (GB 32100-2015, MOD 31).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** True when `value` is an 18-character resident identity number with a valid check character and date. */
export function isValidResidentId(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(value[i]), 0);
  if (ID_CHECK[sum % 11] !== value[17]) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code, or undefined. */
export function creditCodeCheckChar(first17: string): string | undefined {
  if (first17.length !== 17) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]);
    if (v < 0) return undefined;
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** True when `value` is an 18-character unified social credit code with a valid check character. */
export function isValidCreditCode(value: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value) && creditCodeCheckChar(value.slice(0, 17)) === value[17];
}

/** Why a typed credit code is refused (a message id the UIs translate). */
export type CreditCodeProblem = 'creditCodeLength' | 'creditCodeCharacters' | 'creditCodeCheck';

/** A credit code as the APIs take it: no spaces, upper case. */
export function normaliseCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks a unified social credit code as typed (spaces ignored, case folded), so that a form can
 * say what is wrong before it is sent: 18 characters of the code's alphabet with the right check
 * character. Undefined when valid.
 */
export function creditCodeProblem(input: string): CreditCodeProblem | undefined {
  const code = normaliseCreditCode(input);
  if (code.length !== 18) return 'creditCodeLength';
  for (const c of code) if (!USCC_CHARS.includes(c)) return 'creditCodeCharacters';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? undefined : 'creditCodeCheck';
}

/** Masks an identity number for display: first 3 and last 4 characters kept. */
export function maskIdNumber(value: string): string {
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
