import {
  APPLICATION_STATUSES,
  ApplicationStatus,
  CERTIFICATE_STATUSES,
  CERTIFICATE_USAGES,
  CertificateStatus,
  CertificateUsage,
  KEY_ALGORITHMS,
  KeyAlgorithm,
} from '@yinxin/plugin-ca-common';

/** The certificate search form, as kept in the page's URL (`/ca/certificates?status=good&…`). */
export interface CertificateFilter {
  /** Text searched in serial, subject and DN. */
  q: string;
  status: CertificateStatus | '';
  /** `true`: expired only; `false`: current only; empty: both. */
  expired: '' | 'true' | 'false';
  usage: CertificateUsage | '';
  algorithm: KeyAlgorithm | '';
  /** Expiring within this many days (digits as typed); empty for no limit. */
  expiringWithinDays: string;
  /** Zero-based page. */
  page: number;
}

/** An empty filter: every certificate, first page. */
export const EMPTY_CERTIFICATE_FILTER: CertificateFilter = {
  q: '',
  status: '',
  expired: '',
  usage: '',
  algorithm: '',
  expiringWithinDays: '',
  page: 0,
};

/** Certificates per page of the search table. */
export const CERTIFICATE_PAGE_SIZE = 25;

const oneOf = <T extends string>(values: readonly T[], v: string | null): T | '' =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : '';

/** Whole days 0–3650 as the backend takes them; undefined for anything else (ignored). */
export function parseDays(value: string): number | undefined {
  const v = value.trim();
  if (!/^\d{1,4}$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 3650 ? n : undefined;
}

/** The filter in a URL's search parameters; unknown or invalid values are dropped. */
export function certificateFilterFromSearch(search: URLSearchParams): CertificateFilter {
  const days = search.get('expiringWithinDays') ?? '';
  const page = Number(search.get('page') ?? '0');
  return {
    q: (search.get('q') ?? '').slice(0, 100),
    status: oneOf(CERTIFICATE_STATUSES, search.get('status')),
    expired: oneOf(['true', 'false'] as const, search.get('expired')),
    usage: oneOf(CERTIFICATE_USAGES, search.get('usage')),
    algorithm: oneOf(KEY_ALGORITHMS, search.get('algorithm')),
    expiringWithinDays: parseDays(days) === undefined ? '' : days.trim(),
    page: Number.isSafeInteger(page) && page > 0 ? page : 0,
  };
}

/** The search parameters of the page's URL for a filter (only what is set). */
export function certificateFilterToSearch(filter: CertificateFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (filter.q.trim()) p.set('q', filter.q.trim());
  if (filter.status) p.set('status', filter.status);
  if (filter.expired) p.set('expired', filter.expired);
  if (filter.usage) p.set('usage', filter.usage);
  if (filter.algorithm) p.set('algorithm', filter.algorithm);
  if (parseDays(filter.expiringWithinDays) !== undefined) p.set('expiringWithinDays', filter.expiringWithinDays.trim());
  if (filter.page > 0) p.set('page', String(filter.page));
  return p;
}

/** The query string of `GET /certificates` for a filter: its page as `limit` and `offset`. */
export function certificateQuery(filter: CertificateFilter, pageSize = CERTIFICATE_PAGE_SIZE): string {
  const p = certificateFilterToSearch({ ...filter, page: 0 });
  p.set('limit', String(pageSize));
  p.set('offset', String(filter.page * pageSize));
  return p.toString();
}

/** The query string of `GET /applications`. */
export function applicationQuery(filter: { status?: ApplicationStatus | ''; q?: string }, limit = 50, offset = 0): string {
  const p = new URLSearchParams();
  if (filter.status && (APPLICATION_STATUSES as readonly string[]).includes(filter.status)) p.set('status', filter.status);
  if (filter.q?.trim()) p.set('q', filter.q.trim().slice(0, 100));
  p.set('limit', String(limit));
  if (offset > 0) p.set('offset', String(offset));
  return p.toString();
}

/** The query string of `GET /subjects`. */
export function subjectQuery(filter: { q?: string; kind?: string }): string {
  const p = new URLSearchParams();
  if (filter.q?.trim()) p.set('q', filter.q.trim().slice(0, 100));
  if (filter.kind) p.set('kind', filter.kind);
  return p.toString();
}
