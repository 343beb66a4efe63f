import { useEffect, useState } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';
import { Box, Button, Grid, Table, TableBody, TableCell, TableRow } from '@material-ui/core';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { CardTitle, EmptyNote, Facts, NativeSelect, shortRef, useLoad, useNotice, usePluginClient, useRealtimeRoom, useT, when } from '@yinxin/ops-react';
import type { SilenceView, TargetStatus } from '@yinxin/plugin-monitor-common';
import { messages, MessageId } from '../messages';
import type { AlertRuleView, AvailabilityReport } from '../api';
import { detailText, goalText, minutesText, percentText, sourceOf } from '../format';
import { SERIES_RANGES, SeriesPoint, SeriesRange, StripSegment, chartableDetail, lineChartLayout, seriesPath, seriesWindow, upStrip } from '../series';
import { EMPTY_EVENT_FILTER, eventFilterToSearch } from '../events';
import { cstMonthOf } from '../time';
import { silenceState } from '../silences';
import { useMe } from '../components/useMe';
import { StatusBadge } from '../components/StatusBadge';
import { LineChart, UpStrip } from '../components/LineChart';
import { useEventPages } from '../components/useEventPages';
import { EventTable } from '../components/EventTable';
import { OutageList } from '../components/OutageList';
import { SilenceDialog } from '../components/SilenceDialog';
import { CRITICALITY_IDS, MetMark } from './AvailabilityPage';
import { SilenceTable } from './SilencesPage';

const SOURCE_IDS: Record<'config' | 'catalog' | 'builtin', MessageId> = { config: 'sourceConfig', catalog: 'sourceCatalog', builtin: 'sourceBuiltin' };

const STRIP_IDS: Record<StripSegment['state'], MessageId> = { up: 'stripUp', down: 'stripDown', none: 'stripNone' };

/** The latency metric, charted by default. */
const LATENCY = 'latency';

/** How often the open chart is read again (new probes arrive every minute). */
const CHART_REFRESH_MS = 60_000;

/** The target's latency (or a numeric probe detail) and its up/down strip over a day or a week, read again every minute. */
function TargetChart(props: { target: TargetStatus }) {
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const [search, setSearch] = useSearchParams();
  const range: SeriesRange = search.get('range') === '7d' ? '7d' : '24h';
  const details = Object.entries(props.target.detail ?? {}).filter(([k, v]) => chartableDetail(k, v));
  const asked = search.get('metric') ?? LATENCY;
  const metric = details.some(([k]) => k === asked) ? asked : LATENCY;
  const name = metric === LATENCY ? 'probe_latency_ms' : `probe_${metric}`;
  const id = props.target.id;
  const series = useLoad(async () => {
    const w = seriesWindow(range, Date.now());
    const [values, up] = await Promise.all([client.get<SeriesPoint[]>(seriesPath(name, id, w)), client.get<SeriesPoint[]>(seriesPath('probe_up', id, w))]);
    return { w, range, name, values, up };
  }, `${id}|${range}|${name}`);
  useEffect(() => {
    const timer = setInterval(series.reload, CHART_REFRESH_MS);
    return () => clearInterval(timer);
  }, [series.reload]);
  const set = (key: string, value: string, fallback: string) => {
    const next = new URLSearchParams(search);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    setSearch(next, { replace: true });
  };
  const data = series.value && series.value.range === range && series.value.name === name ? series.value : undefined;
  const layout = data && lineChartLayout(data.values, data.w, range);
  const metricLabel = metric === LATENCY ? t('latencyMs') : metric;

  return (
    <InfoCard
      title={t('chart')}
      subheader={t('chartNote')}
      action={
        <Box display="flex" alignItems="center" style={{ gap: 8, marginTop: 8 }}>
          {details.length > 0 && (
            <NativeSelect
              name="metric"
              label={t('metric')}
              value={metric}
              options={[{ value: LATENCY, label: t('latencyMs') }, ...details.map(([k]) => ({ value: k, label: k }))]}
              onChange={e => set('metric', e.target.value, LATENCY)}
              size="small"
            />
          )}
          <ToggleButtonGroup size="small" exclusive value={range} onChange={(_, v: SeriesRange | null) => v && set('range', v, '24h')}>
            {SERIES_RANGES.map(r => (
              <ToggleButton key={r} value={r} data-testid={`chart-range-${r}`}>
                {t(r === '24h' ? 'range24h' : 'range7d')}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
        </Box>
      }
    >
      {series.error && <Alert severity="error">{series.error}</Alert>}
      {!data && !series.error && <Progress />}
      {data && layout && (
        <Box data-testid="target-chart" data-range={range} data-metric={metric}>
          <LineChart
            layout={layout}
            title={`${metricLabel} · ${t(range === '24h' ? 'range24h' : 'range7d')}`}
            unit={metric === LATENCY ? 'ms' : undefined}
            testId="latency-chart"
            pointText={p => t('chartPoint', { ...p })}
          />
          <UpStrip segments={upStrip(data.up, data.w, layout.plot)} title={t('stripUp')} testId="up-strip" label={s => t(STRIP_IDS[s])} />
          {layout.filled === 0 && <EmptyNote text={t('noSeries')} testId="chart-empty" />}
        </Box>
      )}
    </InfoCard>
  );
}

/**
 * One target (`/monitor/targets/:id`): its facts and probe details, live; latency over 24 hours
 * or 7 days with the up/down strip; its alert events; its availability this month; its silences;
 * and for engineers 静默, 维护窗口 and 立即探测.
 */
export function TargetPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const me = useMe();
  const notice = useNotice();
  const target = useLoad(() => client.get<TargetStatus>(`/targets/${encodeURIComponent(id)}`), id);
  const month = cstMonthOf(Date.now());
  const availability = useLoad(() => client.get<AvailabilityReport>(`/availability?month=${month}`), month);
  const silences = useLoad(() => client.get<SilenceView[]>('/silences'), 'silences');
  const rules = useLoad(() => client.get<AlertRuleView[]>('/rules'), 'rules');
  const pages = useEventPages(client, { ...EMPTY_EVENT_FILTER, targetId: id }, 20);
  const [dialog, setDialog] = useState<'silence' | 'maintenance'>();
  useRealtimeRoom('monitor:status', (event, payload) => {
    if (event !== 'status' || !Array.isArray(payload)) return;
    if ((payload as TargetStatus[]).some(x => x.id === id)) {
      target.reload();
      pages.reload();
    }
  });

  if (target.error && target.value?.id !== id) {
    return (
      <>
        <BackLink />
        <Alert severity="error" data-testid="target-error">
          {target.error}
        </Alert>
      </>
    );
  }
  const x = target.value;
  if (!x || x.id !== id) return <Progress />;

  const ruleNames = new Map((rules.value ?? []).map(r => [r.id, r.name]));
  const source = sourceOf(x.source);
  const row = availability.value?.targets.find(a => a.targetId === id);
  const mine = (silences.value ?? []).filter(s => (s.targetId === id || !s.targetId) && silenceState(s, Date.now()) !== 'ended');
  const run = () =>
    notice.run(async () => {
      try {
        const answer = await client.post<{ events?: unknown[] }>('/run');
        notice.show({ severity: 'success', text: t('runDone', { n: answer?.events?.length ?? 0 }) });
      } finally {
        target.reload();
        pages.reload();
      }
    });
  const detail = Object.entries(x.detail ?? {});

  return (
    <Grid container spacing={2} data-testid="target-detail" data-target={x.id}>
      <Grid item xs={12}>
        <BackLink />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard
          title={
            <CardTitle>
              <span data-testid="target-name">{x.name}</span>
              <StatusBadge status={x.status} testId="target-status" />
            </CardTitle>
          }
        >
          <Facts
            facts={[
              { label: t('id'), value: x.id, mono: true },
              { label: t('targetKind'), value: x.kind, testId: 'target-kind' },
              {
                label: t('source'),
                value: source.kind === 'other' ? source.ref : t(SOURCE_IDS[source.kind], { ref: source.ref ?? '' }),
                testId: 'target-source',
              },
              { label: t('owner'), value: <span title={x.owner}>{shortRef(x.owner)}</span> },
              { label: t('criticality'), value: t(CRITICALITY_IDS[x.criticality]) },
              { label: t('state'), value: t(x.status) },
              { label: t('message'), value: x.message, testId: 'target-message' },
              { label: t('lastProbe'), value: x.at && `${when(x.at)}${x.latencyMs !== undefined ? ` · ${t('latency', { ms: Math.round(x.latencyMs) })}` : ''}`, testId: 'target-last-probe' },
            ]}
          />
          <Box marginTop={2}>{notice.view('target-notice')}</Box>
          <Box display="flex" flexWrap="wrap" style={{ gap: 8, marginTop: 8 }}>
            {me.caps.silence && (
              <>
                <Button variant="outlined" onClick={() => setDialog('silence')} data-testid="target-silence">
                  {t('silenceTarget')}
                </Button>
                <Button variant="outlined" onClick={() => setDialog('maintenance')} data-testid="target-maintenance">
                  {t('maintainTarget')}
                </Button>
              </>
            )}
            {me.caps.run && (
              <Button variant="contained" color="primary" onClick={run} data-testid="target-run">
                {t('runNow')}
              </Button>
            )}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('detailValues')}>
          {detail.length === 0 ? (
            <EmptyNote text={t('noDetail')} />
          ) : (
            <Table size="small" data-testid="target-detail-values">
              <TableBody>
                {detail.map(([k, v]) => (
                  <TableRow key={k} data-testid={`detail-${k}`}>
                    <TableCell style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{k}</TableCell>
                    <TableCell style={{ wordBreak: 'break-all' }}>{detailText(v)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <TargetChart target={x} />
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title={t('monthAvailability')} subheader={month}>
          {availability.error && <Alert severity="error">{availability.error}</Alert>}
          {!availability.value && !availability.error && <Progress />}
          {availability.value && !row && <EmptyNote text={t('notWatched')} />}
          {availability.value && row && (
            <Box data-testid="target-availability" data-met={row.met === null ? 'none' : String(row.met)}>
              <Facts
                facts={[
                  { label: t('availability'), value: row.ratio === null ? t('notWatched') : percentText(row.ratio), testId: 'target-availability-ratio' },
                  { label: t('goal'), value: goalText(availability.value.target) },
                  { label: t('met'), value: <MetMark met={row.met} /> },
                  { label: t('downtime'), value: minutesText(row.downtimeMinutes) },
                  { label: t('maintenance'), value: minutesText(row.maintenanceMinutes) },
                  { label: t('observed'), value: minutesText(row.observedMinutes) },
                ]}
              />
              <Box marginTop={1}>
                <OutageList outages={row.outages} testId="target-outages" />
              </Box>
            </Box>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title={t('targetEvents')}
          deepLink={{ title: t('allHistory'), link: `/monitor/history?${eventFilterToSearch({ ...EMPTY_EVENT_FILTER, targetId: id }).toString()}` }}
        >
          <EventTable pages={pages} ruleName={r => ruleNames.get(r) ?? r} showTarget={false} testId="target-events" />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={t('targetSilences')}>
          {silences.error && <Alert severity="error">{silences.error}</Alert>}
          {silences.value &&
            (mine.length === 0 ? (
              <EmptyNote text={t('noSilences')} testId="target-no-silences" />
            ) : (
              <SilenceTable silences={mine} ruleName={r => ruleNames.get(r) ?? r} canCancel={false} onCancel={() => {}} testId="target-silences" />
            ))}
        </InfoCard>
      </Grid>
      {me.caps.silence && (
        <SilenceDialog
          open={!!dialog}
          prefill={{ kind: dialog ?? 'silence', targetId: id }}
          onClose={() => setDialog(undefined)}
          onCreated={() => {
            notice.show({ severity: 'success', text: t('silenceCreated') });
            silences.reload();
          }}
        />
      )}
    </Grid>
  );
}

/** Back to the status wall. */
function BackLink() {
  const t = useT(messages);
  return (
    <Button component={RouterLink} to="/monitor/wall" size="small" data-testid="target-back">
      ← {t('backToWall')}
    </Button>
  );
}
