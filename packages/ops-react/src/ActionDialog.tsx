import { useEffect, useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { CheckboxGroup } from './CheckboxGroup';
import { NativeSelect, SelectOption } from './NativeSelect';
import { errorReason, useErrorText } from './errorText';
import { useT } from './i18n';
import { commonMessages } from './messages';

/** One input of an {@link ActionDialog}. */
export interface DialogField {
  name: string;
  label: string;
  /**
   * `multiselect` (a native multiple select) and `checks` (a row of checkboxes, found by
   * `<testId>-<name>`) take several options: their value is the chosen values joined by commas.
   */
  kind?: 'text' | 'multiline' | 'select' | 'multiselect' | 'checks' | 'date' | 'datetime' | 'time' | 'number';
  required?: boolean;
  maxLength?: number;
  options?: readonly SelectOption[];
  /** A select's first option, with the empty value (e.g. （无）); the select then starts on it. */
  emptyLabel?: string;
  initial?: string;
  helperText?: string;
  /** A message of the field's problem with this value (and the others), or undefined when it may be sent. */
  check?: (value: string, values: Record<string, string>) => string | undefined;
  /** Left out — not shown, checked or sent — while this says so (a field only some choices need). */
  hidden?: (values: Record<string, string>) => boolean;
}

/** The properties of an {@link ActionDialog}. */
export interface ActionDialogProps {
  open: boolean;
  title: string;
  testId: string;
  confirmLabel?: string;
  /** Shown above the fields: a text as a paragraph, or any content. */
  note?: React.ReactNode;
  fields?: readonly DialogField[];
  /** Values to start from, over the fields' own (values of no field are sent as they are). */
  initial?: Record<string, string>;
  /** The fields' problems with the values (translated) by field name, before their own checks; any keeps the dialog from sending. */
  validate?: (values: Record<string, string>) => Record<string, string | undefined>;
  /** Content below the fields, from the values typed (a deadline, a check's result). */
  extra?: (values: Record<string, string>) => React.ReactNode;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  onClose: () => void;
}

/** The input type of each text-like field kind. */
const INPUT_TYPES: Partial<Record<NonNullable<DialogField['kind']>, string>> = { date: 'date', datetime: 'datetime-local', time: 'time', number: 'number' };

/**
 * A dialog that asks for what an action needs (a reason, a comment, a CSR), runs it, and stays
 * open with the translated error when the backend refuses. `data-testid` is `<testId>-dialog`,
 * its fields are found by `name`, its buttons are `<testId>-confirm` and `<testId>-cancel`, the
 * refusal `<testId>-error` (with `data-reason`).
 */
export function ActionDialog(props: ActionDialogProps) {
  const t = useT(commonMessages);
  const errorText = useErrorText();
  const fields = props.fields ?? [];
  const initial = (): Record<string, string> => ({
    ...Object.fromEntries(fields.map(f => [f.name, f.initial ?? (f.kind === 'select' && f.emptyLabel === undefined ? f.options?.[0]?.value ?? '' : '')])),
    ...props.initial,
  });
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

  const shown = fields.filter(f => !f.hidden?.(values));
  const validated = props.validate?.(values) ?? {};
  const problemOf = (f: DialogField) => {
    if (validated[f.name]) return validated[f.name];
    const v = values[f.name] ?? '';
    if (f.required && !v.trim()) return t('required');
    return v.trim() ? f.check?.(v, values) : undefined;
  };
  const set = (name: string, value: string) => setValues(v => ({ ...v, [name]: value }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (shown.some(f => problemOf(f)) || Object.values(validated).some(Boolean)) return;
    setBusy(true);
    setError(undefined);
    try {
      const left = new Set(fields.filter(f => !shown.includes(f)).map(f => f.name));
      await props.onSubmit(left.size ? Object.fromEntries(Object.entries(values).filter(([k]) => !left.has(k))) : values);
      props.onClose();
    } catch (err) {
      setError({ text: errorText(err), reason: errorReason(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" data-testid={`${props.testId}-dialog`}>
      <form onSubmit={submit} noValidate>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          {props.note &&
            (typeof props.note === 'string' ? (
              <Typography variant="body2" paragraph>
                {props.note}
              </Typography>
            ) : (
              <Box marginBottom={1}>{props.note}</Box>
            ))}
          {shown.map(f => {
            const problem = touched ? problemOf(f) : undefined;
            const value = values[f.name] ?? '';
            if (f.kind === 'checks') {
              return (
                <CheckboxGroup
                  key={f.name}
                  label={f.label}
                  name={f.name}
                  options={f.options ?? []}
                  value={value.split(',').filter(Boolean)}
                  onChange={chosen => set(f.name, chosen.join(','))}
                  testId={`${props.testId}-${f.name}`}
                  error={problem}
                  helperText={f.helperText}
                  required={f.required}
                  dense
                />
              );
            }
            const common = {
              id: `${props.testId}-${f.name}`,
              label: f.label,
              error: !!problem,
              helperText: problem ?? f.helperText,
              fullWidth: true,
              margin: 'dense' as const,
              required: f.required,
            };
            if (f.kind === 'select') {
              return <NativeSelect key={f.name} {...common} name={f.name} value={value} onChange={e => set(f.name, e.target.value)} options={f.options ?? []} emptyLabel={f.emptyLabel} />;
            }
            if (f.kind === 'multiselect') {
              return (
                <TextField
                  key={f.name}
                  {...common}
                  select
                  SelectProps={{ native: true, multiple: true }}
                  InputLabelProps={{ shrink: true }}
                  inputProps={{ name: f.name, style: { minHeight: 96 } }}
                  value={value.split(',').filter(Boolean)}
                  onChange={e => set(f.name, [...(e.target as unknown as HTMLSelectElement).selectedOptions].map(o => o.value).join(','))}
                >
                  {(f.options ?? []).map(o => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </TextField>
              );
            }
            const type = INPUT_TYPES[f.kind ?? 'text'] ?? 'text';
            return (
              <TextField
                key={f.name}
                {...common}
                name={f.name}
                value={value}
                onChange={e => set(f.name, e.target.value)}
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
