import { Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel } from '@material-ui/core';

/**
 * A row of checkboxes for a multiple choice (roles, audiences); its inputs are found by `name`
 * and `value`, the group by `testId`. `onChange` gets the chosen values in the options' order.
 * `dense` fits it among a dialog's fields.
 */
export function CheckboxGroup<V extends string>(props: {
  label: string;
  name: string;
  options: readonly { value: V; label: string }[];
  value: readonly V[];
  onChange: (value: V[]) => void;
  testId: string;
  /** The problem with the choice, shown in place of the helper text. */
  error?: string;
  helperText?: string;
  required?: boolean;
  dense?: boolean;
}) {
  const help = props.error ?? props.helperText;
  return (
    <FormControl component="fieldset" error={!!props.error} required={props.required} margin={props.dense ? 'dense' : undefined} fullWidth={props.dense} data-testid={props.testId}>
      <FormLabel component="legend" style={props.dense ? { fontSize: 12 } : undefined}>
        {props.label}
      </FormLabel>
      <FormGroup row>
        {props.options.map(o => (
          <FormControlLabel
            key={o.value}
            label={o.label}
            control={
              <Checkbox
                size="small"
                name={props.name}
                value={o.value}
                checked={props.value.includes(o.value)}
                onChange={e => {
                  const chosen = new Set(props.value);
                  if (e.target.checked) chosen.add(o.value);
                  else chosen.delete(o.value);
                  props.onChange(props.options.map(x => x.value).filter(x => chosen.has(x)));
                }}
              />
            }
          />
        ))}
      </FormGroup>
      {help && <FormHelperText>{help}</FormHelperText>}
    </FormControl>
  );
}
