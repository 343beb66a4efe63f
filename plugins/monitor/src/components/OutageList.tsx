import { Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { HeadRow, useT, when } from '@yinxin/ops-react';
import type { TargetAvailability } from '@yinxin/plugin-monitor-common';
import { messages } from '../messages';
import { minutesText } from '../format';

/** A target's outages in a month: start, end (or ongoing), minutes and the minutes of them in maintenance. */
export function OutageList(props: { outages: TargetAvailability['outages']; testId: string }) {
  const t = useT(messages);
  if (props.outages.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary" data-testid={props.testId} data-count={0}>
        {t('noOutages')}
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid={props.testId} data-count={props.outages.length}>
      <HeadRow cells={[t('outageFrom'), t('outageUntil'), t('minutes'), t('inMaintenance')]} />
      <TableBody>
        {props.outages.map(o => (
          <TableRow key={o.from} data-testid="outage" data-ongoing={o.ongoing ? 'true' : 'false'}>
            <TableCell>{when(o.from)}</TableCell>
            <TableCell>{o.ongoing ? t('ongoing') : when(o.until)}</TableCell>
            <TableCell>{minutesText(o.minutes)}</TableCell>
            <TableCell>{minutesText(o.maintenanceMinutes)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
