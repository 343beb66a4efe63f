import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, TextField } from '@material-ui/core';
import { FilterBar, NativeSelect, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import type { TargetStatus } from '@yinxin/plugin-monitor-common';
import { messages } from '../messages';
import type { AlertRuleView } from '../api';
import { EMPTY_EVENT_FILTER, EVENT_TYPES, EventFilter, SEVERITIES, eventFilterFromSearch, eventFilterToSearch } from '../events';
import { useEventPages } from '../components/useEventPages';
import { EventTable } from '../components/EventTable';

/**
 * 告警历史: the alert events, newest first, filtered by target, rule, event, severity, China-time
 * days and words (kept in the URL), read a page at a time with 'more'.
 */
export function HistoryPage() {
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const [search, setSearch] = useSearchParams();
  const filter = eventFilterFromSearch(search);
  const [typed, setTyped] = useState({ q: filter.q, from: filter.from, to: filter.to });
  const rules = useLoad(() => client.get<AlertRuleView[]>('/rules'), 'rules');
  const targets = useLoad(() => client.get<TargetStatus[]>('/targets'), 'targets');
  const pages = useEventPages(client, filter);
  const update = (next: Partial<EventFilter>) => setSearch(eventFilterToSearch({ ...filter, ...next }), { replace: true });
  const ruleNames = new Map((rules.value ?? []).map(r => [r.id, r.name]));
  const targetOptions = [...(targets.value ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')).map(x => ({ value: x.id, label: `${x.name}（${x.id}）` }));
  // a target no longer watched still has a history: keep the one asked for selectable
  if (filter.targetId && !targetOptions.some(o => o.value === filter.targetId)) targetOptions.unshift({ value: filter.targetId, label: filter.targetId });

  return (
    <>
      <FilterBar testId="history-filter" onSubmit={() => update(typed)}>
        <NativeSelect name="target" label={t('target')} value={filter.targetId} emptyLabel={t('all')} options={targetOptions} onChange={e => update({ targetId: e.target.value })} style={{ minWidth: 200 }} />
        <NativeSelect name="rule" label={t('rule')} value={filter.ruleId} emptyLabel={t('all')} options={(rules.value ?? []).map(r => ({ value: r.id, label: r.name }))} onChange={e => update({ ruleId: e.target.value })} style={{ minWidth: 160 }} />
        <NativeSelect name="type" label={t('eventType')} value={filter.type} emptyLabel={t('all')} options={EVENT_TYPES.map(v => ({ value: v, label: t(v) }))} onChange={e => update({ type: e.target.value as EventFilter['type'] })} />
        <NativeSelect name="severity" label={t('severity')} value={filter.severity} emptyLabel={t('all')} options={SEVERITIES.map(v => ({ value: v, label: t(v) }))} onChange={e => update({ severity: e.target.value as EventFilter['severity'] })} />
        <TextField label={t('fromDay')} type="date" value={typed.from} onChange={e => setTyped(v => ({ ...v, from: e.target.value }))} InputLabelProps={{ shrink: true }} inputProps={{ name: 'from' }} />
        <TextField label={t('toDay')} type="date" value={typed.to} onChange={e => setTyped(v => ({ ...v, to: e.target.value }))} InputLabelProps={{ shrink: true }} inputProps={{ name: 'to' }} />
        <TextField label={t('words')} placeholder={t('wordsHelp')} value={typed.q} onChange={e => setTyped(v => ({ ...v, q: e.target.value }))} inputProps={{ maxLength: 100, name: 'q' }} style={{ minWidth: 220 }} />
        <Button type="submit" variant="outlined" data-testid="history-search">
          {t('search')}
        </Button>
        <Button
          onClick={() => {
            setTyped({ q: '', from: '', to: '' });
            setSearch(eventFilterToSearch(EMPTY_EVENT_FILTER), { replace: true });
          }}
          data-testid="history-clear"
        >
          {t('clearFilter')}
        </Button>
      </FilterBar>
      <EventTable pages={pages} ruleName={id => ruleNames.get(id) ?? id} testId="history" />
    </>
  );
}
