import type { AlertEventView, EventQuery } from '@yinxin/plugin-monitor-common';
import { cstDayStart } from '@yinxin/ops-react';

/** Types of alert events, in the order of an alert's life. */
export const EVENT_TYPES = ['pending', 'firing', 'resolved', 'cancelled'] as const satisfies readonly NonNullable<EventQuery['type']>[];
/** Severities of alert rules, worst first. */
export const SEVERITIES = ['critical', 'major', 'minor', 'info'] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** The history's filter, as kept in the page's URL (`/monitor/history?target=…&from=…`). Days are `YYYY-MM-DD` in China time. */
export interface EventFilter {
  targetId: string;
  ruleId: string;
  type: (typeof EVENT_TYPES)[number] | '';
  severity: Severity | '';
  from: string;
  to: string;
  /** words searched in the message and the target id */
  q: string;
}

/** The whole history. */
export const EMPTY_EVENT_FILTER: EventFilter = { targetId: '', ruleId: '', type: '', severity: '', from: '', to: '', q: '' };

/** Events per page of the history ('more' loads the next). */
export const EVENT_PAGE_SIZE = 50;

/** Rule and target ids as the API accepts them. */
const ID = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(values: readonly T[], v: string | null): T | '' => (v !== null && (values as readonly string[]).includes(v) ? (v as T) : '');
const id = (v: string | null) => (v && ID.test(v) ? v : '');
const day = (v: string | null) => (v && DAY.test(v) && cstDayStart(v) ? v : '');
const text = (v: string | null) => (v ?? '').trim().slice(0, 100);

/** The filter in a URL's search parameters; what the API would refuse is dropped. */
export function eventFilterFromSearch(search: URLSearchParams): EventFilter {
  return {
    targetId: id(search.get('target')),
    ruleId: id(search.get('rule')),
    type: oneOf(EVENT_TYPES, search.get('type')),
    severity: oneOf(SEVERITIES, search.get('severity')),
    from: day(search.get('from')),
    to: day(search.get('to')),
    q: text(search.get('q')),
  };
}

/** The search parameters of the page's URL for a filter (only what is set). */
export function eventFilterToSearch(filter: EventFilter): URLSearchParams {
  const p = new URLSearchParams();
  if (ID.test(filter.targetId)) p.set('target', filter.targetId);
  if (ID.test(filter.ruleId)) p.set('rule', filter.ruleId);
  if (filter.type) p.set('type', filter.type);
  if (filter.severity) p.set('severity', filter.severity);
  if (day(filter.from)) p.set('from', filter.from);
  if (day(filter.to)) p.set('to', filter.to);
  if (text(filter.q)) p.set('q', text(filter.q));
  return p;
}

/**
 * The query string of `GET /alerts/events`: `from` the start of its China day, `to` the start of
 * the day after (both days included), `before` the last id already shown, and one more than a page
 * so that the answer tells whether there is more.
 */
export function eventQuery(filter: EventFilter, page: { before?: number; limit?: number } = {}): string {
  const p = new URLSearchParams();
  if (ID.test(filter.targetId)) p.set('targetId', filter.targetId);
  if (ID.test(filter.ruleId)) p.set('ruleId', filter.ruleId);
  if (filter.type) p.set('type', filter.type);
  if (filter.severity) p.set('severity', filter.severity);
  const from = filter.from ? cstDayStart(filter.from) : undefined;
  if (from) p.set('from', from);
  const to = filter.to ? cstDayStart(filter.to) : undefined;
  if (to) p.set('to', new Date(Date.parse(to) + 86_400_000).toISOString());
  if (text(filter.q)) p.set('q', text(filter.q));
  if (page.before !== undefined && Number.isSafeInteger(page.before) && page.before > 0) p.set('before', String(page.before));
  p.set('limit', String(Math.min(500, (page.limit ?? EVENT_PAGE_SIZE) + 1)));
  return p.toString();
}

/** A page of events from an answer asked with one extra (see {@link eventQuery}): the page and whether more follow. */
export function eventPage(answer: readonly AlertEventView[], limit = EVENT_PAGE_SIZE): { items: AlertEventView[]; more: boolean } {
  return { items: answer.slice(0, limit), more: answer.length > limit };
}

/** The `before` of the next page: the smallest id shown. */
export function nextBefore(shown: readonly AlertEventView[]): number | undefined {
  return shown.length ? Math.min(...shown.map(e => e.id)) : undefined;
}
