import { Chip } from '@material-ui/core';
import { useT } from '@yinxin/ops-react';
import { messages } from '../messages';

/** The realtime connection indicator (`realtime-status`, with `data-connected`). */
export function RealtimeStatus(props: { connected: boolean }) {
  const t = useT(messages);
  return (
    <Chip
      size="small"
      data-testid="realtime-status"
      data-connected={props.connected ? 'true' : 'false'}
      label={props.connected ? t('live') : t('offline')}
      style={{
        backgroundColor: props.connected ? '#2e7d32' : '#9e9e9e',
        color: '#fff',
      }}
    />
  );
}
