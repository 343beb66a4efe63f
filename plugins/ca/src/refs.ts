/** True for a UUID (the ids of the CA's records). */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.trim());
}

/**
 * A certificate serial as typed by a person (`5A:3F 01…`, `0x5a3f…`) in the form the CA stores it:
 * lowercase hex without separators. Undefined when it is not hex.
 */
export function normaliseSerial(input: string): string | undefined {
  const v = input.trim().replace(/^0x/i, '').replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{1,64}$/.test(v) ? v : undefined;
}

/** A certificate named by an officer: its id, or its serial. */
export type CertificateRef = { id: string } | { serial: string };

/** Parses what was typed to name a certificate (judicial recovery): a UUID or a hex serial. */
export function parseCertificateRef(input: string): CertificateRef | undefined {
  if (isUuid(input)) return { id: input.trim().toLowerCase() };
  const serial = normaliseSerial(input);
  return serial ? { serial } : undefined;
}

/** A serial grouped for reading: `5a3f01…` → `5a:3f:01:…`. */
export function formatSerial(serial: string): string {
  return serial.replace(/(..)(?=.)/g, '$1:');
}

/** A ticket id from the query string (`?ticket=12`): digits only, as the backend takes it. */
export function ticketIdParam(value: string | null): string {
  const v = (value ?? '').trim();
  return /^\d{1,10}$/.test(v) ? v : '';
}
