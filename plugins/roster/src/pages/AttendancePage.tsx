import { useMemo, useState } from 'react';
import { Box, Button, Grid, IconButton, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { ChartSeries, DayBarChart, EmptyNote, HeadRow, useDownload, useRealtimeRoom, useT, useLoad, useNotice } from '@yinxin/ops-react';
import { ROSTER_DUTY_ROOM, ROSTER_EVENTS, addMonths, daysOfMonth } from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { cstMonth, cstText, shiftTimeText } from '../calendar';
import { dailyCoverage, DayCoverage } from '../coverage';
import { useRosterMe } from '../components/useRoster';

/** The user's own on-site shift now: check in and out. */
function MyShift(props: { onChange: () => void }) {
  const t = useT(messages);
  const api = useRosterApi();
  const notice = useNotice({ dismissible: true });
  const [round, setRound] = useState(0);
  const mine = useLoad(() => api.myAttendance(), `mine-${round}`);
  const act = (work: () => Promise<unknown>, success: string) =>
    notice.run(async () => {
      try {
        await work();
      } finally {
        setRound(r => r + 1);
        props.onChange();
      }
    }, success);
  const open = mine.value?.open;
  const shift = mine.value?.shift;
  return (
    <InfoCard title={t('myShiftToday')}>
      <Box data-testid="my-attendance" data-shift={shift?.id ?? ''} data-open={open ? 'true' : 'false'}>
        {notice.view('attendance-notice')}
        {mine.error && (
          <Alert severity="info" data-testid="my-attendance-error">
            {mine.error}
          </Alert>
        )}
        {mine.value && (
          <>
            <Typography variant="body2" paragraph>
              {shift ? `${shift.day} ${shiftTimeText(shift)}` : t('noShiftNow')}
            </Typography>
            {open && (
              <Typography variant="body2" paragraph data-testid="checked-in">
                {t(open.late ? 'checkedInLate' : 'checkedIn', { at: cstText(open.checkInAt) })}
              </Typography>
            )}
            <Box display="flex" style={{ gap: 8 }}>
              <Button variant="contained" color="primary" disabled={!shift} onClick={() => act(() => api.checkIn(), t('checkIn'))} data-testid="check-in">
                {t('checkIn')}
              </Button>
              <Button variant="outlined" color="primary" disabled={!open} onClick={() => act(() => api.checkOut(), t('checkedOut'))} data-testid="check-out">
                {t('checkOut')}
              </Button>
            </Box>
          </>
        )}
      </Box>
    </InfoCard>
  );
}

/**
 * 考勤: engineers check in and out of their on-site shift; the month's attendance per engineer
 * against the roster (scheduled, attended, late, absent, hours) — everyone's for those who read
 * reports, one's own for engineers — and the roster's coverage per day as a chart.
 */
export function AttendancePage() {
  const t = useT(messages);
  const api = useRosterApi();
  const me = useRosterMe();
  const download = useDownload('roster');
  const exportNotice = useNotice({ dismissible: true });
  const [month, setMonth] = useState(cstMonth());
  const [round, setRound] = useState(0);
  const report = useLoad(() => api.attendance(month), `attendance-${month}-${round}`);
  const roster = useLoad(() => (me.caps.read ? api.month(month) : Promise.resolve(undefined)), `roster-${month}-${round}-${me.caps.read}`);
  useRealtimeRoom(ROSTER_DUTY_ROOM, event => {
    if (event === ROSTER_EVENTS.roster) setRound(r => r + 1);
  });
  const coverage = useMemo<DayCoverage[]>(() => (roster.value ? dailyCoverage(roster.value.assignments, daysOfMonth(month)) : []), [roster.value, month]);
  const series: readonly ChartSeries<'onsite' | 'oncall' | 'uncovered'>[] = [
    { key: 'onsite', colour: '#e65100', label: t('coverageOnsite') },
    { key: 'oncall', colour: '#1565c0', label: t('coverageOncall') },
    { key: 'uncovered', colour: '#c62828', label: t('coverageGap') },
  ];
  const items = report.value?.items ?? [];
  return (
    <Grid container spacing={2}>
      {me.caps.attendSelf && (
        <Grid item xs={12} md={4}>
          <MyShift onChange={() => setRound(r => r + 1)} />
        </Grid>
      )}
      <Grid item xs={12} md={me.caps.attendSelf ? 8 : 12}>
        <Box display="flex" alignItems="center" style={{ gap: 8 }} marginBottom={1}>
          <IconButton size="small" onClick={() => setMonth(m => addMonths(m, -1))} aria-label={t('previousMonth')} data-testid="attendance-prev">
            <ChevronLeftIcon />
          </IconButton>
          <Typography variant="h6" data-testid="attendance-month" data-month={month}>
            {month}
          </Typography>
          <IconButton size="small" onClick={() => setMonth(m => addMonths(m, 1))} aria-label={t('nextMonth')} data-testid="attendance-next">
            <ChevronRightIcon />
          </IconButton>
          <Box flexGrow={1} />
          {me.caps.reports && (
            <Button size="small" variant="outlined" onClick={() => exportNotice.run(() => download(`/attendance.csv?month=${encodeURIComponent(month)}`, `attendance-${month}.csv`))} data-testid="attendance-export-csv">
              {t('exportCsv')}
            </Button>
          )}
        </Box>
        {exportNotice.view('attendance-export-notice')}
        <InfoCard title={t('attendanceTitle')}>
          {report.error && <Alert severity="error">{report.error}</Alert>}
          {!report.value && report.loading && <Progress />}
          {report.value && items.length === 0 && <EmptyNote text={t('noAttendance')} testId="no-attendance" />}
          {items.length > 0 && (
            <Table size="small" data-testid="attendance">
              <HeadRow cells={[t('person'), t('scheduled'), t('attended'), t('late'), t('absent'), t('upcoming'), t('missingCheckOut'), t('scheduledHours'), t('hours')]} />
              <TableBody>
                {items.map(s => (
                  <TableRow key={s.personId} data-testid={`attendance-${s.personId}`} data-scheduled={s.scheduled} data-attended={s.attended} data-absent={s.absent}>
                    <TableCell>{s.personName}</TableCell>
                    <TableCell>{s.scheduled}</TableCell>
                    <TableCell>{s.attended}</TableCell>
                    <TableCell style={{ color: s.late ? '#e65100' : undefined }}>{s.late}</TableCell>
                    <TableCell style={{ color: s.absent ? '#c62828' : undefined }}>{s.absent}</TableCell>
                    <TableCell>{s.upcoming}</TableCell>
                    <TableCell>{s.missingCheckOut}</TableCell>
                    <TableCell>{s.scheduledHours}</TableCell>
                    <TableCell>{Math.round(s.hours * 10) / 10}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      {me.caps.read && (
        <Grid item xs={12}>
          <InfoCard title={t('coverageChart')}>
            {roster.error && <Alert severity="error">{roster.error}</Alert>}
            {roster.value && <DayBarChart points={coverage} series={series} title={t('coverageChart')} testId="coverage-chart" />}
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
