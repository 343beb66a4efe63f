import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { APPLICATION_STATUSES, Application, ApplicationStatus } from '@yinxin/plugin-ca-common';
import { NativeSelect, Pager, shortRef, StatusChip, useLabel, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { applicationQuery } from '../queries';
import { useMe } from '../components/useMe';
import { useProfiles } from '../components/useProfiles';

const PAGE_SIZE = 50;

/**
 * The status filter of the list: as the URL says, or, when it says nothing, the work waiting for
 * the user — submitted ones for reviewers, approved ones for issuers, all for everyone else.
 */
export function statusOf(param: string | null, caps: { review: boolean; issue: boolean }): ApplicationStatus | '' {
  if (param !== null) return (APPLICATION_STATUSES as readonly string[]).includes(param) ? (param as ApplicationStatus) : '';
  if (caps.review) return 'submitted';
  if (caps.issue) return 'approved';
  return '';
}

/** Applications: reviewers start on those waiting for review, issuers on those approved. */
export function ApplicationsPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('ca');
  const navigate = useNavigate();
  const me = useMe();
  const { titleOf } = useProfiles();
  const [search, setSearch] = useSearchParams();
  const status = statusOf(search.get('status'), me.caps);
  const q = search.get('q') ?? '';
  const page = Math.max(0, Number(search.get('page')) || 0);
  const [typed, setTyped] = useState(q);
  const query = applicationQuery({ status, q }, PAGE_SIZE, page * PAGE_SIZE);
  const list = useLoad(() => client.get<{ items: Application[]; total: number }>(`/applications?${query}`), query);
  const update = (next: { status?: string; q?: string; page?: number }) => {
    const p = new URLSearchParams();
    p.set('status', next.status ?? status);
    const nq = next.q ?? q;
    if (nq) p.set('q', nq);
    const np = next.page ?? 0;
    if (np > 0) p.set('page', String(np));
    setSearch(p, { replace: true });
  };

  return (
    <>
      <Box display="flex" alignItems="flex-end" style={{ gap: 16, marginBottom: 16 }} component="form" onSubmit={(e: React.FormEvent) => { e.preventDefault(); update({ q: typed }); }}>
        <NativeSelect
          name="status"
          label={t('status')}
          value={status}
          emptyLabel={t('all')}
          options={APPLICATION_STATUSES.map(s => ({ value: s, label: label(LABELS.applicationStatus[s]) }))}
          onChange={e => update({ status: e.target.value })}
        />
        <TextField label={t('search')} placeholder={t('applicationSearch')} value={typed} onChange={e => setTyped(e.target.value)} inputProps={{ maxLength: 100 }} style={{ minWidth: 280 }} />
        <Button type="submit" variant="outlined">{t('search')}</Button>
        <Box flexGrow={1} />
        {me.caps.applicationCreate && (
          <Button variant="contained" color="primary" onClick={() => navigate('/ca/applications/new')} data-testid="new-application-button">
            {t('newApplication')}
          </Button>
        )}
      </Box>
      {list.error && <Alert severity="error">{list.error}</Alert>}
      <Table size="small" data-testid="application-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('number')}</TableCell>
            <TableCell>{t('applicationKind')}</TableCell>
            <TableCell>{t('subject')}</TableCell>
            <TableCell>{t('profile')}</TableCell>
            <TableCell>{t('approvals')}</TableCell>
            <TableCell>{t('submittedBy')}</TableCell>
            <TableCell>{t('submittedAt')}</TableCell>
            <TableCell>{t('status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(list.value?.items ?? []).map(a => (
            <TableRow key={a.id} hover style={{ cursor: 'pointer' }} onClick={() => navigate(`/ca/applications/${a.id}`)} data-testid="application-row" data-number={a.number}>
              <TableCell style={{ fontFamily: 'monospace' }}>{a.number}</TableCell>
              <TableCell>{label(LABELS.applicationKind[a.kind])}</TableCell>
              <TableCell>{a.subjectName}</TableCell>
              <TableCell>{titleOf(a.profile)}</TableCell>
              <TableCell>{t('approvalsOf', { n: a.approvals.filter(x => x.decision === 'approve').length, m: a.requiredApprovals })}</TableCell>
              <TableCell>{shortRef(a.submittedBy)}</TableCell>
              <TableCell>{when(a.submittedAt)}</TableCell>
              <TableCell>
                <StatusChip status={a.status} label={label(LABELS.applicationStatus[a.status])} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {list.value?.items.length === 0 && (
        <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
          {t('noApplications')}
        </Typography>
      )}
      {list.value && list.value.total > PAGE_SIZE && <Pager total={list.value.total} page={page} pageSize={PAGE_SIZE} onPage={p => update({ page: p })} />}
    </>
  );
}
