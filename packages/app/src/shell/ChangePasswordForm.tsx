import { useState } from 'react';
import { Box, Button, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { ERROR_MESSAGES, useLabel, useT } from '@yinxin/ops-react';
import { shellMessages } from './messages';

/**
 * Changes the signed-in user's password with their Backstage token. The change ends every session
 * of the account, so the caller signs in again with the returned user name.
 */
export async function changePassword(backendUrl: string, token: string, currentPassword: string, newPassword: string) {
  const res = await fetch(`${backendUrl}/api/auth/local-accounts/me/password`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ currentPassword, newPassword }),
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw Object.assign(new Error(body?.error?.message ?? res.statusText), { code: body?.error?.code ?? 'INTERNAL' });
  }
  return (await res.json()) as { ok: true; username: string };
}

/**
 * The change-password form. `currentPassword` may be given (right after sign-in with a one-time
 * password); `onChange` performs the change and may throw an error with a `code`.
 */
export function ChangePasswordForm(props: {
  currentPassword?: string;
  onChange(current: string, next: string): Promise<void>;
  onDone?(): void;
}) {
  const t = useT(shellMessages);
  const label = useLabel();
  const [current, setCurrent] = useState(props.currentPassword ?? '');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (next !== again) {
      setError(t('passwordsDiffer'));
      return;
    }
    try {
      await props.onChange(current, next);
      setDone(true);
      setError(undefined);
      props.onDone?.();
    } catch (err) {
      const code = (err as { code?: string }).code as keyof typeof ERROR_MESSAGES;
      const base = label(ERROR_MESSAGES[code] ?? ERROR_MESSAGES.INTERNAL);
      setError(code === 'VALIDATION_FAILED' ? `${base}：${(err as Error).message}` : base);
    }
  };
  return (
    <form onSubmit={submit} data-testid="change-password-form">
      <Typography variant="body2">{t('passwordRule')}</Typography>
      {props.currentPassword === undefined && (
        <TextField fullWidth margin="normal" type="password" name="currentPassword" label={t('currentPassword')} value={current} onChange={e => setCurrent(e.target.value)} />
      )}
      <TextField fullWidth margin="normal" type="password" name="newPassword" label={t('newPassword')} value={next} onChange={e => setNext(e.target.value)} inputProps={{ maxLength: 256 }} />
      <TextField fullWidth margin="normal" type="password" name="newPasswordAgain" label={t('newPasswordAgain')} value={again} onChange={e => setAgain(e.target.value)} inputProps={{ maxLength: 256 }} />
      {error && <Alert severity="error" data-testid="change-password-error">{error}</Alert>}
      {done && <Alert severity="success" data-testid="change-password-done">{t('passwordChanged')}</Alert>}
      <Box mt={2}>
        <Button type="submit" variant="contained" color="primary" disabled={!current || !next || !again} data-testid="change-password-submit">
          {t('changePassword')}
        </Button>
      </Box>
    </form>
  );
}
