/** A date and time for tables and records, in the browser's locale and time zone. */
export function when(iso: string | undefined | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** The date part only (validity periods). */
export function dayOf(iso: string | undefined | null): string {
  return iso ? new Date(iso).toLocaleDateString() : '';
}

/** The name part of an entity ref (`user:default/raentry1` → `raentry1`). */
export function shortRef(ref?: string | null): string {
  return ref ? ref.slice(ref.lastIndexOf('/') + 1) : '';
}
