import { useState } from 'react';
import { Box, Button, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import { Facts, StatusChip, useErrorText, useLabel, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages, MessageId } from '../messages';
import { LABELS } from '../labels';
import { CheckState, VerifyAnswer, checkRows, propertyInfoText } from '../verify';
import { SIGNATURE_MAX_BYTES, SIGN_DATA_MAX_BYTES } from '../files';
import { useChosenFile } from './useChosenFile';
import { FileButton } from './FileButton';

const STATE_ICONS: Record<CheckState, JSX.Element> = {
  pass: <CheckCircleIcon fontSize="small" style={{ color: '#2e7d32' }} />,
  fail: <CancelIcon fontSize="small" style={{ color: '#c62828' }} />,
  unknown: <RemoveCircleOutlineIcon fontSize="small" style={{ color: '#9e9e9e' }} />,
};

const STATE_TEXT: Record<CheckState, MessageId> = { pass: 'checkPass', fail: 'checkFail', unknown: 'checkUnknown' };

/** A titled list of what the verifier said (in its own words), when it said anything. */
function Notes(props: { severity: 'error' | 'info'; title: string; items: readonly string[]; testId: string }) {
  if (props.items.length === 0) return null;
  return (
    <Alert severity={props.severity} style={{ marginTop: 12 }} data-testid={props.testId}>
      <strong>{props.title}</strong>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {props.items.map(p => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Alert>
  );
}

/**
 * Verifies a seal signature (SES_Signature, .ses), with the original document when given, by the
 * public API: the three-state verdict (有效 / 无效 / 无法确定), every check, problems and warnings.
 */
export function VerifyCard() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('seal');
  const signature = useChosenFile(SIGNATURE_MAX_BYTES);
  const original = useChosenFile(SIGN_DATA_MAX_BYTES);
  const [answer, setAnswer] = useState<VerifyAnswer>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const choose = (chooser: ReturnType<typeof useChosenFile>) => (file: File | undefined) => {
    setAnswer(undefined);
    setError(undefined);
    return chooser.choose(file);
  };
  const verify = async () => {
    if (!signature.file) return;
    setBusy(true);
    setError(undefined);
    setAnswer(undefined);
    try {
      setAnswer(await client.post<VerifyAnswer>('/public/verify', { signature: signature.file.base64, ...(original.file ? { data: original.file.base64 } : {}) }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard title={t('verifyTitle')} subheader={t('verifyHelp')}>
      <Box display="flex" flexDirection="column" style={{ gap: 12 }} data-testid="verify-form">
        <FileButton label={t('signatureFile')} file={signature.file} accept=".ses,.der,application/octet-stream" testId="verify-signature" onChoose={choose(signature)} />
        <FileButton label={t('originalFile')} file={original.file} testId="verify-original" onChoose={choose(original)} />
        <Box>
          <Button variant="contained" color="primary" disabled={!signature.file || busy} onClick={verify} data-testid="verify-submit">
            {t('verify')}
          </Button>
        </Box>
      </Box>
      {(signature.error ?? original.error ?? error) && (
        <Alert severity="error" style={{ marginTop: 16 }} data-testid="verify-error">
          {signature.error ?? original.error ?? error}
        </Alert>
      )}
      {answer && (
        <Box marginTop={3} data-testid="verify-answer">
          <Box display="flex" alignItems="center" style={{ gap: 12, marginBottom: 12 }}>
            <Typography variant="subtitle1">{t('verdict')}</Typography>
            <StatusChip status={answer.verdict} label={label(LABELS.verdict[answer.verdict])} testId="verify-verdict" />
          </Box>
          <Facts
            facts={[
              { label: t('sealName'), value: answer.sealName },
              { label: t('esId'), value: answer.esId, mono: true },
              { label: t('version'), value: answer.version === 1 || answer.version === 4 ? label(LABELS.version[answer.version]) : String(answer.version) },
              { label: t('signTime'), value: when(answer.signTime) },
              { label: t('signer'), value: answer.signerSubject, mono: true },
              { label: t('propertyInfo'), value: propertyInfoText(answer.propertyInfo) },
            ]}
          />
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            {t('checks')}
          </Typography>
          <Table size="small" data-testid="verify-checks">
            <TableBody>
              {checkRows(answer.checks).map(r => (
                <TableRow key={r.check} data-check={r.check} data-state={r.state}>
                  <TableCell style={{ width: 32 }}>{STATE_ICONS[r.state]}</TableCell>
                  <TableCell>{label(LABELS.check[r.check])}</TableCell>
                  <TableCell>{t(STATE_TEXT[r.state])}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Notes severity="error" title={t('problems')} items={answer.problems} testId="verify-problems" />
          <Notes severity="info" title={t('warnings')} items={answer.warnings} testId="verify-warnings" />
        </Box>
      )}
    </InfoCard>
  );
}
