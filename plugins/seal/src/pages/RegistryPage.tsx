import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { SEAL_STATUSES, SEAL_TYPES, type Seal } from '@yinxin/plugin-seal-common';
import { FilterBar, NativeSelect, Pager, useLabel, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { SEAL_PAGE_SIZE, SealFilter, sealFilterFromSearch, sealFilterToSearch, sealQuery } from '../queries';
import { SealTable } from '../components/SealTable';

/** The seal registry: search by name, owner, credit code or seal code, with state and type filters kept in the URL. */
export function RegistryPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('seal');
  const [search, setSearch] = useSearchParams();
  const filter = sealFilterFromSearch(search);
  const [typed, setTyped] = useState(filter.q);
  const query = sealQuery(filter);
  const page = useLoad(() => client.get<{ items: Seal[]; total: number }>(`/seals?${query}`), query);
  const update = (next: Partial<SealFilter>) => setSearch(sealFilterToSearch({ ...filter, page: 0, ...next }), { replace: true });

  return (
    <>
      <FilterBar testId="seal-filter" onSubmit={() => update({ q: typed })}>
        <TextField label={t('search')} placeholder={`${t('sealName')}、${t('ownerName')}、${t('esId')}`} value={typed} onChange={e => setTyped(e.target.value)} inputProps={{ maxLength: 64, name: 'q' }} style={{ minWidth: 280 }} />
        <NativeSelect name="status" label={t('status')} value={filter.status} emptyLabel={t('all')} options={SEAL_STATUSES.map(s => ({ value: s, label: label(LABELS.sealStatus[s]) }))} onChange={e => update({ status: e.target.value as SealFilter['status'] })} />
        <NativeSelect name="type" label={t('sealType')} value={filter.type} emptyLabel={t('all')} options={SEAL_TYPES.map(s => ({ value: s, label: label(LABELS.sealType[s]) }))} onChange={e => update({ type: e.target.value as SealFilter['type'] })} />
        <Button type="submit" variant="outlined" data-testid="seal-search-submit">
          {t('search')}
        </Button>
      </FilterBar>
      {page.error && <Alert severity="error">{page.error}</Alert>}
      {page.value && (
        <>
          <SealTable items={page.value.items} base="/seal/registry" variant="registry" testId="seal-table" />
          <Pager total={page.value.total} page={filter.page} pageSize={SEAL_PAGE_SIZE} onPage={p => update({ page: p })} />
        </>
      )}
    </>
  );
}
