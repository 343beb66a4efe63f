import { Chip } from '@material-ui/core';
import type { SlaClock } from '@yinxin/plugin-tickets-common';
import { useT } from '@yinxin/ops-react';
import { ClockStatus, clockStatus } from '../sla';
import { messages } from '../messages';

const COLORS: Record<ClockStatus, { bg: string; fg: string }> = {
  met: { bg: '#e8f5e9', fg: '#1b5e20' },
  'met-late': { bg: '#fff3e0', fg: '#e65100' },
  breached: { bg: '#c62828', fg: '#ffffff' },
  'due-soon': { bg: '#ffb300', fg: '#000000' },
  running: { bg: '#e3f2fd', fg: '#0d47a1' },
  paused: { bg: '#eeeeee', fg: '#424242' },
};

const LABEL_IDS: Record<ClockStatus, keyof typeof messages> = {
  met: 'slaMet',
  'met-late': 'slaMetLate',
  breached: 'slaBreached',
  'due-soon': 'slaDueSoon',
  running: 'slaRunning',
  paused: 'slaPaused',
};

/**
 * One SLA clock: its due time and a coloured status chip (red when breached, amber when due within
 * four hours). With `showMet`, also when the clock was met.
 */
export function SlaChip(props: {
  clock: SlaClock;
  paused: boolean;
  now: Date;
  showMet?: boolean;
  testId?: string;
}) {
  const t = useT(messages);
  const status = clockStatus(props.clock, props.paused, props.now);
  const c = COLORS[status];
  return (
    <span
      data-sla-status={status}
      data-testid={props.testId}
      style={{ whiteSpace: 'nowrap' }}
    >
      {new Date(props.clock.dueAt).toLocaleString()}{' '}
      <Chip
        size="small"
        label={t(LABEL_IDS[status])}
        style={{ backgroundColor: c.bg, color: c.fg }}
      />
      {props.showMet && props.clock.metAt && (
        <> {t('metAt', { at: new Date(props.clock.metAt).toLocaleString() })}</>
      )}
    </span>
  );
}
