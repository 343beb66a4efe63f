import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import { Tab, Tabs } from '@material-ui/core';
import { useT } from '@yinxin/ops-react';
import { messages } from './messages';
import { QueuePage } from './QueuePage';
import { NewTicketPage } from './NewTicketPage';
import { TicketPage } from './TicketPage';
import { KbPage } from './KbPage';
import { ReportsPage } from './ReportsPage';

/** The tickets plugin's page, with its sub-pages. */
export function TicketsPage() {
  const t = useT(messages);
  const location = useLocation();
  const navigate = useNavigate();
  const section = /\/tickets\/(kb|reports)(\/|$)/.exec(location.pathname)?.[1];
  const tab = section ?? 'queue';
  return (
    <Page themeId="tool">
      <Header title={t('title')} subtitle={t('subtitle')} />
      <Content>
        {/* Inside Content: the Page grid would otherwise give the tabs a column of their own. */}
        <Tabs value={tab} onChange={(_, v) => navigate(v === 'queue' ? '/tickets' : `/tickets/${v}`)} indicatorColor="primary" style={{ marginBottom: 16 }} aria-label={t('title')}>
          <Tab value="queue" label={t('tabQueue')} />
          <Tab value="kb" label={t('tabKb')} />
          <Tab value="reports" label={t('tabReports')} />
        </Tabs>
        <Routes>
          <Route path="/" element={<QueuePage />} />
          <Route path="/new" element={<NewTicketPage />} />
          <Route path="/kb" element={<KbPage />} />
          <Route path="/kb/:articleId" element={<KbPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/:id" element={<TicketPage />} />
          <Route path="*" element={<QueuePage />} />
        </Routes>
      </Content>
    </Page>
  );
}
