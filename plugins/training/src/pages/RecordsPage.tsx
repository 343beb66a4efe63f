import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, Grid, List, ListItem, ListItemText, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { DayBarChart, EmptyNote, FilterBar, HeadRow, NativeSelect, StatusChip, shortRef, useLabel, useLoad, useNotice, useT, when, type ChartGroups, type ChartSeries } from '@yinxin/ops-react';
import { FEEDBACK_QUESTIONS, LABELS, type CompletionRecord, type DepartmentCoverage, type FeedbackComment, type FeedbackSummary, type PlanCoverage } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { EMPTY_REPORT_FILTER, reportQuery, type ReportFilter } from '../queries';
import { completionSummary, coveragePoints, scoreText, shortLabel, trainedShare } from '../reports';
import { cstSpan } from '../sessions';
import { useTrainingApi } from '../components/useTrainingApi';
import { useMe } from '../components/useMe';

const GROUPS = ['session', 'course', 'trainer', 'all'] as const;
type Group = (typeof GROUPS)[number];
const GROUP_LABELS = { session: 'groupSession', course: 'groupCourse', trainer: 'groupTrainer', all: 'groupAll' } as const;
/** The coverage chart's groups: departments, their names shortened under the bars. */
const DEPARTMENTS: ChartGroups = { label: name => shortLabel(name, 8), attribute: 'department' };

/** CSV and PDF export buttons of one report. */
function ExportButtons(props: { report: 'completions' | 'coverage' | 'feedback'; filter: ReportFilter; extra?: Record<string, string>; onRun: (action: () => Promise<unknown>) => void }) {
  const t = useT(messages);
  const api = useTrainingApi();
  const save = (format: 'csv' | 'pdf') => props.onRun(() => api.download(`/reports/${props.report}?${reportQuery(props.filter, format, props.extra)}`, `training-${props.report}.${format}`));
  return (
    <Box display="flex" style={{ gap: 8 }}>
      <Button size="small" variant="outlined" onClick={() => save('csv')} data-testid={`export-${props.report}-csv`}>
        {t('exportCsv')}
      </Button>
      <Button size="small" variant="outlined" onClick={() => save('pdf')} data-testid={`export-${props.report}-pdf`}>
        {t('exportPdf')}
      </Button>
    </Box>
  );
}

/** The learner's own records, with certificates of completed sessions. */
function MyRecordsCard() {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const notice = useNotice({ dismissible: true });
  const records = useLoad(() => api.client.get<{ items: CompletionRecord[] }>('/me/records'), 'mine');
  return (
    <InfoCard title={t('myRecords')}>
      {notice.view('my-records-notice')}
      {records.error && <Alert severity="error">{records.error}</Alert>}
      <Table size="small" data-testid="my-records">
        <HeadRow cells={[t('session'), t('topic'), t('when'), t('department'), t('attendedAt'), t('status'), '']} />
        <TableBody>
          {(records.value?.items ?? []).map(r => (
            <TableRow key={r.sessionId} data-testid="my-record-row" data-session={r.sessionId} data-completed={String(r.completed)}>
              <TableCell>{r.courseTitle ? `${r.sessionTitle}（${r.courseTitle}）` : r.sessionTitle}</TableCell>
              <TableCell>{label(LABELS.topic[r.topic])}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{cstSpan(r.startsAt, r.endsAt)}</TableCell>
              <TableCell>{r.department}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{when(r.attendedAt)}</TableCell>
              <TableCell>
                <StatusChip status={r.completed ? 'done' : 'pending'} label={r.completed ? t('completed') : t('notCompleted')} />
              </TableCell>
              <TableCell>
                {r.completed && (
                  <Button size="small" onClick={() => notice.run(() => api.download(`/sessions/${r.sessionId}/certificate`, 'certificate.pdf'))} data-testid="my-record-certificate">
                    {t('certificate')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {records.value?.items.length === 0 && <EmptyNote text={t('noRecords')} />}
    </InfoCard>
  );
}

/** 培训记录: one's own records for everyone; completions, coverage per department and feedback scores with exports for report readers. */
export function RecordsPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const notice = useNotice({ dismissible: true });
  const [search, setSearch] = useSearchParams();
  const filter: ReportFilter = { from: search.get('from') ?? '', to: search.get('to') ?? '', department: search.get('department') ?? '', trainer: search.get('trainer') ?? '' };
  const [draft, setDraft] = useState<ReportFilter>(filter);
  useEffect(() => setDraft({ from: search.get('from') ?? '', to: search.get('to') ?? '', department: search.get('department') ?? '', trainer: search.get('trainer') ?? '' }), [search]);
  const group: Group = (GROUPS as readonly string[]).includes(search.get('group') ?? '') ? (search.get('group') as Group) : 'session';
  const reports = me.caps.readReports;
  const q = reportQuery(filter);
  const completions = useLoad(async () => (reports ? (await api.client.get<{ items: CompletionRecord[] }>(`/reports/completions?${q}`)).items : []), `c-${reports}-${q}`);
  const coverage = useLoad(async () => (reports ? api.client.get<{ items: DepartmentCoverage[]; plans: PlanCoverage[] }>(`/reports/coverage?${q}`) : undefined), `v-${reports}-${q}`);
  const feedback = useLoad(
    async () => (reports ? api.client.get<{ groups: FeedbackSummary[]; comments: FeedbackComment[] }>(`/reports/feedback?${reportQuery(filter, undefined, { group })}`) : undefined),
    `f-${reports}-${q}-${group}`,
  );
  const apply = (f: ReportFilter, extra: Record<string, string> = {}) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...f, group, ...extra })) if (v.trim()) p.set(k, v.trim());
    setSearch(p, { replace: true });
  };
  const run = (action: () => Promise<unknown>) => {
    notice.run(action);
  };
  const summary = completionSummary(completions.value ?? []);
  const coverageSeries: ChartSeries<'learners' | 'trained' | 'attendances'>[] = [
    { key: 'learners', colour: '#90caf9', label: t('learners') },
    { key: 'trained', colour: '#2e7d32', label: t('trained') },
    { key: 'attendances', colour: '#ffb300', label: t('attendances') },
  ];

  return (
    <Grid container spacing={2}>
      {!reports && (
        <Grid item xs={12}>
          <MyRecordsCard />
        </Grid>
      )}
      {reports && (
        <>
          <Grid item xs={12}>
            <InfoCard title={t('completions')}>
              <FilterBar onSubmit={() => apply(draft)} testId="report-filter">
                <TextField label={t('from')} type="date" value={draft.from} onChange={e => setDraft(d => ({ ...d, from: e.target.value }))} InputLabelProps={{ shrink: true }} inputProps={{ name: 'from' }} />
                <TextField label={t('to')} type="date" value={draft.to} onChange={e => setDraft(d => ({ ...d, to: e.target.value }))} InputLabelProps={{ shrink: true }} inputProps={{ name: 'to' }} />
                <TextField label={t('department')} value={draft.department} onChange={e => setDraft(d => ({ ...d, department: e.target.value }))} inputProps={{ name: 'department', maxLength: 100 }} />
                <TextField label={t('trainerFilter')} value={draft.trainer} onChange={e => setDraft(d => ({ ...d, trainer: e.target.value }))} inputProps={{ name: 'trainer', maxLength: 120 }} />
                <Button type="submit" variant="contained" color="primary" data-testid="report-apply">
                  {t('apply')}
                </Button>
                <Button onClick={() => apply(EMPTY_REPORT_FILTER)}>{t('clear')}</Button>
              </FilterBar>
              {notice.view('report-notice')}
              {completions.error && <Alert severity="error">{completions.error}</Alert>}
              <Box display="flex" alignItems="center" justifyContent="space-between" style={{ marginBottom: 8 }}>
                <Typography variant="body2" data-testid="completion-summary" data-completed={summary.completed}>
                  {t('completionsSummary', { ...summary })}
                </Typography>
                <ExportButtons report="completions" filter={filter} onRun={run} />
              </Box>
              <Table size="small" data-testid="completion-table">
                <HeadRow cells={[t('learner'), t('department'), t('session'), t('topic'), t('when'), t('attendedAt'), t('status'), t('certificateSerial')]} />
                <TableBody>
                  {(completions.value ?? []).map(r => (
                    <TableRow key={`${r.sessionId}-${r.learnerRef}`} data-testid="completion-row" data-learner={r.learnerRef} data-session={r.sessionId} data-completed={String(r.completed)}>
                      <TableCell>
                        {r.learnerName}
                        <Typography variant="caption" display="block" color="textSecondary">
                          {shortRef(r.learnerRef)}
                        </Typography>
                      </TableCell>
                      <TableCell>{r.department}</TableCell>
                      <TableCell>{r.courseTitle ? `${r.sessionTitle}（${r.courseTitle}）` : r.sessionTitle}</TableCell>
                      <TableCell>{label(LABELS.topic[r.topic])}</TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>{cstSpan(r.startsAt, r.endsAt)}</TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>{when(r.attendedAt)}</TableCell>
                      <TableCell>
                        <StatusChip status={r.completed ? 'done' : 'pending'} label={r.completed ? t('completed') : t('notCompleted')} />
                      </TableCell>
                      <TableCell style={{ fontFamily: 'monospace' }}>{r.certificateSerial ?? ''}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {completions.value?.length === 0 && <EmptyNote text={t('noRecords')} />}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title={t('departmentCoverage')}>
              <Box display="flex" justifyContent="flex-end" style={{ marginBottom: 8 }}>
                <ExportButtons report="coverage" filter={filter} onRun={run} />
              </Box>
              {coverage.error && <Alert severity="error">{coverage.error}</Alert>}
              {coverage.value && coverage.value.items.length > 0 && (
                <DayBarChart points={coveragePoints(coverage.value.items, t('otherDepartments'))} series={coverageSeries} groups={DEPARTMENTS} title={t('coverageChart')} testId="coverage-chart" />
              )}
              <Table size="small" data-testid="department-table">
                <HeadRow cells={[t('department'), t('learners'), t('trained'), t('trainedShare'), t('sessionsCount'), t('enrolmentsCount'), t('attendances')]} />
                <TableBody>
                  {(coverage.value?.items ?? []).map(d => (
                    <TableRow key={d.department} data-testid="department-row" data-department={d.department} data-trained={d.trained}>
                      <TableCell>{d.department}</TableCell>
                      <TableCell>{d.learners}</TableCell>
                      <TableCell>{d.trained}</TableCell>
                      <TableCell>{trainedShare(d)}%</TableCell>
                      <TableCell>{d.sessions}</TableCell>
                      <TableCell>{d.enrolments}</TableCell>
                      <TableCell>{d.attendances}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {coverage.value?.items.length === 0 && <EmptyNote text={t('noRecords')} />}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title={t('feedbackScores')}>
              <Box display="flex" alignItems="flex-end" justifyContent="space-between" style={{ gap: 8, marginBottom: 8 }}>
                <NativeSelect name="group" label={t('groupBy')} value={group} options={GROUPS.map(g => ({ value: g, label: t(GROUP_LABELS[g]) }))} onChange={e => apply(filter, { group: e.target.value })} />
                <ExportButtons report="feedback" filter={filter} extra={{ group }} onRun={run} />
              </Box>
              {feedback.error && <Alert severity="error">{feedback.error}</Alert>}
              <Table size="small" data-testid="feedback-table">
                <HeadRow cells={[t('groupBy'), t('responses'), ...FEEDBACK_QUESTIONS.map(q => label(LABELS.feedbackQuestion[q])), t('overall')]} />
                <TableBody>
                  {(feedback.value?.groups ?? []).map(g => (
                    <TableRow key={g.key} data-testid="feedback-row" data-key={g.key} data-overall={g.overall ?? ''}>
                      <TableCell>{group === 'trainer' ? shortRef(g.title) : g.title}</TableCell>
                      <TableCell>{g.responses}</TableCell>
                      {FEEDBACK_QUESTIONS.map(q => (
                        <TableCell key={q}>{scoreText(g.averages[q])}</TableCell>
                      ))}
                      <TableCell>
                        <strong>{scoreText(g.overall)}</strong>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {feedback.value?.groups.length === 0 && <EmptyNote text={t('noFeedback')} />}
              {feedback.value && feedback.value.comments.length > 0 && (
                <>
                  <Typography variant="subtitle2" style={{ marginTop: 16 }}>
                    {t('comments')}
                  </Typography>
                  <List dense data-testid="feedback-comments">
                    {feedback.value.comments.slice(0, 50).map((c, i) => (
                      <ListItem key={i}>
                        <ListItemText primary={c.comment} secondary={`${c.sessionTitle} · ${when(c.at)}`} />
                      </ListItem>
                    ))}
                  </List>
                </>
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <MyRecordsCard />
          </Grid>
        </>
      )}
    </Grid>
  );
}
