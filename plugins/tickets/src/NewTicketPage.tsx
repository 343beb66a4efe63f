import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CATEGORIES, LABELS, PRIORITIES, Ticket } from '@yinxin/plugin-tickets-common';
import { useErrorText, useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { EMPTY_TICKET_FORM, TICKET_FORM_MAX, TicketForm, ticketRequestBody, validateTicketForm } from './ticketForm';
import { useMe } from './components/useMe';

const LINK_TYPES = [
  ['certificate', 'linkCertificate'],
  ['seal', 'linkSeal'],
  ['host', 'linkHost'],
  ['ticket', 'linkTicket'],
  ['alert', 'linkAlert'],
] as const;

/** Form for a phone ticket recorded by an agent (or a ticket submitted by a requester). */
export function NewTicketPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const navigate = useNavigate();
  const me = useMe();
  const [form, setForm] = useState<TicketForm>(EMPTY_TICKET_FORM);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const problems = validateTicketForm(form);

  /** Props shared by every field: id (for the label), name, value, change handler, validation message. */
  const field = (name: keyof TicketForm) => {
    const problem = touched ? problems[name] : undefined;
    return {
      id: `ticket-form-${name}`,
      value: form[name],
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm(f => ({ ...f, [name]: e.target.value })),
      error: !!problem,
      helperText: problem ? t(problem, { max: TICKET_FORM_MAX[name] ?? 0 }) : undefined,
      fullWidth: true,
    };
  };
  const text = (name: keyof TicketForm) => ({ ...field(name), name, inputProps: { maxLength: TICKET_FORM_MAX[name] } });
  const select = (name: keyof TicketForm) => ({ ...field(name), select: true, SelectProps: { native: true }, InputLabelProps: { shrink: true }, inputProps: { name } });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const ticket = await client.post<Ticket>('/tickets', ticketRequestBody(form));
      navigate(`../${ticket.id}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  const onBehalf = me.caps.create || !me.caps.createOwn;
  return (
    <form onSubmit={submit} noValidate data-testid="ticket-form" aria-labelledby="ticket-form-heading">
      <Typography variant="h6" id="ticket-form-heading" gutterBottom>
        {onBehalf ? t('newPhoneTicket') : t('newTicket')}
      </Typography>
      <Grid container spacing={2} style={{ maxWidth: 900 }}>
        <Grid item xs={12}>
          <TextField required label={t('ticketTitle')} {...text('title')} />
        </Grid>
        <Grid item xs={12}>
          <TextField multiline minRows={4} label={t('description')} {...text('description')} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField required label={t('category')} {...select('category')}>
            <option value="" />
            {CATEGORIES.map(c => (
              <option key={c} value={c}>
                {label(LABELS.category[c])}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField label={t('priority')} {...select('priority')}>
            {PRIORITIES.map(p => (
              <option key={p} value={p}>
                {label(LABELS.priority[p])}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField label={t('kind')} {...select('kind')}>
            <option value="request">{t('kindRequest')}</option>
            <option value="problem">{t('kindProblem')}</option>
          </TextField>
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField required label={t('requesterName')} {...text('requesterName')} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField label={t('requesterContact')} {...text('requesterContact')} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField label={t('organisation')} {...text('organisation')} />
        </Grid>
        <Grid item xs={12} sm={4}>
          <TextField label={t('linkType')} {...select('linkType')}>
            <option value="">{t('noLink')}</option>
            {LINK_TYPES.map(([value, id]) => (
              <option key={value} value={value}>
                {t(id)}
              </option>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={8}>
          <TextField label={t('linkId')} {...text('linkId')} />
        </Grid>
        {error && (
          <Grid item xs={12}>
            <Alert severity="error" data-testid="ticket-form-error">
              {error}
            </Alert>
          </Grid>
        )}
        <Grid item xs={12}>
          <Box display="flex" style={{ gap: 8 }}>
            <Button type="submit" variant="contained" color="primary" disabled={busy} data-testid="ticket-form-submit">
              {t('submit')}
            </Button>
            <Button onClick={() => navigate('..')}>{t('cancel')}</Button>
          </Box>
        </Grid>
      </Grid>
    </form>
  );
}
