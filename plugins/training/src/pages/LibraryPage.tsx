import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Box, Button, Chip, List, ListItem, ListItemText, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { EmptyNote, FilterBar, HeadRow, NativeSelect, Pager, dayOf, useLabel, useLoad, useT } from '@yinxin/ops-react';
import { AUDIENCES, LABELS, MATERIAL_KINDS, TOPICS, type Material, type SearchHit } from '@yinxin/plugin-training-common';
import { messages } from '../messages';
import { LIBRARY_PAGE_SIZE, hitsOfKind, libraryFilterFromSearch, libraryFilterToSearch, libraryListQuery, searchQuery, type LibraryFilter } from '../queries';
import { highlight } from '../highlight';
import { formatBytes } from '../files';
import { useTrainingApi } from '../components/useTrainingApi';
import { useTrainingNews } from '../components/news';
import { LabelChips } from '../components/fields';

/** Text with the query's terms marked. */
function Highlighted(props: { text: string; query: string }) {
  return (
    <>
      {highlight(props.text, props.query).map((s, i) =>
        s.hit ? (
          <mark key={i} data-testid="search-mark" style={{ background: '#fff176', padding: 0 }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** Search hits with the query's terms highlighted in titles and snippets. */
function SearchHits(props: { hits: readonly SearchHit[]; query: string }) {
  const t = useT(messages);
  const label = useLabel();
  const navigate = useNavigate();
  return (
    <List data-testid="search-hits">
      {props.hits.map(h => (
        <ListItem key={h.materialId} button divider onClick={() => navigate(`/training/library/${h.materialId}`)} data-testid="search-hit" data-material-id={h.materialId} data-phrase={String(h.phrase)}>
          <ListItemText
            disableTypography
            primary={
              <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 8 }}>
                <Typography variant="subtitle1">
                  <Highlighted text={h.title} query={props.query} />
                </Typography>
                {h.kind && <Chip size="small" label={label(LABELS.kind[h.kind])} />}
                {h.phrase && <Chip size="small" color="secondary" label={t('phraseMatch')} />}
              </Box>
            }
            secondary={
              <>
                <Typography variant="body2" color="textSecondary" data-testid="search-snippet">
                  <Highlighted text={h.snippet} query={props.query} />
                </Typography>
                <LabelChips topics={h.topics} audiences={h.audiences} />
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

/** 资料库: published materials by audience, topic and kind, and the full-text search with highlights. */
export function LibraryPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useTrainingApi();
  const news = useTrainingNews();
  const [search, setSearch] = useSearchParams();
  const filter = libraryFilterFromSearch(search);
  const [draft, setDraft] = useState<LibraryFilter>(filter);
  const key = libraryFilterToSearch(filter).toString();
  useEffect(() => setDraft(libraryFilterFromSearch(search)), [search]);
  const sq = searchQuery(filter);
  const list = useLoad(
    async () =>
      sq
        ? { hits: hitsOfKind((await api.client.get<{ items: SearchHit[] }>(`/search?${sq}`)).items, filter.kind) }
        : { page: await api.client.get<{ items: Material[]; total: number }>(`/materials?${libraryListQuery(filter)}`) },
    key,
  );
  const { reload } = list;
  useEffect(() => {
    if (news.latest?.kind === 'material-published') reload();
  }, [news.count, news.latest, reload]);
  const apply = (next: LibraryFilter) => setSearch(libraryFilterToSearch(next), { replace: true });

  const hits = list.value?.hits;
  const page = list.value?.page;
  return (
    <InfoCard title={t('libraryTitle')}>
      <FilterBar onSubmit={() => apply({ ...draft, page: 0 })} testId="library-search">
        <TextField
          label={t('search')}
          placeholder={t('searchPlaceholder')}
          value={draft.q}
          onChange={e => setDraft(d => ({ ...d, q: e.target.value }))}
          inputProps={{ name: 'q', maxLength: 100 }}
          style={{ minWidth: 320 }}
        />
        <NativeSelect name="audience" label={t('audience')} value={draft.audience} emptyLabel={t('all')} options={AUDIENCES.map(a => ({ value: a, label: label(LABELS.audience[a]) }))} onChange={e => apply({ ...draft, audience: e.target.value as LibraryFilter['audience'], page: 0 })} />
        <NativeSelect name="topic" label={t('topic')} value={draft.topic} emptyLabel={t('all')} options={TOPICS.map(x => ({ value: x, label: label(LABELS.topic[x]) }))} onChange={e => apply({ ...draft, topic: e.target.value as LibraryFilter['topic'], page: 0 })} />
        <NativeSelect name="kind" label={t('kind')} value={draft.kind} emptyLabel={t('all')} options={MATERIAL_KINDS.map(x => ({ value: x, label: label(LABELS.kind[x]) }))} onChange={e => apply({ ...draft, kind: e.target.value as LibraryFilter['kind'], page: 0 })} />
        <Button type="submit" variant="contained" color="primary" data-testid="library-search-submit">
          {t('search')}
        </Button>
        {filter.q && (
          <Button onClick={() => apply({ ...draft, q: '', page: 0 })} data-testid="library-search-clear">
            {t('clear')}
          </Button>
        )}
      </FilterBar>
      {list.error && <Alert severity="error">{list.error}</Alert>}
      {hits && (
        <>
          <Typography variant="body2" color="textSecondary" data-testid="search-summary">
            {t('searchResults', { q: filter.q, n: hits.length })}
          </Typography>
          <SearchHits hits={hits} query={filter.q} />
          {hits.length === 0 && <EmptyNote text={t('noHits')} testId="search-empty" />}
        </>
      )}
      {page && (
        <>
          <Table size="small" data-testid="library-table">
            <HeadRow cells={[t('materialTitle'), t('kind'), t('topics'), t('file'), t('publishedAt')]} />
            <TableBody>
              {page.items.map(m => (
                <TableRow key={m.id} data-testid="library-row" data-id={m.id} data-title={m.current.title}>
                  <TableCell>
                    <Link to={`/training/library/${m.id}`}>{m.current.title}</Link>
                    {m.current.description && (
                      <Typography variant="caption" display="block" color="textSecondary" noWrap style={{ maxWidth: 480 }}>
                        {m.current.description}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{m.current.file ? label(LABELS.kind[m.current.file.kind]) : ''}</TableCell>
                  <TableCell>
                    <LabelChips topics={m.current.topics} audiences={m.current.audiences} />
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{m.current.file ? formatBytes(m.current.file.size) : ''}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{dayOf(m.current.publishedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {page.items.length === 0 && <EmptyNote text={t('noMaterials')} testId="library-empty" />}
          {page.total > LIBRARY_PAGE_SIZE && <Pager total={page.total} page={filter.page} pageSize={LIBRARY_PAGE_SIZE} onPage={p => apply({ ...filter, page: p })} />}
        </>
      )}
    </InfoCard>
  );
}
