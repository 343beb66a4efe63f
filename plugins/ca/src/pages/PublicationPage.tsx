import { useState } from 'react';
import { Box, Button, Grid, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { Authority, CrlStatus, LdapStatus, PublicationServices } from '@yinxin/plugin-ca-common';
import { ActionDialog, StatusChip, useLabel, useLoad, useNotice, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { authorityTree } from '../authorities';
import { useMe } from '../components/useMe';

/** CRLs per authority, the public service URLs and LDAP publication, with the actions to force them. */
export function PublicationPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('ca');
  const me = useMe();
  const authorities = useLoad(() => client.get<Authority[]>('/authorities'), 'authorities');
  const crls = useLoad(() => client.get<CrlStatus[]>('/crls'), 'crls');
  const services = useLoad(() => client.get<PublicationServices>('/public/services'), 'services');
  const ldap = useLoad(() => client.get<LdapStatus>('/ldap/status'), 'ldap');
  const { run, view: noticeView } = useNotice();
  const [republish, setRepublish] = useState(false);
  const now = Date.now();

  const issue = (issuerId: string, kind: 'full' | 'delta') =>
    run(async () => {
      await client.post(`/crls/${issuerId}/issue`, { kind });
      crls.reload();
    }, t('done'));

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <InfoCard title={t('crls')}>
          {noticeView('publication-notice')}
          {(crls.error || authorities.error) && <Alert severity="error">{crls.error ?? authorities.error}</Alert>}
          <Table size="small" data-testid="crl-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('issuer')}</TableCell>
                <TableCell>{t('crlKind')}</TableCell>
                <TableCell>{t('crlNumber')}</TableCell>
                <TableCell>{t('entries')}</TableCell>
                <TableCell>{t('thisUpdate')}</TableCell>
                <TableCell>{t('nextUpdate')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {authorityTree(authorities.value ?? []).flatMap(({ authority: a, depth }) =>
                (['full', 'delta'] as const).map(kind => {
                  const crl = crls.value?.find(c => c.issuerId === a.id && c.kind === kind);
                  const stale = crl && Date.parse(crl.nextUpdate) < now;
                  return (
                    <TableRow key={`${a.id}-${kind}`} data-testid="crl-row" data-issuer={a.id} data-kind={kind} data-number={crl?.number ?? ''}>
                      <TableCell style={{ paddingLeft: 16 + depth * 24 }}>{kind === 'full' ? a.name : ''}</TableCell>
                      <TableCell>
                        {crl ? (
                          <Link href={crl.url} target="_blank" rel="noopener">
                            {t(kind === 'full' ? 'crlFull' : 'crlDelta')}
                          </Link>
                        ) : (
                          t(kind === 'full' ? 'crlFull' : 'crlDelta')
                        )}
                      </TableCell>
                      <TableCell>{crl?.number ?? '—'}</TableCell>
                      <TableCell>{crl?.entries ?? '—'}</TableCell>
                      <TableCell>{when(crl?.thisUpdate)}</TableCell>
                      <TableCell>
                        {when(crl?.nextUpdate)} {stale && <StatusChip status="failed" label={t('crlStale')} />}
                      </TableCell>
                      <TableCell align="right">
                        {me.caps.authorityManage && a.status === 'active' && (
                          <Button size="small" onClick={() => issue(a.id, kind)} data-testid="crl-issue">
                            {t('issueCrl')}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                }),
              )}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('ldap')}>
          {ldap.error && <Alert severity="error">{ldap.error}</Alert>}
          {ldap.value && ldap.value.state !== 'enabled' && (
            <Alert severity="warning" data-testid="ldap-not-configured" data-state={ldap.value.state}>
              {ldap.value.state === 'not-configured' ? t('ldapNotConfigured') : ldap.value.message}
            </Alert>
          )}
          {ldap.value?.state === 'enabled' && (
            <>
              <Typography variant="body2" style={{ fontFamily: 'monospace', marginBottom: 8 }} data-testid="ldap-directory">
                {t('ldapDirectory')}：{ldap.value.url} · {ldap.value.baseDn}
              </Typography>
              <Box display="flex" style={{ gap: 32, marginBottom: 8 }} data-testid="ldap-counts">
                {(
                  [
                    ['pending', 'pending'],
                    ['done', 'published'],
                    ['failed', 'failedItems'],
                  ] as const
                ).map(([status, name]) => (
                  <Box key={status}>
                    <Typography variant="h5" data-testid={`ldap-count-${status}`}>
                      {ldap.value!.counts[status]}
                    </Typography>
                    <Typography variant="body2" color="textSecondary">
                      {t(name)}
                    </Typography>
                  </Box>
                ))}
              </Box>
              {ldap.value.oldestPendingAt && (
                <Typography variant="body2">
                  {t('oldestPending')}：{when(ldap.value.oldestPendingAt)}
                </Typography>
              )}
              {ldap.value.lastError && (
                <Alert severity="error" style={{ marginTop: 8 }}>
                  {t('lastError')}：{ldap.value.lastError.error}（{when(ldap.value.lastError.at)}）
                </Alert>
              )}
              <Table size="small" data-testid="ldap-table" style={{ marginTop: 8 }}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('objectKind')}</TableCell>
                    <TableCell>DN</TableCell>
                    <TableCell>{t('status')}</TableCell>
                    <TableCell>{t('attempts')}</TableCell>
                    <TableCell>{t('updatedAt')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {ldap.value.items.map(item => (
                    <TableRow key={`${item.kind}-${item.objectId}`} data-testid="ldap-row" data-status={item.status}>
                      <TableCell>{label(LABELS.publishKind[item.kind])}</TableCell>
                      <TableCell style={{ fontFamily: 'monospace', fontSize: 11, wordBreak: 'break-all' }} title={item.lastError ?? undefined}>
                        {item.dn}
                      </TableCell>
                      <TableCell>
                        <StatusChip status={item.status} label={label(LABELS.publishStatus[item.status])} />
                      </TableCell>
                      <TableCell>{item.attempts}</TableCell>
                      <TableCell>{when(item.updatedAt)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {me.caps.authorityManage && (
                <Box marginTop={2}>
                  <Button variant="outlined" onClick={() => setRepublish(true)} data-testid="ldap-republish">
                    {t('republish')}
                  </Button>
                </Box>
              )}
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title={t('services')}>
          {services.error && <Alert severity="error">{services.error}</Alert>}
          {services.value && (
            <Box data-testid="service-urls">
              {services.value.authorities.map(a => (
                <Box key={a.id} marginBottom={1}>
                  <Typography variant="subtitle2">{a.name}</Typography>
                  <Typography variant="body2" style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                    {t('ocspUrl')}：{a.ocsp}
                    <br />
                    {t('crlUrl')}：{a.crl}
                  </Typography>
                </Box>
              ))}
              <Typography variant="subtitle2" style={{ marginTop: 8 }}>
                {t('tsaUrls')}
              </Typography>
              <Typography variant="body2" style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }} data-testid="tsa-urls">
                SM2：{services.value.tsa.sm2}
                <br />
                RSA：{services.value.tsa.rsa}
                <br />
                {t('tsaPolicy')}：{services.value.tsa.policy}
              </Typography>
            </Box>
          )}
        </InfoCard>
      </Grid>
      <ActionDialog
        open={republish}
        title={t('republish')}
        testId="republish"
        note={t('republishConfirm')}
        onSubmit={async () => {
          await client.post('/ldap/republish', {});
          ldap.reload();
        }}
        onClose={() => setRepublish(false)}
      />
    </Grid>
  );
}
