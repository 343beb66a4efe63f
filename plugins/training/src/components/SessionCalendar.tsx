import { Box, Button, Paper, Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import { useLabel, useT } from '@yinxin/ops-react';
import { LABELS, type Session } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { cstTime, isFull, sessionsByDay, weekDays } from '../sessions';

/** A week of sessions (CST days, Monday first), each a link to its page; full sessions marked. */
export function SessionCalendar(props: { monday: string; sessions: readonly Session[]; onWeek: (weeks: number) => void; onToday: () => void }) {
  const t = useT(messages);
  const label = useLabel();
  const days = weekDays(props.monday);
  const byDay = sessionsByDay(props.sessions, days);
  const names = t('weekdays').split(',');
  return (
    <Box data-testid="session-calendar" data-week={props.monday}>
      <Box display="flex" alignItems="center" style={{ gap: 8, marginBottom: 8 }}>
        <Button size="small" onClick={() => props.onWeek(-1)} data-testid="calendar-prev">
          {t('prevWeek')}
        </Button>
        <Button size="small" onClick={props.onToday}>
          {t('thisWeek')}
        </Button>
        <Button size="small" onClick={() => props.onWeek(1)} data-testid="calendar-next">
          {t('nextWeek')}
        </Button>
        <Typography variant="subtitle2">
          {days[0]} – {days[6]}
        </Typography>
      </Box>
      <Box display="grid" style={{ gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 8 }}>
        {days.map((d, i) => (
          <Paper key={d} variant="outlined" style={{ minHeight: 160, padding: 8 }} data-testid="calendar-day" data-day={d}>
            <Typography variant="caption" color="textSecondary">
              {names[i]} {d.slice(5)}
            </Typography>
            {byDay[d].map(s => (
              <Box key={s.id} style={{ marginTop: 6, padding: 4, borderLeft: `3px solid ${s.status === 'cancelled' ? '#bdbdbd' : isFull(s) ? '#c62828' : '#1976d2'}` }} data-testid="calendar-session" data-id={s.id}>
                <Typography variant="caption" display="block">
                  {cstTime(s.startsAt)}–{cstTime(s.endsAt)} · {label(LABELS.sessionMode[s.mode])}
                </Typography>
                <Link to={`/training/sessions/${s.id}`} style={{ textDecoration: s.status === 'cancelled' ? 'line-through' : undefined }}>
                  <Typography variant="body2">{s.title}</Typography>
                </Link>
                <Typography variant="caption" color={isFull(s) ? 'error' : 'textSecondary'}>
                  {isFull(s) ? t('full') : t('seats', { enrolled: s.enrolled, capacity: s.capacity })}
                </Typography>
              </Box>
            ))}
          </Paper>
        ))}
      </Box>
    </Box>
  );
}
