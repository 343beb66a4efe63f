import { Chip } from '@material-ui/core';
import type { TargetStatus } from '@yinxin/plugin-monitor-common';
import { useT } from '@yinxin/ops-react';
import { messages } from '../messages';

/** The wall's colour of each target status. */
export const STATUS_COLOURS: Record<TargetStatus['status'], string> = { up: '#2e7d32', warning: '#ed6c02', down: '#c62828', unknown: '#757575' };

/** A target's status as a filled chip in its colour; `data-status` carries the raw value. */
export function StatusBadge(props: { status: TargetStatus['status']; testId?: string }) {
  const t = useT(messages);
  return <Chip size="small" label={t(props.status)} data-status={props.status} data-testid={props.testId} style={{ background: STATUS_COLOURS[props.status], color: '#fff' }} />;
}
