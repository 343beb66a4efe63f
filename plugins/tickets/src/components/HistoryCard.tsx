import { List, ListItem, ListItemText } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import {
  Channel,
  LABELS,
  TicketEvent,
  TicketState,
} from '@yinxin/plugin-tickets-common';
import { useLabel, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { EventLabels, eventText } from '../history';
import { shortRef } from '../ticketRefs';

const FIELD_IDS: Record<string, keyof typeof messages> = {
  title: 'ticketTitle',
  category: 'category',
  priority: 'priority',
  kind: 'kind',
  organisation: 'organisation',
  links: 'links',
};

/** The ticket's history (sent by the backend to staff only), newest last, in the UI language. */
export function HistoryCard(props: { events: readonly TicketEvent[] }) {
  const t = useT(messages);
  const label = useLabel();
  const labels: EventLabels = {
    state: s => label(LABELS.state[s as TicketState]) || s,
    channel: c => label(LABELS.channel[c as Channel]) || c,
    field: f => (FIELD_IDS[f] ? t(FIELD_IDS[f]) : f),
  };
  if (props.events.length === 0) return null;
  return (
    <InfoCard title={t('history')}>
      <List dense data-testid="ticket-history">
        {props.events.map(ev => {
          const text = eventText(ev, labels);
          return (
            <ListItem key={ev.id} disableGutters data-event-type={ev.type}>
              <ListItemText
                primary={t(text.id, text.params)}
                secondary={`${shortRef(ev.actor)} · ${new Date(
                  ev.at,
                ).toLocaleString()}`}
              />
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}
