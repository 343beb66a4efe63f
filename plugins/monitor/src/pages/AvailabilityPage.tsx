import { Fragment, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Box, Button, Collapse, Link, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { HeadRow, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import type { Criticality, TargetAvailability } from '@yinxin/plugin-monitor-common';
import { messages, MessageId } from '../messages';
import type { AvailabilityReport } from '../api';
import { MetKey, availabilityOrder, availabilitySummary, metKey, monthParam } from '../availability';
import { goalText, minutesText, percentText } from '../format';
import { cstMonthOf, isMonth, shiftMonth } from '../time';
import { OutageList } from '../components/OutageList';
import { targetPath } from './WallPage';

/** Message ids of the criticalities. */
export const CRITICALITY_IDS: Record<Criticality, MessageId> = { critical: 'criticalityCritical', high: 'criticalityHigh', normal: 'criticalityNormal' };

const MET_MARKS: Record<MetKey, { mark: string; colour: string }> = {
  met: { mark: '✓', colour: '#2e7d32' },
  missed: { mark: '✗', colour: '#c62828' },
  none: { mark: '—', colour: '#757575' },
};

/** ✓, ✗ or — for a target meeting, missing or not measured against the target. */
export function MetMark(props: { met: boolean | null; testId?: string }) {
  const t = useT(messages);
  const key = metKey(props.met);
  return (
    <span style={{ color: MET_MARKS[key].colour, fontWeight: 600 }} data-testid={props.testId} data-met={props.met === null ? 'none' : String(props.met)} title={key === 'none' ? t('notWatched') : undefined}>
      {MET_MARKS[key].mark}
    </span>
  );
}

/** One target's row and, when opened, its outages. */
function AvailabilityRow(props: { row: TargetAvailability; goal: number }) {
  const t = useT(messages);
  const [open, setOpen] = useState(false);
  const r = props.row;
  return (
    <Fragment>
      <TableRow data-testid={`availability-row-${r.targetId}`} data-met={r.met === null ? 'none' : String(r.met)}>
        <TableCell>
          <Link component={RouterLink} to={targetPath(r.targetId)}>
            {r.name}
          </Link>
          <Typography variant="caption" color="textSecondary" display="block">
            {r.targetId}
          </Typography>
        </TableCell>
        <TableCell>{t(CRITICALITY_IDS[r.criticality])}</TableCell>
        <TableCell align="right" style={{ fontFamily: 'monospace' }} data-testid={`availability-ratio-${r.targetId}`}>
          {r.ratio === null ? t('notWatched') : percentText(r.ratio)}
        </TableCell>
        <TableCell align="right">{goalText(props.goal)}</TableCell>
        <TableCell align="center">
          <MetMark met={r.met} testId={`availability-met-${r.targetId}`} />
        </TableCell>
        <TableCell align="right">{minutesText(r.downtimeMinutes)}</TableCell>
        <TableCell align="right">{minutesText(r.maintenanceMinutes)}</TableCell>
        <TableCell align="right">
          <Button size="small" disabled={r.outages.length === 0} onClick={() => setOpen(o => !o)} aria-expanded={open} data-testid={`availability-expand-${r.targetId}`}>
            {t('showOutages', { n: r.outages.length })} {r.outages.length > 0 && (open ? '▴' : '▾')}
          </Button>
        </TableCell>
      </TableRow>
      {r.outages.length > 0 && (
        <TableRow>
          <TableCell colSpan={8} style={{ paddingTop: 0, paddingBottom: 0, borderBottom: open ? undefined : 'none' }}>
            <Collapse in={open} unmountOnExit>
              <Box margin={1}>
                <OutageList outages={r.outages} testId={`outages-${r.targetId}`} />
              </Box>
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}

/**
 * 可用性: every target's availability in a China-time month (the current one by default, kept in
 * the URL as `?month=yyyy-mm`) against the contract's 7×24 target, with its outages.
 */
export function AvailabilityPage() {
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const [search, setSearch] = useSearchParams();
  const current = cstMonthOf(Date.now());
  const month = monthParam(search.get('month'), Date.now());
  const report = useLoad(() => client.get<AvailabilityReport>(`/availability?month=${month}`), month);
  const go = (next: string) => isMonth(next) && setSearch(next === current ? new URLSearchParams() : new URLSearchParams({ month: next }), { replace: true });
  const value = report.value?.month === month ? report.value : undefined;
  const summary = value && availabilitySummary(value.targets);

  return (
    <InfoCard title={t('tabAvailability')}>
      <Box display="flex" alignItems="flex-end" flexWrap="wrap" style={{ gap: 12, marginBottom: 16 }}>
        <Button size="small" onClick={() => go(shiftMonth(month, -1))} data-testid="availability-prev">
          ◂ {t('prevMonth')}
        </Button>
        <TextField
          type="month"
          label={t('month')}
          value={month}
          onChange={e => go(e.target.value)}
          InputLabelProps={{ shrink: true }}
          inputProps={{ name: 'month', max: current, 'data-testid': 'availability-month' }}
        />
        <Button size="small" disabled={month >= current} onClick={() => go(shiftMonth(month, 1))} data-testid="availability-next">
          {t('nextMonth')} ▸
        </Button>
      </Box>
      {report.error && <Alert severity="error">{report.error}</Alert>}
      {!value && !report.error && <Progress />}
      {value && summary && (
        <>
          <Typography variant="subtitle1" data-testid="availability-summary" data-met={summary.met} data-watched={summary.watched} data-goal={value.target}>
            {t('availabilitySummary', { met: summary.met, watched: summary.watched, goal: goalText(value.target) })}
            {summary.unwatched > 0 ? `；${t('unwatched', { n: summary.unwatched })}` : ''}
          </Typography>
          <Typography variant="caption" color="textSecondary" display="block" style={{ marginBottom: 8 }}>
            {t('period', { from: when(value.from), until: when(value.until) })}
          </Typography>
          {value.targets.length === 0 ? (
            <Typography color="textSecondary">{t('noAvailability')}</Typography>
          ) : (
            <Table size="small" data-testid="availability-table">
              <HeadRow cells={[t('target'), t('criticality'), t('availability'), t('goal'), t('met'), t('downtime'), t('maintenance'), t('outages')]} />
              <TableBody>
                {availabilityOrder(value.targets).map(r => (
                  <AvailabilityRow key={r.targetId} row={r} goal={value.target} />
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </InfoCard>
  );
}
