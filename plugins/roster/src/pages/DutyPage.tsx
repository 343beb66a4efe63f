import { useState } from 'react';
import { Box, Chip, Grid, Table, TableBody, TableCell, TableRow } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EmptyNote, HeadRow, useLabel, useRealtimeRoom, useT, useLoad } from '@yinxin/ops-react';
import { ROSTER_DUTY_ROOM, ROSTER_EVENTS, SHIFT_KIND_LABELS, addDays } from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { cstToday, shiftTimeText } from '../calendar';
import { DutyPanel } from '../components/DutyPanel';
import { useRosterMe } from '../components/useRoster';

/** The shifts of today and tomorrow, for those who may read the roster. */
function NextShifts(props: { round: number }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const today = cstToday();
  const tomorrow = addDays(today, 1);
  const shifts = useLoad(() => Promise.all([api.assignments(today, tomorrow), api.people('all')]), `next-${today}-${props.round}`);
  const [list, people] = shifts.value ?? [[], []];
  const names = new Map(people.map(p => [p.id, p.name]));
  const now = Date.now();
  const upcoming = list.filter(a => Date.parse(a.endsAt) > now).sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
  return (
    <InfoCard title={`${t('today')} · ${today} / ${tomorrow}`}>
      {shifts.value && upcoming.length === 0 && <EmptyNote text={t('nobodyOnDuty')} />}
      {upcoming.length > 0 && (
        <Table size="small" data-testid="next-shifts">
          <HeadRow cells={[t('day'), t('kind'), t('time'), t('person')]} />
          <TableBody>
            {upcoming.map(a => (
              <TableRow key={a.id} data-testid="next-shift" data-kind={a.kind}>
                <TableCell>{a.day}</TableCell>
                <TableCell>{label(SHIFT_KIND_LABELS[a.kind])}</TableCell>
                <TableCell>{shiftTimeText(a)}</TableCell>
                <TableCell>{names.get(a.personId) ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}

/** 当前值班: who is on site and on call now (live), and the shifts of today and tomorrow. */
export function DutyPage() {
  const t = useT(messages);
  const me = useRosterMe();
  const [round, setRound] = useState(0);
  const live = useRealtimeRoom(ROSTER_DUTY_ROOM, event => {
    if (event === ROSTER_EVENTS.duty || event === ROSTER_EVENTS.roster) setRound(r => r + 1);
  });
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end">
          <Chip size="small" data-testid="duty-live" data-live={live.connected ? 'true' : 'false'} label={live.connected ? t('live') : t('offline')} color={live.connected ? 'primary' : 'default'} />
        </Box>
      </Grid>
      <Grid item xs={12} lg={me.caps.read ? 7 : 12}>
        <DutyPanel refreshKey={round} mayManagePeople={me.caps.managePeople} />
      </Grid>
      {me.caps.read && (
        <Grid item xs={12} lg={5}>
          <NextShifts round={round} />
        </Grid>
      )}
    </Grid>
  );
}
