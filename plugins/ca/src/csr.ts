/** Largest CSR the form takes (the backend's limit is 16 KiB of DER; PEM is larger, so this is generous). */
export const MAX_CSR_BYTES = 16 * 1024;

/** Why a pasted or uploaded CSR is refused before it is sent: a message id of `messages.ts`. */
export type CsrProblem = 'required' | 'csrTooLarge' | 'csrNotPem';

const CSR_PEM = /-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]+-----END (NEW )?CERTIFICATE REQUEST-----/;

/** Size in bytes of text as UTF-8. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * Checks a CSR as pasted: present, at most {@link MAX_CSR_BYTES}, and a PEM certificate request
 * (`-----BEGIN CERTIFICATE REQUEST-----`). Its signature and key are checked by the backend
 * (BAD_CSR). Undefined when it can be sent.
 */
export function csrProblem(text: string): CsrProblem | undefined {
  if (!text.trim()) return 'required';
  if (utf8Length(text) > MAX_CSR_BYTES) return 'csrTooLarge';
  if (!CSR_PEM.test(text)) return 'csrNotPem';
  return undefined;
}

/** Checks a file before reading it: refused when larger than {@link MAX_CSR_BYTES}. */
export function csrFileProblem(file: { size: number }): CsrProblem | undefined {
  return file.size > MAX_CSR_BYTES ? 'csrTooLarge' : undefined;
}

/** PEM text of a certificate (for import forms): present and `-----BEGIN CERTIFICATE-----`. */
export function certificatePemProblem(text: string): 'required' | 'certNotPem' | 'pemTooLarge' | undefined {
  if (!text.trim()) return 'required';
  if (utf8Length(text) > 64 * 1024) return 'pemTooLarge';
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(text)) return 'certNotPem';
  return undefined;
}

/** A USB key's unlock challenge: the token's one-time SM2 public key, 130 hex digits starting 04. */
export function challengeProblem(text: string): 'required' | 'challengeFormat' | undefined {
  const v = text.replace(/\s+/g, '');
  if (!v) return 'required';
  return /^04[0-9a-fA-F]{128}$/.test(v) ? undefined : 'challengeFormat';
}
