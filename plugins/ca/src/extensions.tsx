import { PageBlueprint } from '@backstage/frontend-plugin-api';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';

/** The /ca page (subjects, applications, certificates, unlock, CA administration, KMC). */
export const caPage = PageBlueprint.make({
  params: {
    path: '/ca',
    title: '证书服务',
    icon: <VerifiedUserIcon />,
    loader: () => import('./CaPage').then(m => <m.CaPage />),
  },
});
