import { Typography, makeStyles } from '@material-ui/core';
import Timeline from '@material-ui/lab/Timeline';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import type { SealEvent } from '@yinxin/plugin-seal-common';
import { shortRef, useLabel, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';

/** The dot of an event: filled for the way to use, red for what stops a seal, grey for settings. */
const DOTS: Record<SealEvent['action'], { color: 'primary' | 'secondary' | 'grey'; variant: 'default' | 'outlined' }> = {
  apply: { color: 'primary', variant: 'outlined' },
  change: { color: 'primary', variant: 'outlined' },
  approve: { color: 'primary', variant: 'outlined' },
  make: { color: 'primary', variant: 'outlined' },
  issue: { color: 'primary', variant: 'default' },
  resume: { color: 'primary', variant: 'default' },
  reject: { color: 'secondary', variant: 'default' },
  suspend: { color: 'secondary', variant: 'outlined' },
  'report-lost': { color: 'secondary', variant: 'default' },
  revoke: { color: 'secondary', variant: 'default' },
  supersede: { color: 'grey', variant: 'default' },
  grant: { color: 'grey', variant: 'outlined' },
  policy: { color: 'grey', variant: 'outlined' },
};

const useStyles = makeStyles({
  // No opposite column: the time is written under each event, so the timeline fits a narrow card.
  item: { '&:before': { display: 'none' } },
});

/**
 * A seal's status history on a timeline, oldest first: each event with its action, the state it
 * led from and to, who did it, why, and when. Items carry `data-action` for tests.
 */
export function SealTimeline(props: { history: readonly SealEvent[] }) {
  const t = useT(messages);
  const label = useLabel();
  const classes = useStyles();
  const status = (s: SealEvent['toStatus']) => (s ? label(LABELS.sealStatus[s]) : '');
  return (
    <Timeline align="left" data-testid="seal-timeline" style={{ padding: 0, margin: 0 }}>
      {props.history.map((e, i) => (
        <TimelineItem key={e.id} classes={{ missingOppositeContent: classes.item }} data-testid="seal-event" data-action={e.action}>
          <TimelineSeparator>
            <TimelineDot color={DOTS[e.action]?.color ?? 'grey'} variant={DOTS[e.action]?.variant ?? 'outlined'} />
            {i < props.history.length - 1 && <TimelineConnector />}
          </TimelineSeparator>
          <TimelineContent>
            <Typography variant="body2" style={{ fontWeight: 500 }}>
              {label(LABELS.eventAction[e.action]) || e.action}
              {e.toStatus && (
                <Typography component="span" variant="body2" color="textSecondary">
                  {'　'}
                  {e.fromStatus ? `${status(e.fromStatus)} → ${status(e.toStatus)}` : status(e.toStatus)}
                </Typography>
              )}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {when(e.at)} · {t('byActor', { actor: shortRef(e.actor) })}
            </Typography>
            {e.reason && (
              <Typography variant="body2" data-testid="seal-event-reason">
                {t(e.action === 'approve' ? 'commentOf' : 'reasonOf', { text: e.reason })}
              </Typography>
            )}
          </TimelineContent>
        </TimelineItem>
      ))}
    </Timeline>
  );
}
