import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Box, Button, FormControlLabel, Grid, Switch, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { EmptyNote, FormActions, HeadRow, NativeSelect, StatusChip, shortRef, useLabel, useLoad, useT, when, type Tone, useNotice, useFormSubmit, ActionDialog } from '@yinxin/ops-react';
import { AUDIENCES, LABELS, TOPICS, type Session, type SessionRequest } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { EMPTY_REQUEST_FORM, defaultSessionForm, requestBody, requestFormProblems, type RequestForm, type SessionForm } from '../forms';
import { sessionListQuery, sessionWeekQuery } from '../queries';
import { cstSpan, isFull, mondayOf, shiftWeek } from '../sessions';
import { useTrainingApi } from '../components/useTrainingApi';
import { useTrainingNews } from '../components/news';
import { useMe } from '../components/useMe';
import { SessionFormDialog } from '../components/SessionFormDialog';
import { SessionCalendar } from '../components/SessionCalendar';

/** Tones of session phases and request statuses. */
export const SESSION_TONES: Readonly<Record<string, Tone>> = { upcoming: 'wait', 'check-in-open': 'ok', ended: 'neutral', cancelled: 'bad', open: 'wait', accepted: 'ok', scheduled: 'ok', declined: 'bad' };

/** A session's place or link. */
export function whereOf(s: Pick<Session, 'mode' | 'place' | 'onlineUrl'>): string {
  return s.mode === 'onsite' ? s.place ?? '' : s.onlineUrl ?? '';
}

/** A learner asks for a session on a topic (随时响应). */
function RequestFormCard(props: { onSent: () => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const [form, setForm] = useState<RequestForm>(EMPTY_REQUEST_FORM);
  const [sent, setSent] = useState(false);
  const sending = useFormSubmit();
  const problems = requestFormProblems(form);
  const shown = (k: keyof RequestForm) => (sending.touched && problems[k] ? t(problems[k]!) : undefined);
  const set = (k: keyof RequestForm, v: string) => setForm(f => ({ ...f, [k]: v }));
  const submit = sending.submit(Object.keys(problems).length === 0, async () => {
    setSent(false);
    await api.client.post<SessionRequest>('/session-requests', requestBody(form));
    setSent(true);
    setForm(f => ({ ...EMPTY_REQUEST_FORM, department: f.department }));
    sending.setTouched(false);
    props.onSent();
  });
  const field = (k: keyof RequestForm, text: string, extra: { type?: string; maxLength?: number; required?: boolean; multiline?: boolean } = {}) => (
    <TextField
      label={text}
      value={form[k]}
      onChange={e => set(k, e.target.value)}
      error={!!shown(k)}
      helperText={shown(k)}
      required={extra.required}
      type={extra.type}
      multiline={extra.multiline}
      minRows={extra.multiline ? 2 : undefined}
      InputLabelProps={extra.type ? { shrink: true } : undefined}
      inputProps={{ name: k, maxLength: extra.maxLength }}
      fullWidth
    />
  );
  return (
    <form onSubmit={submit} noValidate data-testid="request-form">
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('requestHelp')}
      </Typography>
      <Grid container spacing={2}>
        <Grid item xs={12} md={4}>
          {field('department', t('department'), { required: true, maxLength: 100 })}
        </Grid>
        <Grid item xs={6} md={4}>
          <NativeSelect name="topic" label={t('topic')} value={form.topic} fullWidth emptyLabel="—" error={!!shown('topic')} helperText={shown('topic')} options={TOPICS.map(x => ({ value: x, label: label(LABELS.topic[x]) }))} onChange={e => set('topic', e.target.value)} />
        </Grid>
        <Grid item xs={6} md={4}>
          <NativeSelect name="audience" label={t('audience')} value={form.audience} fullWidth emptyLabel="—" options={AUDIENCES.map(a => ({ value: a, label: label(LABELS.audience[a]) }))} onChange={e => set('audience', e.target.value)} />
        </Grid>
        <Grid item xs={12}>
          {field('description', t('requestDescription'), { required: true, maxLength: 2000, multiline: true })}
        </Grid>
        <Grid item xs={6} md={4}>
          {field('preferredFrom', t('preferredFrom'), { type: 'date' })}
        </Grid>
        <Grid item xs={6} md={4}>
          {field('preferredTo', t('preferredTo'), { type: 'date' })}
        </Grid>
        <Grid item xs={6} md={4}>
          {field('expectedAttendees', t('expectedAttendees'), { maxLength: 5 })}
        </Grid>
      </Grid>
      {sent && (
        <Alert severity="success" style={{ marginTop: 12 }} data-testid="request-sent">
          {t('requestSent')}
        </Alert>
      )}
      <FormActions error={sending.error} busy={sending.busy} submitLabel={t('submit')} testId="request" />
    </form>
  );
}

/** Session requests: learners see their own and ask; trainers see all, answer them and schedule sessions for them. */
function RequestsCard(props: { onSchedule: (r: SessionRequest) => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const notice = useNotice({ dismissible: true });
  const requests = useLoad(() => api.client.get<{ items: SessionRequest[]; total: number }>('/session-requests'), 'requests');
  const [answering, setAnswering] = useState<{ request: SessionRequest; decision: 'accepted' | 'declined' }>();
  return (
    <InfoCard title={t('requestsTitle')}>
      {me.caps.enrol && <RequestFormCard onSent={requests.reload} />}
      {notice.view('request-notice')}
      {requests.error && <Alert severity="error">{requests.error}</Alert>}
      <Table size="small" data-testid="request-table" style={{ marginTop: 16 }}>
        <HeadRow cells={[t('at'), t('requester'), t('department'), t('topic'), t('requestDescription'), t('status'), t('reply'), '']} />
        <TableBody>
          {(requests.value?.items ?? []).map(r => (
            <TableRow key={r.id} data-testid="request-row" data-id={r.id} data-status={r.status}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{when(r.createdAt)}</TableCell>
              <TableCell>{shortRef(r.requesterRef)}</TableCell>
              <TableCell>{r.department}</TableCell>
              <TableCell>{label(LABELS.topic[r.topic])}</TableCell>
              <TableCell>
                {r.description}
                {(r.preferredFrom || r.expectedAttendees) && (
                  <Typography variant="caption" display="block" color="textSecondary">
                    {[r.preferredFrom && `${t('preferredFrom')} ${when(r.preferredFrom)}`, r.preferredTo && `${t('preferredTo')} ${when(r.preferredTo)}`, r.expectedAttendees && `${t('expectedAttendees')} ${r.expectedAttendees}`].filter(Boolean).join(' · ')}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <StatusChip status={r.status} label={label(LABELS.requestStatus[r.status])} tones={SESSION_TONES} />
              </TableCell>
              <TableCell>
                {r.reply}
                {r.sessionId && (
                  <Typography variant="caption" display="block">
                    <Link to={`/training/sessions/${r.sessionId}`}>{t('session')}</Link>
                  </Typography>
                )}
              </TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {me.caps.manageSessions && r.status === 'open' && (
                  <Button size="small" color="primary" onClick={() => setAnswering({ request: r, decision: 'accepted' })} data-testid="request-accept">
                    {t('accept')}
                  </Button>
                )}
                {me.caps.manageSessions && (r.status === 'open' || r.status === 'accepted') && (
                  <>
                    <Button size="small" onClick={() => setAnswering({ request: r, decision: 'declined' })} data-testid="request-decline">
                      {t('decline')}
                    </Button>
                    <Button size="small" color="primary" onClick={() => props.onSchedule(r)} data-testid="request-schedule">
                      {t('scheduleSession')}
                    </Button>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {requests.value?.items.length === 0 && <EmptyNote text={t('noRequests')} />}
      <ActionDialog
        open={!!answering}
        title={`${answering?.decision === 'accepted' ? t('accept') : t('decline')}：${answering?.request.department ?? ''}`}
        testId="answer"
        fields={[{ name: 'reply', label: t('reply'), kind: 'multiline', required: true, maxLength: 2000 }]}
        onSubmit={async v => {
          await api.client.post(`/session-requests/${answering!.request.id}/answer`, { decision: answering!.decision, reply: v.reply.trim() });
          notice.show({ severity: 'success', text: t('done') });
          requests.reload();
        }}
        onClose={() => setAnswering(undefined)}
      />
    </InfoCard>
  );
}

/** 培训场次: sessions as a list or a week calendar; trainers schedule them; session requests below. */
export function SessionsPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const navigate = useNavigate();
  const news = useTrainingNews();
  const [search, setSearch] = useSearchParams();
  const view = search.get('view') === 'calendar' ? 'calendar' : 'list';
  const mine = search.get('mine') === 'true';
  const week = /^\d{4}-\d{2}-\d{2}$/.test(search.get('week') ?? '') ? search.get('week')! : mondayOf(new Date());
  // The list's window is fixed when the page opens; reloads keep it.
  const listFrom = useMemo(() => new Date(), []);
  const query = view === 'calendar' ? sessionWeekQuery(week, mine) ?? '' : sessionListQuery(listFrom, mine);
  const sessions = useLoad(() => api.client.get<{ items: Session[] }>(`/sessions?${query}`), query);
  const { reload } = sessions;
  useEffect(() => {
    if (news.latest?.kind === 'session-scheduled') reload();
  }, [news.count, news.latest, reload]);
  const [scheduling, setScheduling] = useState<SessionForm>();
  const set = (changes: Record<string, string | undefined>) => {
    const p = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setSearch(p, { replace: true });
  };
  // ?new=1&course=…&title=…&topic=…&audience=…&trainer=… (from a plan's course) opens the dialog filled in.
  useEffect(() => {
    if (search.get('new') !== '1' || !me.loaded || !me.caps.manageSessions) return;
    const base = defaultSessionForm(new Date(), search.get('trainer') ?? me.ref ?? '');
    setScheduling({
      ...base,
      courseId: search.get('course') ?? '',
      title: search.get('title') ?? '',
      topic: ((TOPICS as readonly string[]).includes(search.get('topic') ?? '') ? search.get('topic') : '') as SessionForm['topic'],
      audience: ((AUDIENCES as readonly string[]).includes(search.get('audience') ?? '') ? search.get('audience') : '') as SessionForm['audience'],
    });
    // Once, when the user is known.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me.loaded]);
  const scheduleFor = (r: SessionRequest) =>
    setScheduling({ ...defaultSessionForm(new Date(), me.ref ?? ''), requestId: r.id, topic: r.topic, audience: r.audience ?? '', title: `${label(LABELS.topic[r.topic])}（${r.department}）` });

  const items = sessions.value?.items ?? [];
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard title={t('sessionsTitle')}>
          <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16, marginBottom: 16 }}>
            <NativeSelect name="view" label={t('show')} value={view} options={[{ value: 'list', label: t('viewList') }, { value: 'calendar', label: t('viewCalendar') }]} onChange={e => set({ view: e.target.value === 'calendar' ? 'calendar' : undefined })} />
            <FormControlLabel control={<Switch checked={mine} onChange={e => set({ mine: e.target.checked ? 'true' : undefined })} name="mine" color="primary" />} label={t('onlyMine')} />
            {me.caps.manageSessions && (
              <Button variant="contained" color="primary" onClick={() => setScheduling(defaultSessionForm(new Date(), me.ref ?? ''))} data-testid="session-new">
                {t('newSession')}
              </Button>
            )}
          </Box>
          {sessions.error && <Alert severity="error">{sessions.error}</Alert>}
          {view === 'calendar' ? (
            <SessionCalendar monday={week} sessions={items} onWeek={n => set({ week: shiftWeek(week, n) })} onToday={() => set({ week: undefined })} />
          ) : (
            <>
              <Table size="small" data-testid="session-table">
                <HeadRow cells={[t('sessionTitle'), t('when'), t('where'), t('trainer'), t('capacity'), t('phase'), t('myStanding')]} />
                <TableBody>
                  {items.map(s => (
                    <TableRow key={s.id} hover style={{ cursor: 'pointer' }} onClick={() => navigate(`/training/sessions/${s.id}`)} data-testid="session-row" data-id={s.id} data-title={s.title} data-phase={s.phase} data-full={String(isFull(s))}>
                      <TableCell>
                        {s.title}
                        <Typography variant="caption" display="block" color="textSecondary">
                          {label(LABELS.topic[s.topic])}
                          {s.audience ? ` · ${label(LABELS.audience[s.audience])}` : ''}
                        </Typography>
                      </TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>{cstSpan(s.startsAt, s.endsAt)}</TableCell>
                      <TableCell>
                        {label(LABELS.sessionMode[s.mode])}
                        <Typography variant="caption" display="block" color="textSecondary" style={{ wordBreak: 'break-all' }}>
                          {whereOf(s)}
                        </Typography>
                      </TableCell>
                      <TableCell>{shortRef(s.trainerRef)}</TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        {t('seats', { enrolled: s.enrolled, capacity: s.capacity })}
                        {isFull(s) && s.status === 'scheduled' && (
                          <Box component="span" style={{ marginLeft: 6 }}>
                            <StatusChip status="full" label={t('full')} tones={{ full: 'bad' }} testId="session-full" />
                          </Box>
                        )}
                      </TableCell>
                      <TableCell>
                        <StatusChip status={s.phase} label={label(LABELS.sessionPhase[s.phase])} tones={SESSION_TONES} />
                      </TableCell>
                      <TableCell>{s.me?.attended ? t('attended') : s.me?.enrolled ? t('enrolled') : ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {items.length === 0 && <EmptyNote text={t('noSessions')} />}
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <RequestsCard onSchedule={scheduleFor} />
      </Grid>
      {scheduling && (
        <SessionFormDialog
          open={!!scheduling}
          initial={scheduling}
          onSaved={s => {
            setScheduling(undefined);
            navigate(`/training/sessions/${s.id}`);
          }}
          onClose={() => {
            setScheduling(undefined);
            if (search.get('new')) set({ new: undefined, course: undefined, title: undefined, topic: undefined, audience: undefined, trainer: undefined });
          }}
        />
      )}
    </Grid>
  );
}
