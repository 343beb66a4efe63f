import { useEffect, useState } from 'react';
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { NativeSelect, useLabel, useT, useErrorText, errorReason } from '@yinxin/ops-react';
import { VIOLATION_TITLES, addMonths, type GenerationSummary, type ScheduleChangeResult, type ShiftTemplate } from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { cstMonth, shiftTimeText } from '../calendar';

/**
 * 生成本月/下月值班表 (`generate-dialog`): pick this month, next month or the month shown; preview
 * (a dry run: shifts to create, slots nobody could take, coverage violations) and then save.
 */
export function GenerateDialog(props: { open: boolean; shownMonth: string; templates: ReadonlyMap<string, ShiftTemplate>; onClose: () => void; onSaved: (month: string, created: number) => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const errorText = useErrorText();
  const thisMonth = cstMonth();
  const nextMonth = addMonths(thisMonth, 1);
  const options = [
    { value: thisMonth, label: t('generateThisMonth', { month: thisMonth }) },
    { value: nextMonth, label: t('generateNextMonth', { month: nextMonth }) },
    ...(props.shownMonth !== thisMonth && props.shownMonth !== nextMonth && props.shownMonth > thisMonth ? [{ value: props.shownMonth, label: t('generateShownMonth', { month: props.shownMonth }) }] : []),
  ];
  const [month, setMonth] = useState(nextMonth);
  const [preview, setPreview] = useState<ScheduleChangeResult<GenerationSummary>>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; reason?: string }>();
  useEffect(() => {
    if (props.open) {
      setMonth(props.shownMonth === thisMonth ? thisMonth : nextMonth);
      setPreview(undefined);
      setError(undefined);
    }
    // Reset when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.generate(month, dryRun);
      if (dryRun) setPreview(out);
      else {
        props.onSaved(month, out.result.created);
        props.onClose();
      }
    } catch (e) {
      setError({ text: errorText(e), reason: errorReason(e) });
    } finally {
      setBusy(false);
    }
  };
  const summary = preview?.result;
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="md" data-testid="generate-dialog">
      <DialogTitle>{t('generateTitle')}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {t('generateNote')}
        </Typography>
        <NativeSelect
          name="month"
          label={t('month')}
          value={month}
          options={options}
          onChange={e => {
            setMonth(e.target.value);
            setPreview(undefined);
          }}
          margin="dense"
          data-testid="generate-month"
        />
        {summary && (
          <Box marginTop={2} data-testid="generate-preview" data-month={summary.month} data-created={summary.created} data-unfilled={summary.unfilled.length} data-violations={preview.violations.length}>
            <Alert severity={summary.unfilled.length || preview.violations.length ? 'warning' : 'success'} data-testid="generate-summary">
              {t('previewSummary', { created: summary.created, removed: summary.removed, kept: summary.kept })}
            </Alert>
            <Typography variant="subtitle2" style={{ marginTop: 12 }}>
              {t('unfilled', { n: summary.unfilled.length })}
            </Typography>
            {summary.unfilled.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {t('noUnfilled')}
              </Typography>
            ) : (
              <Table size="small" data-testid="generate-unfilled">
                <TableBody>
                  {summary.unfilled.slice(0, 100).map(u => (
                    <TableRow key={`${u.templateId}-${u.startsAt}`}>
                      <TableCell>{u.day}</TableCell>
                      <TableCell>{props.templates.get(u.templateId)?.name ?? u.templateId}</TableCell>
                      <TableCell>{shiftTimeText(u)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Typography variant="subtitle2" style={{ marginTop: 12 }}>
              {t('violationsTitle', { n: preview.violations.length })}
            </Typography>
            {preview.violations.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                {t('noViolations')}
              </Typography>
            ) : (
              <Box data-testid="generate-violations" style={{ maxHeight: 240, overflowY: 'auto' }}>
                {preview.violations.slice(0, 200).map((v, i) => (
                  <Typography key={i} variant="body2" data-code={v.code} style={{ color: '#c62828' }}>
                    [{label(VIOLATION_TITLES[v.code])}] {label(v.message)}
                  </Typography>
                ))}
              </Box>
            )}
          </Box>
        )}
        {error && (
          <Alert severity="error" style={{ marginTop: 8 }} data-testid="generate-error" data-reason={error.reason}>
            {error.text}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('cancel')}</Button>
        <Button variant="outlined" color="primary" disabled={busy} onClick={() => run(true)} data-testid="generate-preview-button">
          {t('preview')}
        </Button>
        <Button variant="contained" color="primary" disabled={busy || !summary} onClick={() => run(false)} data-testid="generate-save">
          {t('saveRoster')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
