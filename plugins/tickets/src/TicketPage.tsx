import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import {
  Box, Button, Chip, Divider, FormControlLabel, Grid, Link, List, ListItem, ListItemText, Menu, MenuItem, Paper, Switch,
  TextField, Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { InfoCard } from '@backstage/core-components';
import {
  CannedReply, KbArticle, LABELS, TRANSITIONS, Ticket, TicketAttachment, TicketComment, TicketEvent,
} from '@yinxin/plugin-tickets-common';
import { useLabel, usePluginClient, useRealtimeRoom, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { SlaChip } from './components/SlaChip';
import { useErrorText } from './components/useErrorText';
import { shortRef, useMe } from './components/useMe';

interface Detail {
  ticket: Ticket;
  comments: TicketComment[];
  attachments: TicketAttachment[];
  articles: KbArticle[];
  events: TicketEvent[];
}

const STAFF = /group:default\/(support-agent|support-lead|ops-engineer|super-admin)$/;

/** One ticket: SLA clocks, lifecycle, conversation, attachments, knowledge, history, presence. */
export function TicketPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const fetchApi = useApi(fetchApiRef);
  const discovery = useApi(discoveryApiRef);
  const navigate = useNavigate();
  const { id } = useParams();
  const me = useMe();
  const staff = me.groups.some(g => STAFF.test(g));
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  const [reply, setReply] = useState('');
  const [internal, setInternal] = useState(false);
  const [note, setNote] = useState('');
  const [canned, setCanned] = useState<CannedReply[]>([]);
  const [kb, setKb] = useState<KbArticle[]>([]);
  const [reassignTo, setReassignTo] = useState('');
  const [menu, setMenu] = useState<HTMLElement | null>(null);
  const [action, setAction] = useState<'merge' | 'split' | 'subtask'>();
  const [actionValue, setActionValue] = useState('');

  const load = useCallback(async () => {
    try {
      setDetail(await client.get<Detail>(`/tickets/${id}`));
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  }, [client, id, errorText]);
  useEffect(() => {
    load();
  }, [load]);
  useEffect(() => {
    if (!staff) return;
    client.get<{ items: CannedReply[] }>('/canned').then(r => setCanned(r.items), () => setCanned([]));
    client.get<{ items: KbArticle[] }>('/kb').then(r => setKb(r.items), () => setKb([]));
  }, [client, staff]);

  const { viewers } = useRealtimeRoom(staff ? `tickets:ticket:${id}` : undefined, event => {
    if (event === 'ticket') load();
  });

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(undefined);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const download = async (a: TicketAttachment) => {
    const base = await discovery.getBaseUrl('tickets');
    const res = await fetchApi.fetch(`${base}/tickets/${id}/attachments/${a.id}`);
    if (!res.ok) return;
    const url = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = url;
    link.download = a.filename;
    link.click();
    URL.revokeObjectURL(url);
  };

  if (!detail) return error ? <Alert severity="error" data-testid="ticket-error">{error}</Alert> : <Typography>{t('loading')}</Typography>;
  const { ticket } = detail;
  const paused = !!ticket.sla.pausedSince;
  const others = viewers.filter(v => v.userRef !== me.ref);

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box display="flex" alignItems="center" style={{ gap: 12 }} flexWrap="wrap">
          <Link component={RouterLink} to="..">{t('back')}</Link>
          <Typography variant="h5" data-testid="ticket-number">{ticket.number}</Typography>
          <Typography variant="h6">{ticket.title}</Typography>
          <Chip color="primary" data-testid="ticket-state" label={label(LABELS.state[ticket.state])} />
          <Box flexGrow={1} />
          {others.length > 0 && (
            <Box display="flex" alignItems="center" style={{ gap: 4 }}>
              <Typography variant="caption">{t('viewers')}</Typography>
              {others.map(v => (
                <Chip key={v.userRef} size="small" variant="outlined" data-testid={`viewer-chip-${shortRef(v.userRef)}`} label={shortRef(v.userRef)} />
              ))}
            </Box>
          )}
        </Box>
        {ticket.mergedInto && <Alert severity="info">{t('mergedInto', { id: ticket.mergedInto })}</Alert>}
        {ticket.parentId && <Link component={RouterLink} to={`../${ticket.parentId}`}>{t('parent', { id: ticket.parentId })}</Link>}
        {error && <Alert severity="error" data-testid="ticket-error">{error}</Alert>}
      </Grid>

      <Grid item xs={12} md={8}>
        <InfoCard title={t('conversation')}>
          <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }} paragraph>{ticket.description}</Typography>
          <Divider />
          {detail.comments.map(c => (
            <Paper
              key={c.id}
              data-testid={`comment-${c.id}`}
              data-internal={c.internal ? 'true' : 'false'}
              variant="outlined"
              style={{ padding: 12, margin: '12px 0', backgroundColor: c.internal ? '#fff8c4' : undefined }}
            >
              <Typography variant="caption">
                {shortRef(c.author)} · {new Date(c.createdAt).toLocaleString()} {c.internal && <b>· {t('internalNote')}</b>}
              </Typography>
              <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>{c.body}</Typography>
            </Paper>
          ))}
          {ticket.state !== 'merged' && (
            <Box mt={2}>
              {staff && canned.length > 0 && (
                <TextField select SelectProps={{ native: true }} label={t('canned')} value="" onChange={e => setReply(r => (r ? `${r}\n` : '') + (canned.find(c => String(c.id) === e.target.value)?.body ?? ''))} style={{ minWidth: 240, marginBottom: 8 }}>
                  <option value="" />
                  {canned.map(c => <option key={c.id} value={c.id}>{c.title}</option>)}
                </TextField>
              )}
              <TextField
                fullWidth
                multiline
                minRows={3}
                value={reply}
                onChange={e => setReply(e.target.value)}
                placeholder={internal ? t('notePlaceholder') : t('replyPlaceholder')}
                inputProps={{ 'data-testid': 'reply-input', maxLength: 20000 }}
                style={internal ? { backgroundColor: '#fffde7' } : undefined}
              />
              <Box display="flex" alignItems="center" mt={1} style={{ gap: 8 }}>
                {staff && (
                  <FormControlLabel
                    control={<Switch checked={internal} onChange={e => setInternal(e.target.checked)} inputProps={{ 'data-testid': 'reply-internal-toggle' } as any} />}
                    label={t('internalNote')}
                  />
                )}
                <Button
                  variant="contained"
                  color={internal ? 'default' : 'primary'}
                  data-testid="reply-submit"
                  disabled={!reply.trim()}
                  onClick={() => run(async () => { await client.post(`/tickets/${id}/comments`, { body: reply, internal }); setReply(''); })}
                >
                  {internal ? t('internalNote') : t('send')}
                </Button>
                <Box flexGrow={1} />
                <Button component="label" variant="outlined" size="small">
                  {t('upload')}
                  <input
                    type="file"
                    hidden
                    data-testid="attachment-input"
                    onChange={e => {
                      const file = e.target.files?.[0];
                      e.target.value = '';
                      if (file) run(() => client.upload(`/tickets/${id}/attachments`, file));
                    }}
                  />
                </Button>
              </Box>
            </Box>
          )}
        </InfoCard>
      </Grid>

      <Grid item xs={12} md={4}>
        <InfoCard title={t('state')}>
          <List dense>
            <ListItem><ListItemText primary={t('responseDue')} secondary={<SlaChip clock={ticket.sla.response} paused={paused} />} /></ListItem>
            <ListItem><ListItemText primary={t('planDue')} secondary={<SlaChip clock={ticket.sla.plan} paused={paused} />} /></ListItem>
            <ListItem><ListItemText primary={t('category')} secondary={label(LABELS.category[ticket.category])} /></ListItem>
            <ListItem><ListItemText primary={t('priority')} secondary={label(LABELS.priority[ticket.priority])} /></ListItem>
            <ListItem><ListItemText primary={t('kind')} secondary={ticket.kind === 'problem' ? t('kindProblem') : t('kindRequest')} /></ListItem>
            <ListItem><ListItemText primary={t('channel')} secondary={label(LABELS.channel[ticket.channel])} /></ListItem>
            <ListItem><ListItemText primary={t('requester')} secondary={`${ticket.requesterName} ${ticket.requesterContact} ${ticket.organisation}`} /></ListItem>
            <ListItem><ListItemText primary={t('assignee')} secondary={<span data-testid="ticket-assignee">{shortRef(ticket.assignee) || t('noAssignee')}</span>} /></ListItem>
            <ListItem><ListItemText primary={t('createdAt')} secondary={new Date(ticket.createdAt).toLocaleString()} /></ListItem>
            {ticket.links.length > 0 && (
              <ListItem><ListItemText primary={t('links')} secondary={ticket.links.map(l => `${l.type}:${l.id}`).join(', ')} /></ListItem>
            )}
          </List>
          {staff && TRANSITIONS[ticket.state].length > 0 && (
            <Box mt={1}>
              <TextField fullWidth size="small" label={t('transitionNote')} value={note} onChange={e => setNote(e.target.value)} inputProps={{ maxLength: 20000 }} />
              <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 6 }}>
                {TRANSITIONS[ticket.state].map(to => (
                  <Button key={to} size="small" variant="outlined" data-testid={`transition-${to}`} onClick={() => run(async () => { await client.post(`/tickets/${id}/transition`, { to, note: note || undefined }); setNote(''); })}>
                    {t('moveTo', { state: label(LABELS.state[to]) })}
                  </Button>
                ))}
              </Box>
            </Box>
          )}
          {staff && (
            <Box mt={2} display="flex" flexWrap="wrap" style={{ gap: 6 }} alignItems="center">
              <Button size="small" data-testid="assign-me" onClick={() => run(() => client.post(`/tickets/${id}/assign`, { assignee: me.ref }))}>{t('assignToMe')}</Button>
              <Button size="small" onClick={() => run(() => client.post(`/tickets/${id}/assign`, { assignee: 'auto' }))}>{t('autoAssign')}</Button>
              <TextField size="small" label={t('reassignTo')} value={reassignTo} onChange={e => setReassignTo(e.target.value)} />
              <Button size="small" disabled={!reassignTo.trim()} onClick={() => run(() => client.post(`/tickets/${id}/assign`, { assignee: `user:default/${reassignTo.trim()}` }))}>{t('reassign')}</Button>
              <Button size="small" onClick={e => setMenu(e.currentTarget)}>{t('actions')}</Button>
              <Menu open={!!menu} anchorEl={menu} onClose={() => setMenu(null)}>
                <MenuItem onClick={() => { setAction('merge'); setMenu(null); }}>{t('merge')}</MenuItem>
                <MenuItem onClick={() => { setAction('split'); setMenu(null); }}>{t('split')}</MenuItem>
                <MenuItem onClick={() => { setAction('subtask'); setMenu(null); }}>{t('subtask')}</MenuItem>
              </Menu>
            </Box>
          )}
          {action && (
            <Box mt={1} display="flex" style={{ gap: 6 }}>
              <TextField size="small" label={action === 'merge' ? t('mergeInto') : t('newTitle')} value={actionValue} onChange={e => setActionValue(e.target.value)} />
              <Button
                size="small"
                variant="contained"
                onClick={() =>
                  run(async () => {
                    if (action === 'merge') await client.post(`/tickets/${id}/merge`, { into: Number(actionValue) });
                    else {
                      const created = await client.post<Ticket>(`/tickets/${id}/${action === 'split' ? 'split' : 'subtasks'}`, { title: actionValue });
                      navigate(`../${created.id}`);
                    }
                    setAction(undefined);
                    setActionValue('');
                  })
                }
              >
                {t('confirm')}
              </Button>
            </Box>
          )}
        </InfoCard>

        <Box mt={2}>
          <InfoCard title={t('attachments')}>
            <List dense>
              {detail.attachments.map(a => (
                <ListItem key={a.id} button onClick={() => download(a)}>
                  <ListItemText primary={a.filename} secondary={`${(a.size / 1024).toFixed(1)} KB · ${shortRef(a.uploadedBy)}`} />
                </ListItem>
              ))}
            </List>
          </InfoCard>
        </Box>

        <Box mt={2}>
          <InfoCard title={t('knowledge')}>
            <List dense>
              {detail.articles.map(a => (
                <ListItem key={a.id} component={RouterLink as any} to={`../kb/${a.id}`} button>
                  <ListItemText primary={a.title} />
                </ListItem>
              ))}
            </List>
            {staff && kb.length > 0 && (
              <TextField select SelectProps={{ native: true }} label={t('linkArticle')} value="" fullWidth onChange={e => e.target.value && run(() => client.post(`/tickets/${id}/kb`, { articleId: Number(e.target.value) }))}>
                <option value="" />
                {kb.map(a => <option key={a.id} value={a.id}>{a.title}</option>)}
              </TextField>
            )}
          </InfoCard>
        </Box>

        {detail.events.length > 0 && (
          <Box mt={2}>
            <InfoCard title={t('history')}>
              <List dense data-testid="ticket-history">
                {detail.events.map(ev => (
                  <ListItem key={ev.id}>
                    <ListItemText
                      primary={`${ev.type}${ev.from || ev.to ? `: ${ev.from ?? ''} → ${ev.to ?? ''}` : ''}`}
                      secondary={`${shortRef(ev.actor)} · ${new Date(ev.at).toLocaleString()}`}
                    />
                  </ListItem>
                ))}
              </List>
            </InfoCard>
          </Box>
        )}
      </Grid>
    </Grid>
  );
}
