import { Route } from 'react-router-dom';
import { SectionedPage, useT } from '@yinxin/ops-react';
import { messages, MessageId } from './messages';
import { TRAINING_SECTIONS, TrainingSection, homeSection, visibleSections } from './capabilities';
import { useMe } from './components/useMe';
import { TrainingNewsProvider } from './components/news';
import { LibraryPage } from './pages/LibraryPage';
import { LibraryMaterialPage } from './pages/LibraryMaterialPage';
import { MaterialsPage } from './pages/MaterialsPage';
import { MaterialDetailPage } from './pages/MaterialDetailPage';
import { PlansPage } from './pages/PlansPage';
import { PlanDetailPage } from './pages/PlanDetailPage';
import { SessionsPage } from './pages/SessionsPage';
import { SessionDetailPage } from './pages/SessionDetailPage';
import { RecordsPage } from './pages/RecordsPage';

const TAB_LABELS: Record<TrainingSection, MessageId> = {
  library: 'tabLibrary',
  materials: 'tabMaterials',
  plans: 'tabPlans',
  sessions: 'tabSessions',
  records: 'tabRecords',
};

/** The training page: a tab per section the user's roles may see, and live news of new sessions and materials. */
export function TrainingPage() {
  const t = useT(messages);
  const me = useMe();
  return (
    <TrainingNewsProvider>
      <SectionedPage
        base="/training"
        title={t('title')}
        subtitle={t('subtitle')}
        allSections={TRAINING_SECTIONS}
        sections={visibleSections(me.caps)}
        home={homeSection(me.caps)}
        label={s => t(TAB_LABELS[s])}
        loaded={me.loaded}
        noAccess={{ text: t('noAccess'), testId: 'training-no-access' }}
        testIdPrefix="training-tab"
      >
        <Route path="/library" element={<LibraryPage />} />
        <Route path="/library/:id" element={<LibraryMaterialPage />} />
        <Route path="/materials" element={<MaterialsPage />} />
        <Route path="/materials/:id" element={<MaterialDetailPage />} />
        <Route path="/plans" element={<PlansPage />} />
        <Route path="/plans/:id" element={<PlanDetailPage />} />
        <Route path="/sessions" element={<SessionsPage />} />
        <Route path="/sessions/:id" element={<SessionDetailPage />} />
        <Route path="/records" element={<RecordsPage />} />
      </SectionedPage>
    </TrainingNewsProvider>
  );
}
