import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Grid, List, ListItem, ListItemText, Paper, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CATEGORIES, KbArticle, LABELS } from '@yinxin/plugin-tickets-common';
import { useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { useErrorText } from './components/useErrorText';
import { shortRef } from './components/useMe';

const emptyForm = { title: '', category: 'consult', tags: '', body: '' };

/** Knowledge base: search, read, write. */
export function KbPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const navigate = useNavigate();
  const { articleId } = useParams();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<KbArticle[]>([]);
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<{ id?: number } | undefined>();
  const [form, setForm] = useState(emptyForm);

  const load = useCallback(async () => {
    try {
      setItems((await client.get<{ items: KbArticle[] }>(`/kb${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`)).items);
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  }, [client, q, errorText]);
  useEffect(() => {
    const timer = setTimeout(load, 200);
    return () => clearTimeout(timer);
  }, [load]);

  const current = items.find(a => String(a.id) === articleId);
  const save = async () => {
    try {
      const body = { title: form.title, category: form.category, body: form.body, tags: form.tags.split(/[,，]/).map(s => s.trim()).filter(Boolean) };
      const saved = editing?.id ? await client.put<KbArticle>(`/kb/${editing.id}`, body) : await client.post<KbArticle>('/kb', body);
      setEditing(undefined);
      await load();
      navigate(`../kb/${saved.id}`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <TextField fullWidth label={t('search')} value={q} onChange={e => setQ(e.target.value)} inputProps={{ maxLength: 100 }} />
        <Button style={{ marginTop: 8 }} variant="outlined" onClick={() => { setEditing({}); setForm(emptyForm); }}>{t('newArticle')}</Button>
        {error && <Alert severity="error">{error}</Alert>}
        <List dense data-testid="kb-list">
          {items.map(a => (
            <ListItem key={a.id} button selected={String(a.id) === articleId} onClick={() => { setEditing(undefined); navigate(`../kb/${a.id}`); }}>
              <ListItemText primary={a.title} secondary={label(LABELS.category[a.category])} />
            </ListItem>
          ))}
        </List>
      </Grid>
      <Grid item xs={12} md={8}>
        {editing ? (
          <Paper style={{ padding: 16 }}>
            <TextField fullWidth name="kb-title" label={t('ticketTitle')} value={form.title} onChange={e => setForm({ ...form, title: e.target.value })} inputProps={{ maxLength: 200 }} />
            <TextField select SelectProps={{ native: true }} label={t('category')} value={form.category} onChange={e => setForm({ ...form, category: e.target.value })} style={{ marginTop: 8 }}>
              {CATEGORIES.map(c => <option key={c} value={c}>{label(LABELS.category[c])}</option>)}
            </TextField>
            <TextField fullWidth label={t('tags')} value={form.tags} onChange={e => setForm({ ...form, tags: e.target.value })} style={{ marginTop: 8 }} />
            <TextField fullWidth multiline minRows={10} name="kb-body" label={t('body')} value={form.body} onChange={e => setForm({ ...form, body: e.target.value })} style={{ marginTop: 8 }} />
            <Box mt={1} display="flex" style={{ gap: 8 }}>
              <Button variant="contained" color="primary" onClick={save} disabled={!form.title.trim() || !form.body.trim()}>{t('save')}</Button>
              <Button onClick={() => setEditing(undefined)}>{t('cancel')}</Button>
            </Box>
          </Paper>
        ) : current ? (
          <Paper style={{ padding: 16 }} data-testid="kb-article">
            <Typography variant="h5">{current.title}</Typography>
            <Typography variant="caption">
              {label(LABELS.category[current.category])} · {current.tags.join('、')} · {t('updatedBy', { who: shortRef(current.updatedBy), at: new Date(current.updatedAt).toLocaleString() })}
            </Typography>
            <Typography variant="body1" style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>{current.body}</Typography>
            <Button style={{ marginTop: 8 }} onClick={() => { setEditing({ id: current.id }); setForm({ title: current.title, category: current.category, tags: current.tags.join(', '), body: current.body }); }}>
              {t('edit')}
            </Button>
          </Paper>
        ) : null}
      </Grid>
    </Grid>
  );
}
