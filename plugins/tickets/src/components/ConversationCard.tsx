import { Divider, Paper, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import type { TicketComment } from '@yinxin/plugin-tickets-common';
import { useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { shortRef } from '../ticketRefs';

/**
 * The ticket's description and conversation. Internal notes (which the backend sends to staff
 * only) have a yellow background, the label 内部备注 and `data-internal="true"`.
 */
export function ConversationCard(props: {
  description: string;
  comments: readonly TicketComment[];
  children?: React.ReactNode;
}) {
  const t = useT(messages);
  return (
    <InfoCard title={t('conversation')}>
      <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }} paragraph>
        {props.description}
      </Typography>
      <Divider />
      {props.comments.length === 0 && (
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ marginTop: 12 }}
        >
          {t('noComments')}
        </Typography>
      )}
      {props.comments.map(c => (
        <Paper
          key={c.id}
          data-testid={`comment-${c.id}`}
          data-internal={c.internal ? 'true' : 'false'}
          className={
            c.internal
              ? 'ticket-comment ticket-comment-internal'
              : 'ticket-comment'
          }
          variant="outlined"
          style={{
            padding: 12,
            margin: '12px 0',
            backgroundColor: c.internal ? '#fff8c4' : undefined,
            borderLeft: c.internal ? '4px solid #f9a825' : undefined,
          }}
        >
          <Typography variant="caption" component="div">
            {shortRef(c.author)} · {new Date(c.createdAt).toLocaleString()}
            {c.internal && <b> · {t('internalNote')}</b>}
          </Typography>
          <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
            {c.body}
          </Typography>
        </Paper>
      ))}
      {props.children}
    </InfoCard>
  );
}
