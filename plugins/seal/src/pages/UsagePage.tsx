import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, Grid, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { SealUse } from '@yinxin/plugin-seal-common';
import { ChartSeries, DayBarChart, EmptyNote, FilterBar, HeadRow, Pager, seriesTotals, shortRef, useDownload, useLoad, useNotice, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { API_PAGE_SIZE, LogFilter, logFilterFromSearch, logFilterToSearch, logQuery } from '../queries';
import { topSealBars } from '../holding';
import { signatureFileName } from '../files';

/** What `GET /stats/usage` answers. */
interface UsageStats {
  perDay: { day: string; uses: number }[];
  bySeal: { sealId: string; name: string; uses: number }[];
}

/** The seals used most, as bars scaled to the busiest; a bar filters the log to its seal. */
function TopSeals(props: { bySeal: UsageStats['bySeal']; onPick: (sealId: string) => void }) {
  const t = useT(messages);
  const rows = topSealBars(props.bySeal);
  if (rows.length === 0) return <Typography color="textSecondary">{t('noUses')}</Typography>;
  return (
    <Box data-testid="top-seals">
      {rows.map(r => (
        <Box key={r.sealId} marginBottom={1} style={{ cursor: 'pointer' }} onClick={() => props.onPick(r.sealId)} data-testid="top-seal" data-uses={r.uses}>
          <Box display="flex" justifyContent="space-between">
            <Typography variant="body2">{r.name}</Typography>
            <Typography variant="body2" color="textSecondary">
              {r.uses}
            </Typography>
          </Box>
          <Box height={8} bgcolor="#eceff1" borderRadius={4}>
            <Box height={8} width={`${Math.max(2, r.share * 100)}%`} bgcolor="#b71c1c" borderRadius={4} />
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** 用印记录: uses per day over 30 days, the seals used most, and the log with filters kept in the URL. */
export function UsagePage() {
  const t = useT(messages);
  const client = usePluginClient('seal');
  const download = useDownload('seal');
  const notice = useNotice();
  const [search, setSearch] = useSearchParams();
  const filter = logFilterFromSearch(search);
  const [typed, setTyped] = useState({ actor: filter.actor, from: filter.from, to: filter.to });
  const stats = useLoad(() => client.get<UsageStats>('/stats/usage?days=30'), 'stats');
  const query = logQuery(filter);
  const log = useLoad(() => client.get<{ items: SealUse[]; total: number }>(`/uses?${query}`), query);
  const update = (next: Partial<LogFilter>) => setSearch(logFilterToSearch({ ...filter, page: 0, ...next }), { replace: true });
  const series: readonly ChartSeries<'uses'>[] = [{ key: 'uses', colour: '#b71c1c', label: t('usesSeries') }];
  const total = stats.value && seriesTotals(stats.value.perDay, ['uses']).uses;

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={8}>
        <InfoCard title={t('usageChart')} subheader={total !== undefined ? t('usageTotal', { n: total }) : undefined}>
          {stats.error && <Alert severity="error">{stats.error}</Alert>}
          {stats.value && <DayBarChart points={stats.value.perDay} series={series} title={t('usageChart')} testId="usage-chart" />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title={t('topSeals')}>{stats.value && <TopSeals bySeal={stats.value.bySeal} onPick={sealId => update({ sealId })} />}</InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={t('tabUsage')}>
          <FilterBar testId="usage-filter" onSubmit={() => update(typed)}>
            <TextField label={t('actor')} placeholder={t('actorHelp')} value={typed.actor} onChange={e => setTyped(v => ({ ...v, actor: e.target.value }))} inputProps={{ maxLength: 120, name: 'actor' }} />
            <TextField label={t('from')} type="date" value={typed.from} onChange={e => setTyped(v => ({ ...v, from: e.target.value }))} InputLabelProps={{ shrink: true }} inputProps={{ name: 'from' }} />
            <TextField label={t('to')} type="date" value={typed.to} onChange={e => setTyped(v => ({ ...v, to: e.target.value }))} InputLabelProps={{ shrink: true }} inputProps={{ name: 'to' }} />
            <Button type="submit" variant="outlined" data-testid="usage-search-submit">
              {t('search')}
            </Button>
            {filter.sealId && (
              <Button onClick={() => update({ sealId: '' })} data-testid="usage-clear-seal">
                {t('clearSeal')}
              </Button>
            )}
          </FilterBar>
          {notice.view('usage-notice')}
          {log.error && <Alert severity="error">{log.error}</Alert>}
          <Table size="small" data-testid="usage-table">
            <HeadRow cells={[t('at'), t('seal'), t('actor'), t('documentName'), t('documentType'), t('documentHash'), t('version'), t('timestamped'), '']} />
            <TableBody>
              {(log.value?.items ?? []).map(u => (
                <TableRow key={u.id} data-testid="usage-row">
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{when(u.at)}</TableCell>
                  <TableCell>{u.sealName}</TableCell>
                  <TableCell>{shortRef(u.actor)}</TableCell>
                  <TableCell>{u.documentName}</TableCell>
                  <TableCell>{u.documentType}</TableCell>
                  <TableCell style={{ fontFamily: 'monospace', fontSize: 12 }} title={u.documentHash}>
                    {u.documentHash.slice(0, 16)}…
                  </TableCell>
                  <TableCell>v{u.version}</TableCell>
                  <TableCell>{u.timestamped ? t('yes') : t('no')}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => notice.run(() => download(`/uses/${u.id}/signature`, signatureFileName(u.documentName)))} data-testid="usage-download">
                      {t('download')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {log.value?.items.length === 0 && <EmptyNote text={t('noUses')} />}
          {log.value && <Pager total={log.value.total} page={filter.page} pageSize={API_PAGE_SIZE} onPage={p => update({ page: p })} />}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
