/*
 * Identity numbers as the RA UI shows them. The checks themselves (GB 11643, GB 32100) are
 * ca-common's, the same the backend runs; `creditCodeProblem` says what is wrong with a typed code.
 */
import { maskIdNumber } from '@yinxin/plugin-ca-common';

/**
 * What the UI shows for an identity number. The API only ever returns masked numbers
 * (`110***********1234`); anything that arrives without a mask is masked here too, so a full
 * number never reaches the screen.
 */
export function displayIdNumber(value: string | undefined | null): string {
  if (!value) return '';
  return value.includes('*') ? value : maskIdNumber(value);
}
