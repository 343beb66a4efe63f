/**
 * A ratio as a percentage with `digits` decimals (availability: `99.912%`), cut rather than
 * rounded so that 99.9996% never shows as 100.000%; '—' for a ratio that is not known.
 */
export function percentText(ratio: number | null | undefined, digits = 3): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  const scale = 10 ** digits;
  // a small epsilon undoes binary noise (0.999 × 10⁵ is 99899.99999999999)
  const cut = Math.floor(ratio * 100 * scale + 1e-6) / scale;
  return `${cut.toFixed(digits)}%`;
}

/** A contract target as a short percentage (`0.999` → `99.9%`, `0.9995` → `99.95%`). */
export function goalText(ratio: number): string {
  return `${Number((ratio * 100).toFixed(4))}%`;
}

/** A count of minutes (the API gives two decimals) without trailing zeros: `12`, `0.5`, `1.25`. */
export function minutesText(minutes: number): string {
  return Number.isFinite(minutes) ? String(Number(minutes.toFixed(2))) : '—';
}

/** A chart value for an axis or a tooltip: whole numbers as they are, others with at most two decimals. */
export function valueText(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return String(Number(value.toFixed(2)));
}

/** Where a target is declared, from its `source`: configuration, a catalog entity (with its ref), the portal itself. */
export function sourceOf(source: string): { kind: 'config' | 'catalog' | 'builtin' | 'other'; ref?: string } {
  if (source === 'config') return { kind: 'config' };
  if (source === 'builtin') return { kind: 'builtin' };
  if (source.startsWith('catalog:')) return { kind: 'catalog', ref: source.slice('catalog:'.length) };
  return { kind: 'other', ref: source };
}

/** A probe's detail value as text (booleans as ✓ and ✗). */
export function detailText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return String(value);
}
