/** A half-open interval of instants `[start, end)` in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/** Whether two spans share an instant. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Milliseconds two spans share. */
export function overlapMs(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** The shared part of two spans, or undefined. */
export function intersect(a: Span, b: Span): Span | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : undefined;
}

/** Sorted, merged spans covering exactly what `spans` cover (touching spans are merged; empty ones dropped). */
export function union(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(s => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** The parts of `base` that none of `cover` covers, in order. */
export function subtract(base: Span, cover: readonly Span[]): Span[] {
  const out: Span[] = [];
  let cursor = base.start;
  for (const c of union(cover)) {
    if (c.end <= cursor) continue;
    if (c.start >= base.end) break;
    if (c.start > cursor) out.push({ start: cursor, end: Math.min(c.start, base.end) });
    cursor = Math.max(cursor, c.end);
    if (cursor >= base.end) break;
  }
  if (cursor < base.end) out.push({ start: cursor, end: base.end });
  return out;
}

/** The parts of every span of `spans` that none of `cover` covers. */
export function subtractAll(spans: readonly Span[], cover: readonly Span[]): Span[] {
  return spans.flatMap(s => subtract(s, cover));
}
