import { PageBlueprint } from '@backstage/frontend-plugin-api';
import TimelineIcon from '@material-ui/icons/Timeline';

/** The /monitor page (status wall and alerts, alert history, availability, certificate ends, silences, target details). */
export const monitorPage = PageBlueprint.make({
  params: {
    path: '/monitor',
    title: '监控',
    icon: <TimelineIcon />,
    loader: () => import('./MonitorPage').then(m => <m.MonitorPage />),
  },
});
