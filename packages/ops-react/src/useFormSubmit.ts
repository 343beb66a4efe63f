import { useCallback, useState } from 'react';
import { useErrorText } from './errorText';

/**
 * The sending of a form: `submit(valid, send)` makes its onSubmit handler, which marks the form
 * touched (so that its problems show), sends when `valid`, and keeps the backend's refusal in
 * `error` (in the user's language); `busy` while sending; `reset` forgets the touch and the error (a
 * form opened again).
 */
export function useFormSubmit() {
  const errorText = useErrorText();
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = useCallback(
    (valid: boolean, send: () => Promise<unknown>) => async (e: React.FormEvent) => {
      e.preventDefault();
      setTouched(true);
      if (!valid) return;
      setBusy(true);
      setError(undefined);
      try {
        await send();
      } catch (err) {
        setError(errorText(err));
      } finally {
        setBusy(false);
      }
    },
    [errorText],
  );
  const reset = useCallback(() => {
    setTouched(false);
    setError(undefined);
  }, []);
  return { touched, setTouched, busy, error, setError, submit, reset };
}
