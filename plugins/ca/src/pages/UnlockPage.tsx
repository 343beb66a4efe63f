import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { UNLOCK_STATUSES, UnlockRequest } from '@yinxin/plugin-ca-common';
import { ActionDialog, decisionBlock, shortRef, StatusChip, useErrorText, useLabel, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { challengeProblem } from '../csr';
import { ticketIdParam } from '../refs';
import { useStatusFilter } from '../components/useStatusFilter';
import { useMe } from '../components/useMe';

const TOKEN_SERIAL = /^[0-9A-Za-z-]{4,64}$/;

/**
 * USB-key PIN unlock: the RA desk enters the token's challenge (or the user's client does, through
 * the API), a reviewer checks the caller's identity, and the requester releases the one-time
 * response that lets the token set a new PIN.
 */
export function UnlockPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('ca');
  const me = useMe();
  const { status, select: statusSelect } = useStatusFilter(UNLOCK_STATUSES, s => label(LABELS.unlockStatus[s]));
  const list = useLoad(() => client.get<UnlockRequest[]>(`/unlock${status ? `?status=${status}` : ''}`), status);
  const [search] = useSearchParams();
  const [form, setForm] = useState({ tokenSerial: '', challenge: '', ticketId: ticketIdParam(search.get('ticket')) });
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<{ kind: 'verify' | 'reject'; request: UnlockRequest }>();
  const [response, setResponse] = useState<{ id: string; hex: string }>();

  const problems: Partial<Record<keyof typeof form, string>> = {};
  if (!TOKEN_SERIAL.test(form.tokenSerial.trim())) problems.tokenSerial = form.tokenSerial.trim() ? t('tokenSerialFormat') : t('required');
  const cp = challengeProblem(form.challenge);
  if (cp) problems.challenge = t(cp);
  if (form.ticketId.trim() && !ticketIdParam(form.ticketId)) problems.ticketId = t('ticketFormat');
  const shown = (k: keyof typeof form) => (touched ? problems[k] : undefined);
  const input = (name: keyof typeof form) => ({
    name,
    value: form[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm(f => ({ ...f, [name]: e.target.value })),
    error: !!shown(name),
    helperText: shown(name),
  });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    setError(undefined);
    try {
      await client.post<UnlockRequest>('/unlock', {
        tokenSerial: form.tokenSerial.trim(),
        challenge: form.challenge.replace(/\s+/g, '').toLowerCase(),
        ...(form.ticketId.trim() ? { ticketId: form.ticketId.trim() } : {}),
      });
      setForm({ tokenSerial: '', challenge: '', ticketId: '' });
      setTouched(false);
      list.reload();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const release = async (r: UnlockRequest) => {
    setError(undefined);
    try {
      const answer = await client.post<{ request: UnlockRequest; response: string }>(`/unlock/${r.id}/response`);
      setResponse({ id: r.id, hex: answer.response });
      list.reload();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <>
      {me.caps.unlockRequest && (
        <form onSubmit={submit} noValidate data-testid="unlock-form" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 16, marginBottom: 24 }}>
          <TextField {...input('tokenSerial')} label={t('tokenSerial')} inputProps={{ maxLength: 64, name: 'tokenSerial' }} />
          <TextField {...input('challenge')} label={t('challenge')} inputProps={{ maxLength: 200, name: 'challenge', style: { fontFamily: 'monospace' } }} style={{ minWidth: 480, flexGrow: 1 }} />
          <TextField {...input('ticketId')} label={t('ticketId')} inputProps={{ maxLength: 10, name: 'ticketId' }} style={{ width: 120 }} />
          <Button type="submit" variant="contained" color="primary" style={{ marginTop: 12 }} data-testid="unlock-submit">
            {t('newUnlock')}
          </Button>
        </form>
      )}
      {error && (
        <Alert severity="error" style={{ marginBottom: 16 }} data-testid="unlock-error">
          {error}
        </Alert>
      )}
      {response && (
        <Alert severity="success" style={{ marginBottom: 16 }} onClose={() => setResponse(undefined)}>
          <Typography variant="body2">{t('unlockResponse')}</Typography>
          <Typography variant="body2" style={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="unlock-response">
            {response.hex}
          </Typography>
        </Alert>
      )}
      <Box marginBottom={2}>
        {statusSelect}
      </Box>
      {list.error && <Alert severity="error">{list.error}</Alert>}
      <Table size="small" data-testid="unlock-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('tokenSerial')}</TableCell>
            <TableCell>{t('subject')}</TableCell>
            <TableCell>{t('requestedBy')}</TableCell>
            <TableCell>{t('ticketId')}</TableCell>
            <TableCell>{t('submittedAt')}</TableCell>
            <TableCell>{t('verifiedBy')}</TableCell>
            <TableCell>{t('status')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(list.value ?? []).map(r => {
            const block = decisionBlock({ requestedBy: r.requestedBy, pending: r.status === 'pending', deciders: [] }, me.ref, me.caps.unlockVerify);
            return (
              <TableRow key={r.id} data-testid="unlock-row" data-token={r.tokenSerial}>
                <TableCell style={{ fontFamily: 'monospace' }}>{r.tokenSerial}</TableCell>
                <TableCell>{r.subjectName}</TableCell>
                <TableCell>{shortRef(r.requestedBy)}</TableCell>
                <TableCell>{r.ticketId && `#${r.ticketId}`}</TableCell>
                <TableCell>{when(r.createdAt)}</TableCell>
                <TableCell>
                  {r.verifiedBy && `${shortRef(r.verifiedBy)}（${r.verificationMethod ? label(LABELS.verificationMethod[r.verificationMethod]) : ''}）`}
                </TableCell>
                <TableCell>
                  <StatusChip status={r.status} label={label(LABELS.unlockStatus[r.status])} />
                </TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  {me.caps.unlockVerify && r.status === 'pending' && (
                    <>
                      <Button size="small" color="primary" disabled={!!block} title={block && t(block)} onClick={() => setDialog({ kind: 'verify', request: r })} data-testid="unlock-verify">
                        {t('verify')}
                      </Button>
                      <Button size="small" disabled={!!block} onClick={() => setDialog({ kind: 'reject', request: r })} data-testid="unlock-reject">
                        {t('reject')}
                      </Button>
                    </>
                  )}
                  {r.status === 'verified' && r.requestedBy === me.ref && (
                    <Button size="small" color="primary" variant="outlined" onClick={() => release(r)} data-testid="unlock-release">
                      {t('getResponse')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {list.value?.length === 0 && (
        <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
          {t('noUnlocks')}
        </Typography>
      )}
      <ActionDialog
        open={dialog?.kind === 'verify'}
        title={t('verifyTitle')}
        testId="verify"
        note={dialog ? `${t('tokenSerial')}：${dialog.request.tokenSerial}${dialog.request.subjectName ? ` · ${dialog.request.subjectName}` : ''}` : undefined}
        fields={[
          {
            name: 'method',
            label: t('verificationMethod'),
            kind: 'select',
            // Checking against a ticket needs the ticket the request names.
            options: (dialog?.request.ticketId ? (['ticket', 'in-person'] as const) : (['in-person'] as const)).map(m => ({ value: m, label: label(LABELS.verificationMethod[m]) })),
          },
          { name: 'note', label: t('verificationNote'), kind: 'multiline', required: true, maxLength: 500 },
        ]}
        onSubmit={async v => {
          await client.post(`/unlock/${dialog!.request.id}/verify`, { method: v.method, note: v.note.trim() });
          list.reload();
        }}
        onClose={() => setDialog(undefined)}
      />
      <ActionDialog
        open={dialog?.kind === 'reject'}
        title={t('reject')}
        testId="unlock-reject"
        fields={[{ name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 }]}
        onSubmit={async v => {
          await client.post(`/unlock/${dialog!.request.id}/reject`, { reason: v.reason.trim() });
          list.reload();
        }}
        onClose={() => setDialog(undefined)}
      />
    </>
  );
}
