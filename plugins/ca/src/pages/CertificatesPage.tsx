import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CERTIFICATE_STATUSES, CERTIFICATE_USAGES, CertificatePage, KEY_ALGORITHMS } from '@yinxin/plugin-ca-common';
import { FilterBar, NativeSelect, Pager, useLabel, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { CERTIFICATE_PAGE_SIZE, CertificateFilter, certificateFilterFromSearch, certificateFilterToSearch, certificateQuery } from '../queries';
import { CertificateTable } from '../components/CertificateTable';

/** Certificate search: serial, subject or DN, with status, validity, usage, algorithm and expiry filters kept in the URL. */
export function CertificatesPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('ca');
  const [search, setSearch] = useSearchParams();
  const filter = certificateFilterFromSearch(search);
  const [typed, setTyped] = useState({ q: filter.q, expiringWithinDays: filter.expiringWithinDays });
  const query = certificateQuery(filter);
  const page = useLoad(() => client.get<CertificatePage>(`/certificates?${query}`), query);
  const update = (next: Partial<CertificateFilter>) => setSearch(certificateFilterToSearch({ ...filter, page: 0, ...next }), { replace: true });

  return (
    <>
      <FilterBar testId="certificate-filter" onSubmit={() => update(typed)}>
        <TextField label={t('search')} placeholder={t('certificateSearch')} value={typed.q} onChange={e => setTyped(v => ({ ...v, q: e.target.value }))} inputProps={{ maxLength: 100, name: 'q' }} style={{ minWidth: 280 }} />
        <NativeSelect name="status" label={t('status')} value={filter.status} emptyLabel={t('all')} options={CERTIFICATE_STATUSES.map(s => ({ value: s, label: label(LABELS.certificateStatus[s]) }))} onChange={e => update({ status: e.target.value as CertificateFilter['status'] })} />
        <NativeSelect
          name="expired"
          label={t('expired')}
          value={filter.expired}
          emptyLabel={t('all')}
          options={[
            { value: 'false', label: t('currentOnly') },
            { value: 'true', label: t('expiredOnly') },
          ]}
          onChange={e => update({ expired: e.target.value as CertificateFilter['expired'] })}
        />
        <NativeSelect name="usage" label={t('usage')} value={filter.usage} emptyLabel={t('all')} options={CERTIFICATE_USAGES.map(u => ({ value: u, label: label(LABELS.usage[u]) }))} onChange={e => update({ usage: e.target.value as CertificateFilter['usage'] })} />
        <NativeSelect name="algorithm" label={t('algorithm')} value={filter.algorithm} emptyLabel={t('all')} options={KEY_ALGORITHMS.map(a => ({ value: a, label: a }))} onChange={e => update({ algorithm: e.target.value as CertificateFilter['algorithm'] })} />
        <TextField label={t('expiringWithinDays')} value={typed.expiringWithinDays} onChange={e => setTyped(v => ({ ...v, expiringWithinDays: e.target.value }))} inputProps={{ maxLength: 4, inputMode: 'numeric', name: 'expiringWithinDays' }} style={{ width: 140 }} />
        <Button type="submit" variant="outlined" data-testid="certificate-search-submit">
          {t('search')}
        </Button>
      </FilterBar>
      {page.error && <Alert severity="error">{page.error}</Alert>}
      {page.value && (
        <>
          <CertificateTable items={page.value.items} />
          <Pager total={page.value.total} page={filter.page} pageSize={CERTIFICATE_PAGE_SIZE} onPage={p => update({ page: p })} />
        </>
      )}
    </>
  );
}
