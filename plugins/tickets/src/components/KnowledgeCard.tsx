import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import {
  Link,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { KbArticle, LABELS } from '@yinxin/plugin-tickets-common';
import { NativeSelect, useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import type { RunAction } from './runAction';

/** Knowledge-base articles linked to the ticket, and a picker to link another one. */
export function KnowledgeCard(props: {
  ticketId: number;
  articles: readonly KbArticle[];
  canLink: boolean;
  run: RunAction;
}) {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('tickets');
  const [all, setAll] = useState<KbArticle[]>([]);

  useEffect(() => {
    if (!props.canLink) return undefined;
    let cancelled = false;
    client.get<{ items: KbArticle[] }>('/kb').then(
      r => !cancelled && setAll(r.items),
      () => !cancelled && setAll([]),
    );
    return () => {
      cancelled = true;
    };
  }, [client, props.canLink]);

  const linked = new Set(props.articles.map(a => a.id));
  const candidates = all.filter(a => !linked.has(a.id));
  return (
    <InfoCard title={t('knowledge')}>
      {props.articles.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('noArticles')}
        </Typography>
      )}
      <List dense data-testid="linked-articles">
        {props.articles.map(a => (
          <ListItem key={a.id} disableGutters>
            <ListItemText
              primary={
                <Link component={RouterLink} to={`../kb/${a.id}`}>
                  {a.title}
                </Link>
              }
              secondary={label(LABELS.category[a.category])}
            />
          </ListItem>
        ))}
      </List>
      {props.canLink && candidates.length > 0 && (
        <NativeSelect
          id="link-article"
          name="link-article"
          label={t('linkArticle')}
          value=""
          fullWidth
          onChange={e => {
            const articleId = Number(e.target.value);
            if (articleId)
              props.run(() =>
                client.post(`/tickets/${props.ticketId}/kb`, { articleId }),
              );
          }}
          emptyLabel=""
          options={candidates.map(a => ({
            value: String(a.id),
            label: a.title,
          }))}
        />
      )}
    </InfoCard>
  );
}
