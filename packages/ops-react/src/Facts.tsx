import { Grid, Typography } from '@material-ui/core';

/** One labelled value of a record. */
export interface Fact {
  label: string;
  value: React.ReactNode;
  /** Shown in monospace (serials, fingerprints, DNs). */
  mono?: boolean;
  testId?: string;
}

/** A record's facts as a two-column grid of label and value; empty values are left out. */
export function Facts(props: { facts: readonly Fact[] }) {
  return (
    <Grid container spacing={1}>
      {props.facts
        .filter(f => f.value !== undefined && f.value !== null && f.value !== '')
        .map(f => (
          <Grid item xs={12} key={f.label} style={{ display: 'flex', gap: 16 }}>
            <Typography variant="body2" color="textSecondary" style={{ minWidth: 140, flexShrink: 0 }}>
              {f.label}
            </Typography>
            <Typography
              variant="body2"
              component="div"
              data-testid={f.testId}
              style={f.mono ? { fontFamily: 'monospace', wordBreak: 'break-all' } : { wordBreak: 'break-word' }}
            >
              {f.value}
            </Typography>
          </Grid>
        ))}
    </Grid>
  );
}
