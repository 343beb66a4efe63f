import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Chip, Grid, Link, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { CHANGEABLE_STATUSES, canTake, type SealDetail, type SealStatus } from '@yinxin/plugin-seal-common';
import { ActionDialog, CardTitle, dayOf, Decision, decisionBlock, DialogField, Facts, HeadRow, shortRef, StatusChip, useDownload, useLabel, useLoad, useNotice, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages, MessageId } from '../messages';
import { LABELS, SEAL_TONES } from '../labels';
import { documentTypesProblem, holderRefs, holdersProblem, holdersText, intIn, policyOfForm } from '../sealForm';
import { useMe } from '../components/useMe';
import { SealImage, picturePath } from '../components/SealImage';
import { SealTimeline } from '../components/SealTimeline';

/** The states a seal is in for a reason, which is shown with it. */
const STATES_WITH_REASON: readonly SealStatus[] = ['rejected', 'suspended', 'lost', 'revoked', 'superseded'];

type Action = 'approve' | 'reject' | 'make' | 'issue' | 'suspend' | 'resume' | 'report-lost' | 'revoke' | 'holders' | 'policy';

/** The lifecycle actions taken with a reason (the API requires one), with their button text. */
const REASONED: readonly { action: Extract<Action, 'suspend' | 'resume' | 'report-lost' | 'revoke'>; label: MessageId }[] = [
  { action: 'suspend', label: 'suspend' },
  { action: 'resume', label: 'resume' },
  { action: 'report-lost', label: 'reportLost' },
  { action: 'revoke', label: 'revoke' },
];

/**
 * One seal (or application): impression, facts, certificates, holders and policy, the status
 * history on a timeline; review, make, issue, the lifecycle with reasons (停用/启用/挂失/注销),
 * 更换, holders and policy editors, the .esl download.
 */
export function SealDetailPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('seal');
  const navigate = useNavigate();
  const download = useDownload('seal');
  const notice = useNotice();
  const me = useMe();
  const loaded = useLoad(() => client.get<SealDetail>(`/seals/${encodeURIComponent(id)}`), id);
  const [dialog, setDialog] = useState<Action>();

  if (loaded.error && loaded.value?.id !== id) return <Alert severity="error">{loaded.error}</Alert>;
  const s = loaded.value;
  if (!s || s.id !== id) return <Progress />;

  const act = async (action: Action, body: unknown) => {
    try {
      if (action === 'holders') await client.put<SealDetail>(`/seals/${s.id}/holders`, body);
      else if (action === 'policy') await client.put<SealDetail>(`/seals/${s.id}/policy`, body);
      else await client.post<SealDetail>(`/seals/${s.id}/${action}`, body);
      notice.show({ severity: 'success', text: t('done') });
    } finally {
      loaded.reload();
    }
  };
  const block = decisionBlock({ requestedBy: s.createdBy, pending: s.status === 'pending', deciders: [] }, me.ref, me.caps.review);
  const reason: DialogField = { name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 };
  const intCheck = (min: number, max: number, message: MessageId) => (v: string) => (intIn(v, min, max) ? undefined : t(message));
  const problem = (p: MessageId | undefined) => p && t(p);
  const policy = s.usePolicy;
  const made = !!s.sealHash;

  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={8}>
        <InfoCard
          title={
            <CardTitle>
              <span data-testid="seal-name">{s.name}</span>
              <StatusChip status={s.status} label={label(LABELS.sealStatus[s.status])} tones={SEAL_TONES} testId="seal-status" />
            </CardTitle>
          }
        >
          <Grid container spacing={2}>
            <Grid item xs={12} sm={8}>
              <Facts
                facts={[
                  { label: t('esId'), value: s.esId, mono: true, testId: 'seal-es-id' },
                  { label: t('filingNumber'), value: s.filingNumber, mono: true, testId: 'seal-filing-number' },
                  { label: t('sealType'), value: label(LABELS.sealType[s.type]) },
                  { label: t('ownerName'), value: s.ownerName },
                  { label: t('ownerCode'), value: s.ownerCode, mono: true },
                  { label: t('version'), value: `${label(LABELS.version[s.version])} · ${t('generation')} ${s.generation}` },
                  { label: t('keyMode'), value: label(LABELS.keyMode[s.keyMode]) },
                  {
                    label: t('template'),
                    value: `${label(LABELS.templateKind[s.template?.kind ?? 'upload'])} · ${t('sizeOf', { w: s.widthMm, h: s.heightMm })}${s.template?.lowerText ? ` · ${s.template.lowerText}` : ''}`,
                  },
                  { label: t('validity'), value: t('validFrom', { start: dayOf(s.validStart), end: dayOf(s.validEnd) }), testId: 'seal-validity' },
                  { label: t('sealHash'), value: s.sealHash, mono: true, testId: 'seal-hash' },
                  { label: t('createdBy'), value: `${shortRef(s.createdBy)} · ${when(s.createdAt)}` },
                  { label: t('reason'), value: STATES_WITH_REASON.includes(s.status) ? s.reason : undefined, testId: 'seal-reason' },
                  { label: t('predecessor'), value: s.predecessorId && <Link component={RouterLink} to={`/seal/registry/${s.predecessorId}`}>{t('previousVersion')}</Link> },
                  { label: t('successor'), value: s.successorId && <Link component={RouterLink} to={`/seal/registry/${s.successorId}`} data-testid="seal-successor">{t('nextVersion')}</Link> },
                ]}
              />
            </Grid>
            <Grid item xs={12} sm={4}>
              <Box display="flex" justifyContent="center">
                <SealImage path={picturePath(s.id)} size={200} alt={s.name} testId="seal-image" />
              </Box>
              <Box display="flex" flexDirection="column" alignItems="center" style={{ gap: 8, marginTop: 12 }}>
                {made && (
                  <Button size="small" variant="outlined" onClick={() => notice.run(() => download(`/seals/${s.id}/seal.esl`, `${s.esId ?? s.id}.esl`))} data-testid="seal-download-esl">
                    {t('downloadEsl')}
                  </Button>
                )}
                {s.esId && (
                  <Button size="small" component={RouterLink} to={`/seal/status?seal=${s.esId}`} data-testid="seal-lookup-status">
                    {t('lookupStatus')}
                  </Button>
                )}
              </Box>
            </Grid>
          </Grid>
          <Box marginTop={2}>{notice.view('seal-notice')}</Box>
          <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8, marginTop: 8 }}>
            {me.caps.review && s.status === 'pending' && (
              <Decision block={block} text={t} onDecide={(approve, text) => act(approve ? 'approve' : 'reject', text ? { reason: text } : {})} testIdPrefix="seal" />
            )}
            {me.caps.make && canTake('make', s.status) && (
              <Button variant="contained" color="primary" onClick={() => setDialog('make')} data-testid="seal-make">
                {t('make')}
              </Button>
            )}
            {me.caps.make && canTake('issue', s.status) && (
              <Button variant="contained" color="primary" onClick={() => setDialog('issue')} data-testid="seal-issue">
                {t('issue')}
              </Button>
            )}
            {me.caps.manage &&
              REASONED.filter(r => canTake(r.action, s.status)).map(r => (
                <Button key={r.action} variant="outlined" color={r.action === 'revoke' ? 'secondary' : 'default'} onClick={() => setDialog(r.action)} data-testid={`seal-${r.action}`}>
                  {t(r.label)}
                </Button>
              ))}
            {me.caps.apply && CHANGEABLE_STATUSES.includes(s.status) && !s.successorId && (
              <Button variant="outlined" onClick={() => navigate(`/seal/registry/${s.id}/change`)} data-testid="seal-change">
                {t('change')}
              </Button>
            )}
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title={t('history')}>
          <SealTimeline history={s.history} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title={t('certificates')}>
          {s.certificates.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              {s.keyMode === 'server' ? t('certificatesAtMake') : t('none')}
            </Typography>
          ) : (
            <Table size="small" data-testid="seal-certificates">
              <HeadRow cells={[t('serial'), t('subjectDn'), t('validity'), t('fingerprint')]} />
              <TableBody>
                {s.certificates.map(c => (
                  <TableRow key={c.caCertificateId}>
                    <TableCell style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{c.serial}</TableCell>
                    <TableCell style={{ fontSize: 12 }}>{c.subjectDn}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{t('validFrom', { start: dayOf(c.notBefore), end: dayOf(c.notAfter) })}</TableCell>
                    <TableCell style={{ fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all' }}>{c.fingerprintSm3}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title={t('sectionUse')}>
          <Facts
            facts={[
              {
                label: t('holders'),
                value: s.holders.length ? (
                  <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                    {s.holders.map(h => (
                      <Chip key={h} size="small" label={shortRef(h)} title={h} />
                    ))}
                  </Box>
                ) : (
                  t('none')
                ),
                testId: 'seal-holders',
              },
              {
                label: t('usePolicy'),
                value: policy.requireApproval
                  ? `${t('requireApproval')}（${t('policySummary', { uses: policy.maxUsesPerApproval ?? 1, days: policy.approvalValidDays ?? 7 })}）`
                  : t('noApprovalNeeded'),
                testId: 'seal-policy',
              },
              { label: t('documentTypes'), value: policy.documentTypes.length ? policy.documentTypes.join('、') : t('anyDocumentType') },
            ]}
          />
          {me.caps.manage && !['rejected', 'revoked', 'superseded'].includes(s.status) && (
            <Box display="flex" style={{ gap: 8, marginTop: 16 }}>
              <Button size="small" variant="outlined" onClick={() => setDialog('holders')} data-testid="seal-edit-holders">
                {t('editHolders')}
              </Button>
              <Button size="small" variant="outlined" onClick={() => setDialog('policy')} data-testid="seal-edit-policy">
                {t('editPolicy')}
              </Button>
            </Box>
          )}
        </InfoCard>
      </Grid>

      <ActionDialog open={dialog === 'make'} title={t('make')} testId="make" note={t('makeNote')} onSubmit={() => act('make', {})} onClose={() => setDialog(undefined)} />
      <ActionDialog open={dialog === 'issue'} title={t('issue')} testId="issue" note={t('issueNote')} onSubmit={() => act('issue', {})} onClose={() => setDialog(undefined)} />
      {REASONED.map(r => (
        <ActionDialog
          key={r.action}
          open={dialog === r.action}
          title={`${t(r.label)}：${s.name}`}
          testId={r.action}
          note={r.action === 'revoke' ? t('revokeNote') : undefined}
          confirmLabel={t(r.label)}
          fields={[reason]}
          onSubmit={v => act(r.action, { reason: v.reason.trim() })}
          onClose={() => setDialog(undefined)}
        />
      ))}
      <ActionDialog
        open={dialog === 'holders'}
        title={t('editHolders')}
        testId="holders"
        fields={[
          {
            name: 'holders',
            label: t('holders'),
            kind: 'multiline',
            helperText: t('holdersHelp'),
            initial: holdersText(s.holders),
            check: v => problem(holdersProblem(v)),
          },
        ]}
        onSubmit={v => act('holders', { holders: holderRefs(v.holders) })}
        onClose={() => setDialog(undefined)}
      />
      <ActionDialog
        open={dialog === 'policy'}
        title={t('editPolicy')}
        testId="policy"
        fields={[
          {
            name: 'requireApproval',
            label: t('requireApproval'),
            kind: 'select',
            options: [
              { value: 'true', label: t('yes') },
              { value: 'false', label: t('no') },
            ],
            initial: String(policy.requireApproval),
          },
          { name: 'documentTypes', label: t('documentTypes'), helperText: t('documentTypesHelp'), initial: policy.documentTypes.join(', '), check: v => problem(documentTypesProblem(v)) },
          { name: 'maxUsesPerApproval', label: t('maxUsesPerApproval'), required: true, initial: String(policy.maxUsesPerApproval ?? 1), check: intCheck(1, 1000, 'usesRange') },
          { name: 'approvalValidDays', label: t('approvalValidDays'), required: true, initial: String(policy.approvalValidDays ?? 7), check: intCheck(1, 365, 'daysRange') },
        ]}
        onSubmit={v => act('policy', policyOfForm({ ...(v as Record<'documentTypes' | 'maxUsesPerApproval' | 'approvalValidDays', string>), requireApproval: v.requireApproval === 'true' }))}
        onClose={() => setDialog(undefined)}
      />
    </Grid>
  );
}
