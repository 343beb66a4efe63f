import { PageBlueprint } from '@backstage/frontend-plugin-api';
import HeadsetMicIcon from '@material-ui/icons/HeadsetMic';

/** The /tickets page (queue, ticket, new ticket, knowledge base, reports). */
export const ticketsPage = PageBlueprint.make({
  params: {
    path: '/tickets',
    title: '工单',
    icon: <HeadsetMicIcon />,
    loader: () => import('./TicketsPage').then(m => <m.TicketsPage />),
  },
});
