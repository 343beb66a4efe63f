import { useCallback, useEffect, useState } from 'react';
import { useErrorText, type PluginClient } from '@yinxin/ops-react';
import type { AlertEventView } from '@yinxin/plugin-monitor-common';
import { EVENT_PAGE_SIZE, EventFilter, eventPage, eventQuery, nextBefore } from '../events';

/** The alert history as far as it was read: the events shown, whether more follow, and how to read them. */
export interface EventPages {
  items: AlertEventView[];
  more: boolean;
  loading: boolean;
  error?: string;
  /** Reads the next page (events before the last one shown). */
  loadMore: () => void;
  /** Starts again from the newest. */
  reload: () => void;
}

/**
 * Reads the alert events matching `filter`, newest first, a page at a time: the first page when
 * the filter changes, the next on `loadMore` (only the answer for the current filter is kept).
 */
export function useEventPages(client: PluginClient, filter: EventFilter, limit = EVENT_PAGE_SIZE): EventPages {
  const errorText = useErrorText();
  const key = eventQuery(filter, { limit });
  const [round, setRound] = useState(0);
  const [state, setState] = useState<{ key: string; items: AlertEventView[]; more: boolean; loading: boolean; error?: string }>({ key, items: [], more: false, loading: true });
  useEffect(() => {
    let current = true;
    setState(s => ({ key, items: s.key === key ? s.items : [], more: false, loading: true }));
    client.get<AlertEventView[]>(`/alerts/events?${key}`).then(
      answer => current && setState({ key, ...eventPage(answer, limit), loading: false }),
      e => current && setState({ key, items: [], more: false, loading: false, error: errorText(e) }),
    );
    return () => {
      current = false;
    };
    // `filter` and `limit` are in `key`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, round, errorText]);
  const loadMore = useCallback(() => {
    const before = nextBefore(state.items);
    if (before === undefined || state.loading) return;
    setState(s => ({ ...s, loading: true }));
    client.get<AlertEventView[]>(`/alerts/events?${eventQuery(filter, { before, limit })}`).then(
      answer => {
        const page = eventPage(answer, limit);
        setState(s => {
          if (s.key !== key) return s;
          const seen = new Set(s.items.map(e => e.id));
          return { ...s, items: [...s.items, ...page.items.filter(e => !seen.has(e.id))], more: page.more, loading: false, error: undefined };
        });
      },
      e => setState(s => (s.key === key ? { ...s, loading: false, error: errorText(e) } : s)),
    );
  }, [client, filter, key, limit, state.items, state.loading, errorText]);
  const reload = useCallback(() => setRound(r => r + 1), []);
  return { items: state.key === key ? state.items : [], more: state.key === key && state.more, loading: state.loading, error: state.error, loadMore, reload };
}
