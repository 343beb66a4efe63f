import { useCallback, useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import {
  Box, Button, Checkbox, Chip, FormControlLabel, Link, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CATEGORIES, LABELS, STATES, Ticket } from '@yinxin/plugin-tickets-common';
import { useLabel, usePluginClient, useRealtimeRoom, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { QueueFilter, mergeLive, queueQuery } from './queue';
import { SlaChip } from './components/SlaChip';
import { useErrorText } from './components/useErrorText';
import { shortRef, useMe } from './components/useMe';

/** The live queue: filters, table, new tickets arriving over socket.io. */
export function QueuePage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const navigate = useNavigate();
  const me = useMe();
  const [filter, setFilter] = useState<QueueFilter>({ state: '', category: '', assignee: '', q: '', breached: false });
  const [items, setItems] = useState<Ticket[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [fresh, setFresh] = useState<Set<number>>(new Set());
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const load = useCallback(async () => {
    try {
      const r = await client.get<{ items: Ticket[]; total: number }>(`/tickets?${queueQuery(filter)}`);
      setItems(r.items);
      setTotal(r.total);
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  }, [client, filter, errorText]);
  useEffect(() => {
    const timer = setTimeout(load, 200);
    return () => clearTimeout(timer);
  }, [load]);

  const { connected } = useRealtimeRoom('tickets:queue', (event, payload) => {
    if (event !== 'ticket' || !payload?.ticket) return;
    const ticket = payload.ticket as Ticket;
    setItems(list => {
      const known = list.some(x => x.id === ticket.id);
      const next = mergeLive(list, ticket, filterRef.current, me.ref);
      if (!known && next.length > list.length) setTotal(n => n + 1);
      return next;
    });
    setFresh(s => new Set(s).add(ticket.id));
    setTimeout(() => setFresh(s => { const c = new Set(s); c.delete(ticket.id); return c; }), 3000);
  });

  // SLA escalations (raised by the backend's sweep) are shown to everyone watching the queue.
  const [escalations, setEscalations] = useState<Ticket[]>([]);
  useRealtimeRoom('tickets:escalations', (event, payload) => {
    if (event === 'escalation' && payload?.ticket) setEscalations(list => [payload.ticket as Ticket, ...list.filter(x => x.id !== payload.ticket.id)].slice(0, 5));
  });

  const field = (name: keyof QueueFilter, value: string | boolean) => setFilter(f => ({ ...f, [name]: value }));

  return (
    <>
      <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 12 }} mb={2}>
        <TextField select SelectProps={{ native: true }} label={t('filterState')} value={filter.state} onChange={e => field('state', e.target.value)} inputProps={{ name: 'filter-state' }}>
          <option value="">{t('all')}</option>
          {STATES.map(s => <option key={s} value={s}>{label(LABELS.state[s])}</option>)}
        </TextField>
        <TextField select SelectProps={{ native: true }} label={t('filterCategory')} value={filter.category} onChange={e => field('category', e.target.value)} inputProps={{ name: 'filter-category' }}>
          <option value="">{t('all')}</option>
          {CATEGORIES.map(c => <option key={c} value={c}>{label(LABELS.category[c])}</option>)}
        </TextField>
        <TextField select SelectProps={{ native: true }} label={t('filterAssignee')} value={filter.assignee} onChange={e => field('assignee', e.target.value)} inputProps={{ name: 'filter-assignee' }}>
          <option value="">{t('all')}</option>
          <option value="me">{t('mine')}</option>
          <option value="none">{t('unassigned')}</option>
        </TextField>
        <TextField style={{ minWidth: 280 }} label={t('search')} value={filter.q} onChange={e => field('q', e.target.value)} inputProps={{ maxLength: 100 }} />
        <FormControlLabel control={<Checkbox checked={!!filter.breached} onChange={e => field('breached', e.target.checked)} />} label={t('breachedOnly')} />
        <Box flexGrow={1} />
        <Chip
          size="small"
          data-testid="realtime-status"
          data-connected={connected ? 'true' : 'false'}
          label={connected ? t('live') : t('offline')}
          style={{ backgroundColor: connected ? '#2e7d32' : '#9e9e9e', color: '#fff' }}
        />
        <Button variant="contained" color="primary" data-testid="new-ticket-button" onClick={() => navigate('new')}>
          {me.groups.some(g => /group:default\/(requester|seal-user)$/.test(g)) && !me.groups.some(g => /support|ops-engineer|super-admin/.test(g))
            ? t('newTicket')
            : t('newPhoneTicket')}
        </Button>
      </Box>
      {error && <Alert severity="error" data-testid="queue-error">{error}</Alert>}
      {escalations.map(e => (
        <Alert key={e.id} severity="warning" data-testid={`escalation-${e.number}`} onClose={() => setEscalations(list => list.filter(x => x.id !== e.id))}>
          {t('escalated', { number: e.number, title: e.title })}
        </Alert>
      ))}
      <Typography variant="caption">{t('total', { n: total })}</Typography>
      <Table size="small" data-testid="ticket-queue">
        <TableHead>
          <TableRow>
            {(['number', 'ticketTitle', 'category', 'priority', 'state', 'assignee', 'responseDue', 'planDue'] as const).map(k => (
              <TableCell key={k}>{t(k)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(ticket => (
            <TableRow
              key={ticket.id}
              data-testid={`ticket-row-${ticket.number}`}
              hover
              style={fresh.has(ticket.id) ? { backgroundColor: '#fff8e1', transition: 'background-color 1s' } : undefined}
            >
              <TableCell>
                <Link component={RouterLink} to={String(ticket.id)}>{ticket.number}</Link>
              </TableCell>
              <TableCell>{ticket.title}</TableCell>
              <TableCell>{label(LABELS.category[ticket.category])}</TableCell>
              <TableCell>{label(LABELS.priority[ticket.priority])}</TableCell>
              <TableCell>{label(LABELS.state[ticket.state])}</TableCell>
              <TableCell>{shortRef(ticket.assignee) || '—'}</TableCell>
              <TableCell><SlaChip clock={ticket.sla.response} paused={!!ticket.sla.pausedSince} /></TableCell>
              <TableCell><SlaChip clock={ticket.sla.plan} paused={!!ticket.sla.pausedSince} /></TableCell>
            </TableRow>
          ))}
          {items.length === 0 && !error && (
            <TableRow><TableCell colSpan={8}>{t('empty')}</TableCell></TableRow>
          )}
        </TableBody>
      </Table>
    </>
  );
}
