import { cstDayStart } from '@yinxin/ops-react';
import { SEAL_STATUSES, SEAL_TYPES, USE_REQUEST_STATUSES, type SealStatus, type SealType, type UseRequestStatus } from '@yinxin/plugin-seal-common';

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | '' =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : '';

/** A zero-based page number from the URL (`?page=2`); anything else is the first page. */
export function pageParam(value: string | null): number {
  const n = Number(value ?? '0');
  return Number.isSafeInteger(n) && n > 0 && n < 10_000 ? n : 0;
}

/** The registry's filter, as kept in the page's URL (`/seal/registry?status=active&…`). */
export interface SealFilter {
  /** Text searched in name, owner, credit code and seal code. */
  q: string;
  status: SealStatus | '';
  type: SealType | '';
  /** Zero-based page. */
  page: number;
}

/** Every seal, first page. */
export const EMPTY_SEAL_FILTER: SealFilter = { q: '', status: '', type: '', page: 0 };

/** Seals per page of the registry table. */
export const SEAL_PAGE_SIZE = 20;

/** The filter in a URL's search parameters; unknown or invalid values are dropped. */
export function sealFilterFromSearch(search: URLSearchParams): SealFilter {
  return {
    q: (search.get('q') ?? '').trim().slice(0, 64),
    status: oneOf(SEAL_STATUSES, search.get('status')),
    type: oneOf(SEAL_TYPES, search.get('type')),
    page: pageParam(search.get('page')),
  };
}

/** The search parameters of the page's URL for a filter (only what is set). */
export function sealFilterToSearch(filter: SealFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (filter.q.trim()) p.set('q', filter.q.trim().slice(0, 64));
  if (filter.status) p.set('status', filter.status);
  if (filter.type) p.set('type', filter.type);
  if (filter.page > 0) p.set('page', String(filter.page));
  return p;
}

/** The query string of `GET /seals` for a filter (the API counts pages from 1). */
export function sealQuery(filter: SealFilter, pageSize = SEAL_PAGE_SIZE): string {
  const p = sealFilterToSearch({ ...filter, page: 0 });
  p.set('page', String(filter.page + 1));
  p.set('pageSize', String(pageSize));
  return p.toString();
}

/** The applications tab's views: the open ones (pending, approved, made), or one state. */
export const APPLICATION_VIEWS = ['open', 'pending', 'approved', 'made', 'rejected'] as const;
/** One of {@link APPLICATION_VIEWS}. */
export type ApplicationView = (typeof APPLICATION_VIEWS)[number];
/** The states of an application still in progress. */
export const OPEN_APPLICATION_STATUSES = ['pending', 'approved', 'made'] as const satisfies readonly SealStatus[];

/**
 * The view of the applications tab: as the URL says, or, when it says nothing, the work waiting
 * for the user — pending ones for reviewers, all open ones for everyone else.
 */
export function applicationViewOf(param: string | null, caps: { review: boolean }): ApplicationView {
  const v = oneOf(APPLICATION_VIEWS, param);
  if (v) return v;
  return caps.review ? 'pending' : 'open';
}

/** The `GET /seals` queries of a view: one per state (the open view asks for three). */
export function applicationQueries(view: ApplicationView, pageSize = 100): string[] {
  const statuses: readonly SealStatus[] = view === 'open' ? OPEN_APPLICATION_STATUSES : [view];
  return statuses.map(status => sealQuery({ ...EMPTY_SEAL_FILTER, status }, pageSize));
}

/** A user name typed in a filter or a holder list (`sealuser1` or `user:default/sealuser1`) as an entity ref. */
export function userRefOf(input: string): string | undefined {
  const v = input.trim();
  if (/^user:[a-z0-9_-]+\/[A-Za-z0-9_.@-]{1,100}$/.test(v)) return v;
  return /^[A-Za-z0-9_.@-]{1,100}$/.test(v) ? `user:default/${v}` : undefined;
}

/** The usage log's filter, as kept in the page's URL. Days are `YYYY-MM-DD` (China time). */
export interface LogFilter {
  /** a user name or entity ref */
  actor: string;
  from: string;
  to: string;
  sealId: string;
  page: number;
}

/** The whole log, first page. */
export const EMPTY_LOG_FILTER: LogFilter = { actor: '', from: '', to: '', sealId: '', page: 0 };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The log filter in a URL's search parameters; invalid values are dropped. */
export function logFilterFromSearch(search: URLSearchParams): LogFilter {
  const actor = search.get('actor') ?? '';
  const day = (v: string | null) => (v && DAY.test(v) && cstDayStart(v) ? v : '');
  const sealId = (search.get('seal') ?? '').toLowerCase();
  return {
    actor: userRefOf(actor) ? actor.trim() : '',
    from: day(search.get('from')),
    to: day(search.get('to')),
    sealId: UUID.test(sealId) ? sealId : '',
    page: pageParam(search.get('page')),
  };
}

/** The search parameters of the page's URL for a log filter. */
export function logFilterToSearch(filter: LogFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (userRefOf(filter.actor)) p.set('actor', filter.actor.trim());
  if (cstDayStart(filter.from)) p.set('from', filter.from);
  if (cstDayStart(filter.to)) p.set('to', filter.to);
  if (UUID.test(filter.sealId)) p.set('seal', filter.sealId);
  if (filter.page > 0) p.set('page', String(filter.page));
  return p;
}

/**
 * The query string of `GET /uses`: the actor as an entity ref, `from` the start of its day and
 * `to` the start of the day after it (both days included), the page counted from 1.
 */
export function logQuery(filter: LogFilter): string {
  const p = new URLSearchParams();
  const actor = userRefOf(filter.actor);
  if (actor && filter.actor.trim()) p.set('actor', actor);
  const from = cstDayStart(filter.from);
  if (from) p.set('from', from);
  const to = cstDayStart(filter.to);
  if (to) p.set('to', new Date(Date.parse(to) + 86_400_000).toISOString());
  if (UUID.test(filter.sealId)) p.set('sealId', filter.sealId);
  p.set('page', String(filter.page + 1));
  return p.toString();
}

/** Rows per page of the lists whose API pages by 20 (uses, use requests). */
export const API_PAGE_SIZE = 20;

/** The use-request list's filter from the URL: a state and a page. */
export function requestFilterFromSearch(search: URLSearchParams): { status: UseRequestStatus | ''; page: number } {
  return { status: oneOf(USE_REQUEST_STATUSES, search.get('status')), page: pageParam(search.get('page')) };
}

/** The query string of `GET /use-requests`. */
export function requestQuery(filter: { status: UseRequestStatus | ''; page: number }): string {
  const p = new URLSearchParams();
  if (filter.status) p.set('status', filter.status);
  p.set('page', String(filter.page + 1));
  return p.toString();
}

/** The CA's query (`GET /api/ca/certificates`) for usable signing certificates matching what was typed. */
export function signingCertificateQuery(text: string): string {
  const p = new URLSearchParams({ usage: 'sign', status: 'good', expired: 'false', limit: '10' });
  if (text.trim()) p.set('q', text.trim().slice(0, 100));
  return p.toString();
}
