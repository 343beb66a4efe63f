import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, Grid, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { USE_REQUEST_STATUSES, type UseRequest } from '@yinxin/plugin-seal-common';
import { ActionDialog, dayOf, decisionBlock, EmptyNote, FormActions, HeadRow, NativeSelect, Pager, shortRef, StatusChip, useFormSubmit, useLabel, useLoad, useNotice, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { API_PAGE_SIZE, requestFilterFromSearch, requestQuery } from '../queries';
import { RequestForm, requestBody, requestFormProblems } from '../useForms';
import { useMe } from '../components/useMe';
import { useHeldSeals } from '../components/useHeldSeals';
import { DocumentTypeField, HeldSealSelect } from '../components/SealFields';

const EMPTY: RequestForm = { sealId: '', documentType: '', documentName: '', purpose: '', uses: '1' };

/** A holder asks to use a seal (用印申请). */
function NewRequestCard(props: { onCreated: () => void }) {
  const t = useT(messages);
  const client = usePluginClient('seal');
  const me = useMe();
  const held = useHeldSeals(me.ref);
  const [form, setForm] = useState<RequestForm>(EMPTY);
  const sending = useFormSubmit();
  const [sent, setSent] = useState(false);
  const seals = held.seals;
  const seal = seals.find(s => s.id === form.sealId);
  useEffect(() => {
    if (!seal && seals.length > 0) setForm(f => ({ ...f, sealId: seals[0].id, documentType: seals[0].usePolicy.documentTypes[0] ?? '' }));
  }, [seal, seals]);
  const problems = requestFormProblems(form, seal);
  const shown = (k: keyof RequestForm) => (sending.touched && problems[k] ? t(problems[k]!) : undefined);
  const submit = sending.submit(Object.keys(problems).length === 0, async () => {
    setSent(false);
    await client.post<UseRequest>('/use-requests', requestBody(form));
    setSent(true);
    setForm(f => ({ ...EMPTY, sealId: f.sealId, documentType: f.documentType }));
    sending.setTouched(false);
    props.onCreated();
  });

  return (
    <InfoCard title={t('newUseRequest')}>
      {held.loaded && seals.length === 0 && <Typography color="textSecondary">{t('noHeldSeals')}</Typography>}
      {held.error && <Alert severity="error">{held.error}</Alert>}
      {seals.length > 0 && (
        <form onSubmit={submit} noValidate data-testid="use-request-form">
          <Grid container spacing={2}>
            <Grid item xs={12} md={6}>
              <HeldSealSelect seals={seals} value={form.sealId} onChange={sealId => setForm(f => ({ ...f, sealId, documentType: seals.find(s => s.id === sealId)?.usePolicy.documentTypes[0] ?? '' }))} />
            </Grid>
            <Grid item xs={12} md={3}>
              <DocumentTypeField seal={seal} value={form.documentType} onChange={documentType => setForm(f => ({ ...f, documentType }))} error={shown('documentType')} />
            </Grid>
            <Grid item xs={12} md={3}>
              <TextField
                label={t('uses')}
                value={form.uses}
                onChange={e => setForm(f => ({ ...f, uses: e.target.value }))}
                error={!!shown('uses')}
                helperText={shown('uses') ?? `≤ ${seal?.usePolicy.maxUsesPerApproval ?? 1}`}
                inputProps={{ maxLength: 4, name: 'uses' }}
                fullWidth
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <TextField label={t('documentName')} value={form.documentName} onChange={e => setForm(f => ({ ...f, documentName: e.target.value }))} error={!!shown('documentName')} helperText={shown('documentName')} required inputProps={{ maxLength: 255, name: 'documentName' }} fullWidth />
            </Grid>
            <Grid item xs={12} md={6}>
              <TextField label={t('purpose')} value={form.purpose} onChange={e => setForm(f => ({ ...f, purpose: e.target.value }))} error={!!shown('purpose')} helperText={shown('purpose')} required inputProps={{ maxLength: 500, name: 'purpose' }} fullWidth />
            </Grid>
          </Grid>
          {sent && (
            <Alert severity="success" style={{ marginTop: 16 }} data-testid="use-request-sent">
              {t('requestSubmitted')}
            </Alert>
          )}
          <FormActions error={sending.error} busy={sending.busy} submitLabel={t('submit')} testId="use-request" />
        </form>
      )}
    </InfoCard>
  );
}

/**
 * 用印审批: holders ask to use a seal and follow their requests; reviewers approve or reject
 * those of others (the backend shows requesters only their own).
 */
export function UseRequestsPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('seal');
  const me = useMe();
  const notice = useNotice();
  const [search, setSearch] = useSearchParams();
  const filter = requestFilterFromSearch(search);
  const query = requestQuery(filter);
  const list = useLoad(() => client.get<{ items: UseRequest[]; total: number }>(`/use-requests?${query}`), query);
  const [deciding, setDeciding] = useState<{ request: UseRequest; approve: boolean }>();
  const update = (next: { status?: string; page?: number }) => {
    const p = new URLSearchParams();
    const status = next.status ?? filter.status;
    if (status) p.set('status', status);
    if (next.page) p.set('page', String(next.page));
    setSearch(p, { replace: true });
  };
  const decide = async (request: UseRequest, approve: boolean, reason: string) => {
    await client.post<UseRequest>(`/use-requests/${request.id}/${approve ? 'approve' : 'reject'}`, reason.trim() ? { reason: reason.trim() } : {});
    notice.show({ severity: 'success', text: t('done') });
    list.reload();
  };

  return (
    <Grid container spacing={2}>
      {me.caps.requestUse && (
        <Grid item xs={12}>
          <NewRequestCard onCreated={list.reload} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title={t('tabUseRequests')}>
          <Box display="flex" alignItems="flex-end" style={{ gap: 16, marginBottom: 16 }}>
            <NativeSelect
              name="status"
              label={t('status')}
              value={filter.status}
              emptyLabel={t('all')}
              options={USE_REQUEST_STATUSES.map(s => ({ value: s, label: label(LABELS.useRequestStatus[s]) }))}
              onChange={e => update({ status: e.target.value, page: 0 })}
            />
          </Box>
          {notice.view('use-request-notice')}
          {list.error && <Alert severity="error">{list.error}</Alert>}
          <Table size="small" data-testid="use-request-table">
            <HeadRow cells={[t('requestedAt'), t('seal'), t('requester'), t('documentType'), t('documentName'), t('purpose'), t('uses'), t('status'), t('approver'), '']} />
            <TableBody>
              {(list.value?.items ?? []).map(r => {
                const block = decisionBlock({ requestedBy: r.requester, pending: r.status === 'pending', deciders: [] }, me.ref, me.caps.approveUse);
                return (
                  <TableRow key={r.id} data-testid="use-request-row" data-status={r.status} data-document={r.documentName}>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{when(r.createdAt)}</TableCell>
                    <TableCell>{r.sealName}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{shortRef(r.requester)}</TableCell>
                    <TableCell>{r.documentType}</TableCell>
                    <TableCell>{r.documentName}</TableCell>
                    <TableCell>{r.purpose}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{t('usesLeft', { n: r.usesLeft, m: r.uses })}</TableCell>
                    <TableCell>
                      <StatusChip status={r.status} label={label(LABELS.useRequestStatus[r.status])} />
                    </TableCell>
                    <TableCell>
                      {shortRef(r.approver)}
                      {r.validUntil && r.status === 'approved' && (
                        <Typography variant="caption" display="block" color="textSecondary">
                          {t('validUntil')} {dayOf(r.validUntil)}
                        </Typography>
                      )}
                      {r.reason && (
                        <Typography variant="caption" display="block" color="textSecondary">
                          {r.reason}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                      {me.caps.approveUse && r.status === 'pending' && (
                        <>
                          <Button size="small" color="primary" disabled={!!block} title={block && t(block)} onClick={() => setDeciding({ request: r, approve: true })} data-testid="use-request-approve">
                            {t('approve')}
                          </Button>
                          <Button size="small" disabled={!!block} title={block && t(block)} onClick={() => setDeciding({ request: r, approve: false })} data-testid="use-request-reject">
                            {t('reject')}
                          </Button>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {list.value?.items.length === 0 && <EmptyNote text={t('noUseRequests')} />}
          {list.value && list.value.total > API_PAGE_SIZE && <Pager total={list.value.total} page={filter.page} pageSize={API_PAGE_SIZE} onPage={p => update({ page: p })} />}
        </InfoCard>
      </Grid>
      <ActionDialog
        open={!!deciding}
        title={`${deciding?.approve ? t('approve') : t('reject')}：${deciding?.request.documentName ?? ''}`}
        testId={deciding?.approve ? 'use-approve' : 'use-reject'}
        fields={[{ name: 'reason', label: deciding?.approve ? t('comment') : t('reason'), kind: 'multiline', required: !deciding?.approve, maxLength: 500 }]}
        onSubmit={v => decide(deciding!.request, deciding!.approve, v.reason)}
        onClose={() => setDeciding(undefined)}
      />
    </Grid>
  );
}
