import { useSearchParams } from 'react-router-dom';
import { NativeSelect, useT } from '@yinxin/ops-react';
import { messages } from '../messages';

/**
 * A status filter kept in the page's URL (`?status=`), so a filtered list can be bookmarked: the
 * status chosen ('' for all; unknown values count as all) and the select that changes it.
 */
export function useStatusFilter<S extends string>(statuses: readonly S[], labelOf: (status: S) => string): { status: S | ''; select: JSX.Element } {
  const t = useT(messages);
  const [search, setSearch] = useSearchParams();
  const raw = search.get('status') ?? '';
  const status = (statuses as readonly string[]).includes(raw) ? (raw as S) : '';
  const select = (
    <NativeSelect
      name="status"
      label={t('status')}
      value={status}
      emptyLabel={t('all')}
      options={statuses.map(s => ({ value: s, label: labelOf(s) }))}
      onChange={e => setSearch(e.target.value ? { status: e.target.value } : {}, { replace: true })}
    />
  );
  return { status, select };
}
