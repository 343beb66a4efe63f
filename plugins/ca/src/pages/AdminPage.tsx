import { useState } from 'react';
import { Button, Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import { KEY_ALGORITHMS, Authority, CertificatePage, IssuancePoint, ProfileInfo } from '@yinxin/plugin-ca-common';
import { ActionDialog, dayOf, StatusChip, useDownload, useErrorText, useLabel, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { authorityTree } from '../authorities';
import { issuanceTotals } from '../chart';
import { certificatePemProblem } from '../csr';
import { CertificateTable } from '../components/CertificateTable';
import { IssuanceChart } from '../components/IssuanceChart';
import { useMe } from '../components/useMe';

/** CA administration: the hierarchy (external-root CSR and import), certificates about to expire, issuance volume, the profiles. */
export function AdminPage() {
  const t = useT(messages);
  const label = useLabel();
  const errorText = useErrorText();
  const client = usePluginClient('ca');
  const download = useDownload('ca');
  const me = useMe();
  const authorities = useLoad(() => client.get<Authority[]>('/authorities'), 'authorities');
  const profiles = useLoad(() => client.get<ProfileInfo[]>('/profiles'), 'profiles');
  const expiring = useLoad(
    () => (me.caps.certificateRead ? client.get<CertificatePage>('/certificates?status=good&expired=false&expiringWithinDays=30&limit=50') : Promise.resolve(undefined)),
    `expiring:${me.caps.certificateRead}`,
  );
  const issuance = useLoad(() => (me.caps.reportRead ? client.get<IssuancePoint[]>('/stats/issuance?days=30') : Promise.resolve(undefined)), `issuance:${me.caps.reportRead}`);
  const [dialog, setDialog] = useState<{ kind: 'external' } | { kind: 'import'; authority: Authority }>();
  const [error, setError] = useState<string>();
  const save = async (path: string, name: string) => {
    setError(undefined);
    try {
      await download(path, name);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const pemCheck = (v: string) => {
    const p = certificatePemProblem(v);
    return p && t(p);
  };
  const totals = issuance.value && issuanceTotals(issuance.value);

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard
          title={t('hierarchy')}
          action={
            me.caps.authorityManage && (
              <Button size="small" variant="outlined" onClick={() => setDialog({ kind: 'external' })} data-testid="authority-add-external" style={{ margin: 8 }}>
                {t('addExternal')}
              </Button>
            )
          }
        >
          {(authorities.error || error) && <Alert severity="error">{authorities.error ?? error}</Alert>}
          <Table size="small" data-testid="authority-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('name')}</TableCell>
                <TableCell>{t('kind')}</TableCell>
                <TableCell>{t('algorithm')}</TableCell>
                <TableCell>{t('subjectDn')}</TableCell>
                <TableCell>{t('validity')}</TableCell>
                <TableCell>{t('status')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {authorityTree(authorities.value ?? []).map(({ authority: a, depth }) => (
                <TableRow key={a.id} data-testid="authority-row" data-kind={a.kind} data-algorithm={a.algorithm}>
                  <TableCell style={{ paddingLeft: 16 + depth * 24 }}>
                    {depth > 0 ? '└ ' : ''}
                    {a.name}
                    {a.externalParent && (
                      <Typography variant="caption" color="textSecondary" display="block">
                        {t('external')}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>{label(LABELS.authorityKind[a.kind])}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{a.algorithm}</TableCell>
                  <TableCell style={{ fontFamily: 'monospace', fontSize: 12 }}>{a.subjectDn}</TableCell>
                  <TableCell>{a.notBefore && `${dayOf(a.notBefore)} – ${dayOf(a.notAfter)}`}</TableCell>
                  <TableCell>
                    <StatusChip status={a.status} label={label(LABELS.authorityStatus[a.status])} />
                  </TableCell>
                  <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                    {a.status !== 'awaiting-certificate' && (
                      <Button size="small" onClick={() => save(`/authorities/${a.id}/certificate?format=pem`, `${a.name}.pem`)} data-testid="authority-download">
                        {t('download')}
                      </Button>
                    )}
                    {me.caps.authorityManage && a.status === 'awaiting-certificate' && (
                      <>
                        <Button size="small" onClick={() => save(`/authorities/${a.id}/csr`, 'issuing-ca.csr')} data-testid="authority-csr">
                          {t('downloadCsr')}
                        </Button>
                        <Button size="small" color="primary" onClick={() => setDialog({ kind: 'import', authority: a })} data-testid="authority-import">
                          {t('importCertificate')}
                        </Button>
                      </>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      {me.caps.reportRead && (
        <Grid item xs={12} md={7}>
          <InfoCard title={t('issuanceChart')} subheader={totals && t('issuanceTotals', totals)}>
            {issuance.error && <Alert severity="error">{issuance.error}</Alert>}
            {issuance.value && <IssuanceChart points={issuance.value} title={t('issuanceChart')} />}
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={me.caps.reportRead ? 5 : 12}>
        <InfoCard title={t('profiles')}>
          <Table size="small" data-testid="profile-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('profile')}</TableCell>
                <TableCell>{t('algorithm')}</TableCell>
                <TableCell>{t('usages')}</TableCell>
                <TableCell>{t('validityDays')}</TableCell>
                <TableCell>{t('requiredApprovals')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(profiles.value ?? []).map(p => (
                <TableRow key={p.id}>
                  <TableCell>{label(p.title)}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>{p.keyAlgorithm}</TableCell>
                  <TableCell>{p.usages.map(u => label(LABELS.usage[u])).join(' + ')}</TableCell>
                  <TableCell>{p.validityDays}</TableCell>
                  <TableCell>{p.requiredApprovals}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      {me.caps.certificateRead && (
        <Grid item xs={12}>
          <InfoCard title={t('expiring')}>
            {expiring.error && <Alert severity="error">{expiring.error}</Alert>}
            {expiring.value && <CertificateTable items={expiring.value.items} daysLeft testId="expiring-table" />}
          </InfoCard>
        </Grid>
      )}
      <ActionDialog
        open={dialog?.kind === 'external'}
        title={t('addExternal')}
        testId="external"
        fields={[
          { name: 'name', label: t('caName'), required: true, maxLength: 64 },
          { name: 'algorithm', label: t('algorithm'), kind: 'select', options: KEY_ALGORITHMS.map(a => ({ value: a, label: a })) },
        ]}
        onSubmit={async v => {
          await client.post('/authorities/external', { name: v.name.trim(), algorithm: v.algorithm });
          authorities.reload();
        }}
        onClose={() => setDialog(undefined)}
      />
      <ActionDialog
        open={dialog?.kind === 'import'}
        title={t('importCertificate')}
        testId="import"
        fields={[
          { name: 'certificatePem', label: t('caCertificatePem'), kind: 'multiline', required: true, check: pemCheck },
          { name: 'anchorPem', label: t('anchorPem'), kind: 'multiline', required: true, check: pemCheck },
        ]}
        onSubmit={async v => {
          if (dialog?.kind !== 'import') return;
          await client.post(`/authorities/${dialog.authority.id}/certificate`, { certificatePem: v.certificatePem.trim(), anchorPem: v.anchorPem.trim() });
          authorities.reload();
        }}
        onClose={() => setDialog(undefined)}
      />
    </Grid>
  );
}
