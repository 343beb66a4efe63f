import { useEffect, useState } from 'react';
import { Box, Dialog, DialogContent, DialogTitle, Grid, TextField, Typography } from '@material-ui/core';
import { FormActions, NativeSelect, useLabel, useLoad, useT, useFormSubmit } from '@yinxin/ops-react';
import { AUDIENCES, LABELS, SESSION_MODES, TOPICS, type Session, type Trainer, type TrainerCheck } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { sessionBody, sessionFormProblems, sessionPatchBody, type SessionForm } from '../forms';
import { userRefOf } from '../queries';
import { useTrainingApi } from './useTrainingApi';
import { TrainerCheckView } from './fields';

/**
 * Scheduling (or changing) a session: title and topic (or a course's), audience, CST start and
 * end, on site with a place or online with a link, a trainer (the recorded trainers offered, the
 * contract check shown as typed) and the capacity. The backend's refusal — an unqualified
 * trainer, a capacity below the enrolment — is shown in its own words (`session-form-error`).
 */
export function SessionFormDialog(props: { open: boolean; initial: SessionForm; session?: Session; onSaved: (s: Session) => void; onClose: () => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const [form, setForm] = useState<SessionForm>(props.initial);
  const sending = useFormSubmit();
  const { reset } = sending;
  useEffect(() => {
    if (props.open) {
      setForm(props.initial);
      reset();
    }
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);
  const trainers = useLoad(async () => (props.open ? (await api.client.get<{ items: Trainer[] }>('/trainers')).items : []), `trainers-${props.open}`);
  const ref = userRefOf(form.trainer);
  const check = useLoad(
    async () => (props.open && ref ? api.client.get<TrainerCheck & { zh?: string; en?: string }>(`/trainers/check?userRef=${encodeURIComponent(ref)}`) : undefined),
    `${props.open}-${ref ?? ''}`,
  );
  const problems = sessionFormProblems(form);
  const shown = (k: keyof SessionForm) => (sending.touched && problems[k] ? t(problems[k]!) : undefined);
  const set = <K extends keyof SessionForm>(k: K, v: SessionForm[K]) => setForm(f => ({ ...f, [k]: v }));
  const submit = sending.submit(Object.keys(problems).length === 0, async () => {
    const saved = props.session
      ? await api.client.patch<Session>(`/sessions/${props.session.id}`, sessionPatchBody(form))
      : await api.client.post<Session>('/sessions', sessionBody(form));
    props.onSaved(saved);
  });
  const text = (k: keyof SessionForm, labelText: string, extra: { required?: boolean; maxLength?: number; type?: string; helperText?: string } = {}) => (
    <TextField
      label={labelText}
      value={form[k]}
      onChange={e => set(k, e.target.value as never)}
      error={!!shown(k)}
      helperText={shown(k) ?? extra.helperText}
      required={extra.required}
      type={extra.type}
      fullWidth
      InputLabelProps={extra.type ? { shrink: true } : undefined}
      inputProps={{ name: k, maxLength: extra.maxLength, step: extra.type === 'datetime-local' ? 1 : undefined, list: k === 'trainer' ? 'training-trainers' : undefined }}
    />
  );
  const lang = check.value && !check.value.qualified ? label({ zh: check.value.zh ?? '', en: check.value.en ?? '' }) : '';
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="md" data-testid="session-dialog">
      <DialogTitle>{props.session ? t('editSession') : t('newSession')}</DialogTitle>
      <DialogContent>
        <form onSubmit={submit} noValidate data-testid="session-form">
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              {text('title', t('sessionTitle'), { required: !form.courseId, maxLength: 200 })}
            </Grid>
            <Grid item xs={6} md={3}>
              <NativeSelect name="topic" label={t('topic')} value={form.topic} fullWidth emptyLabel="—" error={!!shown('topic')} helperText={shown('topic')} options={TOPICS.map(x => ({ value: x, label: label(LABELS.topic[x]) }))} onChange={e => set('topic', e.target.value as SessionForm['topic'])} />
            </Grid>
            <Grid item xs={6} md={3}>
              <NativeSelect name="audience" label={t('audience')} value={form.audience} fullWidth emptyLabel="—" options={AUDIENCES.map(a => ({ value: a, label: label(LABELS.audience[a]) }))} onChange={e => set('audience', e.target.value as SessionForm['audience'])} />
            </Grid>
            <Grid item xs={12} md={6}>
              {text('startsAt', t('startsAt'), { required: true, type: 'datetime-local' })}
            </Grid>
            <Grid item xs={12} md={6}>
              {text('endsAt', t('endsAt'), { required: true, type: 'datetime-local' })}
            </Grid>
            <Grid item xs={12} md={3}>
              <NativeSelect name="mode" label={t('mode')} value={form.mode} fullWidth options={SESSION_MODES.map(m => ({ value: m, label: label(LABELS.sessionMode[m]) }))} onChange={e => set('mode', e.target.value as SessionForm['mode'])} />
            </Grid>
            <Grid item xs={12} md={9}>
              {form.mode === 'onsite' ? text('place', t('place'), { required: true, maxLength: 200 }) : text('onlineUrl', t('onlineUrl'), { required: true, maxLength: 500 })}
            </Grid>
            <Grid item xs={12} md={6}>
              {text('trainer', t('trainer'), { required: true, maxLength: 120, helperText: t('userFormat') })}
              <datalist id="training-trainers">
                {(trainers.value ?? []).map(tr => (
                  <option key={tr.userRef} value={tr.userRef}>
                    {`${tr.displayName}${tr.check.qualified ? '' : ` (${t('notQualified')})`}`}
                  </option>
                ))}
              </datalist>
              {check.value && (
                <Box style={{ marginTop: 8 }} data-testid="session-trainer-check">
                  <TrainerCheckView check={check.value} />
                  {lang && (
                    <Typography variant="caption" color="error" display="block">
                      {lang}
                    </Typography>
                  )}
                </Box>
              )}
            </Grid>
            <Grid item xs={12} md={6}>
              {text('capacity', t('capacity'), { required: true, maxLength: 5 })}
            </Grid>
          </Grid>
          <FormActions error={sending.error} busy={sending.busy} submitLabel={props.session ? t('save') : t('newSession')} cancel={{ label: t('cancel'), onClick: props.onClose }} testId="session-form" />
        </form>
      </DialogContent>
    </Dialog>
  );
}
