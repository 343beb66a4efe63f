import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { NativeSelect, useFormSubmit, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import type { SilenceView, TargetStatus } from '@yinxin/plugin-monitor-common';
import { messages } from '../messages';
import type { AlertRuleView } from '../api';
import { newSilenceForm, silenceInputOf, silenceProblems, type SilenceField, type SilenceForm } from '../silences';

/**
 * The dialog creating a silence or a maintenance window (`<testId>-dialog`): kind, rule (from
 * `/rules`), target (from `/targets`), start and end typed in China time, reason. Fields are found
 * by `name`; the button is `<testId>-confirm`, the backend's refusal `<testId>-error`.
 */
export function SilenceDialog(props: {
  open: boolean;
  /** what the page knows: a target, a kind, a rule */
  prefill?: Partial<Pick<SilenceForm, 'kind' | 'ruleId' | 'targetId'>>;
  testId?: string;
  onClose: () => void;
  onCreated: (silence: SilenceView) => void;
}) {
  const t = useT(messages);
  const testId = props.testId ?? 'silence';
  const client = usePluginClient('monitor');
  const rules = useLoad(() => client.get<AlertRuleView[]>('/rules'), 'rules');
  const targets = useLoad(() => client.get<TargetStatus[]>('/targets'), 'targets');
  const [form, setForm] = useState<SilenceForm>(() => newSilenceForm(Date.now(), props.prefill));
  const { touched, setTouched, busy, error, setError, submit } = useFormSubmit();
  useEffect(() => {
    if (props.open) {
      setForm(newSilenceForm(Date.now(), props.prefill));
      setTouched(false);
      setError(undefined);
    }
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);

  const problems = silenceProblems(form, Date.now());
  const problem = (field: SilenceField) => {
    const p = touched ? problems[field] : undefined;
    return p && t(p);
  };
  const set = (field: keyof SilenceForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm(f => ({ ...f, [field]: e.target.value }));
  const send = async () => {
    const created = await client.post<SilenceView>('/silences', silenceInputOf(form));
    props.onCreated(created);
    props.onClose();
  };
  const common = { fullWidth: true, margin: 'dense' as const };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" data-testid={`${testId}-dialog`}>
      <form onSubmit={submit(Object.keys(problems).length === 0, send)} noValidate>
        <DialogTitle>{t('newSilence')}</DialogTitle>
        <DialogContent>
          <NativeSelect
            {...common}
            id={`${testId}-kind`}
            name="kind"
            label={t('kind')}
            value={form.kind}
            options={[
              { value: 'silence', label: t('kindSilence') },
              { value: 'maintenance', label: t('kindMaintenance') },
            ]}
            helperText={t(form.kind === 'silence' ? 'kindSilenceHelp' : 'kindMaintenanceHelp')}
            onChange={set('kind')}
          />
          {form.kind === 'silence' && (
            <NativeSelect
              {...common}
              id={`${testId}-rule`}
              name="ruleId"
              label={t('rule')}
              value={form.ruleId}
              emptyLabel={t('anyRule')}
              options={(rules.value ?? []).map(r => ({ value: r.id, label: `${r.name}（${r.id}）` }))}
              error={!!problem('ruleId')}
              helperText={problem('ruleId')}
              onChange={set('ruleId')}
            />
          )}
          <NativeSelect
            {...common}
            id={`${testId}-target`}
            name="targetId"
            label={t('target')}
            value={form.targetId}
            emptyLabel={form.kind === 'silence' ? t('anyTarget') : t('choose')}
            options={[...(targets.value ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')).map(x => ({ value: x.id, label: `${x.name}（${x.id}）` }))}
            error={!!problem('targetId')}
            helperText={problem('targetId')}
            onChange={set('targetId')}
          />
          <TextField
            {...common}
            id={`${testId}-starts`}
            type="datetime-local"
            label={`${t('startsAt')}（${t('timesInCst')}）`}
            value={form.startsAt}
            onChange={set('startsAt')}
            InputLabelProps={{ shrink: true }}
            inputProps={{ name: 'startsAt' }}
            error={!!problem('startsAt')}
            helperText={problem('startsAt')}
            required
          />
          <TextField
            {...common}
            id={`${testId}-ends`}
            type="datetime-local"
            label={`${t('endsAt')}（${t('timesInCst')}）`}
            value={form.endsAt}
            onChange={set('endsAt')}
            InputLabelProps={{ shrink: true }}
            inputProps={{ name: 'endsAt' }}
            error={!!problem('endsAt')}
            helperText={problem('endsAt')}
            required
          />
          <TextField
            {...common}
            id={`${testId}-reason`}
            label={t('reason')}
            value={form.reason}
            onChange={set('reason')}
            multiline
            minRows={2}
            inputProps={{ name: 'reason', maxLength: 500 }}
            error={!!problem('reason')}
            helperText={problem('reason')}
            required
          />
          {(rules.error || targets.error) && (
            <Typography variant="body2" color="error">
              {rules.error ?? targets.error}
            </Typography>
          )}
          {error && (
            <Alert severity="error" data-testid={`${testId}-error`} style={{ marginTop: 8 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('cancel')}</Button>
          <Button type="submit" color="primary" variant="contained" disabled={busy} data-testid={`${testId}-confirm`}>
            {t('create')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
