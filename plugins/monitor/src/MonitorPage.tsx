import { useEffect, useState } from 'react';
import { Box, Button, Card, CardContent, Chip, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import { Content, Header, InfoCard, Page, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { rolesFromOwnershipRefs, rolesGrant } from '@yinxin/ops-common';
import { useErrorText, useLoad, usePluginClient, useRealtimeRoom, useSignedInIdentity, useT, when } from '@yinxin/ops-react';
import type { AlertView, TargetStatus } from '@yinxin/plugin-monitor-common';
import { messages } from './messages';
import { mergeStatuses, tally, wallOrder } from './wall';

const COLOURS: Record<TargetStatus['status'], string> = { up: '#2e7d32', warning: '#ed6c02', down: '#c62828', unknown: '#757575' };

/** One target on the wall. */
function TargetCard(props: { target: TargetStatus }) {
  const t = useT(messages);
  const x = props.target;
  return (
    <Card variant="outlined" style={{ borderLeft: `6px solid ${COLOURS[x.status]}` }} data-testid={`target-${x.id}`} data-status={x.status}>
      <CardContent>
        <Box display="flex" justifyContent="space-between" alignItems="center">
          <Typography variant="subtitle1">{x.name}</Typography>
          <Chip size="small" label={t(x.status)} style={{ background: COLOURS[x.status], color: '#fff' }} />
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
    </Card>
  );
}

/** The monitor page: the live status wall and the active alerts. */
export function MonitorPage() {
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const errorText = useErrorText();
  const me = useSignedInIdentity();
  const roles = rolesFromOwnershipRefs(me.groups);
  const canAck = rolesGrant(roles, 'yinxin.monitor.alert.ack');
  const canRun = rolesGrant(roles, 'yinxin.monitor.run');
  const loaded = useLoad(() => client.get<TargetStatus[]>('/targets'), 'targets');
  const alerts = useLoad(() => client.get<AlertView[]>('/alerts'), 'alerts');
  const [targets, setTargets] = useState<TargetStatus[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (loaded.value) setTargets(loaded.value);
  }, [loaded.value]);
  const live = useRealtimeRoom('monitor:status', (event, payload) => {
    if (event !== 'status' || !Array.isArray(payload)) return;
    setTargets(cur => mergeStatuses(cur, payload as TargetStatus[]));
    alerts.reload();
  });
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      alerts.reload();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const counts = tally(targets);
  return (
    <Page themeId="tool">
      <Header title={t('title')} subtitle={t('subtitle')} />
      <Content>
        {error && <Alert severity="error">{error}</Alert>}
        {(loaded.error || alerts.error) && <Alert severity="error">{loaded.error ?? alerts.error}</Alert>}
        <Box display="flex" alignItems="center" marginBottom={2} style={{ gap: 8 }}>
          <Chip size="small" data-testid="monitor-live" data-live={live.connected ? 'true' : 'false'} label={live.connected ? t('live') : t('offline')} color={live.connected ? 'primary' : 'default'} />
          {(['down', 'warning', 'unknown', 'up'] as const).map(s => (
            <Chip key={s} size="small" variant="outlined" label={`${t(s)} ${counts[s]}`} data-testid={`count-${s}`} />
          ))}
          <Box flexGrow={1} />
          {canRun && (
            <Button variant="outlined" color="primary" data-testid="monitor-run" onClick={() => act(() => client.post('/run'))}>
              {t('runNow')}
            </Button>
          )}
        </Box>
        <InfoCard title={t('wall')}>
          {loaded.loading && !loaded.value ? (
            <Progress />
          ) : targets.length === 0 ? (
            <Typography color="textSecondary">{t('noTargets')}</Typography>
          ) : (
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
                    <TableCell>{t('acknowledged')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {(alerts.value ?? []).map(a => (
                    <TableRow key={`${a.ruleId}/${a.targetId}`} data-testid={`alert-${a.ruleId}-${a.targetId}`} data-state={a.state}>
                      <TableCell>
                        {a.ruleName} · {t(a.severity)}
                      </TableCell>
                      <TableCell>{a.targetId}</TableCell>
                      <TableCell>{t(a.state === 'firing' ? 'firing' : 'pending')}</TableCell>
                      <TableCell>{when(a.since)}</TableCell>
                      <TableCell>{a.ticketNumber ?? '—'}</TableCell>
                      <TableCell>
                        {a.acknowledgedBy ??
                          (canAck ? (
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
      </Content>
    </Page>
  );
}
