import React, { useEffect, useState } from 'react';
import { Box, Button, Card, CardContent, CircularProgress, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { ERROR_MESSAGES, useLabel, useLanguage, useT } from '@yinxin/ops-react';
import { shellMessages } from './messages';
import { LocalIdentityApi, LocalSignInResponse, SignInError, signInLocal } from './LocalIdentityApi';
import { ChangePasswordForm, changePassword } from './ChangePasswordForm';

/** The backend's URL: the app is served by the backend, so it is this page's origin. */
export const backendUrl = () => window.location.origin;

/**
 * Sign-in with a local account. On load it first tries to resume the session from its cookie.
 */
export function SignInPage(props: SignInPageProps) {
  const t = useT(shellMessages);
  const label = useLabel();
  const { lang, setLang } = useLanguage();
  const [resuming, setResuming] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [mustChange, setMustChange] = useState<LocalSignInResponse>();

  useEffect(() => {
    let cancelled = false;
    signInLocal(backendUrl())
      .then(r => !cancelled && props.onSignInSuccess(new LocalIdentityApi(backendUrl(), r)))
      .catch(() => !cancelled && setResuming(false));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await signInLocal(backendUrl(), { username: username.trim(), password });
      if (r.providerInfo?.mustChangePassword) {
        setMustChange(r);
        setBusy(false);
        return;
      }
      props.onSignInSuccess(new LocalIdentityApi(backendUrl(), r));
    } catch (err) {
      const code = err instanceof SignInError ? err.code : 'NETWORK';
      setError(label(ERROR_MESSAGES[code as keyof typeof ERROR_MESSAGES] ?? ERROR_MESSAGES.INTERNAL));
      setBusy(false);
    }
  };

  if (resuming) {
    return (
      <Box display="flex" justifyContent="center" mt={20}>
        <CircularProgress />
      </Box>
    );
  }
  return (
    <Box display="flex" justifyContent="center" alignItems="center" minHeight="100vh" bgcolor="#f5f1ea">
      <Card style={{ width: 400 }}>
        <CardContent>
          <Typography variant="h5" gutterBottom style={{ color: '#b71c1c' }}>
            {t('appName')}
          </Typography>
          {mustChange ? (
            <>
              <Alert severity="info">{t('mustChangePassword')}</Alert>
              <ChangePasswordForm
                currentPassword={password}
                onChange={async (current, next) => {
                  await changePassword(backendUrl(), mustChange.backstageIdentity.token, current, next);
                  const r = await signInLocal(backendUrl(), { username: username.trim(), password: next });
                  props.onSignInSuccess(new LocalIdentityApi(backendUrl(), r));
                }}
              />
            </>
          ) : (
          <form onSubmit={submit} data-testid="sign-in-form">
            <TextField
              label={t('username')}
              name="username"
              fullWidth
              margin="normal"
              autoComplete="username"
              value={username}
              onChange={e => setUsername(e.target.value)}
              inputProps={{ maxLength: 64 }}
            />
            <TextField
              label={t('password')}
              name="password"
              type="password"
              fullWidth
              margin="normal"
              autoComplete="current-password"
              value={password}
              onChange={e => setPassword(e.target.value)}
              inputProps={{ maxLength: 256 }}
            />
            {error && (
              <Alert severity="error" data-testid="sign-in-error">
                {error}
              </Alert>
            )}
            <Box mt={2} display="flex" justifyContent="space-between">
              <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
                {t('language')}
              </Button>
              <Button type="submit" variant="contained" color="primary" disabled={busy || !username || !password} data-testid="sign-in-submit">
                {busy ? t('signingIn') : t('signIn')}
              </Button>
            </Box>
          </form>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
