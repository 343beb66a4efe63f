import { useNavigate, useSearchParams } from 'react-router-dom';
import { Box, Button, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import type { Seal } from '@yinxin/plugin-seal-common';
import { NativeSelect, useLabel, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { APPLICATION_VIEWS, applicationQueries, applicationViewOf } from '../queries';
import { useMe } from '../components/useMe';
import { SealTable } from '../components/SealTable';

const LIMIT = 100;

/**
 * Seal applications: reviewers start on those waiting for review, administrators on all in
 * progress (pending review, approved to make, made to issue); administrators apply here.
 */
export function ApplicationsPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('seal');
  const navigate = useNavigate();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const view = applicationViewOf(search.get('view'), me.caps);
  const queries = applicationQueries(view, LIMIT);
  const list = useLoad(async () => {
    const pages = await Promise.all(queries.map(q => client.get<{ items: Seal[]; total: number }>(`/seals?${q}`)));
    return {
      items: pages.flatMap(p => p.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      capped: pages.some(p => p.total > p.items.length),
    };
  }, queries.join('|'));

  return (
    <>
      <Box display="flex" alignItems="flex-end" style={{ gap: 16, marginBottom: 16 }}>
        <NativeSelect
          name="view"
          label={t('view')}
          value={view}
          options={APPLICATION_VIEWS.map(v => ({ value: v, label: v === 'open' ? t('viewOpen') : label(LABELS.sealStatus[v]) }))}
          onChange={e => setSearch({ view: e.target.value }, { replace: true })}
          style={{ minWidth: 240 }}
        />
        <Box flexGrow={1} />
        {me.caps.apply && (
          <Button variant="contained" color="primary" onClick={() => navigate('/seal/applications/new')} data-testid="new-seal-button">
            {t('newSeal')}
          </Button>
        )}
      </Box>
      {list.error && <Alert severity="error">{list.error}</Alert>}
      {list.value && <SealTable items={list.value.items} base="/seal/applications" variant="applications" testId="application-table" />}
      {list.value?.capped && (
        <Typography variant="body2" color="textSecondary" style={{ marginTop: 8 }}>
          {t('listCapped', { n: LIMIT })}
        </Typography>
      )}
    </>
  );
}
