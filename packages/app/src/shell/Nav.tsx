
import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarSpace,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import MenuIcon from '@material-ui/icons/Menu';
import HeadsetMicIcon from '@material-ui/icons/HeadsetMic';
import EventIcon from '@material-ui/icons/Event';
import SchoolIcon from '@material-ui/icons/School';
import TimelineIcon from '@material-ui/icons/Timeline';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import GavelIcon from '@material-ui/icons/Gavel';
import HistoryIcon from '@material-ui/icons/History';
import SettingsIcon from '@material-ui/icons/Settings';
import TranslateIcon from '@material-ui/icons/Translate';
import ExitToAppIcon from '@material-ui/icons/ExitToApp';
import VpnKeyIcon from '@material-ui/icons/VpnKey';
import { useLanguage, useT } from '@yinxin/ops-react';
import { shellMessages } from './messages';

/** The sidebar: every plugin of the roadmap, the language switch and sign-out. */
export function Nav() {
  const t = useT(shellMessages);
  const { lang, setLang } = useLanguage();
  const identity = useApi(identityApiRef);
  return (
    <Sidebar>
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        <SidebarItem icon={HeadsetMicIcon} to="/tickets" text={t('navTickets')} />
        <SidebarItem icon={EventIcon} to="/roster" text={t('navRoster')} />
        <SidebarItem icon={SchoolIcon} to="/training" text={t('navTraining')} />
        <SidebarItem icon={TimelineIcon} to="/monitor" text={t('navMonitor')} />
        <SidebarItem icon={VerifiedUserIcon} to="/ca" text={t('navCa')} />
        <SidebarItem icon={GavelIcon} to="/seal" text={t('navSeal')} />
        <SidebarDivider />
        <SidebarItem icon={HistoryIcon} to="/audit" text={t('navAudit')} />
        <SidebarItem icon={SettingsIcon} to="/admin" text={t('navAdmin')} />
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      <SidebarItem
        icon={TranslateIcon}
        text={t('language')}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        data-testid="language-switch"
      />
      <SidebarItem icon={VpnKeyIcon} to="/account" text={t('changePassword')} />
      <SidebarItem icon={ExitToAppIcon} text={t('signOut')} onClick={() => identity.signOut()} />
    </Sidebar>
  );
}
