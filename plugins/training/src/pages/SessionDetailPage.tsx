import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Box, Button, Grid, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { CardTitle, EmptyNote, Facts, HeadRow, StatusChip, shortRef, useLabel, useLoad, useT, when, useNotice, ActionDialog, type ActionDialogProps } from '@yinxin/ops-react';
import { FEEDBACK_QUESTIONS, LABELS, type Course, type Enrolment, type Session } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { DEFAULT_FEEDBACK_FORM, departmentProblem, feedbackBody, feedbackProblems, sessionFormOf, type FeedbackForm } from '../forms';
import { canEndNow, canMarkAttendance, cstSpan, endNowPatch, isFull, learnerActions } from '../sessions';
import { useTrainingApi } from '../components/useTrainingApi';
import { useDisplayName, useMe } from '../components/useMe';
import { useNow } from '../components/useNow';
import { SessionFormDialog } from '../components/SessionFormDialog';
import { SESSION_TONES, whereOf } from './SessionsPage';
import { DetailFrame } from '../components/DetailFrame';

const DEPARTMENT_KEY = 'yinxin.training.department';
const rememberedDepartment = () => {
  try {
    return window.localStorage.getItem(DEPARTMENT_KEY) ?? '';
  } catch {
    return '';
  }
};
const rememberDepartment = (d: string) => {
  try {
    window.localStorage.setItem(DEPARTMENT_KEY, d);
  } catch {
    // storage unavailable
  }
};

type DialogKind = 'enrol' | 'unenrol' | 'feedback' | 'end' | 'cancel';

/** Everyone enrolled, with attendance, feedback and certificates; trainers mark attendance. */
function EnrolmentsCard(props: { session: Session; now: Date; onChanged: () => void }) {
  const t = useT(messages);
  const api = useTrainingApi();
  const me = useMe();
  const notice = useNotice({ dismissible: true });
  const s = props.session;
  const enrolments = useLoad(() => api.client.get<{ items: Enrolment[] }>(`/sessions/${s.id}/enrolments`), `${s.id}-${s.enrolled}-${s.endsAt}`);
  const mark = (e: Enrolment, present: boolean) =>
    notice.run(async () => {
      await api.client.put(`/sessions/${s.id}/attendance`, { learnerRef: e.learnerRef, present });
      enrolments.reload();
      props.onChanged();
    }, t('done'));
  const marking = me.caps.manageSessions && canMarkAttendance(s, props.now);
  return (
    <InfoCard title={t('enrolments')}>
      {notice.view('attendance-notice')}
      {enrolments.error && <Alert severity="error">{enrolments.error}</Alert>}
      <Table size="small" data-testid="enrolment-table">
        <HeadRow cells={[t('learner'), t('department'), t('enrolledAt'), t('attendedAt'), t('feedback'), t('certificateSerial'), '']} />
        <TableBody>
          {(enrolments.value?.items ?? []).map(e => (
            <TableRow key={e.learnerRef} data-testid="enrolment-row" data-learner={e.learnerRef} data-attended={String(!!e.attendedAt)}>
              <TableCell>
                {e.learnerName}
                <Typography variant="caption" display="block" color="textSecondary">
                  {shortRef(e.learnerRef)}
                </Typography>
              </TableCell>
              <TableCell>{e.department}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{when(e.enrolledAt)}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {when(e.attendedAt)}
                {e.attendanceSource && (
                  <Typography variant="caption" display="block" color="textSecondary">
                    {e.attendanceSource === 'self' ? t('attendanceSelf') : t('attendanceTrainer')}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{e.feedbackGiven ? t('yes') : ''}</TableCell>
              <TableCell style={{ fontFamily: 'monospace' }}>{e.certificateSerial ?? ''}</TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                {marking && !e.attendedAt && (
                  <Button size="small" color="primary" onClick={() => mark(e, true)} data-testid="attendance-present">
                    {t('markPresent')}
                  </Button>
                )}
                {marking && e.attendedAt && !e.certificateSerial && (
                  <Button size="small" onClick={() => mark(e, false)} data-testid="attendance-absent">
                    {t('markAbsent')}
                  </Button>
                )}
                {me.caps.readReports && e.attendedAt && props.now.getTime() > Date.parse(s.endsAt) && (
                  <Button size="small" onClick={() => notice.run(() => api.download(`/sessions/${s.id}/certificate?learner=${encodeURIComponent(e.learnerRef)}`, `certificate-${shortRef(e.learnerRef)}.pdf`))}>
                    {t('certificate')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {enrolments.value?.items.length === 0 && <EmptyNote text={t('noEnrolments')} />}
    </InfoCard>
  );
}

/** One session: its facts; the learner enrols, leaves, checks in, gives feedback and gets the certificate; trainers change, end or cancel it and keep attendance. */
export function SessionDetailPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const displayName = useDisplayName();
  const now = useNow();
  const notice = useNotice({ dismissible: true });
  const path = `/sessions/${encodeURIComponent(id)}`;
  const session = useLoad(() => api.client.get<Session>(path), id);
  const s = session.value;
  const course = useLoad(async () => (s?.courseId ? api.client.get<Course>(`/courses/${s.courseId}`) : undefined), s?.courseId ?? '');
  const [dialog, setDialog] = useState<DialogKind>();
  const [editing, setEditing] = useState(false);
  const actions = s ? learnerActions(s, now) : undefined;
  const saved = (next: Session) => {
    session.reload();
    return next;
  };

  const dialogs: Record<DialogKind, Omit<ActionDialogProps, 'open' | 'onClose' | 'testId'>> = {
    enrol: {
      title: t('enrol'),
      note: t('enrolNote'),
      fields: [{ name: 'department', label: t('department'), required: true, maxLength: 100, helperText: t('departmentHelp') }],
      initial: { department: rememberedDepartment() },
      validate: v => ({ department: departmentProblem(v.department ?? '') && t(departmentProblem(v.department ?? '')!) }),
      onSubmit: async v => {
        const department = v.department.trim();
        rememberDepartment(department);
        saved(await api.client.post<Session>(`${path}/enrol`, { department, ...(displayName ? { name: displayName.slice(0, 100) } : {}) }));
        notice.show({ severity: 'success', text: t('enrolled') });
      },
    },
    unenrol: {
      title: t('unenrol'),
      onSubmit: async () => {
        saved(await api.client.post<Session>(`${path}/unenrol`, {}));
        notice.show({ severity: 'success', text: t('done') });
      },
    },
    feedback: {
      title: t('feedbackTitle'),
      fields: [
        ...FEEDBACK_QUESTIONS.map(q => ({ name: q, label: label(LABELS.feedbackQuestion[q]), kind: 'select' as const, options: ['5', '4', '3', '2', '1'].map(n => ({ value: n, label: n })) })),
        { name: 'comment', label: t('comment'), kind: 'multiline' as const, maxLength: 2000 },
      ],
      validate: v => {
        const p = feedbackProblems(formOf(v));
        return Object.fromEntries(Object.entries(p).map(([k, id]) => [k, id && t(id)]));
      },
      onSubmit: async v => {
        await api.client.post(`${path}/feedback`, feedbackBody(formOf(v)));
        session.reload();
        notice.show({ severity: 'success', text: t('feedbackGiven') });
      },
    },
    end: {
      title: t('endNow'),
      note: t('endNowNote'),
      onSubmit: async () => {
        saved(await api.client.patch<Session>(path, endNowPatch(new Date())));
        notice.show({ severity: 'success', text: t('done') });
      },
    },
    cancel: {
      title: t('cancelSession'),
      fields: [{ name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 }],
      onSubmit: async v => {
        saved(await api.client.post<Session>(`${path}/cancel`, { reason: v.reason.trim() }));
        notice.show({ severity: 'success', text: t('done') });
      },
    },
  };

  return (
    <DetailFrame loading={session.loading} loaded={!!s} error={session.error} backTo="/training/sessions" backLabel={t('sessionsTitle')}>
      {s && actions && (
        <>
          <Grid item xs={12} md={7}>
            <InfoCard
              title={
                <CardTitle>
                  <span data-testid="session-title">{s.title}</span>
                  <StatusChip status={s.phase} label={label(LABELS.sessionPhase[s.phase])} tones={SESSION_TONES} testId="session-phase" />
                  {isFull(s) && s.status === 'scheduled' && <StatusChip status="full" label={t('full')} tones={{ full: 'bad' }} testId="session-full" />}
                </CardTitle>
              }
            >
              <Box data-testid="session-facts" data-phase={s.phase} data-enrolled={s.enrolled} data-capacity={s.capacity}>
                <Facts
                  facts={[
                    { label: t('topic'), value: label(LABELS.topic[s.topic]) },
                    { label: t('audience'), value: s.audience ? label(LABELS.audience[s.audience]) : '' },
                    { label: t('course'), value: course.value ? <Link to={`/training/plans/${course.value.planId}`}>{course.value.title}</Link> : '' },
                    { label: t('when'), value: cstSpan(s.startsAt, s.endsAt) },
                    { label: t('mode'), value: label(LABELS.sessionMode[s.mode]) },
                    {
                      label: s.mode === 'onsite' ? t('place') : t('onlineUrl'),
                      value:
                        s.mode === 'online' && s.onlineUrl && /^https?:\/\//.test(s.onlineUrl) ? (
                          <a href={s.onlineUrl} target="_blank" rel="noopener noreferrer">
                            {s.onlineUrl}
                          </a>
                        ) : (
                          whereOf(s)
                        ),
                    },
                    { label: t('trainer'), value: shortRef(s.trainerRef) },
                    { label: t('capacity'), value: t('seats', { enrolled: s.enrolled, capacity: s.capacity }), testId: 'session-seats' },
                    { label: t('status'), value: s.cancelReason ? t('cancelled', { reason: s.cancelReason }) : label(LABELS.sessionStatus[s.status]) },
                    { label: t('createdBy'), value: `${shortRef(s.createdBy)} · ${when(s.createdAt)}` },
                  ]}
                />
              </Box>
              {me.caps.manageSessions && s.status === 'scheduled' && (
                <Box display="flex" style={{ gap: 8, marginTop: 12 }}>
                  {now.getTime() < Date.parse(s.endsAt) && (
                    <Button variant="outlined" onClick={() => setEditing(true)} data-testid="session-edit">
                      {t('editSession')}
                    </Button>
                  )}
                  {canEndNow(s, now) && (
                    <Button variant="contained" color="primary" onClick={() => setDialog('end')} data-testid="session-end">
                      {t('endNow')}
                    </Button>
                  )}
                  {now.getTime() < Date.parse(s.endsAt) && (
                    <Button onClick={() => setDialog('cancel')} data-testid="session-cancel">
                      {t('cancelSession')}
                    </Button>
                  )}
                </Box>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard title={t('myStanding')}>
              {notice.view('session-notice')}
              <Box data-testid="session-me" data-enrolled={String(!!s.me?.enrolled)} data-attended={String(!!s.me?.attended)} data-feedback={String(!!s.me?.feedbackGiven)}>
                <Facts
                  facts={[
                    { label: t('status'), value: s.me?.attended ? t('attended') : s.me?.enrolled ? t('enrolled') : t('notEnrolled') },
                    { label: t('feedback'), value: s.me?.feedbackGiven ? t('feedbackGiven') : '' },
                    { label: t('certificateSerial'), value: s.me?.certificateSerial, mono: true, testId: 'session-certificate-serial' },
                  ]}
                />
              </Box>
              <Typography variant="caption" color="textSecondary" display="block" style={{ marginTop: 8 }}>
                {t('checkInWindow')}
              </Typography>
              <Box display="flex" flexWrap="wrap" style={{ gap: 8, marginTop: 12 }}>
                {actions.enrol && (
                  <Button variant="contained" color="primary" onClick={() => setDialog('enrol')} data-testid="session-enrol">
                    {t('enrol')}
                  </Button>
                )}
                {actions.full && (
                  <Button variant="contained" disabled data-testid="session-enrol-full">
                    {t('full')}
                  </Button>
                )}
                {actions.checkIn && (
                  <Button variant="contained" color="primary" onClick={() => notice.run(async () => saved(await api.client.post<Session>(`${path}/check-in`, {})), t('attended'))} data-testid="session-check-in">
                    {t('checkIn')}
                  </Button>
                )}
                {actions.unenrol && (
                  <Button onClick={() => setDialog('unenrol')} data-testid="session-unenrol">
                    {t('unenrol')}
                  </Button>
                )}
                {actions.feedback && (
                  <Button variant="outlined" color="primary" onClick={() => setDialog('feedback')} data-testid="session-feedback">
                    {t('feedback')}
                  </Button>
                )}
                {actions.certificate && (
                  <Button
                    variant="outlined"
                    onClick={() =>
                      notice.run(async () => {
                        await api.download(`${path}/certificate`, 'certificate.pdf');
                        session.reload();
                      })
                    }
                    data-testid="session-certificate"
                  >
                    {t('certificate')}
                  </Button>
                )}
              </Box>
            </InfoCard>
          </Grid>
          {(me.caps.manageSessions || me.caps.readReports) && (
            <Grid item xs={12}>
              <EnrolmentsCard session={s} now={now} onChanged={session.reload} />
            </Grid>
          )}
          {dialog && <ActionDialog open testId={dialog} {...dialogs[dialog]} onClose={() => setDialog(undefined)} />}
          <SessionFormDialog
            open={editing}
            initial={sessionFormOf(s)}
            session={s}
            onSaved={next => {
              setEditing(false);
              saved(next);
            }}
            onClose={() => setEditing(false)}
          />
        </>
      )}
    </DetailFrame>
  );
}

/** The feedback dialog's values as the form. */
function formOf(v: Record<string, string>): FeedbackForm {
  return {
    scores: Object.fromEntries(FEEDBACK_QUESTIONS.map(q => [q, v[q] ?? DEFAULT_FEEDBACK_FORM.scores[q]])) as FeedbackForm['scores'],
    comment: v.comment ?? '',
  };
}
