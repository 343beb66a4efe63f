import { useEffect, useState } from 'react';
import { Box, Grid, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { InfoCard } from '@backstage/core-components';
import { CATEGORIES, CHANNELS, LABELS } from '@yinxin/plugin-tickets-common';
import { useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { BarChart } from './components/BarChart';
import { useErrorText } from './components/useErrorText';

interface Volume { byChannel: Record<string, number>; byCategory: Record<string, number> }
interface ClockSummary { onTime: number; late: number; overdue: number; pending: number; attainment: number | null }
interface SlaMonth { total: number; response: ClockSummary; plan: ClockSummary }
interface Backlog { open: number; buckets: { lt1d: number; d1to2: number; d2to5: number; gt5d: number } }

/** The service's calendar is in China Standard Time: dates are read there, not in UTC. */
const ZONE = 'Asia/Shanghai';
const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** Reports: volume by channel and category, SLA attainment per month, backlog age. */
export function ReportsPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const now = new Date();
  const [from, setFrom] = useState(day(new Date(now.getTime() - 30 * 86_400_000)));
  const [to, setTo] = useState(day(new Date(now.getTime() + 86_400_000)));
  const [month, setMonth] = useState(day(now).slice(0, 7));
  const [volume, setVolume] = useState<Volume>();
  const [sla, setSla] = useState<SlaMonth>();
  const [backlog, setBacklog] = useState<Backlog>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const fromIso = new Date(`${from}T00:00:00+08:00`).toISOString();
    const toIso = new Date(`${to}T00:00:00+08:00`).toISOString();
    client.get<Volume>(`/reports/volume?from=${fromIso}&to=${toIso}`).then(setVolume, e => setError(errorText(e)));
  }, [client, from, to, errorText]);
  useEffect(() => {
    client.get<SlaMonth>(`/reports/sla?month=${month}`).then(setSla, e => setError(errorText(e)));
  }, [client, month, errorText]);
  useEffect(() => {
    client.get<Backlog>('/reports/backlog').then(setBacklog, e => setError(errorText(e)));
  }, [client, errorText]);

  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  return (
    <Grid container spacing={2}>
      {error && <Grid item xs={12}><Alert severity="error">{error}</Alert></Grid>}
      <Grid item xs={12}>
        <Box display="flex" style={{ gap: 12 }}>
          <TextField type="date" label={t('from')} value={from} onChange={e => setFrom(e.target.value)} InputLabelProps={{ shrink: true }} />
          <TextField type="date" label={t('to')} value={to} onChange={e => setTo(e.target.value)} InputLabelProps={{ shrink: true }} />
        </Box>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('volumeByChannel')}>
          {volume && <BarChart testId="chart-channel" data={CHANNELS.map(c => ({ label: label(LABELS.channel[c]), value: volume.byChannel[c] ?? 0 }))} />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('volumeByCategory')}>
          {volume && <BarChart testId="chart-category" color="#1565c0" data={CATEGORIES.map(c => ({ label: label(LABELS.category[c]), value: volume.byCategory[c] ?? 0 }))} />}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('slaAttainment')}>
          <TextField type="month" label={t('month')} value={month} onChange={e => setMonth(e.target.value)} InputLabelProps={{ shrink: true }} />
          {sla && (
            <Table size="small" data-testid="sla-table">
              <TableHead>
                <TableRow>
                  <TableCell />
                  {(['onTime', 'late', 'overdue', 'pending', 'attainment'] as const).map(k => <TableCell key={k}>{t(k)}</TableCell>)}
                </TableRow>
              </TableHead>
              <TableBody>
                {(['response', 'plan'] as const).map(k => (
                  <TableRow key={k}>
                    <TableCell>{k === 'response' ? t('responseClock') : t('planClock')}</TableCell>
                    <TableCell>{sla[k].onTime}</TableCell>
                    <TableCell>{sla[k].late}</TableCell>
                    <TableCell>{sla[k].overdue}</TableCell>
                    <TableCell>{sla[k].pending}</TableCell>
                    <TableCell><b>{pct(sla[k].attainment)}</b></TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('backlog')}>
          {backlog && (
            <>
              <Typography variant="body2">{t('openTickets', { n: backlog.open })}</Typography>
              <BarChart testId="chart-backlog" color="#ef6c00" data={(['lt1d', 'd1to2', 'd2to5', 'gt5d'] as const).map(k => ({ label: t(k), value: backlog.buckets[k] }))} />
            </>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
