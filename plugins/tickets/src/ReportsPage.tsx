import { useEffect, useState } from 'react';
import { Box, Grid, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { CATEGORIES, CHANNELS, LABELS } from '@yinxin/plugin-tickets-common';
import { useErrorText, useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { cstDay, cstMonth, cstRange } from './dates';
import { BarChart } from './components/BarChart';
import { StackedBar } from './components/StackedBar';

/** `GET /reports/volume`. */
interface Volume {
  byChannel: Record<string, number>;
  byCategory: Record<string, number>;
}
/** One clock of `GET /reports/sla`. */
interface ClockSummary {
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  attainment: number | null;
}
/** `GET /reports/sla`. */
interface SlaMonth {
  total: number;
  response: ClockSummary;
  plan: ClockSummary;
}
/** `GET /reports/backlog`. */
interface Backlog {
  open: number;
  buckets: { lt1d: number; d1to2: number; d2to5: number; gt5d: number };
}

/** A report's data, or the translated error that prevented it. */
type Loaded<T> = { data?: T; error?: string };

const OUTCOMES = [
  ['onTime', '#2e7d32'],
  ['late', '#ef6c00'],
  ['overdue', '#c62828'],
  ['pending', '#90a4ae'],
] as const;

/** Reports: volume by channel and category over a date range, SLA attainment of a month, backlog age. */
export function ReportsPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const [from, setFrom] = useState(() => cstDay(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(() => cstDay(new Date()));
  const [month, setMonth] = useState(() => cstMonth(new Date()));
  const [volume, setVolume] = useState<Loaded<Volume>>({});
  const [sla, setSla] = useState<Loaded<SlaMonth>>({});
  const [backlog, setBacklog] = useState<Loaded<Backlog>>({});
  const range = cstRange(from, to);
  const rangeFrom = range?.from;
  const rangeTo = range?.to;
  const monthValid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);

  useEffect(() => {
    if (!rangeFrom || !rangeTo) return undefined;
    let cancelled = false;
    client.get<Volume>(`/reports/volume?from=${encodeURIComponent(rangeFrom)}&to=${encodeURIComponent(rangeTo)}`).then(
      data => !cancelled && setVolume({ data }),
      e => !cancelled && setVolume({ error: errorText(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, rangeFrom, rangeTo, errorText]);
  useEffect(() => {
    if (!monthValid) return undefined;
    let cancelled = false;
    client.get<SlaMonth>(`/reports/sla?month=${month}`).then(
      data => !cancelled && setSla({ data }),
      e => !cancelled && setSla({ error: errorText(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, month, monthValid, errorText]);
  useEffect(() => {
    let cancelled = false;
    client.get<Backlog>('/reports/backlog').then(
      data => !cancelled && setBacklog({ data }),
      e => !cancelled && setBacklog({ error: errorText(e) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client, errorText]);

  const slaData = sla.data;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const status = <T,>(loaded: Loaded<T>) => {
    if (loaded.error) {
      return (
        <Alert severity="error" data-testid="report-error">
          {loaded.error}
        </Alert>
      );
    }
    return loaded.data ? null : <Progress />;
  };

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box display="flex" style={{ gap: 12 }} alignItems="flex-start">
          <TextField
            id="report-from"
            type="date"
            label={t('from')}
            value={from}
            onChange={e => setFrom(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ name: 'from' }}
            error={!range}
          />
          <TextField
            id="report-to"
            type="date"
            label={t('to')}
            value={to}
            onChange={e => setTo(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ name: 'to' }}
            error={!range}
            helperText={range ? undefined : t('invalidRange')}
          />
        </Box>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('volumeByChannel')}>
          {status(volume)}
          {volume.data && (
            <BarChart
              testId="chart-channel"
              title={t('volumeByChannel')}
              data={CHANNELS.map(c => ({ label: label(LABELS.channel[c]), value: volume.data?.byChannel[c] ?? 0 }))}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('volumeByCategory')}>
          {status(volume)}
          {volume.data && (
            <BarChart
              testId="chart-category"
              title={t('volumeByCategory')}
              color="#1565c0"
              data={CATEGORIES.map(c => ({ label: label(LABELS.category[c]), value: volume.data?.byCategory[c] ?? 0 }))}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('slaAttainment')}>
          <TextField
            id="report-month"
            type="month"
            label={t('month')}
            value={month}
            onChange={e => setMonth(e.target.value)}
            InputLabelProps={{ shrink: true }}
            inputProps={{ name: 'month', pattern: '\\d{4}-\\d{2}' }}
            error={!monthValid}
          />
          {status(sla)}
          {slaData && (
            <>
              <Typography variant="body2" style={{ marginTop: 8 }}>
                {t('attainmentTotal', { n: slaData.total })}
              </Typography>
              <Table size="small" data-testid="sla-table">
                <TableHead>
                  <TableRow>
                    <TableCell />
                    {OUTCOMES.map(([k]) => (
                      <TableCell key={k} align="right">
                        {t(k)}
                      </TableCell>
                    ))}
                    <TableCell align="right">{t('attainment')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {(['response', 'plan'] as const).map(k => {
                    const c = slaData[k];
                    return (
                      <TableRow key={k} data-testid={`sla-${k}`}>
                        <TableCell>
                          {k === 'response' ? t('responseClock') : t('planClock')}
                          <StackedBar
                            testId={`sla-bar-${k}`}
                            segments={OUTCOMES.map(([o, color]) => ({ key: o, label: t(o), value: c[o], color }))}
                          />
                        </TableCell>
                        {OUTCOMES.map(([o]) => (
                          <TableCell key={o} align="right">
                            {c[o]}
                          </TableCell>
                        ))}
                        <TableCell align="right" data-testid={`sla-attainment-${k}`}>
                          <b>{pct(c.attainment)}</b>
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('backlog')}>
          {status(backlog)}
          {backlog.data && (
            <>
              <Typography variant="body2">{t('openTickets', { n: backlog.data.open })}</Typography>
              <BarChart
                testId="chart-backlog"
                title={t('backlog')}
                color="#ef6c00"
                data={(['lt1d', 'd1to2', 'd2to5', 'gt5d'] as const).map(k => ({ label: t(k), value: backlog.data?.buckets[k] ?? 0 }))}
              />
            </>
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
