import { useState } from 'react';
import { Box, Button, ButtonGroup, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EmptyNote, HeadRow, StatusChip, shortRef, useT, when, ActionDialog } from '@yinxin/ops-react';
import type { Assignment, Swap, SwapState } from '@yinxin/plugin-roster-common';
import { messages, MessageId } from '../messages';
import { useRosterApi } from '../api';
import { CalendarData } from '../calendar';
import { useShiftText } from './ShiftDialogs';

const STATE_MESSAGES: Record<SwapState, MessageId> = {
  pending: 'swapStatePending',
  approved: 'swapStateApproved',
  rejected: 'swapStateRejected',
  cancelled: 'swapStateCancelled',
};

/**
 * 换班申请: pending swaps (or all), each with both shifts; the manager approves (`swap-approve-<id>`)
 * or rejects (`swap-reject-<id>`), the requester withdraws (`swap-cancel-<id>`). The backend
 * decides: approving a swap one takes part in is refused with its message.
 */
export function SwapsPanel(props: {
  swaps: readonly Swap[];
  data: CalendarData;
  /** Shifts of the swaps that are not in the months shown. */
  extraShifts?: ReadonlyMap<string, Assignment>;
  meId?: string;
  userRef?: string;
  canDecide: boolean;
  showAll: boolean;
  onShowAll: (all: boolean) => void;
  onDone: (message: string) => void;
  onError: (e: unknown) => void;
}) {
  const t = useT(messages);
  const api = useRosterApi();
  const shiftText = useShiftText();
  const [deciding, setDeciding] = useState<{ swap: Swap; approve: boolean }>();
  const nameOf = (id: string) => props.data.people.get(id)?.name ?? id.slice(0, 8);
  const shiftOf = (id: string | null) => {
    if (!id) return undefined;
    const a = props.data.assignments.find(x => x.id === id) ?? props.extraShifts?.get(id);
    return a ? shiftText(a) : t('shiftUnknown');
  };
  return (
    <InfoCard
      title={t('swapsTitle')}
      action={
        <ButtonGroup size="small" style={{ marginTop: 8 }}>
          <Button variant={props.showAll ? 'outlined' : 'contained'} color="primary" onClick={() => props.onShowAll(false)} data-testid="swaps-pending">
            {t('swapsPending')}
          </Button>
          <Button variant={props.showAll ? 'contained' : 'outlined'} color="primary" onClick={() => props.onShowAll(true)} data-testid="swaps-all">
            {t('swapsAll')}
          </Button>
        </ButtonGroup>
      }
    >
      {props.swaps.length === 0 ? (
        <EmptyNote text={t('noSwaps')} testId="no-swaps" />
      ) : (
        <Table size="small" data-testid="swaps">
          <HeadRow cells={[t('requester'), t('swapMine'), t('partner'), t('swapTheirs'), t('reason'), t('state'), '']} />
          <TableBody>
            {props.swaps.map(s => {
              const mine = (props.meId && s.requesterId === props.meId) || (props.userRef && s.requestedBy === props.userRef);
              return (
                <TableRow key={s.id} data-testid={`swap-${s.id}`} data-swap={s.id} data-state={s.state} data-requester={s.requesterId} data-partner={s.partnerId} data-assignment={s.assignmentId} data-partner-assignment={s.partnerAssignmentId ?? ''}>
                  <TableCell>
                    {nameOf(s.requesterId)}
                    <Typography variant="caption" component="div" color="textSecondary">
                      {when(s.createdAt)}
                    </Typography>
                  </TableCell>
                  <TableCell>{shiftOf(s.assignmentId)}</TableCell>
                  <TableCell>{nameOf(s.partnerId)}</TableCell>
                  <TableCell>{s.partnerAssignmentId ? shiftOf(s.partnerAssignmentId) : t('handOver', { name: nameOf(s.partnerId) })}</TableCell>
                  <TableCell style={{ maxWidth: 240, wordBreak: 'break-word' }}>
                    {s.reason}
                    {s.decisionNote && (
                      <Typography variant="caption" component="div" color="textSecondary">
                        {shortRef(s.decidedBy)}：{s.decisionNote}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <StatusChip status={s.state} label={t(STATE_MESSAGES[s.state])} testId={`swap-state-${s.id}`} tones={{ cancelled: 'neutral' }} />
                  </TableCell>
                  <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                    {s.state === 'pending' && props.canDecide && (
                      <>
                        <Button size="small" color="primary" variant="contained" onClick={() => setDeciding({ swap: s, approve: true })} data-testid={`swap-approve-${s.id}`}>
                          {t('approve')}
                        </Button>{' '}
                        <Button size="small" variant="outlined" onClick={() => setDeciding({ swap: s, approve: false })} data-testid={`swap-reject-${s.id}`}>
                          {t('reject')}
                        </Button>{' '}
                      </>
                    )}
                    {s.state === 'pending' && mine && (
                      <Button
                        size="small"
                        onClick={() =>
                          api.cancelSwap(s.id).then(
                            () => props.onDone(t('swapCancelled')),
                            e => props.onError(e),
                          )
                        }
                        data-testid={`swap-cancel-${s.id}`}
                      >
                        {t('withdraw')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Box>
        <ActionDialog
          open={!!deciding}
          title={deciding?.approve ? t('approveSwapTitle') : t('rejectSwapTitle')}
          testId={deciding?.approve ? 'approve-swap' : 'reject-swap'}
          note={
            deciding && (
              <Typography variant="body2">
                {nameOf(deciding.swap.requesterId)}：{shiftOf(deciding.swap.assignmentId)} ⇄ {nameOf(deciding.swap.partnerId)}
                {deciding.swap.partnerAssignmentId ? `：${shiftOf(deciding.swap.partnerAssignmentId)}` : ''}
              </Typography>
            )
          }
          fields={[{ name: 'note', label: t('decisionNote'), kind: 'multiline', required: !deciding?.approve, maxLength: 500 }]}
          onSubmit={async v => {
            if (!deciding) return;
            if (deciding.approve) {
              await api.approveSwap(deciding.swap.id, v.note.trim() || undefined);
              props.onDone(t('swapApproved'));
            } else {
              await api.rejectSwap(deciding.swap.id, v.note.trim());
              props.onDone(t('swapRejected'));
            }
          }}
          onClose={() => setDeciding(undefined)}
        />
      </Box>
    </InfoCard>
  );
}
