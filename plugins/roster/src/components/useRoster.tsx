import { useCallback, useEffect, useState } from 'react';
import Alert from '@material-ui/lab/Alert';
import { SignedInUser, useErrorText, useLanguage, useSignedInUser } from '@yinxin/ops-react';
import type { Me } from '@yinxin/plugin-roster-common';
import { RosterCapabilities, capabilitiesOf } from '../capabilities';
import { refusalMessage, refusalReason } from '../errors';
import { useRosterApi } from '../api';

/** The signed-in user's entity ref, roles and roster capabilities. */
export function useCaps(): SignedInUser<RosterCapabilities> {
  return useSignedInUser(capabilitiesOf);
}

/** The signed-in user with their person record on the team (`GET /me`), if any. */
export interface RosterMe extends SignedInUser<RosterCapabilities> {
  /** The user's person on the team, once known (null when not on the team). */
  me?: Me;
  /** The user's person id on the team. */
  personId?: string;
}

/** The user's capabilities and their place on the team. */
export function useRosterMe(): RosterMe {
  const user = useCaps();
  const api = useRosterApi();
  const mayAsk = user.loaded && (user.caps.read || user.caps.dutyRead || user.caps.requestSwap || user.caps.attendSelf || user.caps.dispatchSelf);
  const me = useRosterLoad(() => (mayAsk ? api.me() : Promise.resolve(undefined)), `me-${mayAsk}`);
  return { ...user, me: me.value, personId: me.value?.person?.id ?? undefined };
}

/**
 * Turns an API error into a message in the user's language: the roster's own refusal message
 * (`error.details.zh`/`en`) when there is one, else the portal's message of the error code.
 */
export function useRosterErrorText(): (e: unknown) => string {
  const { lang } = useLanguage();
  const generic = useErrorText();
  return useCallback((e: unknown) => refusalMessage(e, lang) ?? generic(e), [lang, generic]);
}

/**
 * A page's one-line result of an action, with the roster's refusal messages: `run(action,
 * success?)` runs it and shows `success` or the refusal; `view(testId)` renders it. The alert
 * carries `data-reason` with the refusal reason.
 */
export function useRosterNotice() {
  const errorText = useRosterErrorText();
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string; reason?: string }>();
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string): Promise<boolean> => {
      setNotice(undefined);
      try {
        await action();
        if (success) setNotice({ severity: 'success', text: success });
        return true;
      } catch (e) {
        setNotice({ severity: 'error', text: errorText(e), reason: refusalReason(e) });
        return false;
      }
    },
    [errorText],
  );
  const view = (testId: string) =>
    notice && (
      <Alert severity={notice.severity} style={{ marginBottom: 8 }} data-testid={testId} data-reason={notice.reason} onClose={() => setNotice(undefined)}>
        {notice.text}
      </Alert>
    );
  return { run, view, show: setNotice };
}

/** What {@link useRosterLoad} returns. */
export interface RosterLoaded<T> {
  value?: T;
  /** The load's failure in the user's language (the roster's refusal message when there is one). */
  error?: string;
  loading: boolean;
  /** Loads again. */
  reload: () => void;
}

/**
 * Loads data with `load` whenever `key` changes (or on `reload`), keeping the previous value while
 * the next one loads; only the latest answer is kept. Failures read like {@link useRosterErrorText}.
 */
export function useRosterLoad<T>(load: () => Promise<T>, key: string): RosterLoaded<T> {
  const errorText = useRosterErrorText();
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
