import { Route } from 'react-router-dom';
import { SectionedPage, useT } from '@yinxin/ops-react';
import { messages, MessageId } from './messages';
import { ROSTER_SECTIONS, RosterSection, homeSection, visibleSections } from './capabilities';
import { useCaps } from './components/useRoster';
import { CalendarPage } from './pages/CalendarPage';
import { DutyPage } from './pages/DutyPage';
import { PeoplePage } from './pages/PeoplePage';
import { DispatchPage } from './pages/DispatchPage';
import { AttendancePage } from './pages/AttendancePage';
import { SettingsPage } from './pages/SettingsPage';

const TAB_LABELS: Record<RosterSection, MessageId> = {
  calendar: 'tabCalendar',
  duty: 'tabDuty',
  people: 'tabPeople',
  dispatch: 'tabDispatch',
  attendance: 'tabAttendance',
  settings: 'tabSettings',
};

/**
 * The roster page: 值班表, 当前值班, 人员, 派工, 考勤 and 班次与设置 as tabs
 * (`roster-tab-<section>`), each shown to the roles whose rights read it.
 */
export function RosterPage() {
  const t = useT(messages);
  const me = useCaps();
  return (
    <SectionedPage
      base="/roster"
      title={t('title')}
      subtitle={t('subtitle')}
      allSections={ROSTER_SECTIONS}
      sections={visibleSections(me.caps)}
      home={homeSection(me.caps)}
      label={s => t(TAB_LABELS[s])}
      loaded={me.loaded}
      noAccess={{ text: t('noAccess'), testId: 'roster-no-access' }}
      testIdPrefix="roster-tab"
    >
      <Route path="/calendar" element={<CalendarPage />} />
      <Route path="/duty" element={<DutyPage />} />
      <Route path="/people" element={<PeoplePage />} />
      <Route path="/dispatch" element={<DispatchPage />} />
      <Route path="/attendance" element={<AttendancePage />} />
      <Route path="/settings" element={<SettingsPage />} />
    </SectionedPage>
  );
}
