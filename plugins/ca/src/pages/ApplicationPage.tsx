import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Box, Button, Grid, Link, List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { Application, CertificateSummary, IssuanceResponse } from '@yinxin/plugin-ca-common';
import { ActionDialog, CardTitle, Decision, decisionBlock, Facts, saveBlob, shortRef, StatusChip, useErrorText, useLabel, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { CertificateTable } from '../components/CertificateTable';
import { useMe } from '../components/useMe';
import { useProfiles } from '../components/useProfiles';

/** One application: its facts and reviews; review, issuance and the issuance download. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('ca');
  const me = useMe();
  const { titleOf } = useProfiles();
  const application = useLoad(() => client.get<Application>(`/applications/${encodeURIComponent(id)}`), id);
  const a = application.value;
  const certificates = useLoad(
    () =>
      a && a.certificateIds.length > 0 && me.caps.certificateRead
        ? Promise.all(a.certificateIds.map(c => client.get<CertificateSummary>(`/certificates/${c}`)))
        : Promise.resolve([] as CertificateSummary[]),
    `${a?.id}:${a?.certificateIds.join(',')}:${me.caps.certificateRead}`,
  );
  const [dialog, setDialog] = useState<'issue'>();
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (application.error) return <Alert severity="error">{application.error}</Alert>;
  if (!a) return <Progress />;
  const block = decisionBlock(
    { requestedBy: a.submittedBy, pending: a.status === 'submitted', deciders: a.approvals.map(x => x.approver) },
    me.ref,
    me.caps.review,
  );
  const act = async (path: string, body?: unknown) => {
    try {
      await client.post<Application>(`/applications/${a.id}/${path}`, body);
    } finally {
      // A refused issuance still changes the application (it is marked failed).
      application.reload();
    }
  };
  const downloadResponse = async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      const response = await client.get<IssuanceResponse>(`/applications/${a.id}/response`);
      saveBlob(new Blob([JSON.stringify(response, null, 2)], { type: 'application/json' }), `${a.number}.json`);
    } catch (e) {
      setActionError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={7}>
        <InfoCard
          title={
            <CardTitle>
              <span data-testid="application-number">{a.number}</span>
              <StatusChip status={a.status} label={label(LABELS.applicationStatus[a.status])} testId="application-status" />
            </CardTitle>
          }
        >
          <Facts
            facts={[
              { label: t('applicationKind'), value: label(LABELS.applicationKind[a.kind]) },
              { label: t('profile'), value: titleOf(a.profile) },
              { label: t('algorithm'), value: a.keyAlgorithm },
              { label: t('subject'), value: <Link component={RouterLink} to={`/ca/subjects/${a.subjectId}`}>{a.subjectName}</Link> },
              { label: t('subjectDn'), value: a.subjectDn, mono: true },
              { label: t('tokenSerial'), value: a.tokenSerial, mono: true },
              { label: t('ticketId'), value: a.ticketId && <Link href={`/tickets/${a.ticketId}`}>#{a.ticketId}</Link> },
              { label: t('targetCertificate'), value: a.targetCertificateId && <Link component={RouterLink} to={`/ca/certificates/${a.targetCertificateId}`}>{t('certificate')}</Link> },
              { label: t('submittedBy'), value: shortRef(a.submittedBy) },
              { label: t('submittedAt'), value: when(a.submittedAt) },
              { label: t('issuedBy'), value: shortRef(a.issuedBy) },
              { label: t('issuedAt'), value: when(a.issuedAt) },
              { label: t('rejectionReason'), value: a.rejectionReason },
              { label: t('failureReason'), value: a.failureReason, testId: 'application-failure' },
            ]}
          />
          {actionError && (
            <Alert severity="error" style={{ marginTop: 16 }}>
              {actionError}
            </Alert>
          )}
          <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8, marginTop: 16 }}>
            {me.caps.review && a.status === 'submitted' && (
              <Decision block={block} text={t} onDecide={(approve, text) => (approve ? act('approve', text ? { comment: text } : {}) : act('reject', { reason: text }))} testIdPrefix="application" />
            )}
            {me.caps.issue && a.status === 'approved' && (
              <Button variant="contained" color="primary" onClick={() => setDialog('issue')} data-testid="application-issue">
                {t('issue')}
              </Button>
            )}
            {me.caps.applicationCreate && a.status === 'issued' && (
              <Button variant="outlined" disabled={busy} onClick={downloadResponse} data-testid="application-download-response">
                {t('downloadResponse')}
              </Button>
            )}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title={`${t('approvals')} (${t('approvalsOf', { n: a.approvals.filter(x => x.decision === 'approve').length, m: a.requiredApprovals })})`}>
          <List dense data-testid="application-approvals">
            {a.approvals.map(x => (
              <ListItem key={`${x.approver}-${x.at}`}>
                <ListItemText
                  primary={`${shortRef(x.approver)} · ${x.decision === 'approve' ? t('approve') : t('reject')}`}
                  secondary={[when(x.at), x.comment].filter(Boolean).join(' · ')}
                />
              </ListItem>
            ))}
            {a.approvals.length === 0 && <Typography variant="body2" color="textSecondary">{t('none')}</Typography>}
          </List>
        </InfoCard>
      </Grid>
      {a.certificateIds.length > 0 && me.caps.certificateRead && (
        <Grid item xs={12}>
          <InfoCard title={t('issuedCertificates')}>
            {certificates.error && <Alert severity="error">{certificates.error}</Alert>}
            {certificates.value && <CertificateTable items={certificates.value} testId="application-certificates" />}
          </InfoCard>
        </Grid>
      )}
      <ActionDialog open={dialog === 'issue'} title={t('issue')} testId="issue" note={t('issueConfirm')} onSubmit={() => act('issue')} onClose={() => setDialog(undefined)} />
    </Grid>
  );
}
