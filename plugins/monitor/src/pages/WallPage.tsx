import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Button, Card, CardActionArea, CardContent, Chip, Grid, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useLoad, useNotice, usePluginClient, useRealtimeRoom, useT, when } from '@yinxin/ops-react';
import type { AlertView, TargetStatus } from '@yinxin/plugin-monitor-common';
import { messages } from '../messages';
import type { TargetProblem } from '../api';
import { mergeStatuses, tally, wallOrder } from '../wall';
import { useMe } from '../components/useMe';
import { STATUS_COLOURS, StatusBadge } from '../components/StatusBadge';

/** The path of a target's detail page. */
export function targetPath(id: string): string {
  return `/monitor/targets/${encodeURIComponent(id)}`;
}

/** One target on the wall; a click opens its detail page. */
function TargetCard(props: { target: TargetStatus }) {
  const t = useT(messages);
  const x = props.target;
  return (
    <Card variant="outlined" style={{ borderLeft: `6px solid ${STATUS_COLOURS[x.status]}`, height: '100%' }} data-testid={`target-${x.id}`} data-status={x.status}>
      <CardActionArea component={RouterLink} to={targetPath(x.id)} style={{ height: '100%' }} data-testid={`open-target-${x.id}`}>
        <CardContent>
          <Box display="flex" justifyContent="space-between" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="subtitle1">{x.name}</Typography>
            <StatusBadge status={x.status} />
          </Box>
          <Typography variant="body2" color="textSecondary">
            {x.kind} · {x.id}
          </Typography>
          {x.message && <Typography variant="body2">{x.message}</Typography>}
          {x.at && (
            <Typography variant="caption" color="textSecondary">
              {t('checkedAt', { at: when(x.at) })}
              {x.latencyMs !== undefined ? ` · ${t('latency', { ms: Math.round(x.latencyMs) })}` : ''}
            </Typography>
          )}
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

/** Targets that could not be used (bad catalog annotations, a failing source), above the wall. */
function ProblemsNotice(props: { problems: readonly TargetProblem[] }) {
  const t = useT(messages);
  if (props.problems.length === 0) return null;
  return (
    <Alert severity="warning" style={{ marginBottom: 16 }} data-testid="target-problems" data-count={props.problems.length}>
      <AlertTitle>{t('problemsTitle', { n: props.problems.length })}</AlertTitle>
      {props.problems.map((p, i) => (
        <Typography key={`${p.ref}-${i}`} variant="body2" data-testid="target-problem">
          <code>{p.ref}</code>（{t('problemSource')}：{p.source}）：{p.message}
        </Typography>
      ))}
    </Alert>
  );
}

/** 状态墙: the live status wall, problems with target declarations, and the active alerts. */
export function WallPage() {
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const me = useMe();
  const notice = useNotice();
  const loaded = useLoad(() => client.get<TargetStatus[]>('/targets'), 'targets');
  const alerts = useLoad(() => client.get<AlertView[]>('/alerts'), 'alerts');
  const problems = useLoad(() => client.get<TargetProblem[]>('/targets/problems'), 'problems');
  const [targets, setTargets] = useState<TargetStatus[]>([]);
  useEffect(() => {
    if (loaded.value) setTargets(loaded.value);
  }, [loaded.value]);
  const live = useRealtimeRoom('monitor:status', (event, payload) => {
    if (event !== 'status' || !Array.isArray(payload)) return;
    setTargets(cur => mergeStatuses(cur, payload as TargetStatus[]));
    alerts.reload();
    problems.reload();
  });
  const act = (work: () => Promise<unknown>, success?: string) =>
    notice.run(async () => {
      try {
        await work();
      } finally {
        alerts.reload();
      }
    }, success);
  const run = () =>
    notice.run(async () => {
      try {
        await client.post('/run');
      } finally {
        loaded.reload();
        alerts.reload();
        problems.reload();
      }
    });
  const counts = tally(targets);
  return (
    <>
      {notice.view('monitor-notice')}
      {(loaded.error || alerts.error) && <Alert severity="error">{loaded.error ?? alerts.error}</Alert>}
      <ProblemsNotice problems={problems.value ?? []} />
      <Box display="flex" alignItems="center" flexWrap="wrap" marginBottom={2} style={{ gap: 8 }}>
        <Chip size="small" data-testid="monitor-live" data-live={live.connected ? 'true' : 'false'} label={live.connected ? t('live') : t('offline')} color={live.connected ? 'primary' : 'default'} />
        {(['down', 'warning', 'unknown', 'up'] as const).map(s => (
          <Chip key={s} size="small" variant="outlined" label={`${t(s)} ${counts[s]}`} data-testid={`count-${s}`} data-count={counts[s]} />
        ))}
        <Box flexGrow={1} />
        {me.caps.run && (
          <Button variant="outlined" color="primary" data-testid="monitor-run" onClick={run}>
            {t('runNow')}
          </Button>
        )}
      </Box>
      <InfoCard title={t('wall')}>
        {loaded.loading && !loaded.value && <Progress />}
        {loaded.value && targets.length === 0 && <Typography color="textSecondary">{t('noTargets')}</Typography>}
        {targets.length > 0 && (
          <Grid container spacing={2} data-testid="status-wall">
            {wallOrder(targets).map(x => (
              <Grid item xs={12} sm={6} md={4} lg={3} key={x.id}>
                <TargetCard target={x} />
              </Grid>
            ))}
          </Grid>
        )}
      </InfoCard>
      <Box marginTop={3}>
        <InfoCard title={t('alerts')}>
          {(alerts.value ?? []).length === 0 ? (
            <Typography color="textSecondary" data-testid="no-alerts">
              {t('noAlerts')}
            </Typography>
          ) : (
            <Table size="small" data-testid="alerts">
              <TableHead>
                <TableRow>
                  <TableCell>{t('rule')}</TableCell>
                  <TableCell>{t('target')}</TableCell>
                  <TableCell>{t('state')}</TableCell>
                  <TableCell>{t('since')}</TableCell>
                  <TableCell>{t('ticket')}</TableCell>
                  <TableCell>{t('pagedTo')}</TableCell>
                  <TableCell>{t('acknowledged')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(alerts.value ?? []).map(a => (
                  <TableRow key={`${a.ruleId}/${a.targetId}`} data-testid={`alert-${a.ruleId}-${a.targetId}`} data-state={a.state}>
                    <TableCell>
                      {a.ruleName} · {t(a.severity)}
                    </TableCell>
                    <TableCell>
                      <Link component={RouterLink} to={targetPath(a.targetId)}>
                        {a.targetId}
                      </Link>
                    </TableCell>
                    <TableCell>{t(a.state === 'firing' ? 'firing' : 'pending')}</TableCell>
                    <TableCell>{when(a.since)}</TableCell>
                    <TableCell>{a.ticketNumber ?? '—'}</TableCell>
                    <TableCell data-testid={`paged-${a.ruleId}-${a.targetId}`}>
                      {a.pagedTo ? `${a.pagedTo}${a.arrivalDeadline ? ` · ${t('arriveBy', { at: when(a.arrivalDeadline) })}` : ''}` : '—'}
                    </TableCell>
                    <TableCell>
                      {a.acknowledgedBy ??
                        (me.caps.ack ? (
                          <Button size="small" data-testid={`ack-${a.ruleId}-${a.targetId}`} onClick={() => act(() => client.post(`/alerts/${encodeURIComponent(a.ruleId)}/${encodeURIComponent(a.targetId)}/ack`))}>
                            {t('acknowledge')}
                          </Button>
                        ) : (
                          '—'
                        ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Box>
    </>
  );
}
