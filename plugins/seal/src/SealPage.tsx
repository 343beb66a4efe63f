import { Route } from 'react-router-dom';
import { SectionedPage, useT } from '@yinxin/ops-react';
import { messages, MessageId } from './messages';
import { SEAL_SECTIONS, SealSection, homeSection, visibleSections } from './capabilities';
import { useMe } from './components/useMe';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { SealFormPage } from './pages/SealFormPage';
import { SealDetailPage } from './pages/SealDetailPage';
import { RegistryPage } from './pages/RegistryPage';
import { StatusPage } from './pages/StatusPage';
import { UseRequestsPage } from './pages/UseRequestsPage';
import { UsePage } from './pages/UsePage';
import { UsagePage } from './pages/UsagePage';

const TAB_LABELS: Record<SealSection, MessageId> = {
  applications: 'tabApplications',
  registry: 'tabRegistry',
  status: 'tabStatus',
  'use-requests': 'tabUseRequests',
  use: 'tabUse',
  usage: 'tabUsage',
};

/** The seal manager's page: a tab per section the user's roles may see (the status lookup for everyone). */
export function SealPage() {
  const t = useT(messages);
  const me = useMe();
  return (
    <SectionedPage
      base="/seal"
      title={t('title')}
      subtitle={t('subtitle')}
      allSections={SEAL_SECTIONS}
      sections={visibleSections(me.caps)}
      home={homeSection(me.caps)}
      label={s => t(TAB_LABELS[s])}
      loaded={me.loaded}
      testIdPrefix="seal-tab"
    >
      <Route path="/applications" element={<ApplicationsPage />} />
      <Route path="/applications/new" element={<SealFormPage />} />
      <Route path="/applications/:id" element={<SealDetailPage />} />
      <Route path="/registry" element={<RegistryPage />} />
      <Route path="/registry/:id" element={<SealDetailPage />} />
      <Route path="/registry/:id/change" element={<SealFormPage />} />
      <Route path="/status" element={<StatusPage />} />
      <Route path="/use-requests" element={<UseRequestsPage />} />
      <Route path="/use" element={<UsePage />} />
      <Route path="/usage" element={<UsagePage />} />
    </SectionedPage>
  );
}
