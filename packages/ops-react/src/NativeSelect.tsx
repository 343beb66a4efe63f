import { TextField, TextFieldProps } from '@material-ui/core';

/** One choice of a {@link NativeSelect}. */
export interface SelectOption {
  value: string;
  label: string;
}

/**
 * A labelled native `<select>`: real options for keyboards, screen readers and tests, and the
 * label kept above the value (a native select always shows a value, so the label must not sit
 * on top of it).
 */
export function NativeSelect(
  props: Omit<
    TextFieldProps,
    'select' | 'SelectProps' | 'children' | 'name'
  > & {
    name: string;
    options: readonly SelectOption[];
    /** Text of a first option with the empty value (e.g. 全部), when the field may be left empty. */
    emptyLabel?: string;
  },
) {
  const { name, options, emptyLabel, inputProps, InputLabelProps, ...rest } =
    props;
  return (
    <TextField
      {...(rest as TextFieldProps)}
      select
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true, ...InputLabelProps }}
      inputProps={{ name, ...inputProps }}
    >
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {options.map(o => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </TextField>
  );
}
