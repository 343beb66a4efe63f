import { PageBlueprint } from '@backstage/frontend-plugin-api';
import GavelIcon from '@material-ui/icons/Gavel';

/** The /seal page (applications, registry, status lookup, use approvals, sealing, usage log). */
export const sealPage = PageBlueprint.make({
  params: {
    path: '/seal',
    title: '电子印章',
    icon: <GavelIcon />,
    loader: () => import('./SealPage').then(m => <m.SealPage />),
  },
});
