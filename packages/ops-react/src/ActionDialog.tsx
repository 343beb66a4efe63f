import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { NativeSelect, SelectOption } from './NativeSelect';
import { useErrorText } from './errorText';
import { useT } from './i18n';
import { commonMessages } from './messages';

/** One input of an {@link ActionDialog}. */
export interface DialogField {
  name: string;
  label: string;
  kind?: 'text' | 'multiline' | 'select' | 'date';
  required?: boolean;
  maxLength?: number;
  options?: readonly SelectOption[];
  initial?: string;
  helperText?: string;
  /** A message of the field's problem with this value, or undefined when it may be sent. */
  check?: (value: string) => string | undefined;
}

/**
 * A dialog that asks for what an action needs (a reason, a comment, a CSR), runs it, and stays
 * open with the translated error when the backend refuses. `data-testid` is `<testId>-dialog`,
 * its fields are found by `name`, its button is `<testId>-confirm`.
 */
export function ActionDialog(props: {
  open: boolean;
  title: string;
  testId: string;
  confirmLabel?: string;
  note?: string;
  fields?: readonly DialogField[];
  onSubmit: (values: Record<string, string>) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useT(commonMessages);
  const errorText = useErrorText();
  const fields = props.fields ?? [];
  const initial = () => Object.fromEntries(fields.map(f => [f.name, f.initial ?? (f.kind === 'select' ? f.options?.[0]?.value ?? '' : '')]));
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

  const problemOf = (f: DialogField) => {
    const v = values[f.name] ?? '';
    if (f.required && !v.trim()) return t('required');
    return v.trim() ? f.check?.(v) : undefined;
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (fields.some(f => problemOf(f))) return;
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

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
            const problem = touched ? problemOf(f) : undefined;
            const common = {
              id: `${props.testId}-${f.name}`,
              label: f.label,
              value: values[f.name] ?? '',
              onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues(v => ({ ...v, [f.name]: e.target.value })),
              error: !!problem,
              helperText: problem ?? f.helperText,
              fullWidth: true,
              margin: 'dense' as const,
              required: f.required,
            };
            if (f.kind === 'select') return <NativeSelect key={f.name} {...common} name={f.name} options={f.options ?? []} />;
            return (
              <TextField
                key={f.name}
                {...common}
                name={f.name}
                type={f.kind === 'date' ? 'date' : 'text'}
                InputLabelProps={f.kind === 'date' ? { shrink: true } : undefined}
                multiline={f.kind === 'multiline'}
                minRows={f.kind === 'multiline' ? 3 : undefined}
                inputProps={{ maxLength: f.maxLength, name: f.name }}
              />
            );
          })}
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
