import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Grid } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import type { CertificatePage, Subject } from '@yinxin/plugin-ca-common';
import { Facts, shortRef, useLabel, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { displayIdNumber } from '../identity';
import { CertificateTable } from '../components/CertificateTable';
import { useMe } from '../components/useMe';

/** One subscriber: their record (identity masked) and their certificates. */
export function SubjectPage() {
  const { id = '' } = useParams();
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('ca');
  const navigate = useNavigate();
  const me = useMe();
  const subject = useLoad(() => client.get<Subject>(`/subjects/${encodeURIComponent(id)}`), id);
  const certificates = useLoad(
    () => (me.caps.certificateRead ? client.get<CertificatePage>(`/certificates?subjectId=${encodeURIComponent(id)}&limit=100`) : Promise.resolve(undefined)),
    `${id}:${me.caps.certificateRead}`,
  );
  if (subject.error) return <Alert severity="error">{subject.error}</Alert>;
  const s = subject.value;
  if (!s) return <Progress />;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={5}>
        <InfoCard title={s.name}>
          <Facts
            facts={[
              { label: t('subjectKind'), value: label(LABELS.subjectKind[s.kind]) },
              { label: t('organisation'), value: s.organisation },
              { label: t('orgUnit'), value: s.orgUnit },
              { label: t('idType'), value: s.idType && label(LABELS.idType[s.idType]) },
              { label: t('idNumber'), value: displayIdNumber(s.idNumberMasked), mono: true, testId: 'subject-id-number' },
              { label: t('creditCode'), value: s.creditCode, mono: true },
              { label: t('dnsNames'), value: s.dnsNames?.join(', '), mono: true },
              { label: t('province'), value: s.province },
              { label: t('city'), value: s.city },
              { label: t('phone'), value: s.phone },
              { label: t('email'), value: s.email },
              { label: t('createdBy'), value: shortRef(s.createdBy) },
              { label: t('createdAt'), value: when(s.createdAt) },
            ]}
          />
          {me.caps.applicationCreate && (
            <Box marginTop={2}>
              <Button variant="contained" color="primary" onClick={() => navigate(`/ca/applications/new?subject=${s.id}`)} data-testid="apply-for-subject">
                {t('newApplicationFor')}
              </Button>
            </Box>
          )}
        </InfoCard>
      </Grid>
      {me.caps.certificateRead && (
        <Grid item xs={12} md={7}>
          <InfoCard title={t('subjectCertificates')}>
            {certificates.error && <Alert severity="error">{certificates.error}</Alert>}
            {certificates.value && <CertificateTable items={certificates.value.items} />}
          </InfoCard>
        </Grid>
      )}
    </Grid>
  );
}
