import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Box, Button, Checkbox, FormControlLabel, Link, Table, TableBody, TableCell, TableRow } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { ActionDialog, EmptyNote, HeadRow, shortRef, StatusChip, useLoad, useNotice, usePluginClient, useT, when, type Tone } from '@yinxin/ops-react';
import type { SilenceView } from '@yinxin/plugin-monitor-common';
import { messages, MessageId } from '../messages';
import type { AlertRuleView } from '../api';
import { cancellable, silenceState, type SilenceState } from '../silences';
import { useMe } from '../components/useMe';
import { SilenceDialog } from '../components/SilenceDialog';
import { targetPath } from './WallPage';

const STATE_IDS: Record<SilenceState, MessageId> = { active: 'stateActive', scheduled: 'stateScheduled', ended: 'stateEnded', cancelled: 'stateCancelled' };
const STATE_TONES: Record<SilenceState, Tone> = { active: 'wait', scheduled: 'neutral', ended: 'neutral', cancelled: 'neutral' };

/** Silences and maintenance windows as a table (rows `silence-<id>` with `data-state`), with 提前结束 for those who may. */
export function SilenceTable(props: { silences: readonly SilenceView[]; ruleName: (id: string) => string; canCancel: boolean; onCancel: (s: SilenceView) => void; testId: string }) {
  const t = useT(messages);
  const now = Date.now();
  return (
    <Table size="small" data-testid={props.testId}>
      <HeadRow cells={[t('kind'), t('rule'), t('target'), t('startsAt'), t('endsAt'), t('reason'), t('createdBy'), t('state'), '']} />
      <TableBody>
        {props.silences.map(s => {
          const state = silenceState(s, now);
          return (
            <TableRow key={s.id} data-testid={`silence-${s.id}`} data-state={state} data-kind={s.kind}>
              <TableCell>{t(s.kind === 'silence' ? 'kindSilence' : 'kindMaintenance')}</TableCell>
              <TableCell>{s.ruleId ? props.ruleName(s.ruleId) : t('anyRule')}</TableCell>
              <TableCell>
                {s.targetId ? (
                  <Link component={RouterLink} to={targetPath(s.targetId)}>
                    {s.targetId}
                  </Link>
                ) : (
                  t('anyTarget')
                )}
              </TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{when(s.startsAt)}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>{when(s.endsAt)}</TableCell>
              <TableCell style={{ wordBreak: 'break-word' }}>{s.reason}</TableCell>
              <TableCell title={s.createdBy}>{shortRef(s.createdBy)}</TableCell>
              <TableCell>
                <StatusChip status={state} label={t(STATE_IDS[state])} tones={STATE_TONES} />
              </TableCell>
              <TableCell align="right">
                {props.canCancel && cancellable(s, now) && (
                  <Button size="small" onClick={() => props.onCancel(s)} data-testid={`cancel-silence-${s.id}`}>
                    {t('cancelSilence')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** 静默与维护: current and future silences and maintenance windows (or all), created and ended by engineers. */
export function SilencesPage() {
  const t = useT(messages);
  const client = usePluginClient('monitor');
  const me = useMe();
  const notice = useNotice();
  const [search, setSearch] = useSearchParams();
  const all = search.get('all') === 'true';
  const silences = useLoad(() => client.get<SilenceView[]>(`/silences${all ? '?all=true' : ''}`), String(all));
  const rules = useLoad(() => client.get<AlertRuleView[]>('/rules'), 'rules');
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<SilenceView>();
  const ruleNames = new Map((rules.value ?? []).map(r => [r.id, r.name]));

  return (
    <InfoCard title={t('tabSilences')}>
      <Box display="flex" alignItems="center" style={{ gap: 12, marginBottom: 8 }}>
        <FormControlLabel
          control={<Checkbox checked={all} onChange={e => setSearch(e.target.checked ? new URLSearchParams({ all: 'true' }) : new URLSearchParams(), { replace: true })} inputProps={{ 'data-testid': 'silences-all' } as React.InputHTMLAttributes<HTMLInputElement>} />}
          label={t('showAllSilences')}
        />
        <Box flexGrow={1} />
        {me.caps.silence && (
          <Button variant="contained" color="primary" onClick={() => setCreating(true)} data-testid="silence-new">
            {t('newSilence')}
          </Button>
        )}
      </Box>
      {notice.view('silence-notice')}
      {silences.error && <Alert severity="error">{silences.error}</Alert>}
      {silences.value && (silences.value.length === 0 ? <EmptyNote text={t('noSilences')} testId="no-silences" /> : <SilenceTable silences={silences.value} ruleName={id => ruleNames.get(id) ?? id} canCancel={me.caps.silence} onCancel={setEnding} testId="silences" />)}
      {me.caps.silence && (
        <>
          <SilenceDialog
            open={creating}
            onClose={() => setCreating(false)}
            onCreated={() => {
              notice.show({ severity: 'success', text: t('silenceCreated') });
              silences.reload();
            }}
          />
          <ActionDialog
            open={!!ending}
            title={t('cancelSilence')}
            testId="cancel-silence"
            note={ending ? `${ending.reason} · ${t('cancelSilenceNote')}` : undefined}
            confirmLabel={t('cancelSilence')}
            onSubmit={async () => {
              if (!ending) return;
              try {
                await client.post(`/silences/${ending.id}/cancel`);
                notice.show({ severity: 'success', text: t('silenceCancelled') });
              } finally {
                silences.reload();
              }
            }}
            onClose={() => setEnding(undefined)}
          />
        </>
      )}
    </InfoCard>
  );
}
