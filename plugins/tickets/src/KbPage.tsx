import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import {
  Box,
  Button,
  Chip,
  Grid,
  List,
  ListItem,
  ListItemText,
  Paper,
  TextField,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { Progress } from '@backstage/core-components';
import {
  CATEGORIES,
  Category,
  KbArticle,
  LABELS,
} from '@yinxin/plugin-tickets-common';
import { NativeSelect, useErrorText, useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { shortRef } from './ticketRefs';
import { useMe } from './components/useMe';

interface ArticleForm {
  title: string;
  category: Category;
  tags: string;
  body: string;
}

const EMPTY_FORM: ArticleForm = {
  title: '',
  category: 'consult',
  tags: '',
  body: '',
};

/** Tags typed as one line, separated by commas (ASCII or Chinese) or 、. */
const splitTags = (tags: string) => [
  ...new Set(
    tags
      .split(/[,，、]/)
      .map(s => s.trim())
      .filter(Boolean),
  ),
];

/** Knowledge base: search and list, read an article, write or edit one (plain text shown as written). */
export function KbPage() {
  const t = useT(messages);
  const label = useLabel();
  const categoryOptions = CATEGORIES.map(c => ({
    value: c,
    label: label(LABELS.category[c]),
  }));
  const errorText = useErrorText();
  const client = usePluginClient('tickets');
  const navigate = useNavigate();
  const { articleId } = useParams();
  const me = useMe();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [items, setItems] = useState<KbArticle[]>();
  const [current, setCurrent] = useState<KbArticle>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<{ id?: number }>();
  const [form, setForm] = useState<ArticleForm>(EMPTY_FORM);
  const [busy, setBusy] = useState(false);

  const loadList = useCallback(async () => {
    const p = new URLSearchParams();
    if (q.trim()) p.set('q', q.trim());
    if (category) p.set('category', category);
    try {
      setItems(
        (
          await client.get<{ items: KbArticle[] }>(
            `/kb${p.toString() ? `?${p}` : ''}`,
          )
        ).items,
      );
      setError(undefined);
    } catch (e) {
      setError(errorText(e));
    }
  }, [client, q, category, errorText]);
  useEffect(() => {
    const timer = setTimeout(loadList, 250);
    return () => clearTimeout(timer);
  }, [loadList]);

  // The article is read on its own: it shows even when the search no longer lists it.
  useEffect(() => {
    if (!articleId) {
      setCurrent(undefined);
      return undefined;
    }
    let cancelled = false;
    client.get<KbArticle>(`/kb/${encodeURIComponent(articleId)}`).then(
      a => !cancelled && setCurrent(a),
      e => {
        if (cancelled) return;
        setCurrent(undefined);
        setError(errorText(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, articleId, errorText]);

  const startNew = () => {
    setEditing({});
    setForm(EMPTY_FORM);
  };
  const startEdit = (a: KbArticle) => {
    setEditing({ id: a.id });
    setForm({
      title: a.title,
      category: a.category,
      tags: a.tags.join(', '),
      body: a.body,
    });
  };

  const save = async () => {
    setBusy(true);
    try {
      const body = {
        title: form.title.trim(),
        category: form.category,
        body: form.body,
        tags: splitTags(form.tags),
      };
      const saved = editing?.id
        ? await client.put<KbArticle>(`/kb/${editing.id}`, body)
        : await client.post<KbArticle>('/kb', body);
      setEditing(undefined);
      setCurrent(saved);
      setError(undefined);
      navigate(`../kb/${saved.id}`);
      await loadList();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={4}>
        <TextField
          id="kb-search"
          fullWidth
          label={t('kbSearch')}
          value={q}
          onChange={e => setQ(e.target.value)}
          inputProps={{ maxLength: 100, name: 'kb-search', type: 'search' }}
        />
        <NativeSelect
          id="kb-filter-category"
          name="kb-filter-category"
          fullWidth
          label={t('category')}
          value={category}
          onChange={e => setCategory(e.target.value)}
          emptyLabel={t('all')}
          options={categoryOptions}
          style={{ marginTop: 8 }}
        />
        {me.caps.kbWrite && (
          <Button
            style={{ marginTop: 8 }}
            variant="outlined"
            color="primary"
            data-testid="kb-new"
            onClick={startNew}
          >
            {t('newArticle')}
          </Button>
        )}
        {!items && !error && <Progress />}
        {items && items.length === 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            {t('kbEmpty')}
          </Typography>
        )}
        <List dense data-testid="kb-list">
          {items?.map(a => (
            <ListItem
              key={a.id}
              button
              data-testid={`kb-item-${a.id}`}
              selected={String(a.id) === articleId}
              onClick={() => {
                setEditing(undefined);
                navigate(`../kb/${a.id}`);
              }}
            >
              <ListItemText
                primary={a.title}
                secondary={label(LABELS.category[a.category])}
              />
            </ListItem>
          ))}
        </List>
      </Grid>
      <Grid item xs={12} md={8}>
        {error && (
          <Alert
            severity="error"
            data-testid="kb-error"
            style={{ marginBottom: 8 }}
          >
            {error}
          </Alert>
        )}
        {editing && (
          <Paper style={{ padding: 16 }} data-testid="kb-form">
            <TextField
              id="kb-title"
              fullWidth
              required
              name="kb-title"
              label={t('ticketTitle')}
              value={form.title}
              onChange={e => setForm({ ...form, title: e.target.value })}
              inputProps={{ maxLength: 200 }}
            />
            <NativeSelect
              id="kb-category"
              name="kb-category"
              label={t('category')}
              value={form.category}
              onChange={e =>
                setForm({ ...form, category: e.target.value as Category })
              }
              options={categoryOptions}
              style={{ marginTop: 8, minWidth: 240 }}
            />
            <TextField
              id="kb-tags"
              fullWidth
              name="kb-tags"
              label={t('tags')}
              value={form.tags}
              onChange={e => setForm({ ...form, tags: e.target.value })}
              style={{ marginTop: 8 }}
            />
            <TextField
              id="kb-body"
              fullWidth
              required
              multiline
              minRows={10}
              name="kb-body"
              label={t('body')}
              value={form.body}
              onChange={e => setForm({ ...form, body: e.target.value })}
              inputProps={{ maxLength: 100_000 }}
              style={{ marginTop: 8 }}
            />
            <Box mt={1} display="flex" style={{ gap: 8 }}>
              <Button
                variant="contained"
                color="primary"
                data-testid="kb-save"
                onClick={save}
                disabled={busy || !form.title.trim() || !form.body.trim()}
              >
                {t('save')}
              </Button>
              <Button onClick={() => setEditing(undefined)}>
                {t('cancel')}
              </Button>
            </Box>
          </Paper>
        )}
        {!editing && current && (
          <Paper style={{ padding: 16 }} data-testid="kb-article">
            <Typography variant="h5" component="h2">
              {current.title}
            </Typography>
            <Box
              display="flex"
              flexWrap="wrap"
              alignItems="center"
              style={{ gap: 4 }}
              mt={1}
            >
              <Chip
                size="small"
                label={label(LABELS.category[current.category])}
              />
              {current.tags.map(tag => (
                <Chip key={tag} size="small" variant="outlined" label={tag} />
              ))}
              <Typography variant="caption">
                {t('updatedBy', {
                  who: shortRef(current.updatedBy),
                  at: new Date(current.updatedAt).toLocaleString(),
                })}
              </Typography>
            </Box>
            <Typography
              variant="body1"
              component="div"
              style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}
            >
              {current.body}
            </Typography>
            {me.caps.kbWrite && (
              <Button
                style={{ marginTop: 8 }}
                data-testid="kb-edit"
                onClick={() => startEdit(current)}
              >
                {t('edit')}
              </Button>
            )}
          </Paper>
        )}
        {!editing && !current && !articleId && (
          <Typography variant="body2" color="textSecondary">
            {t('kbPick')}
          </Typography>
        )}
      </Grid>
    </Grid>
  );
}
