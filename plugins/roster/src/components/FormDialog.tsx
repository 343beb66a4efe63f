import { useEffect, useState } from 'react';
import { Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, TextField } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { NativeSelect, SelectOption, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { refusalReason } from '../errors';
import { useRosterErrorText } from './useRoster';

/** One input of a {@link FormDialog}. */
export interface FormField {
  name: string;
  label: string;
  /** `checks`: several checkboxes, the value their chosen options joined by commas. */
  kind?: 'text' | 'multiline' | 'select' | 'date' | 'datetime' | 'time' | 'number' | 'checks';
  required?: boolean;
  maxLength?: number;
  options?: readonly SelectOption[];
  initial?: string;
  helperText?: string;
  /** The field's problem with this value (and the other values), or undefined when it may be sent. */
  check?: (value: string, values: Record<string, string>) => string | undefined;
  /** Left out while this says so (a field that only applies to some choices). */
  hidden?: (values: Record<string, string>) => boolean;
}

/** The input type of each text-like field kind. */
const INPUT_TYPES: Partial<Record<NonNullable<FormField['kind']>, string>> = { date: 'date', datetime: 'datetime-local', time: 'time', number: 'number' };

/**
 * A dialog asking for what an action needs, which runs it and stays open with the roster's
 * refusal message when the backend refuses. `data-testid` is `<testId>-dialog`; fields are found
 * by `name`; the button is `<testId>-confirm`, the refusal `<testId>-error` (with `data-reason`).
 * `extra` renders content below the fields from the values typed (a deadline, a preview).
 */
export function FormDialog(props: {
  open: boolean;
  title: string;
  testId: string;
  confirmLabel?: string;
  note?: React.ReactNode;
  fields: readonly FormField[];
  extra?: (values: Record<string, string>) => React.ReactNode;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT(messages);
  const errorText = useRosterErrorText();
  // A required select starts on its first option; everything else empty, unless given.
  const initial = () => Object.fromEntries(props.fields.map(f => [f.name, f.initial ?? (f.kind === 'select' && f.required ? f.options?.[0]?.value ?? '' : '')]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; reason?: string }>();
  useEffect(() => {
    if (props.open) {
      setValues(initial());
      setTouched(false);
      setError(undefined);
    }
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);

  const shown = props.fields.filter(f => !f.hidden?.(values));
  const problemOf = (f: FormField) => {
    const v = values[f.name] ?? '';
    if (f.required && !v.trim()) return t('required');
    return v.trim() ? f.check?.(v, values) : undefined;
  };
  const set = (name: string, value: string) => setValues(v => ({ ...v, [name]: value }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (shown.some(f => problemOf(f))) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(Object.fromEntries(shown.map(f => [f.name, values[f.name] ?? ''])));
      props.onClose();
    } catch (err) {
      setError({ text: errorText(err), reason: refusalReason(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" data-testid={`${props.testId}-dialog`}>
      <form onSubmit={submit} noValidate>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          {props.note && <Box marginBottom={1}>{props.note}</Box>}
          {shown.map(f => {
            const problem = touched ? problemOf(f) : undefined;
            const value = values[f.name] ?? '';
            if (f.kind === 'checks') {
              const chosen = new Set(value.split(',').filter(Boolean));
              return (
                <FormControl key={f.name} component="fieldset" margin="dense" error={!!problem} required={f.required} fullWidth data-testid={`${props.testId}-${f.name}`}>
                  <FormLabel component="legend" style={{ fontSize: 12 }}>
                    {f.label}
                  </FormLabel>
                  <FormGroup row>
                    {(f.options ?? []).map(o => (
                      <FormControlLabel
                        key={o.value}
                        label={o.label}
                        control={
                          <Checkbox
                            size="small"
                            name={f.name}
                            value={o.value}
                            checked={chosen.has(o.value)}
                            onChange={e => {
                              const next = new Set(chosen);
                              if (e.target.checked) next.add(o.value);
                              else next.delete(o.value);
                              set(f.name, (f.options ?? []).map(x => x.value).filter(x => next.has(x)).join(','));
                            }}
                          />
                        }
                      />
                    ))}
                  </FormGroup>
                  {(problem ?? f.helperText) && <FormHelperText>{problem ?? f.helperText}</FormHelperText>}
                </FormControl>
              );
            }
            const common = {
              id: `${props.testId}-${f.name}`,
              label: f.label,
              value,
              onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(f.name, e.target.value),
              error: !!problem,
              helperText: problem ?? f.helperText,
              fullWidth: true,
              margin: 'dense' as const,
              required: f.required,
            };
            if (f.kind === 'select') return <NativeSelect key={f.name} {...common} name={f.name} options={f.options ?? []} emptyLabel={f.required ? undefined : t('none')} />;
            const type = INPUT_TYPES[f.kind ?? 'text'] ?? 'text';
            return (
              <TextField
                key={f.name}
                {...common}
                name={f.name}
                type={type}
                InputLabelProps={type !== 'text' && type !== 'number' ? { shrink: true } : undefined}
                multiline={f.kind === 'multiline'}
                minRows={f.kind === 'multiline' ? 3 : undefined}
                inputProps={{ maxLength: f.maxLength, name: f.name }}
              />
            );
          })}
          {props.extra?.(values)}
          {error && (
            <Alert severity="error" data-testid={`${props.testId}-error`} data-reason={error.reason} style={{ marginTop: 8 }}>
              {error.text}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose} data-testid={`${props.testId}-cancel`}>
            {t('cancel')}
          </Button>
          <Button type="submit" color="primary" variant="contained" disabled={busy} data-testid={`${props.testId}-confirm`}>
            {props.confirmLabel ?? t('confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
