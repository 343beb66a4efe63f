import { Route } from 'react-router-dom';
import { SectionedPage, useT } from '@yinxin/ops-react';
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
  return (
    <SectionedPage
      base="/ca"
      title={t('title')}
      subtitle={t('subtitle')}
      allSections={CA_SECTIONS}
      sections={visibleSections(me.caps)}
      home={homeSection(me.caps)}
      label={s => t(TAB_LABELS[s])}
      loaded={me.loaded}
      noAccess={{ text: t('noAccess'), testId: 'ca-no-access' }}
      testIdPrefix="ca-tab"
    >
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
    </SectionedPage>
  );
}
