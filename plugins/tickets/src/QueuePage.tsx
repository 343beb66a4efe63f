import { useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import {
  Box,
  Button,
  Checkbox,
  FormControlLabel,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { Progress } from '@backstage/core-components';
import {
  CATEGORIES,
  LABELS,
  STATES,
  Ticket,
} from '@yinxin/plugin-tickets-common';
import {
  NativeSelect,
  useErrorText,
  useLabel,
  usePluginClient,
  useRealtimeRoom,
  useT,
} from '@yinxin/ops-react';
import { messages } from './messages';
import { QueueFilter, QueueState, applyLive, queueQuery } from './queue';
import { shortRef } from './ticketRefs';
import { SlaChip } from './components/SlaChip';
import { RealtimeStatus } from './components/RealtimeStatus';
import { useMe } from './components/useMe';
import { useNow } from './components/useNow';

/** How long a ticket that just arrived or changed stays highlighted. */
const HIGHLIGHT_MS = 4000;

/** The live queue: filters, the ticket table, tickets arriving and changing over socket.io. */
export function QueuePage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const navigate = useNavigate();
  const me = useMe();
  const now = useNow();
  const [filter, setFilter] = useState<QueueFilter>({
    state: '',
    category: '',
    assignee: '',
    q: '',
    breached: false,
  });
  const [queue, setQueue] = useState<QueueState>();
  const [error, setError] = useState<string>();
  const [fresh, setFresh] = useState<ReadonlySet<number>>(new Set());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const meRef = useRef(me.ref);
  meRef.current = me.ref;

  const load = useCallback(async () => {
    try {
      setQueue(await client.get<QueueState>(`/tickets?${queueQuery(filter)}`));
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  }, [client, filter, errorText]);
  useEffect(() => {
    // Debounced: typing in the search box fires one request, not one per key.
    const timer = setTimeout(load, 250);
    return () => clearTimeout(timer);
  }, [load]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  const highlight = (id: number) => {
    setFresh(s => new Set(s).add(id));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFresh(s => {
        const next = new Set(s);
        next.delete(id);
        return next;
      });
    }, HIGHLIGHT_MS);
    timers.current.add(timer);
  };

  // Only staff may join the tickets rooms; requesters see their own tickets without live updates.
  const live = me.caps.read;
  const { connected } = useRealtimeRoom(
    live ? 'tickets:queue' : undefined,
    (event, payload) => {
      if (event !== 'ticket' || !payload?.ticket) return;
      const ticket = payload.ticket as Ticket;
      setQueue(q =>
        q ? applyLive(q, ticket, filterRef.current, meRef.current) : q,
      );
      highlight(ticket.id);
    },
  );

  // SLA escalations (raised by the backend's sweep) are shown to everyone watching the queue.
  const [escalations, setEscalations] = useState<Ticket[]>([]);
  useRealtimeRoom(
    live ? 'tickets:escalations' : undefined,
    (event, payload) => {
      if (event !== 'escalation' || !payload?.ticket) return;
      const ticket = payload.ticket as Ticket;
      setEscalations(list =>
        [ticket, ...list.filter(x => x.id !== ticket.id)].slice(0, 5),
      );
    },
  );

  const field = <K extends keyof QueueFilter>(name: K, value: QueueFilter[K]) =>
    setFilter(f => ({ ...f, [name]: value }));
  const onBehalf = me.caps.create || !me.caps.createOwn;

  return (
    <>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 12 }}
        mb={2}
      >
        <NativeSelect
          id="queue-filter-state"
          name="filter-state"
          label={t('filterState')}
          value={filter.state}
          onChange={e => field('state', e.target.value as QueueFilter['state'])}
          emptyLabel={t('all')}
          options={STATES.map(s => ({
            value: s,
            label: label(LABELS.state[s]),
          }))}
        />
        <NativeSelect
          id="queue-filter-category"
          name="filter-category"
          label={t('filterCategory')}
          value={filter.category}
          onChange={e => field('category', e.target.value)}
          emptyLabel={t('all')}
          options={CATEGORIES.map(c => ({
            value: c,
            label: label(LABELS.category[c]),
          }))}
        />
        <NativeSelect
          id="queue-filter-assignee"
          name="filter-assignee"
          label={t('filterAssignee')}
          value={filter.assignee}
          onChange={e =>
            field('assignee', e.target.value as QueueFilter['assignee'])
          }
          emptyLabel={t('all')}
          options={[
            { value: 'me', label: t('mine') },
            { value: 'none', label: t('unassigned') },
          ]}
        />
        <TextField
          id="queue-filter-q"
          style={{ minWidth: 280 }}
          label={t('search')}
          value={filter.q}
          onChange={e => field('q', e.target.value)}
          inputProps={{ maxLength: 100, name: 'filter-q', type: 'search' }}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={!!filter.breached}
              onChange={e => field('breached', e.target.checked)}
              name="filter-breached"
            />
          }
          label={t('breachedOnly')}
        />
        <Box flexGrow={1} />
        {live && <RealtimeStatus connected={connected} />}
        <Button
          variant="contained"
          color="primary"
          data-testid="new-ticket-button"
          onClick={() => navigate('new')}
        >
          {onBehalf ? t('newPhoneTicket') : t('newTicket')}
        </Button>
      </Box>
      {error && (
        <Alert severity="error" data-testid="queue-error">
          {error}
        </Alert>
      )}
      {escalations.map(e => (
        <Alert
          key={e.id}
          severity="warning"
          data-testid={`escalation-${e.number}`}
          onClose={() =>
            setEscalations(list => list.filter(x => x.id !== e.id))
          }
        >
          {t('escalated', { number: e.number, title: e.title })}
        </Alert>
      ))}
      {!queue && !error && <Progress />}
      {queue && (
        <>
          <Typography variant="caption" data-testid="queue-total">
            {t('total', { n: queue.total })}
          </Typography>
          <Table size="small" data-testid="ticket-queue">
            <TableHead>
              <TableRow>
                {(
                  [
                    'number',
                    'ticketTitle',
                    'category',
                    'priority',
                    'state',
                    'assignee',
                    'responseDue',
                    'planDue',
                  ] as const
                ).map(k => (
                  <TableCell key={k}>{t(k)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {queue.items.map(ticket => {
                const paused = !!ticket.sla.pausedSince;
                return (
                  <TableRow
                    key={ticket.id}
                    data-testid={`ticket-row-${ticket.number}`}
                    data-fresh={fresh.has(ticket.id) ? 'true' : undefined}
                    hover
                    style={{
                      backgroundColor: fresh.has(ticket.id)
                        ? '#fff8e1'
                        : undefined,
                      transition: 'background-color 1s',
                    }}
                  >
                    <TableCell>
                      <Link component={RouterLink} to={String(ticket.id)}>
                        {ticket.number}
                      </Link>
                    </TableCell>
                    <TableCell>{ticket.title}</TableCell>
                    <TableCell>
                      {label(LABELS.category[ticket.category])}
                    </TableCell>
                    <TableCell>
                      {label(LABELS.priority[ticket.priority])}
                    </TableCell>
                    <TableCell>{label(LABELS.state[ticket.state])}</TableCell>
                    <TableCell>
                      {shortRef(ticket.assignee) || t('noAssignee')}
                    </TableCell>
                    <TableCell>
                      <SlaChip
                        clock={ticket.sla.response}
                        paused={paused}
                        now={now}
                      />
                    </TableCell>
                    <TableCell>
                      <SlaChip
                        clock={ticket.sla.plan}
                        paused={paused}
                        now={now}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
              {queue.items.length === 0 && (
                <TableRow>
                  <TableCell colSpan={8}>{t('empty')}</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </>
      )}
    </>
  );
}
