import { useCallback, useState } from 'react';
import Alert from '@material-ui/lab/Alert';
import { useErrorText } from './errorText';

/**
 * A page's one-line result of an action: `run(action, success?)` clears it, runs the action and
 * shows `success` or the translated error; `view(testId)` renders it (nothing when empty).
 */
export function useNotice() {
  const errorText = useErrorText();
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string }>();
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string) => {
      setNotice(undefined);
      try {
        await action();
        if (success) setNotice({ severity: 'success', text: success });
      } catch (e) {
        setNotice({ severity: 'error', text: errorText(e) });
      }
    },
    [errorText],
  );
  const view = (testId: string) =>
    notice && (
      <Alert severity={notice.severity} style={{ marginBottom: 8 }} data-testid={testId}>
        {notice.text}
      </Alert>
    );
  return { run, view, show: setNotice };
}
