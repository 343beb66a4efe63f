import { useCallback, useEffect, useState } from 'react';
import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import {
  Box, Button, Grid, MenuItem, Select, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useErrorText, usePluginClient, useT } from '@yinxin/ops-react';
import { platformMessages } from './messages';

interface Account {
  username: string;
  entityRef: string;
  displayName: string;
  lockedUntil: string | null;
  disabled: boolean;
  lastLoginAt: string | null;
}

function AccountsCard() {
  const t = useT(platformMessages);
  const errorText = useErrorText();
  const client = usePluginClient('auth');
  const [items, setItems] = useState<Account[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [form, setForm] = useState({ username: '', displayName: '' });
  const load = useCallback(async () => {
    try {
      setItems((await client.get<{ items: Account[] }>('/local-accounts/accounts')).items);
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);
  useEffect(() => {
    load();
  }, [load]);
  const act = async (fn: () => Promise<string | undefined>) => {
    try {
      const text = await fn();
      if (text) setMessage({ ok: true, text });
      await load();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e) });
    }
  };
  return (
    <InfoCard title={t('accounts')}>
      {message && <Alert severity={message.ok ? 'info' : 'error'} data-testid="admin-message">{message.text}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            {(['username', 'displayName', 'entityRef', 'status', 'lastLogin'] as const).map(k => (
              <TableCell key={k}>{t(k)}</TableCell>
            ))}
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(a => {
            const locked = !!a.lockedUntil && new Date(a.lockedUntil) > new Date();
            return (
              <TableRow key={a.username} data-testid={`account-${a.username}`}>
                <TableCell>{a.username}</TableCell>
                <TableCell>{a.displayName}</TableCell>
                <TableCell>{a.entityRef}</TableCell>
                <TableCell>{a.disabled ? t('disabled') : locked ? t('locked') : t('active')}</TableCell>
                <TableCell>{a.lastLoginAt ? new Date(a.lastLoginAt).toLocaleString() : '—'}</TableCell>
                <TableCell>
                  {locked && (
                    <Button size="small" onClick={() => act(async () => { await client.post(`/local-accounts/accounts/${a.username}/unlock`); return undefined; })}>
                      {t('unlock')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() =>
                      act(async () => {
                        const r = await client.post<{ temporaryPassword: string }>(`/local-accounts/accounts/${a.username}/reset-password`);
                        return t('temporaryPassword', { user: a.username, password: r.temporaryPassword });
                      })
                    }
                  >
                    {t('resetPassword')}
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Box mt={2} display="flex" style={{ gap: 8 }} alignItems="flex-end">
        <TextField label={t('username')} name="new-username" value={form.username} onChange={e => setForm({ ...form, username: e.target.value })} />
        <TextField label={t('displayName')} name="new-displayName" value={form.displayName} onChange={e => setForm({ ...form, displayName: e.target.value })} />
        <Button
          variant="outlined"
          onClick={() =>
            act(async () => {
              const r = await client.post<{ initialPassword?: string }>('/local-accounts/accounts', {
                username: form.username,
                displayName: form.displayName,
                entityRef: `user:default/${form.username}`,
              });
              return t('temporaryPassword', { user: form.username, password: r.initialPassword ?? '' });
            })
          }
        >
          {t('createAccount')}
        </Button>
      </Box>
    </InfoCard>
  );
}

interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name: string | null;
  source: string;
}

function CalendarCard() {
  const t = useT(platformMessages);
  const errorText = useErrorText();
  const client = usePluginClient('platform');
  const [year, setYear] = useState(new Date().getFullYear());
  const [data, setData] = useState<{ days: CalendarDay[]; settings: any }>();
  const [error, setError] = useState<string>();
  const [form, setForm] = useState({ day: '', kind: 'holiday', name: '' });
  const load = useCallback(async () => {
    try {
      setData(await client.get(`/calendar/years/${year}`));
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, year]);
  useEffect(() => {
    load();
  }, [load]);
  const setDay = async (day: string, kind: string | null, name?: string) => {
    try {
      await client.put(`/calendar/days/${day}`, { kind, name: name || null });
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <InfoCard title={t('calendar')}>
      <Box display="flex" style={{ gap: 16 }} alignItems="center">
        <TextField type="number" name="calendar-year" label={t('year')} value={year} onChange={e => setYear(Number(e.target.value))} />
        {data && (
          <Typography variant="body2">
            {t('businessHours', { start: data.settings.businessHours.start, end: data.settings.businessHours.end, zone: data.settings.timeZone })}
          </Typography>
        )}
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      <Box mt={2} display="flex" style={{ gap: 8 }} alignItems="flex-end">
        <TextField label={t('day')} name="calendar-day" placeholder="2027-01-01" value={form.day} onChange={e => setForm({ ...form, day: e.target.value })} />
        <Select value={form.kind} onChange={e => setForm({ ...form, kind: String(e.target.value) })}>
          <MenuItem value="holiday">{t('holiday')}</MenuItem>
          <MenuItem value="workday">{t('workday')}</MenuItem>
        </Select>
        <TextField label={t('name')} name="calendar-name" value={form.name} onChange={e => setForm({ ...form, name: e.target.value })} />
        <Button variant="outlined" onClick={() => setDay(form.day, form.kind, form.name)}>
          {t('setDay')}
        </Button>
      </Box>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{t('day')}</TableCell>
            <TableCell>{t('kind')}</TableCell>
            <TableCell>{t('name')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {data?.days.map(d => (
            <TableRow key={d.day} data-testid={`calendar-${d.day}`}>
              <TableCell>{d.day}</TableCell>
              <TableCell>{d.kind === 'holiday' ? t('holiday') : t('workday')}</TableCell>
              <TableCell>{d.name}</TableCell>
              <TableCell>
                <Button size="small" onClick={() => setDay(d.day, null)}>
                  {t('clearDay')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

/** Administration: local accounts and the working-day calendar. */
export function AdminPage() {
  const t = useT(platformMessages);
  return (
    <Page themeId="tool">
      <Header title={t('adminTitle')} />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <AccountsCard />
          </Grid>
          <Grid item xs={12}>
            <CalendarCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
