import { Route } from 'react-router-dom';
import { SectionedPage, useT } from '@yinxin/ops-react';
import { messages, MessageId } from './messages';
import { MONITOR_SECTIONS, MonitorSection, homeSection, visibleSections } from './capabilities';
import { useMe } from './components/useMe';
import { WallPage } from './pages/WallPage';
import { HistoryPage } from './pages/HistoryPage';
import { AvailabilityPage } from './pages/AvailabilityPage';
import { CertificatesPage } from './pages/CertificatesPage';
import { SilencesPage } from './pages/SilencesPage';
import { TargetPage } from './pages/TargetPage';

const TAB_LABELS: Record<MonitorSection, MessageId> = {
  wall: 'tabWall',
  history: 'tabHistory',
  availability: 'tabAvailability',
  certificates: 'tabCertificates',
  silences: 'tabSilences',
};

/**
 * The monitor page: 状态墙 (the live wall and active alerts), 告警历史, 可用性, 证书到期 and
 * 静默与维护 as tabs (`monitor-tab-<section>`), and a target's detail at `/monitor/targets/:id`.
 */
export function MonitorPage() {
  const t = useT(messages);
  const me = useMe();
  return (
    <SectionedPage
      base="/monitor"
      title={t('title')}
      subtitle={t('subtitle')}
      allSections={MONITOR_SECTIONS}
      sections={visibleSections(me.caps)}
      home={homeSection(me.caps)}
      label={s => t(TAB_LABELS[s])}
      loaded={me.loaded}
      noAccess={{ text: t('noAccess'), testId: 'monitor-no-access' }}
      testIdPrefix="monitor-tab"
    >
      <Route path="/wall" element={<WallPage />} />
      <Route path="/history" element={<HistoryPage />} />
      <Route path="/availability" element={<AvailabilityPage />} />
      <Route path="/certificates" element={<CertificatesPage />} />
      <Route path="/silences" element={<SilencesPage />} />
      <Route path="/targets/:id" element={<TargetPage />} />
    </SectionedPage>
  );
}
