import { Box, Chip, Typography } from '@material-ui/core';
import { useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { viewerNames } from '../ticketRefs';

/** Who is viewing the ticket now (everyone in the room, oneself included), one chip each. */
export function ViewerChips(props: {
  viewers: readonly { userRef: string }[];
}) {
  const t = useT(messages);
  const names = viewerNames(props.viewers);
  if (names.length === 0) return null;
  return (
    <Box
      display="flex"
      alignItems="center"
      style={{ gap: 4 }}
      data-testid="viewers"
    >
      <Typography variant="caption">{t('viewers')}</Typography>
      {names.map(name => (
        <Chip
          key={name}
          size="small"
          variant="outlined"
          data-testid={`viewer-chip-${name}`}
          label={name}
        />
      ))}
    </Box>
  );
}
