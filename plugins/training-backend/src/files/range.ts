/**
 * What a `Range` request header asks of a representation of `size` bytes:
 * - `full`: no Range header, another unit, or several ranges (served whole, 200);
 * - `partial`: one satisfiable byte range, `start`–`end` inclusive (206);
 * - `unsatisfiable`: a malformed byte range, or one that starts beyond the end (416).
 */
export type RangeRequest = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/** Longest Range header looked at. */
const MAX_HEADER = 200;

/**
 * Parses a `Range` header (RFC 9110 §14) for a representation of `size` bytes. Only single byte
 * ranges are served as 206: `bytes=a-b`, `bytes=a-` and `bytes=-n` (the last n bytes); the end is
 * clamped to the last byte. Several ranges are answered with the whole representation (allowed
 * by the RFC; browsers' media players ask for one range at a time). Anything else that claims to
 * be a byte range is refused as unsatisfiable.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { kind: 'full' };
  const h = header.trim();
  const eq = h.indexOf('=');
  if (eq < 0) return { kind: 'unsatisfiable' };
  if (h.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'full' };
  if (h.length > MAX_HEADER) return { kind: 'unsatisfiable' };
  const specs = h
    .slice(eq + 1)
    .split(',')
    .map(s => s.trim());
  if (specs.some(s => s === '')) return { kind: 'unsatisfiable' };
  const parsed = specs.map(s => /^(\d{0,15})-(\d{0,15})$/.exec(s));
  if (parsed.some(m => !m || (m[1] === '' && m[2] === ''))) return { kind: 'unsatisfiable' };
  if (specs.length > 1) return { kind: 'full' };
  const [, a, b] = parsed[0]!;
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (start >= size) return { kind: 'unsatisfiable' };
  if (b === '') return { kind: 'partial', start, end: size - 1 };
  const last = Number(b);
  if (last < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(last, size - 1) };
}
