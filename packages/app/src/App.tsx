
import { Navigate } from 'react-router-dom';
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule, createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';
import { AppRootWrapperBlueprint, NavContentBlueprint, SignInPageBlueprint } from '@backstage/plugin-app-react';
import ticketsPlugin from '@yinxin/plugin-tickets';
import caPlugin from '@yinxin/plugin-ca';
import sealPlugin from '@yinxin/plugin-seal';
import monitorPlugin from '@yinxin/plugin-monitor';
import rosterPlugin from '@yinxin/plugin-roster';
import trainingPlugin from '@yinxin/plugin-training';
import { LanguageProvider } from '@yinxin/ops-react';
import { Nav } from './shell/Nav';
import { SignInPage } from './shell/SignInPage';
import { AuditPage } from './platform/AuditPage';
import { AdminPage } from './platform/AdminPage';
import { AccountPage } from './shell/AccountPage';

/** Platform pages: the auditor's page, administration, the account page. */
const platformPlugin = createFrontendPlugin({
  pluginId: 'platform',
  extensions: [
    PageBlueprint.make({ name: 'home', params: { path: '/', loader: async () => <Navigate to="/tickets" replace /> } }),
    PageBlueprint.make({ name: 'audit', params: { path: '/audit', loader: async () => <AuditPage /> } }),
    PageBlueprint.make({ name: 'account', params: { path: '/account', loader: async () => <AccountPage /> } }),
    PageBlueprint.make({ name: 'admin', params: { path: '/admin', loader: async () => <AdminPage /> } }),
  ],
});

/** The app shell: local sign-in, language provider, our sidebar. */
const shellModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({ params: { loader: async () => SignInPage } }),
    AppRootWrapperBlueprint.make({ params: { component: ({ children }) => <LanguageProvider>{children}</LanguageProvider> } }),
    NavContentBlueprint.make({ params: { component: () => <Nav /> } }),
  ],
});

export default createApp({
  features: [shellModule, platformPlugin, ticketsPlugin, caPlugin, sealPlugin, monitorPlugin, rosterPlugin, trainingPlugin],
});
