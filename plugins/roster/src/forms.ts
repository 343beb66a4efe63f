/** Whether a typed id is one the API takes for templates and rotations (`onsite-day`). */
export function isSlug(v: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,39}$/.test(v);
}

/** Whether a typed time is a wall-clock `HH:MM` (`24:00` allowed as an end). */
export function isHhMm(v: string): boolean {
  return /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(v);
}

/** Moves the item at `index` one place up (`-1`) or down (`1`); the ends stay put. */
export function move<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to], out[index]];
  return out;
}

/** Whether a typed value is a whole number from `min` to `max`. */
export function isWholeIn(v: string, min: number, max: number): boolean {
  return /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;
}
