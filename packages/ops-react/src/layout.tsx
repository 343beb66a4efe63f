import { Box, Button, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';

/** A row of filters above a list, sent as a form (Enter in a text field searches). */
export function FilterBar(props: { onSubmit: () => void; testId?: string; children: React.ReactNode }) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      style={{ gap: 16, marginBottom: 16 }}
      component="form"
      data-testid={props.testId}
      onSubmit={(e: React.FormEvent) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
    </Box>
  );
}

/** The header row of a table. */
export function HeadRow(props: { cells: readonly React.ReactNode[] }) {
  return (
    <TableHead>
      <TableRow>
        {props.cells.map((c, i) => (
          <TableCell key={i}>{c}</TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}

/** The title of a record's card: its name and its status chip side by side. */
export function CardTitle(props: { children: React.ReactNode }) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }}>
      {props.children}
    </Box>
  );
}

/** What an empty list says instead of rows. */
export function EmptyNote(props: { text: string; testId?: string }) {
  return (
    <Typography variant="body2" color="textSecondary" style={{ padding: 16 }} data-testid={props.testId}>
      {props.text}
    </Typography>
  );
}

/** The end of a form: its error, if any, then cancel (when it can be) and submit. Test ids are `<testId>-error` and `<testId>-submit`. */
export function FormActions(props: { error?: string; busy: boolean; submitLabel: string; cancel?: { label: string; onClick: () => void }; testId: string }) {
  return (
    <>
      {props.error && (
        <Alert severity="error" style={{ marginTop: 16 }} data-testid={`${props.testId}-error`}>
          {props.error}
        </Alert>
      )}
      <Box display="flex" justifyContent="flex-end" style={{ gap: 8, marginTop: 16 }}>
        {props.cancel && <Button onClick={props.cancel.onClick}>{props.cancel.label}</Button>}
        <Button type="submit" variant="contained" color="primary" disabled={props.busy} data-testid={`${props.testId}-submit`}>
          {props.submitLabel}
        </Button>
      </Box>
    </>
  );
}
