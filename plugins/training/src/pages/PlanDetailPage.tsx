import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Grid, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import { CardTitle, EmptyNote, Facts, HeadRow, StatusChip, shortRef, useLabel, useLoad, useT, when, useNotice, ActionDialog } from '@yinxin/ops-react';
import { LABELS, TOPICS, checkTrainer, type Course, type Material, type PlanDetail, type Trainer } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { seesTrainers } from '../capabilities';
import { EMPTY_COURSE_FORM, courseBody, courseFormOf, courseFormProblems, planBody, planFormOf, type CourseForm, type PlanForm } from '../forms';
import { userRefOf } from '../queries';
import { useTrainingApi } from '../components/useTrainingApi';
import { useMe } from '../components/useMe';
import { TrainerCheckView } from '../components/fields';
import { PLAN_TONES, usePlanFields, usePlanValidate } from './PlansPage';
import { DetailFrame } from '../components/DetailFrame';

/** A course dialog's values as the form (materials joined by commas). */
const courseFormFrom = (v: Record<string, string>): CourseForm => ({
  title: v.title ?? '',
  topic: (TOPICS as readonly string[]).includes(v.topic) ? (v.topic as CourseForm['topic']) : TOPICS[0],
  duration: v.duration ?? '',
  description: v.description ?? '',
  trainer: v.trainer ?? '',
  materialIds: (v.materialIds ?? '').split(',').filter(Boolean),
});
const courseValues = (f: CourseForm): Record<string, string> => ({ ...f, materialIds: f.materialIds.join(',') });

/** A plan with its courses: the manager edits the plan and its courses (a trainer must be qualified); trainers schedule sessions of a course. */
export function PlanDetailPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const navigate = useNavigate();
  const notice = useNotice({ dismissible: true });
  const path = `/plans/${encodeURIComponent(id)}`;
  const plan = useLoad(() => api.client.get<PlanDetail>(path), id);
  const staffTrainers = seesTrainers(me.caps);
  const trainers = useLoad(async () => (staffTrainers ? (await api.client.get<{ items: Trainer[] }>('/trainers')).items : []), `trainers-${staffTrainers}`);
  const published = useLoad(async () => (me.caps.managePlans ? (await api.client.get<{ items: Material[] }>('/materials?pageSize=100')).items : []), `published-${me.caps.managePlans}`);
  const [editingPlan, setEditingPlan] = useState(false);
  const [course, setCourse] = useState<{ course?: Course; form: CourseForm }>();
  const [deleting, setDeleting] = useState<Course>();
  const planFields = usePlanFields(false);
  const planValidate = usePlanValidate();
  const p = plan.value;
  const checkOf = (ref: string | undefined) => {
    if (!ref || !trainers.value || !staffTrainers) return undefined;
    return trainers.value.find(tr => tr.userRef === ref)?.check ?? checkTrainer(undefined);
  };
  const done = () => {
    notice.show({ severity: 'success', text: t('done') });
    plan.reload();
  };

  return (
    <DetailFrame loading={plan.loading} loaded={!!p} error={plan.error} backTo="/training/plans" backLabel={t('plansTitle')}>
      {p && (
        <>
          <Grid item xs={12}>
            <InfoCard
              title={
                <CardTitle>
                  <span data-testid="plan-title">{p.title}</span>
                  <StatusChip status={p.status} label={label(LABELS.planStatus[p.status])} tones={PLAN_TONES} testId="plan-status" />
                </CardTitle>
              }
            >
              {notice.view('plan-notice')}
              <Facts
                facts={[
                  { label: t('audience'), value: label(LABELS.audience[p.audience]) },
                  { label: t('year'), value: p.year ? String(p.year) : '' },
                  { label: t('description'), value: p.description },
                  { label: t('createdBy'), value: `${shortRef(p.createdBy)} · ${when(p.createdAt)}` },
                  { label: t('updatedAt'), value: when(p.updatedAt) },
                ]}
              />
              {me.caps.managePlans && (
                <Button variant="outlined" style={{ marginTop: 12 }} onClick={() => setEditingPlan(true)} data-testid="plan-edit">
                  {t('editPlan')}
                </Button>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title={t('courses')}>
              {me.caps.managePlans && (
                <Button variant="outlined" color="primary" style={{ marginBottom: 8 }} onClick={() => setCourse({ form: EMPTY_COURSE_FORM })} data-testid="course-add">
                  {t('addCourse')}
                </Button>
              )}
              <Table size="small" data-testid="course-table">
                <HeadRow cells={['#', t('courseTitle'), t('topic'), t('duration'), t('trainer'), t('materials'), '']} />
                <TableBody>
                  {p.courses.map(c => {
                    const check = checkOf(c.trainerRef);
                    return (
                      <TableRow key={c.id} data-testid="course-row" data-id={c.id} data-title={c.title}>
                        <TableCell>{c.position}</TableCell>
                        <TableCell>
                          {c.title}
                          {c.description && (
                            <Typography variant="caption" display="block" color="textSecondary">
                              {c.description}
                            </Typography>
                          )}
                        </TableCell>
                        <TableCell>{label(LABELS.topic[c.topic])}</TableCell>
                        <TableCell>{t('minutes', { n: c.durationMinutes })}</TableCell>
                        <TableCell>
                          {shortRef(c.trainerRef)}
                          {check && <TrainerCheckView check={check} />}
                        </TableCell>
                        <TableCell>
                          {c.materials.map(m => (
                            <Typography key={m.id} variant="body2">
                              <Link to={`/training/library/${m.id}`}>{m.title}</Link>
                            </Typography>
                          ))}
                        </TableCell>
                        <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                          {me.caps.manageSessions && (
                            <Button
                              size="small"
                              color="primary"
                              data-testid="course-schedule"
                              onClick={() => navigate(`/training/sessions?${new URLSearchParams({ new: '1', course: c.id, title: c.title, topic: c.topic, audience: p.audience, ...(c.trainerRef ? { trainer: c.trainerRef } : {}) })}`)}
                            >
                              {t('scheduleSession')}
                            </Button>
                          )}
                          {me.caps.managePlans && (
                            <>
                              <Button size="small" onClick={() => setCourse({ course: c, form: courseFormOf(c) })} data-testid="course-edit">
                                {t('edit')}
                              </Button>
                              <Button size="small" onClick={() => setDeleting(c)} data-testid="course-delete">
                                {t('deleteCourse')}
                              </Button>
                            </>
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
              {p.courses.length === 0 && <EmptyNote text={t('noCourses')} />}
            </InfoCard>
          </Grid>
          <ActionDialog
            open={editingPlan}
            title={t('editPlan')}
            testId="plan"
            fields={planFields}
            initial={planFormOf(p) as unknown as Record<string, string>}
            validate={planValidate}
            onSubmit={async v => {
              await api.client.patch(path, planBody({ ...(v as unknown as PlanForm), audience: p.audience }, true));
              done();
            }}
            onClose={() => setEditingPlan(false)}
          />
          <ActionDialog
            open={!!course}
            title={course?.course ? t('editCourse') : t('addCourse')}
            testId="course"
            initial={course ? courseValues(course.form) : undefined}
            fields={[
              { name: 'title', label: t('courseTitle'), required: true, maxLength: 200 },
              { name: 'topic', label: t('topic'), kind: 'select', options: TOPICS.map(x => ({ value: x, label: label(LABELS.topic[x]) })) },
              { name: 'duration', label: t('duration'), required: true, maxLength: 5 },
              { name: 'description', label: t('description'), kind: 'multiline', maxLength: 5000 },
              { name: 'trainer', label: t('trainer'), maxLength: 120, helperText: t('trainerHelp') },
              { name: 'materialIds', label: t('materials'), kind: 'multiselect', helperText: t('materialsHelp'), options: (published.value ?? []).map(m => ({ value: m.id, label: m.current.title })) },
            ]}
            validate={v => Object.fromEntries(Object.entries(courseFormProblems(courseFormFrom(v))).map(([k, id]) => [k, id && t(id)]))}
            extra={v => {
              const ref = userRefOf(v.trainer ?? '');
              const check = checkOf(ref);
              return check && <TrainerCheckView check={check} testId="course-trainer-check" />;
            }}
            onSubmit={async v => {
              const form = courseFormFrom(v);
              if (course?.course) await api.client.patch(`/courses/${course.course.id}`, courseBody(form, true));
              else await api.client.post(`${path}/courses`, courseBody(form));
              done();
            }}
            onClose={() => setCourse(undefined)}
          />
          <ActionDialog
            open={!!deleting}
            title={`${t('deleteCourse')}：${deleting?.title ?? ''}`}
            testId="course-delete"
            onSubmit={async () => {
              await api.remove(`/courses/${deleting!.id}`);
              done();
            }}
            onClose={() => setDeleting(undefined)}
          />
        </>
      )}
    </DetailFrame>
  );
}
