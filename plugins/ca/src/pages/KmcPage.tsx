import { useState } from 'react';
import { Box, Button, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { RECOVERY_STATUSES, CertificatePage, KmcStats, Recovery } from '@yinxin/plugin-ca-common';
import { ActionDialog, ApiCallError, decisionBlock, PluginClient, saveBlob, shortRef, StatusChip, useLabel, useLoad, useNotice, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { formatSerial, parseCertificateRef } from '../refs';
import { useStatusFilter } from '../components/useStatusFilter';
import { useMe } from '../components/useMe';

/** The id of the certificate an officer named by id or serial; a NOT_FOUND error when there is none. */
async function resolveCertificate(client: PluginClient, typed: string): Promise<string> {
  const ref = parseCertificateRef(typed);
  if (ref && 'id' in ref) return ref.id;
  const found = ref ? await client.get<CertificatePage>(`/certificates?q=${encodeURIComponent(ref.serial)}&limit=5`) : undefined;
  const hit = found?.items.find(c => ref && 'serial' in ref && c.serial === ref.serial);
  if (!hit) throw new ApiCallError(404, 'NOT_FOUND', typed);
  return hit.id;
}

/** KMC officers: the key stores, the standby pool, and key recoveries (two officers for a user's, M of N for a judicial one). */
export function KmcPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('ca');
  const me = useMe();
  const { status, select: statusSelect } = useStatusFilter(RECOVERY_STATUSES, s => label(LABELS.recoveryStatus[s]));
  const stats = useLoad(() => (me.caps.kmcStats ? client.get<KmcStats>('/kmc/stats') : Promise.resolve(undefined)), `stats:${me.caps.kmcStats}`);
  const recoveries = useLoad(
    () => (me.caps.recoveryRead ? client.get<Recovery[]>(`/kmc/recoveries${status ? `?status=${status}` : ''}`) : Promise.resolve([] as Recovery[])),
    `${status}:${me.caps.recoveryRead}`,
  );
  const [dialog, setDialog] = useState<{ kind: 'approve' | 'reject'; recovery: Recovery } | { kind: 'judicial' }>();
  const { run, view: noticeView } = useNotice();
  const release = (r: Recovery) =>
    run(async () => {
      const answer = await client.post<{ envelopedKey: string }>(`/kmc/recoveries/${r.id}/release`);
      saveBlob(new Blob([Uint8Array.from(atob(answer.envelopedKey), ch => ch.charCodeAt(0))], { type: 'application/octet-stream' }), `${r.certificateSerial}.sm2env`);
      recoveries.reload();
      stats.reload();
    }, t('envelopeSaved'));
  const mayRelease = (r: Recovery) => r.status === 'approved' && r.requestedBy === me.ref && (r.kind === 'user' ? me.caps.recoveryRequest : me.caps.recoveryApprove);

  return (
    <Grid container spacing={2}>
      {me.caps.kmcStats && (
        <Grid item xs={12}>
          <InfoCard
            title={t('kmcStats')}
            action={
              me.caps.kmcPool && (
                <Button size="small" variant="outlined" style={{ margin: 8 }} onClick={() => run(async () => { await client.post('/kmc/pool/refill', {}); stats.reload(); }, t('done'))} data-testid="kmc-refill">
                  {t('refill')}
                </Button>
              )
            }
          >
            {stats.error && <Alert severity="error">{stats.error}</Alert>}
            {stats.value && (
              <Box display="flex" style={{ gap: 48 }} data-testid="kmc-stats">
                {(
                  [
                    ['standby', stats.value.standby],
                    ['inUse', stats.value.inUse],
                    ['historyStore', stats.value.history],
                  ] as const
                ).map(([k, n]) => (
                  <Box key={k}>
                    <Typography variant="h4" data-testid={`kmc-${k}`}>
                      {n}
                    </Typography>
                    <Typography variant="body2" color="textSecondary">
                      {t(k)}
                    </Typography>
                  </Box>
                ))}
              </Box>
            )}
            {stats.value && stats.value.standby < stats.value.poolLowWater && (
              <Alert severity="warning" style={{ marginTop: 8 }}>
                {t('poolLow', { n: stats.value.poolLowWater })}
              </Alert>
            )}
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title={t('recoveries')}
          action={
            me.caps.recoveryApprove && (
              <Button size="small" variant="outlined" style={{ margin: 8 }} onClick={() => setDialog({ kind: 'judicial' })} data-testid="kmc-new-judicial">
                {t('newJudicial')}
              </Button>
            )
          }
        >
          {noticeView('kmc-notice')}
          <Box marginBottom={2}>
            {statusSelect}
          </Box>
          {recoveries.error && <Alert severity="error">{recoveries.error}</Alert>}
          <Table size="small" data-testid="recovery-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('recoveryKind')}</TableCell>
                <TableCell>{t('certificate')}</TableCell>
                <TableCell>{t('subject')}</TableCell>
                <TableCell>{t('reason')}</TableCell>
                <TableCell>{t('requestedBy')}</TableCell>
                <TableCell>{t('approvals')}</TableCell>
                <TableCell>{t('status')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(recoveries.value ?? []).map(r => {
                const block = decisionBlock({ requestedBy: r.requestedBy, pending: r.status === 'pending', deciders: r.approvals.map(a => a.approver) }, me.ref, me.caps.recoveryApprove);
                return (
                  <TableRow key={r.id} data-testid="recovery-row" data-serial={r.certificateSerial}>
                    <TableCell>{label(LABELS.recoveryKind[r.kind])}</TableCell>
                    <TableCell style={{ fontFamily: 'monospace', fontSize: 12 }} title={formatSerial(r.certificateSerial)}>
                      {r.certificateSerial.slice(0, 16)}…
                    </TableCell>
                    <TableCell>{r.subjectName}</TableCell>
                    <TableCell>
                      {r.reason}
                      {r.caseReference && (
                        <Typography variant="caption" display="block" color="textSecondary">
                          {r.caseReference}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      {shortRef(r.requestedBy)}
                      <Typography variant="caption" display="block" color="textSecondary">
                        {when(r.createdAt)}
                      </Typography>
                    </TableCell>
                    <TableCell title={r.approvals.map(a => `${shortRef(a.approver)} ${a.decision}`).join(', ')}>
                      {t('approvalsOf', { n: r.approvals.filter(a => a.decision === 'approve').length, m: r.requiredApprovals })}
                    </TableCell>
                    <TableCell>
                      <StatusChip status={r.status} label={label(LABELS.recoveryStatus[r.status])} />
                    </TableCell>
                    <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                      {me.caps.recoveryApprove && r.status === 'pending' && (
                        <>
                          <Button size="small" color="primary" disabled={!!block} title={block && t(block)} onClick={() => setDialog({ kind: 'approve', recovery: r })} data-testid="recovery-approve">
                            {t('approve')}
                          </Button>
                          <Button size="small" disabled={!!block} title={block && t(block)} onClick={() => setDialog({ kind: 'reject', recovery: r })} data-testid="recovery-reject">
                            {t('reject')}
                          </Button>
                        </>
                      )}
                      {mayRelease(r) && (
                        <Button size="small" variant="outlined" color="primary" onClick={() => release(r)} data-testid="recovery-release">
                          {t('releaseKey')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {recoveries.value?.length === 0 && (
            <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
              {t('noRecoveries')}
            </Typography>
          )}
        </InfoCard>
      </Grid>
      <ActionDialog
        open={dialog?.kind === 'approve'}
        title={t('approve')}
        testId="recovery-approve"
        fields={[{ name: 'comment', label: t('comment'), kind: 'multiline', maxLength: 500 }]}
        onSubmit={async v => {
          if (dialog?.kind !== 'approve') return;
          await client.post(`/kmc/recoveries/${dialog.recovery.id}/approve`, v.comment.trim() ? { comment: v.comment.trim() } : {});
          recoveries.reload();
        }}
        onClose={() => setDialog(undefined)}
      />
      <ActionDialog
        open={dialog?.kind === 'reject'}
        title={t('reject')}
        testId="recovery-reject"
        fields={[{ name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 }]}
        onSubmit={async v => {
          if (dialog?.kind !== 'reject') return;
          await client.post(`/kmc/recoveries/${dialog.recovery.id}/reject`, { reason: v.reason.trim() });
          recoveries.reload();
        }}
        onClose={() => setDialog(undefined)}
      />
      <ActionDialog
        open={dialog?.kind === 'judicial'}
        title={t('newJudicial')}
        testId="judicial"
        fields={[
          { name: 'certificate', label: t('certificateRef'), required: true, maxLength: 100, check: v => (parseCertificateRef(v) ? undefined : t('certificateRefFormat')) },
          { name: 'recipient', label: t('recipientRef'), required: true, maxLength: 100, check: v => (parseCertificateRef(v) ? undefined : t('certificateRefFormat')) },
          { name: 'caseReference', label: t('caseReference'), required: true, maxLength: 200 },
          { name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 },
        ]}
        onSubmit={async v => {
          const [certificateId, recipientCertificateId] = await Promise.all([resolveCertificate(client, v.certificate), resolveCertificate(client, v.recipient)]);
          await client.post('/kmc/recoveries', { kind: 'judicial', certificateId, recipientCertificateId, caseReference: v.caseReference.trim(), reason: v.reason.trim() });
          recoveries.reload();
        }}
        onClose={() => setDialog(undefined)}
      />
    </Grid>
  );
}
