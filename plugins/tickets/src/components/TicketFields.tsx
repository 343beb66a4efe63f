import { List, ListItem, ListItemText } from '@material-ui/core';
import { LABELS, LinkedObject, Ticket } from '@yinxin/plugin-tickets-common';
import { useLabel, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { shortRef } from '../ticketRefs';
import { SlaChip } from './SlaChip';

const LINK_LABEL_IDS: Record<LinkedObject['type'], keyof typeof messages> = {
  certificate: 'linkCertificate',
  seal: 'linkSeal',
  host: 'linkHost',
  ticket: 'linkTicket',
  alert: 'linkAlert',
};

/** The ticket's SLA clocks (due, met, breached, paused) and its fields. */
export function TicketFields(props: { ticket: Ticket; now: Date }) {
  const t = useT(messages);
  const label = useLabel();
  const { ticket, now } = props;
  const paused = !!ticket.sla.pausedSince;
  const row = (
    primary: string,
    secondary: React.ReactNode,
    testId?: string,
  ) => (
    <ListItem disableGutters>
      <ListItemText
        primary={primary}
        secondary={<span data-testid={testId}>{secondary}</span>}
        secondaryTypographyProps={{ component: 'div' }}
      />
    </ListItem>
  );
  return (
    <List dense>
      {row(
        t('responseDue'),
        <SlaChip
          clock={ticket.sla.response}
          paused={paused}
          now={now}
          showMet
          testId="sla-response"
        />,
      )}
      {row(
        t('planDue'),
        <SlaChip
          clock={ticket.sla.plan}
          paused={paused}
          now={now}
          showMet
          testId="sla-plan"
        />,
      )}
      {ticket.sla.pausedSince &&
        row(
          t('slaPaused'),
          t('pausedSince', {
            at: new Date(ticket.sla.pausedSince).toLocaleString(),
          }),
        )}
      {row(t('category'), label(LABELS.category[ticket.category]))}
      {row(t('priority'), label(LABELS.priority[ticket.priority]))}
      {row(
        t('kind'),
        ticket.kind === 'problem' ? t('kindProblem') : t('kindRequest'),
      )}
      {row(t('channel'), label(LABELS.channel[ticket.channel]))}
      {row(t('requesterName'), ticket.requesterName)}
      {ticket.requesterContact &&
        row(t('requesterContact'), ticket.requesterContact)}
      {ticket.organisation && row(t('organisation'), ticket.organisation)}
      {row(
        t('assignee'),
        shortRef(ticket.assignee) || t('noAssignee'),
        'ticket-assignee',
      )}
      {row(t('createdAt'), new Date(ticket.createdAt).toLocaleString())}
      {ticket.links.length > 0 &&
        row(
          t('links'),
          ticket.links
            .map(l => `${t(LINK_LABEL_IDS[l.type] ?? 'linkId')} ${l.id}`)
            .join('；'),
          'ticket-links',
        )}
    </List>
  );
}
