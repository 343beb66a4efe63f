import { Link as RouterLink } from 'react-router-dom';
import { Box, Button, Chip, Link, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { EmptyNote, HeadRow, StatusChip, useT, when, type Tone } from '@yinxin/ops-react';
import type { AlertEventView } from '@yinxin/plugin-monitor-common';
import { messages, MessageId } from '../messages';
import type { EventPages } from './useEventPages';

/** How each event type looks. */
const EVENT_TONES: Record<AlertEventView['type'], Tone> = { pending: 'wait', firing: 'bad', resolved: 'ok', cancelled: 'neutral' };

/** Message ids of the severities (unknown ones are shown as they are). */
const SEVERITY_IDS: Record<string, MessageId> = { critical: 'critical', major: 'major', minor: 'minor', info: 'info' };

/**
 * Alert events, newest first, with 'more' while older ones follow (`<testId>-more`). Rows are
 * `event-<id>` with `data-type`; the table is `<testId>`, the empty note `<testId>-empty`.
 */
export function EventTable(props: { pages: EventPages; ruleName: (ruleId: string) => string; showTarget?: boolean; testId: string }) {
  const t = useT(messages);
  const { pages } = props;
  const showTarget = props.showTarget ?? true;
  return (
    <>
      {pages.error && <Alert severity="error">{pages.error}</Alert>}
      <Table size="small" data-testid={props.testId}>
        <HeadRow cells={[t('at'), t('rule'), ...(showTarget ? [t('target')] : []), t('eventType'), t('severity'), t('message'), t('ticket')]} />
        <TableBody>
          {pages.items.map(e => (
            <TableRow key={e.id} data-testid={`event-${e.id}`} data-type={e.type}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{when(e.at)}</TableCell>
              <TableCell>{props.ruleName(e.ruleId)}</TableCell>
              {showTarget && (
                <TableCell>
                  <Link component={RouterLink} to={`/monitor/targets/${encodeURIComponent(e.targetId)}`}>
                    {e.targetId}
                  </Link>
                </TableCell>
              )}
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <StatusChip status={e.type} label={t(e.type)} tones={EVENT_TONES} />
                {e.silenced && <Chip size="small" variant="outlined" label={t('silencedMark')} style={{ marginLeft: 4 }} data-testid={`event-${e.id}-silenced`} />}
              </TableCell>
              <TableCell>{SEVERITY_IDS[e.severity] ? t(SEVERITY_IDS[e.severity]) : e.severity}</TableCell>
              <TableCell style={{ wordBreak: 'break-word' }}>{e.message}</TableCell>
              <TableCell>{e.ticketId ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {!pages.loading && pages.items.length === 0 && !pages.error && <EmptyNote text={t('noEvents')} testId={`${props.testId}-empty`} />}
      {pages.items.length > 0 && (
        <Box display="flex" alignItems="center" justifyContent="flex-end" style={{ gap: 12, marginTop: 8 }}>
          <Typography variant="body2" color="textSecondary" data-testid={`${props.testId}-count`} data-count={pages.items.length}>
            {pages.more ? t('shownEvents', { n: pages.items.length }) : t('endOfEvents', { n: pages.items.length })}
          </Typography>
          {pages.more && (
            <Button size="small" variant="outlined" disabled={pages.loading} onClick={pages.loadMore} data-testid={`${props.testId}-more`}>
              {t('more')}
            </Button>
          )}
        </Box>
      )}
    </>
  );
}
