import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, Grid, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { EmptyNote, HeadRow, NativeSelect, StatusChip, shortRef, useLabel, useLoad, useT, when, useNotice, ActionDialog } from '@yinxin/ops-react';
import { AUDIENCES, LABELS, PLAN_STATUSES, type Plan, type PlanCoverage, type PlanDetail, type Trainer } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { seesPlanCoverage, seesTrainers } from '../capabilities';
import { EMPTY_TRAINER_FORM, defaultPlanForm, planBody, planFormProblems, trainerBody, trainerFormCheck, trainerFormOf, trainerFormProblems, type PlanForm, type TrainerForm } from '../forms';
import { audienceCoverage } from '../reports';
import { useTrainingApi } from '../components/useTrainingApi';
import { useMe } from '../components/useMe';
import { TrainerCheckView } from '../components/fields';

/** The fields of the plan dialog (the audience only for a new plan). */
export function usePlanFields(withAudience: boolean) {
  const t = useT(messages);
  const label = useLabel();
  return [
    ...(withAudience ? [{ name: 'audience', label: t('audience'), kind: 'select' as const, options: AUDIENCES.map(a => ({ value: a, label: label(LABELS.audience[a]) })) }] : []),
    { name: 'title', label: t('planTitle'), required: true, maxLength: 200 },
    { name: 'year', label: t('year'), maxLength: 4 },
    { name: 'description', label: t('description'), kind: 'multiline' as const, maxLength: 5000 },
    { name: 'status', label: t('status'), kind: 'select' as const, options: PLAN_STATUSES.map(s => ({ value: s, label: label(LABELS.planStatus[s]) })) },
  ];
}

/** Translated problems of a plan dialog's values. */
export function usePlanValidate() {
  const t = useT(messages);
  return (v: Record<string, string>) => {
    const p = planFormProblems(v as unknown as PlanForm);
    return Object.fromEntries(Object.entries(p).map(([k, id]) => [k, id && t(id)]));
  };
}

/** Tones of plan statuses. */
export const PLAN_TONES = { draft: 'wait', active: 'ok', retired: 'neutral' } as const;

/** Trainers' qualifications with the contract check (≥3 years and a similar project led); the manager records them. */
function TrainersCard() {
  const t = useT(messages);
  const api = useTrainingApi();
  const me = useMe();
  const notice = useNotice({ dismissible: true });
  const trainers = useLoad(() => api.client.get<{ items: Trainer[] }>('/trainers'), 'trainers');
  const [editing, setEditing] = useState<TrainerForm>();
  const validate = (v: Record<string, string>) => {
    const p = trainerFormProblems(v as unknown as TrainerForm);
    return Object.fromEntries(Object.entries(p).map(([k, id]) => [k, id && t(id)]));
  };
  return (
    <InfoCard title={t('trainersTitle')}>
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('trainersHelp')}
      </Typography>
      {notice.view('trainer-notice')}
      {me.caps.manageTrainers && (
        <Button variant="outlined" color="primary" onClick={() => setEditing(EMPTY_TRAINER_FORM)} data-testid="trainer-record" style={{ marginBottom: 8 }}>
          {t('recordTrainer')}
        </Button>
      )}
      {trainers.error && <Alert severity="error">{trainers.error}</Alert>}
      <Table size="small" data-testid="trainer-table">
        <HeadRow cells={[t('displayName'), t('trainerUser'), t('yearsOfExperience'), t('similarProjects'), t('evidence'), t('status'), t('recordedBy'), '']} />
        <TableBody>
          {(trainers.value?.items ?? []).map(tr => (
            <TableRow key={tr.userRef} data-testid="trainer-row" data-user={tr.userRef} data-qualified={String(tr.check.qualified)}>
              <TableCell>{tr.displayName}</TableCell>
              <TableCell>{shortRef(tr.userRef)}</TableCell>
              <TableCell>{t('years', { n: tr.yearsOfExperience })}</TableCell>
              <TableCell>
                {tr.similarProjects.map((p, i) => (
                  <Typography key={i} variant="body2">
                    {[p.name, p.client, p.year, p.role].filter(Boolean).join(' · ')}
                  </Typography>
                ))}
              </TableCell>
              <TableCell style={{ maxWidth: 240 }}>
                <Typography variant="body2" style={{ wordBreak: 'break-word' }}>
                  {tr.evidence}
                </Typography>
              </TableCell>
              <TableCell>
                <TrainerCheckView check={tr.check} testId="trainer-check" />
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {shortRef(tr.recordedBy)}
                <Typography variant="caption" display="block" color="textSecondary">
                  {when(tr.updatedAt)}
                </Typography>
              </TableCell>
              <TableCell>
                {me.caps.manageTrainers && (
                  <Button size="small" onClick={() => setEditing(trainerFormOf(tr))} data-testid="trainer-edit">
                    {t('editTrainer')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {trainers.value?.items.length === 0 && <EmptyNote text={t('noTrainers')} />}
      <ActionDialog
        open={!!editing}
        title={t('recordTrainer')}
        testId="trainer"
        initial={editing as unknown as Record<string, string>}
        fields={[
          { name: 'user', label: t('trainerUser'), required: true, maxLength: 120, helperText: t('userFormat') },
          { name: 'displayName', label: t('displayName'), required: true, maxLength: 100 },
          { name: 'years', label: t('yearsOfExperience'), required: true, maxLength: 4 },
          { name: 'projects', label: t('similarProjects'), kind: 'multiline', helperText: t('similarProjectsHelp') },
          { name: 'evidence', label: t('evidence'), kind: 'multiline', required: true, maxLength: 5000, helperText: t('evidenceHelp') },
        ]}
        validate={validate}
        extra={v => {
          const check = trainerFormCheck(v as unknown as TrainerForm);
          return (
            check && (
              <Box style={{ marginTop: 8 }} data-testid="trainer-check-preview">
                <Typography variant="caption">{t('checkPreview', { result: check.qualified ? t('qualified') : t('notQualified') })}</Typography>
                <TrainerCheckView check={check} />
              </Box>
            )
          );
        }}
        onSubmit={async v => {
          await api.client.put<Trainer>('/trainers', trainerBody(v as unknown as TrainerForm));
          notice.show({ severity: 'success', text: t('done') });
          trainers.reload();
        }}
        onClose={() => setEditing(undefined)}
      />
    </InfoCard>
  );
}

/** Whether each audience has an active plan, as the contract asks. */
function CoverageCard() {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const coverage = useLoad(() => api.client.get<{ items: PlanCoverage[] }>('/plan-coverage'), 'coverage');
  return (
    <InfoCard title={t('coverageTitle')}>
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('coverageHelp')}
      </Typography>
      {coverage.error && <Alert severity="error">{coverage.error}</Alert>}
      <Table size="small" data-testid="plan-coverage">
        <HeadRow cells={[t('audience'), t('activePlans'), t('courses'), t('status')]} />
        <TableBody>
          {coverage.value &&
            audienceCoverage(coverage.value.items).map(c => (
              <TableRow key={c.audience} data-testid="coverage-row" data-audience={c.audience} data-missing={String(c.missing)}>
                <TableCell>{label(LABELS.audience[c.audience])}</TableCell>
                <TableCell>{c.activePlans}</TableCell>
                <TableCell>{c.courses}</TableCell>
                <TableCell>
                  <StatusChip status={c.missing ? 'invalid' : 'valid'} label={c.missing ? t('missingPlan') : t('covered')} />
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

/** 培训计划: plans per audience with their courses; coverage per audience and trainers' qualifications for staff. */
export function PlansPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const notice = useNotice({ dismissible: true });
  const [search, setSearch] = useSearchParams();
  const audience = search.get('audience') ?? '';
  const status = search.get('status') ?? '';
  const query = new URLSearchParams({ ...(audience ? { audience } : {}), ...(status ? { status } : {}) }).toString();
  const plans = useLoad(() => api.client.get<{ items: Plan[] }>(`/plans?${query}`), query);
  const [creating, setCreating] = useState(false);
  const fields = usePlanFields(true);
  const validate = usePlanValidate();
  const set = (k: string, v: string) => {
    const p = new URLSearchParams(search);
    if (v) p.set(k, v);
    else p.delete(k);
    setSearch(p, { replace: true });
  };
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard title={t('plansTitle')}>
          {notice.view('plan-notice')}
          <Box display="flex" alignItems="flex-end" style={{ gap: 16, marginBottom: 16 }}>
            <NativeSelect name="audience" label={t('audience')} value={audience} emptyLabel={t('all')} options={AUDIENCES.map(a => ({ value: a, label: label(LABELS.audience[a]) }))} onChange={e => set('audience', e.target.value)} />
            {(me.caps.readPlans || me.caps.managePlans) && (
              <NativeSelect name="status" label={t('status')} value={status} emptyLabel={t('all')} options={PLAN_STATUSES.map(s => ({ value: s, label: label(LABELS.planStatus[s]) }))} onChange={e => set('status', e.target.value)} />
            )}
            {me.caps.managePlans && (
              <Button variant="contained" color="primary" onClick={() => setCreating(true)} data-testid="plan-new">
                {t('newPlan')}
              </Button>
            )}
          </Box>
          {plans.error && <Alert severity="error">{plans.error}</Alert>}
          <Table size="small" data-testid="plan-table">
            <HeadRow cells={[t('planTitle'), t('audience'), t('year'), t('status'), t('courses'), t('updatedAt')]} />
            <TableBody>
              {(plans.value?.items ?? []).map(p => (
                <TableRow key={p.id} data-testid="plan-row" data-id={p.id} data-audience={p.audience} data-status={p.status} data-title={p.title}>
                  <TableCell>
                    <Link to={`/training/plans/${p.id}`}>{p.title}</Link>
                  </TableCell>
                  <TableCell>{label(LABELS.audience[p.audience])}</TableCell>
                  <TableCell>{p.year ?? ''}</TableCell>
                  <TableCell>
                    <StatusChip status={p.status} label={label(LABELS.planStatus[p.status])} tones={PLAN_TONES} />
                  </TableCell>
                  <TableCell>{t('courseCount', { n: p.courseCount })}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{when(p.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {plans.value?.items.length === 0 && <EmptyNote text={t('noPlans')} />}
        </InfoCard>
      </Grid>
      {seesPlanCoverage(me.caps) && (
        <Grid item xs={12} lg={6}>
          <CoverageCard />
        </Grid>
      )}
      {seesTrainers(me.caps) && (
        <Grid item xs={12}>
          <TrainersCard />
        </Grid>
      )}
      <ActionDialog
        open={creating}
        title={t('newPlan')}
        testId="plan"
        fields={fields}
        initial={defaultPlanForm(new Date()) as unknown as Record<string, string>}
        validate={validate}
        onSubmit={async v => {
          await api.client.post<PlanDetail>('/plans', planBody(v as unknown as PlanForm));
          notice.show({ severity: 'success', text: t('done') });
          plans.reload();
        }}
        onClose={() => setCreating(false)}
      />
    </Grid>
  );
}
