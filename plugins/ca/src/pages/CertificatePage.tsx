import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Grid, Link, List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { Application, CertificateDetail } from '@yinxin/plugin-ca-common';
import { ActionDialog, CardTitle, cstDayStart, Facts, shortRef, StatusChip, useDownload, useErrorText, useLabel, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS, REVOKE_CHOICES, extKeyUsageName, shownStatus } from '../labels';
import { csrProblem } from '../csr';
import { formatSerial } from '../refs';
import { useMe } from '../components/useMe';

type Dialog = 'revoke' | 'hold' | 'release' | 'renew' | 'rekey' | 'recovery';

/** One certificate: its fields, PEM and history; download; revoke, hold, release, renew, re-key, key recovery. */
export function CertificatePage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('ca');
  const navigate = useNavigate();
  const download = useDownload('ca');
  const me = useMe();
  const certificate = useLoad(() => client.get<CertificateDetail>(`/certificates/${encodeURIComponent(id)}`), id);
  const [dialog, setDialog] = useState<Dialog>();
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string }>();

  if (certificate.error) return <Alert severity="error">{certificate.error}</Alert>;
  const c = certificate.value;
  if (!c) return <Progress />;
  const status = shownStatus(c);
  const isCa = c.usage === 'root-ca' || c.usage === 'issuing-ca';
  const current = c.status === 'good' && !c.expired && !c.replacedById;
  const save = async (format: 'pem' | 'der' | 'p7b') => {
    setNotice(undefined);
    try {
      await download(`/certificates/${c.id}/download?format=${format}`, `${c.serial}.${format === 'der' ? 'cer' : format}`);
    } catch (e) {
      setNotice({ severity: 'error', text: errorText(e) });
    }
  };
  const change = async (path: string, body: unknown) => {
    await client.post<CertificateDetail>(`/certificates/${c.id}/${path}`, body);
    setNotice({ severity: 'success', text: t('done') });
    certificate.reload();
  };
  const apply = async (path: 'renew' | 'rekey', body: unknown) => {
    const application = await client.post<Application>(`/certificates/${c.id}/${path}`, body);
    navigate(`/ca/applications/${application.id}`);
  };
  const comment = { name: 'comment', label: t('comment'), kind: 'multiline' as const, maxLength: 500 };
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={7}>
        <InfoCard
          title={
            <CardTitle>
              <span>{c.subjectName ?? label(LABELS.usage[c.usage])}</span>
              <StatusChip status={status} label={label(LABELS.certificateStatus[status])} testId="certificate-status" />
            </CardTitle>
          }
        >
          <Facts
            facts={[
              { label: t('serial'), value: formatSerial(c.serial), mono: true, testId: 'certificate-serial' },
              { label: t('subjectDn'), value: c.subjectDn, mono: true },
              { label: t('subject'), value: c.subjectId && <Link component={RouterLink} to={`/ca/subjects/${c.subjectId}`}>{c.subjectName}</Link> },
              { label: t('usage'), value: label(LABELS.usage[c.usage]) },
              { label: t('algorithm'), value: c.keyAlgorithm },
              { label: t('issuer'), value: c.issuerName },
              { label: t('notBefore'), value: when(c.notBefore) },
              { label: t('notAfter'), value: when(c.notAfter) },
              { label: t('keyUsage'), value: c.keyUsage.join(', ') },
              { label: t('extKeyUsage'), value: c.extKeyUsage.map(extKeyUsageName).join(', ') },
              { label: t('crlDp'), value: c.crlDistributionPoints.join(' '), mono: true },
              { label: t('fingerprint'), value: c.fingerprintSm3, mono: true },
              {
                label: t('revocation'),
                value: c.revokedAt && `${when(c.revokedAt)} · ${c.revocationReason ? label(LABELS.revocationReason[c.revocationReason]) : ''}`,
                testId: 'certificate-revocation',
              },
              { label: t('pair'), value: c.pairCertificateId && <Link component={RouterLink} to={`/ca/certificates/${c.pairCertificateId}`} data-testid="certificate-pair-link">{label(LABELS.usage[c.usage === 'sign' ? 'encrypt' : 'sign'])}</Link> },
              { label: t('replacedBy'), value: c.replacedById && <Link component={RouterLink} to={`/ca/certificates/${c.replacedById}`}>{t('certificate')}</Link> },
              { label: t('application'), value: c.applicationId && <Link component={RouterLink} to={`/ca/applications/${c.applicationId}`}>{t('application')}</Link> },
            ]}
          />
          {notice && (
            <Alert severity={notice.severity} style={{ marginTop: 16 }} data-testid="certificate-notice">
              {notice.text}
            </Alert>
          )}
          <Box display="flex" flexWrap="wrap" style={{ gap: 8, marginTop: 16 }}>
            {(['pem', 'der', 'p7b'] as const).map(f => (
              <Button key={f} size="small" variant="outlined" onClick={() => save(f)} data-testid={`certificate-download-${f}`}>
                {t('download')} {f.toUpperCase()}
              </Button>
            ))}
          </Box>
          {!isCa && (
            <Box display="flex" flexWrap="wrap" style={{ gap: 8, marginTop: 8 }}>
              {me.caps.revoke && c.status !== 'revoked' && (
                <Button size="small" variant="contained" color="secondary" onClick={() => setDialog('revoke')} data-testid="certificate-revoke">
                  {t('revoke')}
                </Button>
              )}
              {me.caps.revoke && current && (
                <Button size="small" variant="outlined" onClick={() => setDialog('hold')} data-testid="certificate-hold">
                  {t('hold')}
                </Button>
              )}
              {me.caps.revoke && c.status === 'hold' && (
                <Button size="small" variant="outlined" onClick={() => setDialog('release')} data-testid="certificate-release">
                  {t('release')}
                </Button>
              )}
              {me.caps.applicationCreate && current && c.usage !== 'encrypt' && (
                <>
                  <Button size="small" variant="outlined" onClick={() => setDialog('renew')} data-testid="certificate-renew">
                    {t('renew')}
                  </Button>
                  <Button size="small" variant="outlined" onClick={() => setDialog('rekey')} data-testid="certificate-rekey">
                    {t('rekey')}
                  </Button>
                </>
              )}
              {me.caps.recoveryRequest && (c.usage === 'encrypt' || (c.usage === 'sign' && c.pairCertificateId)) && (
                <Button size="small" variant="outlined" onClick={() => setDialog('recovery')} data-testid="certificate-recovery">
                  {t('requestRecovery')}
                </Button>
              )}
            </Box>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title={t('history')}>
          <List dense data-testid="certificate-history">
            {c.history.map((h, i) => (
              <ListItem key={i}>
                <ListItemText primary={`${label(LABELS.certificateEvent[h.action])} · ${shortRef(h.actor)}`} secondary={when(h.at)} />
              </ListItem>
            ))}
          </List>
        </InfoCard>
        <Box marginTop={2}>
          <InfoCard title={t('pem')}>
            <Typography component="pre" style={{ fontFamily: 'monospace', fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0 }} data-testid="certificate-pem">
              {c.pem}
            </Typography>
          </InfoCard>
        </Box>
      </Grid>
      <ActionDialog
        open={dialog === 'revoke'}
        title={t('revokeTitle')}
        testId="revoke"
        note={c.pairCertificateId ? t('revokePairNote') : undefined}
        confirmLabel={t('revoke')}
        fields={[
          { name: 'reason', label: t('reason'), kind: 'select', options: REVOKE_CHOICES.map(r => ({ value: r, label: label(LABELS.revocationReason[r]) })) },
          { name: 'invalidityDate', label: t('invalidityDate'), kind: 'date' },
          comment,
        ]}
        onSubmit={v => change('revoke', { reason: v.reason, invalidityDate: cstDayStart(v.invalidityDate), comment: optional(v.comment) })}
        onClose={() => setDialog(undefined)}
      />
      <ActionDialog open={dialog === 'hold'} title={t('hold')} testId="hold" fields={[comment]} onSubmit={v => change('hold', { comment: optional(v.comment) })} onClose={() => setDialog(undefined)} />
      <ActionDialog open={dialog === 'release'} title={t('release')} testId="release" fields={[comment]} onSubmit={v => change('release', { comment: optional(v.comment) })} onClose={() => setDialog(undefined)} />
      <ActionDialog open={dialog === 'renew'} title={t('renew')} testId="renew" note={t('renewConfirm')} onSubmit={() => apply('renew', {})} onClose={() => setDialog(undefined)} />
      <ActionDialog
        open={dialog === 'rekey'}
        title={t('rekeyTitle')}
        testId="rekey"
        fields={[{ name: 'csrPem', label: t('csr'), kind: 'multiline', required: true, helperText: t('csrHelp'), check: v => { const p = csrProblem(v); return p && t(p); } }]}
        onSubmit={v => apply('rekey', { csrPem: v.csrPem.trim() })}
        onClose={() => setDialog(undefined)}
      />
      <ActionDialog
        open={dialog === 'recovery'}
        title={t('requestRecovery')}
        testId="recovery"
        fields={[{ name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500, helperText: t('recoveryReasonHelp') }]}
        onSubmit={async v => {
          await client.post('/kmc/recoveries', { kind: 'user', certificateId: c.id, reason: v.reason.trim() });
          setNotice({ severity: 'success', text: t('done') });
        }}
        onClose={() => setDialog(undefined)}
      />
    </Grid>
  );
}
