import type { ReactNode } from 'react';
import { Grid } from '@material-ui/core';
import { Link, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';

/**
 * The frame of a detail page (a material, a plan, a session): a progress bar until the first
 * answer, then a link back to the list, the load error if any, and the page's grid items.
 */
export function DetailFrame(props: { loading: boolean; loaded: boolean; error?: string; backTo: string; backLabel: string; children: ReactNode }) {
  if (props.loading && !props.loaded) return <Progress />;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Link to={props.backTo}>← {props.backLabel}</Link>
      </Grid>
      {props.error && (
        <Grid item xs={12}>
          <Alert severity="error">{props.error}</Alert>
        </Grid>
      )}
      {props.children}
    </Grid>
  );
}
