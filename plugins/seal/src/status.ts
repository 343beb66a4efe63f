import { cstDateTime } from '@yinxin/ops-react';
import type { SealStatusAnswer } from '@yinxin/plugin-seal-common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A seal named in the status lookup: its 13-digit seal code (spaces and dashes between digits
 * ignored), or its id. Undefined for anything else.
 */
export function parseSealKey(input: string): string | undefined {
  const v = input.trim();
  if (UUID.test(v)) return v.toLowerCase();
  const digits = v.replace(/[\s-]/g, '');
  return /^\d{13}$/.test(digits) ? digits : undefined;
}

/** Why a typed seal code is refused (a message id): nothing typed (once the form was sent), or not a code. */
export function sealKeyProblem(input: string, submitted: boolean): 'required' | 'sealKeyFormat' | undefined {
  if (!input.trim()) return submitted ? 'required' : undefined;
  return parseSealKey(input) ? undefined : 'sealKeyFormat';
}

/** The lookup as kept in the page's URL (`/seal/status?seal=…&at=…`): the seal and a CST datetime-local value. */
export function lookupFromSearch(search: URLSearchParams): { seal: string; at: string } {
  const seal = parseSealKey(search.get('seal') ?? '') ?? '';
  const at = search.get('at') ?? '';
  return { seal, at: cstDateTime(at) ? at : '' };
}

/** The API path of a lookup (`/public/status/:seal`, with `?at=` when a time is asked), or of its signed evidence. */
export function statusPath(seal: string, at: string, evidence = false): string {
  const iso = at ? cstDateTime(at) : undefined;
  return `/public/status/${encodeURIComponent(seal)}${evidence ? '/evidence' : ''}${iso ? `?at=${encodeURIComponent(iso)}` : ''}`;
}

/** What the answer says about validity, as a message id: valid or not, now or at the time asked. */
export function validityMessage(answer: Pick<SealStatusAnswer, 'validAt'>, askedAt: boolean): 'validNow' | 'notValidNow' | 'validAtTime' | 'notValidAtTime' {
  if (askedAt) return answer.validAt ? 'validAtTime' : 'notValidAtTime';
  return answer.validAt ? 'validNow' : 'notValidNow';
}
