import { VERIFY_CHECKS, type SesVerdict, type VerifyCheck } from '@yinxin/plugin-seal-common';

/** The answer of `POST /public/verify`. */
export type VerifyAnswer = SesVerdict;

/** A check as shown: passed, failed, or not established (no document given, not registered here, …). */
export type CheckState = 'pass' | 'fail' | 'unknown';

/** The checks of an answer in display order, each with its state. */
export function checkRows(checks: VerifyAnswer['checks']): { check: VerifyCheck; state: CheckState }[] {
  const stateOf = (v: boolean | undefined): CheckState => {
    if (v === undefined) return 'unknown';
    return v ? 'pass' : 'fail';
  };
  return VERIFY_CHECKS.map(check => ({ check, state: stateOf(checks[check]) }));
}

/**
 * The propertyInfo of a signature for people: the platform writes `yinxin:<type>:<name>` with
 * non-ASCII characters percent-encoded (IA5String); decoded when it decodes, else as it is.
 */
export function propertyInfoText(info: string): string {
  try {
    return decodeURI(info);
  } catch {
    return info;
  }
}
