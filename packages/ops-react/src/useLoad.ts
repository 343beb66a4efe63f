import { useCallback, useEffect, useState } from 'react';
import { useErrorText } from './errorText';

/** What {@link useLoad} returns. */
export interface Loaded<T> {
  value?: T;
  /** The load's failure in the user's language. */
  error?: string;
  loading: boolean;
  /** Loads again (after an action changed the data). */
  reload: () => void;
}

/**
 * Loads data for a page with `load` whenever `key` changes (a query string, an id), keeping the
 * previous value while the next one loads; only the latest load's answer is kept.
 */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const errorText = useErrorText();
  const [state, setState] = useState<{ value?: T; error?: string; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState(s => ({ ...s, loading: true }));
    load().then(
      value => current && setState({ value, loading: false }),
      e => current && setState(s => ({ value: s.value, error: errorText(e), loading: false })),
    );
    return () => {
      current = false;
    };
    // `load` is a new closure each render; `key` names what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round, errorText]);
  const reload = useCallback(() => setRound(r => r + 1), []);
  return { ...state, reload };
}
