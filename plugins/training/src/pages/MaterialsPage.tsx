import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Grid, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { CheckboxGroup, EmptyNote, FormActions, HeadRow, NativeSelect, Pager, StatusChip, shortRef, useLabel, useLoad, useT, when, type Tone, useFormSubmit } from '@yinxin/ops-react';
import { AUDIENCES, LABELS, MATERIAL_STATUSES, TOPICS, type Material, type MaterialDetail } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { EMPTY_MATERIAL_FORM, MATERIAL_LANGUAGES, materialBody, materialFormProblems, type MaterialForm } from '../forms';
import { REVIEW_QUEUE_QUERIES, STAFF_PAGE_SIZE, staffFilterFromSearch, staffMaterialsQuery } from '../queries';
import { reviewQueue } from '../materials';
import { useTrainingApi } from '../components/useTrainingApi';
import { useMe } from '../components/useMe';

/** Tones of the material and version states. */
export const STATE_TONES: Readonly<Record<string, Tone>> = { draft: 'neutral', 'in-review': 'wait', published: 'ok', superseded: 'neutral', archived: 'bad' };

/** The fields of a material's metadata (new drafts and edits). */
export function MaterialFields(props: { form: MaterialForm; onChange: (f: MaterialForm) => void; shown: (k: keyof MaterialForm) => string | undefined }) {
  const t = useT(messages);
  const label = useLabel();
  const { form, onChange, shown } = props;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={8}>
        <TextField label={t('materialTitle')} value={form.title} onChange={e => onChange({ ...form, title: e.target.value })} error={!!shown('title')} helperText={shown('title')} required fullWidth inputProps={{ name: 'title', maxLength: 200 }} />
      </Grid>
      <Grid item xs={12} md={4}>
        <NativeSelect name="language" label={t('language')} value={form.language} fullWidth options={MATERIAL_LANGUAGES.map(l => ({ value: l, label: l === 'zh-CN' ? t('langZh') : t('langEn') }))} onChange={e => onChange({ ...form, language: e.target.value })} />
      </Grid>
      <Grid item xs={12}>
        <TextField label={t('description')} value={form.description} onChange={e => onChange({ ...form, description: e.target.value })} error={!!shown('description')} helperText={shown('description')} fullWidth multiline minRows={2} inputProps={{ name: 'description', maxLength: 5000 }} />
      </Grid>
      <Grid item xs={12}>
        <CheckboxGroup label={t('audiences')} name="audiences" testId="audiences-choices" value={form.audiences} options={AUDIENCES.map(a => ({ value: a, label: label(LABELS.audience[a]) }))} onChange={audiences => onChange({ ...form, audiences })} error={shown('audiences')} />
      </Grid>
      <Grid item xs={12}>
        <CheckboxGroup label={t('topics')} name="topics" testId="topics-choices" value={form.topics} options={TOPICS.map(x => ({ value: x, label: label(LABELS.topic[x]) }))} onChange={topics => onChange({ ...form, topics })} error={shown('topics')} />
      </Grid>
    </Grid>
  );
}

/** A writer's new material: its details saved as a draft, then the file on the material's page. */
function NewMaterialCard() {
  const t = useT(messages);
  const api = useTrainingApi();
  const navigate = useNavigate();
  const [form, setForm] = useState<MaterialForm>(EMPTY_MATERIAL_FORM);
  const sending = useFormSubmit();
  const problems = materialFormProblems(form);
  const shown = (k: keyof MaterialForm) => (sending.touched && problems[k] ? t(problems[k]!) : undefined);
  const submit = sending.submit(Object.keys(problems).length === 0, async () => {
    const created = await api.client.post<MaterialDetail>('/materials', materialBody(form));
    navigate(`/training/materials/${created.id}`);
  });
  return (
    <InfoCard title={t('newMaterial')}>
      <Typography variant="body2" color="textSecondary" paragraph>
        {t('newMaterialHelp')}
      </Typography>
      <form onSubmit={submit} noValidate data-testid="material-form">
        <MaterialFields form={form} onChange={setForm} shown={shown} />
        <FormActions error={sending.error} busy={sending.busy} submitLabel={t('createDraft')} testId="material-form" />
      </form>
    </InfoCard>
  );
}

/** A reviewer's queue: every version waiting for review, oldest first. */
function ReviewQueueCard() {
  const t = useT(messages);
  const api = useTrainingApi();
  const navigate = useNavigate();
  const queue = useLoad(async () => reviewQueue(await Promise.all(REVIEW_QUEUE_QUERIES.map(q => api.client.get<{ items: Material[] }>(`/materials?${q}`).then(r => r.items)))), 'queue');
  return (
    <InfoCard title={t('reviewQueue')}>
      {queue.error && <Alert severity="error">{queue.error}</Alert>}
      <Table size="small" data-testid="review-queue">
        <HeadRow cells={[t('materialTitle'), t('version'), t('createdBy'), t('submittedBy'), t('submittedAt')]} />
        <TableBody>
          {(queue.value ?? []).map(m => (
            <TableRow key={m.id} hover style={{ cursor: 'pointer' }} onClick={() => navigate(`/training/materials/${m.id}`)} data-testid="review-row" data-id={m.id} data-title={m.current.title}>
              <TableCell>{m.current.title}</TableCell>
              <TableCell>{t('versionN', { n: m.pending?.version ?? m.current.version })}</TableCell>
              <TableCell>{shortRef(m.current.createdBy)}</TableCell>
              <TableCell>{shortRef(m.current.submittedBy)}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{when(m.current.submittedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {queue.value?.length === 0 && <EmptyNote text={t('reviewQueueEmpty')} testId="review-queue-empty" />}
    </InfoCard>
  );
}

/** 我的资料 / 审核: writers create drafts and follow their materials; reviewers work through their queue. */
export function MaterialsPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const filter = staffFilterFromSearch(search, me.caps.write);
  const query = staffMaterialsQuery(filter);
  const list = useLoad(() => api.client.get<{ items: Material[]; total: number }>(`/materials?${query}`), query);
  const update = (next: { view?: string; status?: string; page?: number }) => {
    const p = new URLSearchParams();
    p.set('view', next.view ?? (filter.mine ? 'mine' : 'all'));
    const status = next.status ?? filter.status;
    if (status) p.set('status', status);
    if (next.page) p.set('page', String(next.page));
    setSearch(p, { replace: true });
  };
  return (
    <Grid container spacing={2}>
      {me.caps.review && (
        <Grid item xs={12}>
          <ReviewQueueCard />
        </Grid>
      )}
      {me.caps.write && (
        <Grid item xs={12}>
          <NewMaterialCard />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title={filter.mine ? t('myMaterials') : t('allMaterials')}>
          <Grid container spacing={2} style={{ marginBottom: 8 }}>
            <Grid item>
              <NativeSelect name="view" label={t('show')} value={filter.mine ? 'mine' : 'all'} options={[{ value: 'mine', label: t('myMaterials') }, { value: 'all', label: t('allMaterials') }]} onChange={e => update({ view: e.target.value, page: 0 })} />
            </Grid>
            <Grid item>
              <NativeSelect name="status" label={t('status')} value={filter.status} emptyLabel={t('all')} options={MATERIAL_STATUSES.map(s => ({ value: s, label: label(LABELS.materialStatus[s]) }))} onChange={e => update({ status: e.target.value, page: 0 })} />
            </Grid>
          </Grid>
          {list.error && <Alert severity="error">{list.error}</Alert>}
          <Table size="small" data-testid="material-table">
            <HeadRow cells={[t('materialTitle'), t('status'), t('version'), t('file'), t('createdBy'), t('updatedAt')]} />
            <TableBody>
              {(list.value?.items ?? []).map(m => (
                <TableRow key={m.id} data-testid="material-row" data-id={m.id} data-status={m.status} data-title={m.current.title}>
                  <TableCell>
                    <Link to={`/training/materials/${m.id}`}>{m.current.title}</Link>
                  </TableCell>
                  <TableCell>
                    <StatusChip status={m.status} label={label(LABELS.materialStatus[m.status])} tones={STATE_TONES} />
                    {m.pending && m.status !== m.pending.state && (
                      <Typography variant="caption" display="block" color="textSecondary">
                        {t('pendingVersion', { n: m.pending.version, state: label(LABELS.versionState[m.pending.state]) })}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{t('versionN', { n: m.latestVersion })}</TableCell>
                  <TableCell>{m.current.file?.fileName ?? t('noFile')}</TableCell>
                  <TableCell>{shortRef(m.createdBy)}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{when(m.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {list.value?.items.length === 0 && <EmptyNote text={t('noMaterials')} />}
          {list.value && list.value.total > STAFF_PAGE_SIZE && <Pager total={list.value.total} page={filter.page} pageSize={STAFF_PAGE_SIZE} onPage={p => update({ page: p })} />}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
