import { useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Box, Chip, Grid, Link, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { InfoCard, Progress } from '@backstage/core-components';
import { KbArticle, LABELS, Ticket, TicketAttachment, TicketComment, TicketEvent } from '@yinxin/plugin-tickets-common';
import { useErrorText, useLabel, usePluginClient, useRealtimeRoom, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { AssigneeControls } from './components/AssigneeControls';
import { AttachmentsCard } from './components/AttachmentsCard';
import { ConversationCard } from './components/ConversationCard';
import { HistoryCard } from './components/HistoryCard';
import { KnowledgeCard } from './components/KnowledgeCard';
import { RealtimeStatus } from './components/RealtimeStatus';
import { ReplyBox } from './components/ReplyBox';
import { TicketActionsMenu } from './components/TicketActionsMenu';
import { TicketFields } from './components/TicketFields';
import { TransitionBar } from './components/TransitionBar';
import { ViewerChips } from './components/ViewerChips';
import type { RunAction } from './components/runAction';
import { useMe } from './components/useMe';
import { useNow } from './components/useNow';

/** `GET /tickets/:id`: the ticket and everything around it (notes and history for staff only). */
interface Detail {
  ticket: Ticket;
  comments: TicketComment[];
  attachments: TicketAttachment[];
  articles: KbArticle[];
  events: TicketEvent[];
  viewers?: { userRef: string }[];
}

/** One ticket: SLA clocks, lifecycle, assignment, conversation, attachments, knowledge, history, presence. */
export function TicketPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const params = useParams();
  const id = Number(params.id);
  const me = useMe();
  const now = useNow();
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  const loadSeq = useRef(0);

  const load = useCallback(async () => {
    // Live events can trigger several loads at once: only the latest answer is shown.
    const seq = ++loadSeq.current;
    try {
      const next = await client.get<Detail>(`/tickets/${id}`);
      if (seq === loadSeq.current) {
        setDetail(next);
        setError(undefined);
      }
    } catch (e) {
      if (seq === loadSeq.current) setError(errorText(e));
    }
  }, [client, id, errorText]);
  useEffect(() => {
    setDetail(undefined);
    load();
  }, [load]);

  // Staff join the ticket's room: live refresh, and who else is looking at it.
  const { connected, viewers } = useRealtimeRoom(me.caps.read && id ? `tickets:ticket:${id}` : undefined, (event, payload) => {
    if (event === 'ticket' && (!payload?.ticket || payload.ticket.id === id)) load();
  });

  const run: RunAction = useCallback(
    async action => {
      try {
        await action();
        setError(undefined);
        await load();
        return true;
      } catch (e) {
        setError(errorText(e));
        return false;
      }
    },
    [load, errorText],
  );

  if (!detail) {
    return error ? (
      <Alert severity="error" data-testid="ticket-error">
        {error}
      </Alert>
    ) : (
      <Progress />
    );
  }
  const { ticket } = detail;
  const { caps } = me;
  const open = ticket.state !== 'merged';

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 12 }} flexWrap="wrap">
          <Link component={RouterLink} to="..">
            {t('back')}
          </Link>
          <Typography variant="h5" component="h2" data-testid="ticket-number">
            {ticket.number}
          </Typography>
          <Typography variant="h6" component="p">
            {ticket.title}
          </Typography>
          <Chip color="primary" data-testid="ticket-state" data-state={ticket.state} label={label(LABELS.state[ticket.state])} />
          <Box flexGrow={1} />
          {caps.read && <ViewerChips viewers={connected ? viewers : detail.viewers ?? []} />}
          {caps.read && <RealtimeStatus connected={connected} />}
        </Box>
        {ticket.mergedInto && (
          <Alert severity="info">
            <Link component={RouterLink} to={`../${ticket.mergedInto}`}>
              {t('mergedInto', { id: ticket.mergedInto })}
            </Link>
          </Alert>
        )}
        {ticket.parentId && (
          <Link component={RouterLink} to={`../${ticket.parentId}`}>
            {t('parent', { id: ticket.parentId })}
          </Link>
        )}
        {error && (
          <Alert severity="error" data-testid="ticket-error" onClose={() => setError(undefined)}>
            {error}
          </Alert>
        )}
      </Grid>

      <Grid item xs={12} md={8}>
        <ConversationCard description={ticket.description} comments={detail.comments}>
          {open && (caps.comment || caps.note) && (
            <ReplyBox ticketId={ticket.id} canNote={caps.note} canUseCanned={caps.cannedRead} run={run} />
          )}
        </ConversationCard>
      </Grid>

      <Grid item xs={12} md={4}>
        <InfoCard title={t('fields')}>
          <TicketFields ticket={ticket} now={now} />
          {caps.transition && <TransitionBar ticketId={ticket.id} state={ticket.state} run={run} />}
          {caps.assign && open && <AssigneeControls ticketId={ticket.id} me={me.ref} assignee={ticket.assignee} run={run} />}
          <Box mt={1}>
            <TicketActionsMenu ticket={ticket} canMerge={caps.merge} canUpdate={caps.update} run={run} />
          </Box>
        </InfoCard>
        <Box mt={2}>
          <AttachmentsCard
            ticketId={ticket.id}
            attachments={detail.attachments}
            canUpload={open && caps.comment}
            run={run}
            onError={e => setError(errorText(e))}
          />
        </Box>
        <Box mt={2}>
          <KnowledgeCard ticketId={ticket.id} articles={detail.articles} canLink={caps.update && caps.kbRead} run={run} />
        </Box>
        <Box mt={2}>
          <HistoryCard events={detail.events} />
        </Box>
      </Grid>
    </Grid>
  );
}
