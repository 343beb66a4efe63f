import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { NativeSelect, useT, type SelectOption } from '@yinxin/ops-react';
import { messages } from '../messages';
import { useRefusalText } from './useRefusal';

/** One input of a {@link FormDialog}. A multi-select's value is its chosen values joined by commas. */
export interface FormField {
  name: string;
  label: string;
  kind?: 'text' | 'multiline' | 'select' | 'multiselect' | 'date' | 'datetime';
  required?: boolean;
  maxLength?: number;
  options?: readonly SelectOption[];
  helperText?: string;
}

/** The properties of a {@link FormDialog}. */
export interface FormDialogProps {
  open: boolean;
  title: string;
  testId: string;
  confirmLabel?: string;
  note?: string;
  fields?: readonly FormField[];
  initial?: Record<string, string>;
  validate?: (values: Record<string, string>) => Record<string, string | undefined>;
  extra?: (values: Record<string, string>) => React.ReactNode;
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  onClose: () => void;
}

/**
 * A dialog that asks for what an action needs and runs it, staying open with the backend's own
 * message (`details.zh` / `details.en`) when it refuses. Like the portal's action dialogs:
 * `<testId>-dialog`, fields by `name`, `<testId>-confirm`, `<testId>-error`. `validate` gives the
 * fields' problems (translated), `extra` shows something computed from the values (a check).
 */
export function FormDialog(props: FormDialogProps) {
  const t = useT(messages);
  const text = useRefusalText();
  const fields = props.fields ?? [];
  const initial = () => ({
    ...Object.fromEntries(fields.map(f => [f.name, f.kind === 'select' ? f.options?.[0]?.value ?? '' : ''])),
    ...props.initial,
  });
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (props.open) {
      setValues(initial());
      setTouched(false);
      setError(undefined);
    }
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);

  const problems = (): Record<string, string | undefined> => {
    const out: Record<string, string | undefined> = { ...props.validate?.(values) };
    for (const f of fields) if (f.required && !(values[f.name] ?? '').trim() && !out[f.name]) out[f.name] = t('required');
    return out;
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.values(problems()).some(Boolean)) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (err) {
      setError(text(err));
    } finally {
      setBusy(false);
    }
  };
  const shown = touched ? problems() : {};
  const set = (name: string, value: string) => setValues(v => ({ ...v, [name]: value }));

  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" data-testid={`${props.testId}-dialog`}>
      <form onSubmit={submit} noValidate>
        <DialogTitle>{props.title}</DialogTitle>
        <DialogContent>
          {props.note && (
            <Typography variant="body2" paragraph>
              {props.note}
            </Typography>
          )}
          {fields.map(f => {
            const problem = shown[f.name];
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
              return <NativeSelect key={f.name} {...common} name={f.name} value={values[f.name] ?? ''} options={f.options ?? []} onChange={e => set(f.name, e.target.value)} />;
            }
            if (f.kind === 'multiselect') {
              const chosen = (values[f.name] ?? '').split(',').filter(Boolean);
              return (
                <TextField
                  key={f.name}
                  {...common}
                  select
                  SelectProps={{ native: true, multiple: true }}
                  InputLabelProps={{ shrink: true }}
                  inputProps={{ name: f.name, style: { minHeight: 96 } }}
                  value={chosen}
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
            const type = f.kind === 'date' ? 'date' : f.kind === 'datetime' ? 'datetime-local' : 'text';
            return (
              <TextField
                key={f.name}
                {...common}
                name={f.name}
                value={values[f.name] ?? ''}
                onChange={e => set(f.name, e.target.value)}
                type={type}
                InputLabelProps={type !== 'text' ? { shrink: true } : undefined}
                multiline={f.kind === 'multiline'}
                minRows={f.kind === 'multiline' ? 3 : undefined}
                inputProps={{ maxLength: f.maxLength, name: f.name, step: type === 'datetime-local' ? 1 : undefined }}
              />
            );
          })}
          {props.extra?.(values)}
          {error && (
            <Alert severity="error" data-testid={`${props.testId}-error`} style={{ marginTop: 8 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('cancel')}</Button>
          <Button type="submit" color="primary" variant="contained" disabled={busy} data-testid={`${props.testId}-confirm`}>
            {props.confirmLabel ?? t('confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
