import { PageBlueprint } from '@backstage/frontend-plugin-api';
import EventIcon from '@material-ui/icons/Event';

/** The /roster page (calendar, on duty now, team, dispatch, attendance, templates and settings). */
export const rosterPage = PageBlueprint.make({
  params: {
    path: '/roster',
    title: '值班排班',
    icon: <EventIcon />,
    loader: () => import('./RosterPage').then(m => <m.RosterPage />),
  },
});
