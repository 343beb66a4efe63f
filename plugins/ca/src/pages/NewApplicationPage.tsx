import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Box, Button, Grid, List, ListItem, ListItemText, TextField, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { Application, ProfileInfo, Subject } from '@yinxin/plugin-ca-common';
import { FormActions, NativeSelect, useErrorText, useLabel, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { csrFileProblem, csrProblem } from '../csr';
import { isUuid, ticketIdParam } from '../refs';
import { subjectQuery } from '../queries';
import { subjectIdentity } from './SubjectsPage';

const TOKEN_SERIAL = /^[0-9A-Za-z-]{4,64}$/;

/** RA entry: an application for a subject — profile, the CSR made on the user's device, the USB key's serial. */
export function NewApplicationPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('ca');
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [subjectId, setSubjectId] = useState(() => (isUuid(search.get('subject') ?? '') ? search.get('subject')!.toLowerCase() : ''));
  const [subjectSearch, setSubjectSearch] = useState('');
  const [form, setForm] = useState({ profile: '', csrPem: '', tokenSerial: '', ticketId: ticketIdParam(search.get('ticket')) });
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const subject = useLoad(() => (subjectId ? client.get<Subject>(`/subjects/${subjectId}`) : Promise.resolve(undefined)), subjectId);
  const profiles = useLoad(() => client.get<ProfileInfo[]>('/profiles'), 'profiles');
  const candidates = useLoad(
    () => (subjectSearch.trim() ? client.get<Subject[]>(`/subjects?${subjectQuery({ q: subjectSearch })}`) : Promise.resolve([])),
    subjectSearch,
  );
  const s = subject.value;
  const usable = (profiles.value ?? []).filter(p => s && p.subjectKinds.includes(s.kind));
  const profile = usable.find(p => p.id === form.profile) ?? usable[0];

  const problems: Partial<Record<'subject' | 'profile' | 'csrPem' | 'tokenSerial' | 'ticketId', string>> = {};
  if (!s) problems.subject = t('required');
  if (!profile) problems.profile = t('noProfileForKind');
  const csr = csrProblem(form.csrPem);
  if (csr) problems.csrPem = t(csr);
  if (form.tokenSerial.trim() && !TOKEN_SERIAL.test(form.tokenSerial.trim())) problems.tokenSerial = t('tokenSerialFormat');
  if (form.ticketId.trim() && !ticketIdParam(form.ticketId)) problems.ticketId = t('ticketFormat');
  const shown = (k: keyof typeof problems) => (touched ? problems[k] : undefined);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const p = csrFileProblem(file);
    if (p) {
      setError(t(p));
      return;
    }
    setError(undefined);
    const text = await file.text();
    setForm(f => ({ ...f, csrPem: text }));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(problems).length > 0 || !s || !profile) return;
    setBusy(true);
    setError(undefined);
    try {
      const application = await client.post<Application>('/applications', {
        subjectId: s.id,
        profile: profile.id,
        csrPem: form.csrPem.trim(),
        ...(form.tokenSerial.trim() ? { tokenSerial: form.tokenSerial.trim() } : {}),
        ...(form.ticketId.trim() ? { ticketId: form.ticketId.trim() } : {}),
      });
      navigate(`/ca/applications/${application.id}`);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  if (profiles.error) return <Alert severity="error">{profiles.error}</Alert>;
  if (!profiles.value) return <Progress />;
  return (
    <InfoCard title={t('newApplication')}>
      <form onSubmit={submit} noValidate data-testid="application-form">
        <Grid container spacing={2}>
          <Grid item xs={12}>
            {s ? (
              <Box display="flex" alignItems="center" style={{ gap: 16 }}>
                <Typography data-testid="application-subject">
                  {t('subject')}：<strong>{s.name}</strong>（{label(LABELS.subjectKind[s.kind])}
                  {s.organisation ? `，${s.organisation}` : ''}）<span style={{ fontFamily: 'monospace', marginLeft: 8 }}>{subjectIdentity(s)}</span>
                </Typography>
                <Button size="small" onClick={() => setSubjectId('')}>
                  {t('pickSubject')}
                </Button>
              </Box>
            ) : (
              <>
                <TextField
                  label={t('pickSubject')}
                  placeholder={t('pickSubjectSearch')}
                  value={subjectSearch}
                  onChange={e => setSubjectSearch(e.target.value)}
                  error={!!shown('subject')}
                  helperText={shown('subject')}
                  inputProps={{ maxLength: 100, 'data-testid': 'application-subject-search' }}
                  fullWidth
                />
                <List dense>
                  {(candidates.value ?? []).slice(0, 10).map(c => (
                    <ListItem button key={c.id} onClick={() => setSubjectId(c.id)} data-testid="application-subject-option">
                      <ListItemText primary={`${c.name}（${label(LABELS.subjectKind[c.kind])}）`} secondary={[c.organisation, subjectIdentity(c)].filter(Boolean).join(' · ')} />
                    </ListItem>
                  ))}
                </List>
              </>
            )}
          </Grid>
          <Grid item xs={12} md={6}>
            <NativeSelect
              name="profile"
              id="application-form-profile"
              label={t('profile')}
              value={profile?.id ?? ''}
              onChange={e => setForm(f => ({ ...f, profile: e.target.value }))}
              options={usable.map(p => ({ value: p.id, label: label(p.title) }))}
              error={!!shown('profile') || (!!s && !profile)}
              helperText={s && !profile ? t('noProfileForKind') : profile && t('profileFor', { n: profile.requiredApprovals, days: profile.validityDays })}
              fullWidth
            />
          </Grid>
          <Grid item xs={12} md={3}>
            <TextField
              name="tokenSerial"
              label={t('tokenSerial')}
              value={form.tokenSerial}
              onChange={e => setForm(f => ({ ...f, tokenSerial: e.target.value }))}
              error={!!shown('tokenSerial')}
              helperText={shown('tokenSerial')}
              inputProps={{ maxLength: 64, name: 'tokenSerial' }}
              fullWidth
            />
          </Grid>
          <Grid item xs={12} md={3}>
            <TextField
              name="ticketId"
              label={t('ticketId')}
              value={form.ticketId}
              onChange={e => setForm(f => ({ ...f, ticketId: e.target.value }))}
              error={!!shown('ticketId')}
              helperText={shown('ticketId')}
              inputProps={{ maxLength: 10, name: 'ticketId' }}
              fullWidth
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              name="csrPem"
              label={t('csr')}
              value={form.csrPem}
              onChange={e => setForm(f => ({ ...f, csrPem: e.target.value }))}
              error={!!shown('csrPem')}
              helperText={shown('csrPem') ?? t('csrHelp')}
              multiline
              minRows={6}
              required
              inputProps={{ name: 'csrPem', style: { fontFamily: 'monospace', fontSize: 12 } }}
              fullWidth
            />
            <Button component="label" size="small" style={{ marginTop: 8 }}>
              {t('csrFile')}
              <input type="file" hidden accept=".csr,.pem,.req,.txt" data-testid="application-csr-file" onChange={e => readFile(e.target.files?.[0])} />
            </Button>
          </Grid>
        </Grid>
        <FormActions error={error} busy={busy} submitLabel={t('submit')} cancel={{ label: t('cancel'), onClick: () => navigate(-1) }} testId="application-form" />
      </form>
    </InfoCard>
  );
}
