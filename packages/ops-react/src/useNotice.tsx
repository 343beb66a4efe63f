import { useCallback, useState } from 'react';
import Alert from '@material-ui/lab/Alert';
import { errorReason, useErrorText } from './errorText';

/** What a {@link useNotice} shows. */
export interface Notice {
  severity: 'success' | 'error' | 'info';
  text: string;
  /** A refusal's reason (`data-reason`). */
  reason?: string;
}

/**
 * A page's one-line result of an action: `run(action, success?)` clears it, runs the action and
 * shows `success` or the translated error (resolving to whether the action succeeded);
 * `view(testId)` renders it (nothing when empty) with `data-severity` and, for a refusal,
 * `data-reason`. `dismissible` gives it a close button.
 */
export function useNotice(options: { dismissible?: boolean } = {}) {
  const errorText = useErrorText();
  const [notice, setNotice] = useState<Notice>();
  const run = useCallback(
    async (action: () => Promise<unknown>, success?: string): Promise<boolean> => {
      setNotice(undefined);
      try {
        await action();
        if (success) setNotice({ severity: 'success', text: success });
        return true;
      } catch (e) {
        setNotice({ severity: 'error', text: errorText(e), reason: errorReason(e) });
        return false;
      }
    },
    [errorText],
  );
  const view = (testId: string) =>
    notice && (
      <Alert
        severity={notice.severity}
        style={{ marginBottom: 8 }}
        data-testid={testId}
        data-severity={notice.severity}
        data-reason={notice.reason}
        onClose={options.dismissible ? () => setNotice(undefined) : undefined}
      >
        {notice.text}
      </Alert>
    );
  return { run, view, show: setNotice };
}
