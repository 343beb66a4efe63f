import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, Grid, TextField, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { SealStatusAnswer } from '@yinxin/plugin-seal-common';
import { Facts, StatusChip, cstDateTime, dayOf, useDownload, useLabel, useLoad, useNotice, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS, SEAL_TONES, statusAtLabel } from '../labels';
import { lookupFromSearch, parseSealKey, sealKeyProblem, statusPath, validityMessage } from '../status';
import { visibleSections } from '../capabilities';
import { useMe } from '../components/useMe';
import { SealImage } from '../components/SealImage';
import { VerifyCard } from '../components/VerifyCard';

/**
 * The public status lookup: was the seal with this code valid at a time (now by default), what
 * is it now; the signed answer as evidence. Those without the 用印 tab verify signatures here.
 */
export function StatusPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('seal');
  const download = useDownload('seal');
  const notice = useNotice();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const lookup = lookupFromSearch(search);
  const [typed, setTyped] = useState(lookup);
  const [touched, setTouched] = useState(false);
  const path = lookup.seal ? statusPath(lookup.seal, lookup.at) : '';
  const answer = useLoad(() => (path ? client.get<SealStatusAnswer>(path) : Promise.resolve(undefined)), path);
  const keyProblemId = sealKeyProblem(typed.seal, touched);
  const keyProblem = keyProblemId && t(keyProblemId);
  const timeProblem = typed.at && !cstDateTime(typed.at) ? t('timeFormat') : undefined;
  const a = path && answer.value?.sealId ? answer.value : undefined;
  const validity = a ? t(validityMessage(a, !!lookup.at), { at: when(a.at) }) : '';

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={7}>
        <InfoCard title={t('lookupTitle')} subheader={t('lookupHelp')}>
          <Box
            component="form"
            display="flex"
            flexWrap="wrap"
            alignItems="flex-start"
            style={{ gap: 16 }}
            data-testid="status-form"
            onSubmit={(e: React.FormEvent) => {
              e.preventDefault();
              setTouched(true);
              const seal = parseSealKey(typed.seal);
              if (!seal || timeProblem) return;
              const p = new URLSearchParams({ seal });
              if (typed.at) p.set('at', typed.at);
              setSearch(p, { replace: true });
            }}
          >
            <TextField
              label={t('esId')}
              value={typed.seal}
              onChange={e => setTyped(v => ({ ...v, seal: e.target.value }))}
              error={!!keyProblem}
              helperText={keyProblem}
              inputProps={{ maxLength: 40, name: 'seal', style: { fontFamily: 'monospace' } }}
              style={{ minWidth: 240 }}
            />
            <TextField
              label={t('atTime')}
              type="datetime-local"
              value={typed.at}
              onChange={e => setTyped(v => ({ ...v, at: e.target.value }))}
              error={!!timeProblem}
              helperText={timeProblem}
              InputLabelProps={{ shrink: true }}
              inputProps={{ name: 'at' }}
              style={{ minWidth: 240 }}
            />
            <Button type="submit" variant="contained" color="primary" style={{ marginTop: 12 }} data-testid="status-submit">
              {t('search')}
            </Button>
          </Box>
          {answer.error && path && (
            <Alert severity="error" style={{ marginTop: 16 }} data-testid="status-error">
              {answer.error}
            </Alert>
          )}
          {a && (
            <Box marginTop={3} data-testid="status-answer">
              <Box display="flex" alignItems="center" style={{ gap: 12, marginBottom: 12 }}>
                <Typography variant="h6">{a.name}</Typography>
                <StatusChip status={a.statusAt} label={label(statusAtLabel(a.statusAt))} tones={SEAL_TONES} testId="status-at" />
              </Box>
              <Alert severity={a.validAt ? 'success' : 'warning'} data-testid="status-valid" data-valid={String(a.validAt)} style={{ marginBottom: 12 }}>
                {a.reasonAt ? t('validityBecause', { validity, reason: label(LABELS.reasonAt[a.reasonAt]) }) : validity}
              </Alert>
              <Facts
                facts={[
                  { label: t('esId'), value: a.esId, mono: true },
                  { label: t('sealType'), value: label(LABELS.sealType[a.type]) },
                  { label: t('version'), value: label(LABELS.version[a.version]) },
                  { label: t('askedAt'), value: when(a.at) },
                  { label: t('statusAt'), value: label(statusAtLabel(a.statusAt)) },
                  {
                    label: t('currentStatus'),
                    value: <StatusChip status={a.currentStatus} label={label(LABELS.sealStatus[a.currentStatus])} tones={SEAL_TONES} testId="status-current" />,
                  },
                  { label: t('validity'), value: t('validFrom', { start: dayOf(a.validStart), end: dayOf(a.validEnd) }) },
                  { label: t('sealHash'), value: a.sealHash, mono: true },
                  { label: t('checkedAt'), value: when(a.checkedAt) },
                ]}
              />
              <Box marginTop={2}>{notice.view('status-notice')}</Box>
              <Button
                variant="outlined"
                size="small"
                onClick={() => notice.run(() => download(statusPath(lookup.seal, lookup.at, true), `${a.esId ?? a.sealId}-status.p7m`))}
                data-testid="status-evidence"
              >
                {t('downloadEvidence')}
              </Button>
              <Typography variant="caption" color="textSecondary" display="block" style={{ marginTop: 4 }}>
                {t('evidenceHelp')}
              </Typography>
            </Box>
          )}
        </InfoCard>
      </Grid>
      {a?.esId && (
        <Grid item xs={12} md={5}>
          <InfoCard title={t('template')}>
            <Box display="flex" justifyContent="center">
              <SealImage path={`/public/status/${encodeURIComponent(a.esId)}/picture.png`} size={220} alt={a.name} testId="status-image" />
            </Box>
          </InfoCard>
        </Grid>
      )}
      {!visibleSections(me.caps).includes('use') && (
        <Grid item xs={12} md={7}>
          <VerifyCard />
        </Grid>
      )}
    </Grid>
  );
}
