import { cstDayStart } from '@yinxin/ops-react';
import {
  AUDIENCES,
  MATERIAL_KINDS,
  MATERIAL_STATUSES,
  TOPICS,
  type Audience,
  type MaterialKind,
  type MaterialStatus,
  type SearchHit,
  type Topic,
} from '@yinxin/plugin-training-common';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | '' =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : '';

/** A zero-based page number from the URL (`?page=2`); anything else is the first page. */
export function pageParam(value: string | null): number {
  const n = Number(value ?? '0');
  return Number.isSafeInteger(n) && n > 0 && n < 10_000 ? n : 0;
}

/** The longest search text the API takes. */
export const MAX_QUERY_LENGTH = 100;

// ---- library -------------------------------------------------------------------------------------

/** The library's filter, as kept in the page's URL (`/training/library?q=…&audience=…`). */
export interface LibraryFilter {
  /** words searched in titles and texts (`GET /search`); empty lists the materials */
  q: string;
  audience: Audience | '';
  topic: Topic | '';
  kind: MaterialKind | '';
  /** zero-based */
  page: number;
}

/** Materials per page of the library. */
export const LIBRARY_PAGE_SIZE = 20;
/** Search hits asked for. */
export const SEARCH_LIMIT = 25;

/** The filter in a URL's search parameters; unknown values are dropped. */
export function libraryFilterFromSearch(search: URLSearchParams): LibraryFilter {
  return {
    q: (search.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    audience: oneOf(AUDIENCES, search.get('audience')),
    topic: oneOf(TOPICS, search.get('topic')),
    kind: oneOf(MATERIAL_KINDS, search.get('kind')),
    page: pageParam(search.get('page')),
  };
}

/** The URL search parameters of a filter (only what is set). */
export function libraryFilterToSearch(f: LibraryFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim().slice(0, MAX_QUERY_LENGTH));
  if (f.audience) p.set('audience', f.audience);
  if (f.topic) p.set('topic', f.topic);
  if (f.kind) p.set('kind', f.kind);
  if (f.page > 0) p.set('page', String(f.page));
  return p;
}

/** The query of `GET /materials` for the library (published materials; the API counts pages from 1). */
export function libraryListQuery(f: LibraryFilter, pageSize = LIBRARY_PAGE_SIZE): string {
  const p = new URLSearchParams();
  if (f.audience) p.set('audience', f.audience);
  if (f.topic) p.set('topic', f.topic);
  if (f.kind) p.set('kind', f.kind);
  p.set('page', String(f.page + 1));
  p.set('pageSize', String(pageSize));
  return p.toString();
}

/** The query of `GET /search` for the library's search box; undefined without words. */
export function searchQuery(f: LibraryFilter, options: { limit?: number; all?: boolean } = {}): string | undefined {
  const q = f.q.trim().slice(0, MAX_QUERY_LENGTH);
  if (!q) return undefined;
  const p = new URLSearchParams({ q });
  if (f.audience) p.set('audience', f.audience);
  if (f.topic) p.set('topic', f.topic);
  if (options.all) p.set('scope', 'all');
  p.set('limit', String(options.limit ?? SEARCH_LIMIT));
  return p.toString();
}

/** Search hits of one kind (the search API has no kind filter). */
export function hitsOfKind(hits: readonly SearchHit[], kind: MaterialKind | ''): SearchHit[] {
  return kind ? hits.filter(h => h.kind === kind) : [...hits];
}

// ---- 我的资料 / 审核 -------------------------------------------------------------------------------

/** The staff list of materials: one's own or all, of a status. */
export interface StaffFilter {
  mine: boolean;
  status: MaterialStatus | '';
  /** zero-based */
  page: number;
}

/** Materials per page of the staff list. */
export const STAFF_PAGE_SIZE = 20;

/** The staff filter from the URL: writers see their own by default. */
export function staffFilterFromSearch(search: URLSearchParams, writer: boolean): StaffFilter {
  const view = search.get('view');
  return { mine: view === 'all' ? false : view === 'mine' ? true : writer, status: oneOf(MATERIAL_STATUSES, search.get('status')), page: pageParam(search.get('page')) };
}

/** The query of `GET /materials` for staff (every state, newest version). */
export function staffMaterialsQuery(f: StaffFilter, pageSize = STAFF_PAGE_SIZE): string {
  const p = new URLSearchParams({ scope: 'all' });
  if (f.mine) p.set('mine', 'true');
  if (f.status) p.set('status', f.status);
  p.set('page', String(f.page + 1));
  p.set('pageSize', String(pageSize));
  return p.toString();
}

/**
 * The queries that find every version waiting for review: new materials in review, and
 * published materials with a newer version in review (their status stays `published`).
 */
export const REVIEW_QUEUE_QUERIES: readonly string[] = ['scope=all&status=in-review&pageSize=100', 'scope=all&status=published&pageSize=100'];

// ---- sessions ------------------------------------------------------------------------------------

/** How far back the session list goes. */
export const SESSION_LIST_DAYS_BACK = 30;

/** The query of `GET /sessions` for the list: from some days back, optionally only one's own. */
export function sessionListQuery(now: Date, mine: boolean): string {
  const p = new URLSearchParams({ from: new Date(now.getTime() - SESSION_LIST_DAYS_BACK * 86_400_000).toISOString() });
  if (mine) p.set('mine', 'true');
  return p.toString();
}

/** The query of `GET /sessions` for a calendar week starting on `monday` (CST day). */
export function sessionWeekQuery(monday: string, mine: boolean): string | undefined {
  const from = cstDayStart(monday);
  if (!from) return undefined;
  const p = new URLSearchParams({ from, to: new Date(Date.parse(from) + 7 * 86_400_000).toISOString() });
  if (mine) p.set('mine', 'true');
  return p.toString();
}

// ---- reports -------------------------------------------------------------------------------------

/** The report filter: sessions starting between two CST days (inclusive), a department, a trainer. */
export interface ReportFilter {
  from: string;
  to: string;
  department: string;
  /** a user name or entity ref */
  trainer: string;
}

/** No filter: every record. */
export const EMPTY_REPORT_FILTER: ReportFilter = { from: '', to: '', department: '', trainer: '' };

/** A user entity ref from a user name (`trainer1` → `user:default/trainer1`) or a ref; undefined when it is neither. */
export function userRefOf(input: string): string | undefined {
  const v = input.trim();
  if (!v) return undefined;
  const ref = v.startsWith('user:') ? v : `user:default/${v}`;
  return /^user:[a-z0-9_-]{1,64}\/[A-Za-z0-9_.@-]{1,100}$/.test(ref) ? ref : undefined;
}

/** The query of a report route; `format` for an export. Unreadable days and names are left out. */
export function reportQuery(f: ReportFilter, format?: 'csv' | 'pdf', extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  const from = f.from ? cstDayStart(f.from) : undefined;
  const toStart = f.to ? cstDayStart(f.to) : undefined;
  if (from) p.set('from', from);
  if (toStart) p.set('to', new Date(Date.parse(toStart) + 86_400_000).toISOString());
  if (f.department.trim()) p.set('department', f.department.trim().slice(0, 100));
  const trainer = userRefOf(f.trainer);
  if (trainer) p.set('trainerRef', trainer);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  if (format) p.set('format', format);
  return p.toString();
}
