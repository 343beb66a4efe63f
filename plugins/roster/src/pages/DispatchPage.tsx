import { useState } from 'react';
import { Box, Button, Checkbox, FormControlLabel, Grid, IconButton, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { EmptyNote, Facts, HeadRow, StatusChip, shortRef, useDownload, useLabel, useRealtimeRoom, useT, useNotice, useLoad, ActionDialog } from '@yinxin/ops-react';
import {
  DEFAULT_ARRIVAL_HOURS,
  DISPATCH_SEVERITIES,
  DISPATCH_SEVERITY_LABELS,
  DISPATCH_STATE_LABELS,
  ROSTER_DUTY_ROOM,
  ROSTER_EVENTS,
  addMonths,
  type Dispatch,
  type DispatchSeverity,
} from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi, useTicketLookup } from '../api';
import { cstMonth, cstText } from '../calendar';
import { DispatchAction, arrivalDeadline, dispatchActions, hoursAndMinutes, minutesLeft, parseTicketInput, sourceText } from '../dispatch';
import { localRefusal } from '../errors';
import { monthsUpTo, onTimeRate, percentText, slaPoints } from '../sla';
import { SlaChart } from '../components/SlaChart';
import { useRosterMe } from '../components/useRoster';
import type { RosterCapabilities } from '../capabilities';

const SLA_MONTHS = 6;

/** Minutes with at most one decimal, or a dash. */
const minutesText = (m: number | null) => (m === null ? '—' : String(Math.round(m * 10) / 10));

/** The words of the dispatch steps that ask for a text. */
const ACT_TEXT = {
  log: { field: 'logText', done: 'logged' },
  complete: { field: 'completeNote', done: 'completed' },
  cancel: { field: 'reason', done: 'cancelled' },
} as const;

/** The arrival SLA of the last months: the chart and the shown month's figures. */
function SlaCard(props: { month: string; round: number; targetHours: Record<DispatchSeverity, number> }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const months = monthsUpTo(props.month, SLA_MONTHS);
  const reports = useLoad(() => Promise.all(months.map(m => api.arrivals(m))), `sla-${props.month}-${props.round}`);
  const points = slaPoints(reports.value ?? []);
  const current = reports.value?.find(r => r.month === props.month);
  const download = useDownload('roster');
  return (
    <InfoCard
      title={t('slaTitle')}
      action={
        <Button size="small" variant="outlined" onClick={() => void download(`/reports/arrivals.csv?month=${encodeURIComponent(props.month)}`, `arrivals-${props.month}.csv`).catch(() => undefined)} data-testid="sla-export-csv">
          {t('exportCsv')}
        </Button>
      }
    >
      {reports.error && <Alert severity="error">{reports.error}</Alert>}
      {!reports.value && reports.loading && <Progress />}
      {reports.value && (
        <Grid container spacing={2}>
          <Grid item xs={12} md={7}>
            <SlaChart
              points={points}
              targetHours={props.targetHours}
              title={t('slaTitle')}
              testId="sla-chart"
              text={{ onTime: t('slaOnTime'), breached: t('slaBreached'), median: t('slaMedian'), p90: t('slaP90'), target: (severity, m) => t('slaTarget', { severity, m }) }}
            />
          </Grid>
          <Grid item xs={12} md={5}>
            {current && (
              <Typography variant="body2" data-testid="sla-summary" data-count={current.count} data-on-time={current.onTime} data-breaches={current.breaches}>
                {t('slaSummary', {
                  month: current.month,
                  count: current.count,
                  onTime: current.onTime,
                  breaches: current.breaches,
                  rate: percentText(onTimeRate(current)),
                  median: minutesText(current.medianMinutes),
                  p90: minutesText(current.p90Minutes),
                })}
              </Typography>
            )}
            {current && (
              <Table size="small" data-testid="sla-by-severity" style={{ marginTop: 8 }}>
                <HeadRow cells={[t('severity'), t('dispatches'), t('slaOnTime'), t('slaBreached'), t('slaMedian'), t('slaP90')]} />
                <TableBody>
                  {DISPATCH_SEVERITIES.map(s => {
                    const x = current.bySeverity[s];
                    return (
                      <TableRow key={s} data-severity={s}>
                        <TableCell>{label(DISPATCH_SEVERITY_LABELS[s])}</TableCell>
                        <TableCell>{x.count}</TableCell>
                        <TableCell>{x.onTime}</TableCell>
                        <TableCell style={{ color: x.breaches ? '#c62828' : undefined }}>{x.breaches}</TableCell>
                        <TableCell>{minutesText(x.medianMinutes)}</TableCell>
                        <TableCell>{minutesText(x.p90Minutes)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
          </Grid>
        </Grid>
      )}
    </InfoCard>
  );
}

/** Red past the deadline, amber in its last half hour, grey before. */
function countdownColour(left: number): string {
  if (left < 0) return '#c62828';
  return left < 30 ? '#e65100' : '#616161';
}

/** How long is left to arrive (or how far past the deadline). */
function Countdown(props: { d: Dispatch; now: number }) {
  const t = useT(messages);
  if (props.d.arrivedAt || props.d.state === 'cancelled' || props.d.state === 'completed') return null;
  const left = minutesLeft(props.d.deadlineAt, props.now);
  const hm = hoursAndMinutes(left);
  return (
    <Typography variant="caption" component="div" style={{ color: countdownColour(left) }}>
      {t(left < 0 ? 'minutesOver' : 'minutesLeft', { h: hm.h, m: String(hm.m).padStart(2, '0') })}
    </Typography>
  );
}

/** One dispatch with its facts, work log and the steps the user may take (loaded with its log). */
function DispatchDetail(props: { id: string; round: number; personId?: string; caps: RosterCapabilities; onStep: (d: Dispatch, action: DispatchAction) => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const loaded = useLoad(() => api.dispatch(props.id), `${props.id}-${props.round}`);
  const current = loaded.value?.id === props.id ? loaded.value : undefined;
  if (loaded.error) return <Alert severity="error">{loaded.error}</Alert>;
  if (!current) return <Progress />;
  return (
    <InfoCard title={`${sourceText(current)} · ${current.personName}`}>
      <Box data-testid="dispatch-detail" data-dispatch={current.id} data-state={current.state}>
        <Facts
          facts={[
            { label: t('summary'), value: current.summary },
            { label: t('location'), value: current.location },
            { label: t('severity'), value: label(DISPATCH_SEVERITY_LABELS[current.severity]) },
            { label: t('createdAt'), value: `${cstText(current.createdAt)} · ${shortRef(current.createdBy)}` },
            { label: t('deadline'), value: cstText(current.deadlineAt), testId: 'dispatch-deadline' },
            { label: t('arrivedAt'), value: current.arrivedAt ? cstText(current.arrivedAt) : '' },
            { label: t('completeNote'), value: current.completionNote ?? '' },
          ]}
        />
        <Typography variant="subtitle2" style={{ marginTop: 12 }}>
          {t('workLog')}
        </Typography>
        {current.log.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            {t('noLog')}
          </Typography>
        )}
        {current.log.map(entry => (
          <Typography key={entry.id} variant="body2" data-testid="dispatch-log-entry">
            {cstText(entry.at)} · {shortRef(entry.author)}：{entry.text}
          </Typography>
        ))}
        <Box display="flex" style={{ gap: 8, marginTop: 12 }}>
          {dispatchActions(current, current.personId === props.personId, props.caps).map(action => (
            <Button key={action} variant={action === 'cancel' ? 'outlined' : 'contained'} color="primary" onClick={() => props.onStep(current, action)} data-testid={`dispatch-action-${action}`}>
              {t(action === 'cancel' ? 'cancelDispatch' : action)}
            </Button>
          ))}
        </Box>
      </Box>
    </InfoCard>
  );
}

/**
 * 派工: dispatch an engineer to a ticket (by number or id) with a severity, which sets the arrival
 * deadline (2 h major, 4 h ordinary); the engineer accepts, checks in on arrival, logs work and
 * completes; the month's dispatches with state, deadline and breach; the arrival SLA chart.
 */
export function DispatchPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const tickets = useTicketLookup();
  const me = useRosterMe();
  const notice = useNotice({ dismissible: true });
  const [month, setMonth] = useState(cstMonth());
  const [mineOnly, setMineOnly] = useState(false);
  const [round, setRound] = useState(0);
  const [selected, setSelected] = useState<string>();
  const list = useLoad(() => api.dispatches({ month, mine: mineOnly }), `dispatches-${month}-${mineOnly}-${round}`);
  const settings = useLoad(() => api.settings(), 'settings');
  const people = useLoad(() => (me.caps.read ? api.people('active') : Promise.resolve([])), `people-${me.caps.read}`);
  useRealtimeRoom(ROSTER_DUTY_ROOM, event => {
    if (event === ROSTER_EVENTS.dispatch) setRound(r => r + 1);
  });
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ d: Dispatch; action: 'log' | 'complete' | 'cancel' }>();
  const hours = settings.value?.arrivalHours ?? DEFAULT_ARRIVAL_HOURS;
  const now = Date.now();
  const refresh = () => setRound(r => r + 1);
  const items = list.value ?? [];

  const step = (d: Dispatch, action: DispatchAction) => {
    if (action === 'accept') notice.run(() => api.acceptDispatch(d.id).then(refresh), t('accepted'));
    else if (action === 'arrive') notice.run(() => api.arriveDispatch(d.id).then(refresh), t('arrived'));
    else setActing({ d, action });
  };

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        {notice.view('dispatch-notice')}
        <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
          <IconButton size="small" onClick={() => setMonth(m => addMonths(m, -1))} aria-label={t('previousMonth')} data-testid="dispatch-prev">
            <ChevronLeftIcon />
          </IconButton>
          <Typography variant="h6" data-testid="dispatch-month" data-month={month}>
            {month}
          </Typography>
          <IconButton size="small" onClick={() => setMonth(m => addMonths(m, 1))} aria-label={t('nextMonth')} data-testid="dispatch-next">
            <ChevronRightIcon />
          </IconButton>
          {me.caps.dispatchSelf && (
            <FormControlLabel control={<Checkbox size="small" checked={mineOnly} onChange={e => setMineOnly(e.target.checked)} data-testid="dispatch-mine" />} label={t('mineOnly')} />
          )}
          <Box flexGrow={1} />
          {me.caps.dispatch && (
            <Button variant="contained" color="primary" onClick={() => setCreating(true)} data-testid="dispatch-new">
              {t('newDispatch')}
            </Button>
          )}
        </Box>
      </Grid>
      {me.caps.reports && (
        <Grid item xs={12}>
          <SlaCard month={month} round={round} targetHours={hours} />
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title={t('dispatches')}>
          {list.error && <Alert severity="error">{list.error}</Alert>}
          {!list.value && list.loading && <Progress />}
          {list.value && items.length === 0 && <EmptyNote text={t('noDispatches')} testId="no-dispatches" />}
          {items.length > 0 && (
            <Box style={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="dispatches">
                <HeadRow cells={[t('source'), t('severity'), t('engineer'), t('state'), t('deadline'), t('arrivedAt'), '']} />
                <TableBody>
                  {items.map(d => (
                    <TableRow
                      key={d.id}
                      hover
                      selected={d.id === selected}
                      onClick={() => setSelected(d.id)}
                      style={{ cursor: 'pointer' }}
                      data-testid={`dispatch-${d.id}`}
                      data-dispatch={d.id}
                      data-state={d.state}
                      data-breached={d.breached ? 'true' : 'false'}
                      data-person={d.personId}
                      data-source={sourceText(d)}
                    >
                      <TableCell>
                        {sourceText(d)}
                        <Typography variant="caption" component="div" color="textSecondary" style={{ maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                          {d.summary}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        <StatusChip status={d.severity} label={label(DISPATCH_SEVERITY_LABELS[d.severity])} tones={{ major: 'bad', ordinary: 'wait' }} />
                      </TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>{d.personName}</TableCell>
                      <TableCell>
                        <StatusChip status={d.state} label={label(DISPATCH_STATE_LABELS[d.state])} tones={{ dispatched: 'wait', accepted: 'wait', arrived: 'ok', completed: 'ok', cancelled: 'neutral' }} testId={`dispatch-state-${d.id}`} />
                      </TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        {cstText(d.deadlineAt)}
                        <Countdown d={d} now={now} />
                      </TableCell>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        {d.arrivedAt ? `${cstText(d.arrivedAt)}（${d.arrivalMinutes} ${t('minutes')}）` : ''}
                      </TableCell>
                      <TableCell>
                        {d.state !== 'cancelled' && d.breached && <StatusChip status="breached" label={t('breached')} tones={{ breached: 'bad' }} testId={`dispatch-breach-${d.id}`} />}
                        {d.state !== 'cancelled' && !d.breached && d.arrivedAt && <StatusChip status="on-time" label={t('onTime')} tones={{ 'on-time': 'ok' }} testId={`dispatch-breach-${d.id}`} />}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </InfoCard>
      </Grid>
      {selected && (
        <Grid item xs={12}>
          <DispatchDetail id={selected} round={round} personId={me.personId} caps={me.caps} onStep={step} />
        </Grid>
      )}

      <ActionDialog
        open={creating}
        title={t('newDispatchTitle')}
        testId="dispatch"
        fields={[
          { name: 'ticket', label: t('ticket'), required: true, maxLength: 20, helperText: t('ticketHelp'), check: v => (parseTicketInput(v) ? undefined : t('badTicket')) },
          { name: 'severity', label: t('severity'), kind: 'select', required: true, options: DISPATCH_SEVERITIES.map(s => ({ value: s, label: label(DISPATCH_SEVERITY_LABELS[s]) })) },
          { name: 'personId', label: t('engineer'), kind: 'select', emptyLabel: t('none'), helperText: t('engineerDefault'), options: (people.value ?? []).map(p => ({ value: p.id, label: p.name })) },
          { name: 'summary', label: t('summary'), kind: 'multiline', required: true, maxLength: 500 },
          { name: 'location', label: t('location'), maxLength: 200 },
        ]}
        extra={v => {
          const severity = (v.severity || 'major') as DispatchSeverity;
          return (
            <Alert severity="info" style={{ marginTop: 8 }} data-testid="dispatch-deadline-preview" data-hours={hours[severity]}>
              {t('deadlinePreview', { hours: hours[severity], at: cstText(arrivalDeadline(new Date(), severity, hours).toISOString()) })}
            </Alert>
          );
        }}
        onSubmit={async v => {
          const input = parseTicketInput(v.ticket)!;
          let ticketId: number;
          if (input.kind === 'id') ticketId = input.id;
          else {
            const found = await tickets.byNumber(input.number);
            if (!found) throw localRefusal({ zh: messages.ticketNotFound.zh.replace('{number}', input.number), en: messages.ticketNotFound.en.replace('{number}', input.number) });
            ticketId = found.id;
          }
          const d = await api.createDispatch({
            source: { kind: 'ticket', ticketId },
            severity: v.severity as DispatchSeverity,
            ...(v.personId ? { personId: v.personId } : {}),
            summary: v.summary.trim(),
            ...(v.location.trim() ? { location: v.location.trim() } : {}),
          });
          notice.show({ severity: 'success', text: t('dispatched', { at: cstText(d.deadlineAt) }) });
          if (d.createdAt.slice(0, 7) !== month) setMonth(cstMonth());
          setSelected(d.id);
          refresh();
        }}
        onClose={() => setCreating(false)}
      />
      <ActionDialog
        open={!!acting}
        title={acting ? t(acting.action === 'cancel' ? 'cancelDispatch' : acting.action) : ''}
        testId={`dispatch-act-${acting?.action ?? 'none'}`}
        fields={[
          {
            name: 'text',
            label: t(ACT_TEXT[acting?.action ?? 'cancel'].field),
            kind: 'multiline',
            required: true,
            maxLength: acting?.action === 'cancel' ? 500 : 2000,
          },
        ]}
        onSubmit={async v => {
          if (!acting) return;
          const text = v.text.trim();
          if (acting.action === 'log') await api.logDispatch(acting.d.id, text);
          else if (acting.action === 'complete') await api.completeDispatch(acting.d.id, text);
          else await api.cancelDispatch(acting.d.id, text);
          notice.show({ severity: 'success', text: t(ACT_TEXT[acting.action].done) });
          refresh();
        }}
        onClose={() => setActing(undefined)}
      />
    </Grid>
  );
}
