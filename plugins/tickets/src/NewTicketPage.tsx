import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Grid, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CATEGORIES, LABELS, PRIORITIES, Ticket } from '@yinxin/plugin-tickets-common';
import { useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { useErrorText } from './components/useErrorText';

interface Form {
  title: string;
  description: string;
  category: string;
  priority: string;
  kind: string;
  requesterName: string;
  requesterContact: string;
  organisation: string;
  linkType: string;
  linkId: string;
}

/** Form for a phone ticket recorded by an agent (or a ticket submitted by a requester). */
export function NewTicketPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>({
    title: '', description: '', category: '', priority: 'normal', kind: 'request',
    requesterName: '', requesterContact: '', organisation: '', linkType: 'certificate', linkId: '',
  });
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm({ ...form, [k]: e.target.value });
  const missing = (k: keyof Form) => touched && !form[k].trim();

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!form.title.trim() || !form.category || !form.requesterName.trim()) return;
    setBusy(true);
    try {
      const ticket = await client.post<Ticket>('/tickets', {
        title: form.title,
        description: form.description,
        channel: 'phone',
        category: form.category,
        priority: form.priority,
        kind: form.kind,
        requesterName: form.requesterName,
        requesterContact: form.requesterContact,
        organisation: form.organisation,
        links: form.linkId.trim() ? [{ type: form.linkType, id: form.linkId.trim() }] : [],
      });
      navigate(`../${ticket.id}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="ticket-form">
      <Grid container spacing={2} style={{ maxWidth: 900 }}>
        <Grid item xs={12}>
          <TextField fullWidth required name="title" label={t('ticketTitle')} value={form.title} onChange={set('title')} error={missing('title')} helperText={missing('title') ? t('required') : ''} inputProps={{ maxLength: 200 }} />
        </Grid>
        <Grid item xs={12}>
          <TextField fullWidth multiline minRows={4} name="description" label={t('description')} value={form.description} onChange={set('description')} inputProps={{ maxLength: 20000 }} />
        </Grid>
        <Grid item xs={4}>
          <TextField fullWidth required select SelectProps={{ native: true }} inputProps={{ name: 'category', id: 'category' }} label={t('category')} value={form.category} onChange={set('category')} error={missing('category')} helperText={missing('category') ? t('required') : ''}>
            <option value="" />
            {CATEGORIES.map(c => <option key={c} value={c}>{label(LABELS.category[c])}</option>)}
          </TextField>
        </Grid>
        <Grid item xs={4}>
          <TextField fullWidth select SelectProps={{ native: true }} inputProps={{ name: 'priority' }} label={t('priority')} value={form.priority} onChange={set('priority')}>
            {PRIORITIES.map(p => <option key={p} value={p}>{label(LABELS.priority[p])}</option>)}
          </TextField>
        </Grid>
        <Grid item xs={4}>
          <TextField fullWidth select SelectProps={{ native: true }} inputProps={{ name: 'kind' }} label={t('kind')} value={form.kind} onChange={set('kind')}>
            <option value="request">{t('kindRequest')}</option>
            <option value="problem">{t('kindProblem')}</option>
          </TextField>
        </Grid>
        <Grid item xs={4}>
          <TextField fullWidth required name="requesterName" label={t('requesterName')} value={form.requesterName} onChange={set('requesterName')} error={missing('requesterName')} helperText={missing('requesterName') ? t('required') : ''} inputProps={{ maxLength: 100 }} />
        </Grid>
        <Grid item xs={4}>
          <TextField fullWidth name="requesterContact" label={t('requesterContact')} value={form.requesterContact} onChange={set('requesterContact')} inputProps={{ maxLength: 200 }} />
        </Grid>
        <Grid item xs={4}>
          <TextField fullWidth name="organisation" label={t('organisation')} value={form.organisation} onChange={set('organisation')} inputProps={{ maxLength: 200 }} />
        </Grid>
        <Grid item xs={4}>
          <TextField fullWidth select SelectProps={{ native: true }} inputProps={{ name: 'linkType' }} label={t('linkType')} value={form.linkType} onChange={set('linkType')}>
            <option value="certificate">{t('linkCertificate')}</option>
            <option value="seal">{t('linkSeal')}</option>
            <option value="host">{t('linkHost')}</option>
          </TextField>
        </Grid>
        <Grid item xs={8}>
          <TextField fullWidth name="linkId" label={t('linkId')} value={form.linkId} onChange={set('linkId')} inputProps={{ maxLength: 128 }} />
        </Grid>
        {error && (
          <Grid item xs={12}>
            <Alert severity="error" data-testid="ticket-form-error">{error}</Alert>
          </Grid>
        )}
        <Grid item xs={12}>
          <Box display="flex" style={{ gap: 8 }}>
            <Button type="submit" variant="contained" color="primary" disabled={busy} data-testid="ticket-form-submit">{t('submit')}</Button>
            <Button onClick={() => navigate('..')}>{t('cancel')}</Button>
          </Box>
        </Grid>
      </Grid>
    </form>
  );
}
