import { useCallback, useState } from 'react';
import Alert from '@material-ui/lab/Alert';
import { useErrorText, useLanguage } from '@yinxin/ops-react';
import { refusalText } from '../refusal';

/**
 * Turns an API error into a message in the user's language: the training backend's own message
 * (`details.zh` / `details.en`) when it gave one, else the portal's text for the error code.
 */
export function useRefusalText(): (e: unknown) => string {
  const errorText = useErrorText();
  const { lang } = useLanguage();
  return useCallback((e: unknown) => refusalText(e, lang) ?? errorText(e), [errorText, lang]);
}

/**
 * A page's one-line result of an action, with the backend's message on refusal: `run(action,
 * success?)`; `view(testId)` renders it.
 */
export function useTrainingNotice() {
  const text = useRefusalText();
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string }>();
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string) => {
      setNotice(undefined);
      try {
        await action();
        if (success) setNotice({ severity: 'success', text: success });
        return true;
      } catch (e) {
        setNotice({ severity: 'error', text: text(e) });
        return false;
      }
    },
    [text],
  );
  const view = (testId: string) =>
    notice && (
      <Alert severity={notice.severity} style={{ marginBottom: 8 }} data-testid={testId} data-severity={notice.severity} onClose={() => setNotice(undefined)}>
        {notice.text}
      </Alert>
    );
  return { run, view, show: setNotice };
}

/**
 * The sending of a form: `submit(valid, send)` makes its onSubmit handler; it marks the form
 * touched, sends when valid and keeps the backend's refusal (its own message) in `error`.
 */
export function useTrainingSubmit() {
  const text = useRefusalText();
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = useCallback(
    (valid: boolean, send: () => Promise<unknown>) => async (e?: React.FormEvent) => {
      e?.preventDefault();
      setTouched(true);
      if (!valid) return;
      setBusy(true);
      setError(undefined);
      try {
        await send();
      } catch (err) {
        setError(text(err));
      } finally {
        setBusy(false);
      }
    },
    [text],
  );
  const reset = useCallback(() => {
    setTouched(false);
    setError(undefined);
  }, []);
  return { touched, setTouched, busy, error, setError, submit, reset };
}
