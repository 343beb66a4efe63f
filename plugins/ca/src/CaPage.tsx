import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Content, Header, Page, Progress } from '@backstage/core-components';
import { Tab, Tabs, Typography } from '@material-ui/core';
import { useT } from '@yinxin/ops-react';
import { messages, MessageId } from './messages';
import { CA_SECTIONS, CaSection, homeSection, visibleSections } from './capabilities';
import { useMe } from './components/useMe';
import { SubjectsPage } from './pages/SubjectsPage';
import { SubjectPage } from './pages/SubjectPage';
import { NewSubjectPage } from './pages/NewSubjectPage';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { ApplicationPage } from './pages/ApplicationPage';
import { NewApplicationPage } from './pages/NewApplicationPage';
import { CertificatesPage } from './pages/CertificatesPage';
import { CertificatePage } from './pages/CertificatePage';
import { UnlockPage } from './pages/UnlockPage';
import { AdminPage } from './pages/AdminPage';
import { KmcPage } from './pages/KmcPage';
import { PublicationPage } from './pages/PublicationPage';

const TAB_LABELS: Record<CaSection, MessageId> = {
  subjects: 'tabSubjects',
  applications: 'tabApplications',
  certificates: 'tabCertificates',
  unlock: 'tabUnlock',
  admin: 'tabAdmin',
  publication: 'tabPublication',
  kmc: 'tabKmc',
};

/** The certificate service's page: a tab per section the user's roles may see. */
export function CaPage() {
  const t = useT(messages);
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const sections = visibleSections(me.caps);
  const current = CA_SECTIONS.find(s => new RegExp(`^/ca/${s}(/|$)`).test(location.pathname));
  const home = homeSection(me.caps);
  return (
    <Page themeId="tool">
      <Header title={t('title')} subtitle={t('subtitle')} />
      <Content>
        {!me.loaded && <Progress />}
        {me.loaded && !home && <Typography data-testid="ca-no-access">{t('noAccess')}</Typography>}
        {me.loaded && home && (
          <>
            <Tabs
              value={current && sections.includes(current) ? current : false}
              onChange={(_, v) => navigate(`/ca/${v}`)}
              indicatorColor="primary"
              variant="scrollable"
              style={{ marginBottom: 16 }}
              aria-label={t('title')}
            >
              {sections.map(s => (
                <Tab key={s} value={s} label={t(TAB_LABELS[s])} data-testid={`ca-tab-${s}`} />
              ))}
            </Tabs>
            <Routes>
              <Route path="/" element={<Navigate to={`/ca/${home}`} replace />} />
              <Route path="/subjects" element={<SubjectsPage />} />
              <Route path="/subjects/new" element={<NewSubjectPage />} />
              <Route path="/subjects/:id" element={<SubjectPage />} />
              <Route path="/applications" element={<ApplicationsPage />} />
              <Route path="/applications/new" element={<NewApplicationPage />} />
              <Route path="/applications/:id" element={<ApplicationPage />} />
              <Route path="/certificates" element={<CertificatesPage />} />
              <Route path="/certificates/:id" element={<CertificatePage />} />
              <Route path="/unlock" element={<UnlockPage />} />
              <Route path="/admin" element={<AdminPage />} />
              <Route path="/publication" element={<PublicationPage />} />
              <Route path="/kmc" element={<KmcPage />} />
              <Route path="*" element={<Navigate to={`/ca/${home}`} replace />} />
            </Routes>
          </>
        )}
      </Content>
    </Page>
  );
}
