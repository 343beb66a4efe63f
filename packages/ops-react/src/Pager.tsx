import { Box, Button, Typography } from '@material-ui/core';
import { useT } from './i18n';
import { commonMessages } from './messages';

/** Total count and previous/next buttons of a paged table. `page` is zero-based. */
export function Pager(props: { total: number; page: number; pageSize: number; onPage: (page: number) => void }) {
  const t = useT(commonMessages);
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <Box display="flex" alignItems="center" justifyContent="flex-end" style={{ gap: 12, marginTop: 8 }}>
      <Typography variant="body2" data-testid="pager-total">
        {t('total', { n: props.total })} · {t('pageOf', { page: props.page + 1, pages })}
      </Typography>
      <Button size="small" disabled={props.page <= 0} onClick={() => props.onPage(props.page - 1)}>
        {t('previous')}
      </Button>
      <Button size="small" disabled={props.page + 1 >= pages} onClick={() => props.onPage(props.page + 1)}>
        {t('next')}
      </Button>
    </Box>
  );
}
