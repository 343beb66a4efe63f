import { PageBlueprint } from '@backstage/frontend-plugin-api';
import SchoolIcon from '@material-ui/icons/School';

/** The /training page (library, materials and review, plans, sessions, records). */
export const trainingPage = PageBlueprint.make({
  params: {
    path: '/training',
    title: '培训',
    icon: <SchoolIcon />,
    loader: () => import('./TrainingPage').then(m => <m.TrainingPage />),
  },
});
