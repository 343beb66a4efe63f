import type { Authority } from '@yinxin/plugin-ca-common';

/** An authority with its depth in the hierarchy (roots and externally certified CAs at 0). */
export interface AuthorityRow {
  authority: Authority;
  depth: number;
}

/**
 * The hierarchy in display order: each root (or CA whose parent is outside the system or not
 * listed), followed by its subordinates, depth-first; siblings by algorithm then name. A cycle in
 * bad data cannot loop: each authority is listed once.
 */
export function authorityTree(authorities: readonly Authority[]): AuthorityRow[] {
  const ids = new Set(authorities.map(a => a.id));
  const children = new Map<string | undefined, Authority[]>();
  for (const a of authorities) {
    const parent = a.parentId && ids.has(a.parentId) && a.parentId !== a.id ? a.parentId : undefined;
    children.set(parent, [...(children.get(parent) ?? []), a]);
  }
  const order = (list: Authority[]) =>
    [...list].sort((x, y) => x.algorithm.localeCompare(y.algorithm) || x.name.localeCompare(y.name, 'zh-CN'));
  const rows: AuthorityRow[] = [];
  const seen = new Set<string>();
  const visit = (a: Authority, depth: number) => {
    if (seen.has(a.id)) return;
    seen.add(a.id);
    rows.push({ authority: a, depth });
    for (const c of order(children.get(a.id) ?? [])) visit(c, depth + 1);
  };
  for (const root of order(children.get(undefined) ?? [])) visit(root, 0);
  // Anything left (only in a cycle) is still shown.
  for (const a of order(authorities.filter(x => !seen.has(x.id)))) visit(a, 0);
  return rows;
}

/** Whole days from `now` until `iso` (negative once past). */
export function daysUntil(iso: string, now: Date = new Date()): number {
  return Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
}
