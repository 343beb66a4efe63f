import { useState } from 'react';
import { Box, Button, TextField } from '@material-ui/core';
import { usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { userRefOf } from '../ticketRefs';
import type { RunAction } from './runAction';

/** Assign to me, auto-assign (the backend's fair assignment), reassign to a named user, unassign. */
export function AssigneeControls(props: {
  ticketId: number;
  me?: string;
  assignee: string | null;
  run: RunAction;
}) {
  const t = useT(messages);
  const client = usePluginClient('tickets');
  const [to, setTo] = useState('');
  const [invalid, setInvalid] = useState(false);
  const assign = (assignee: string | null) =>
    props.run(() =>
      client.post(`/tickets/${props.ticketId}/assign`, { assignee }),
    );

  const reassign = async () => {
    const ref = userRefOf(to);
    setInvalid(!ref);
    if (ref && (await assign(ref))) setTo('');
  };

  return (
    <Box
      mt={2}
      display="flex"
      flexWrap="wrap"
      style={{ gap: 6 }}
      alignItems="flex-start"
    >
      <Button
        size="small"
        variant="outlined"
        data-testid="assign-me"
        disabled={!props.me || props.assignee === props.me}
        onClick={() => props.me && assign(props.me)}
      >
        {t('assignToMe')}
      </Button>
      <Button
        size="small"
        variant="outlined"
        data-testid="assign-auto"
        onClick={() => assign('auto')}
      >
        {t('autoAssign')}
      </Button>
      {props.assignee && (
        <Button
          size="small"
          data-testid="assign-none"
          onClick={() => assign(null)}
        >
          {t('unassign')}
        </Button>
      )}
      <Box display="flex" style={{ gap: 6 }} alignItems="flex-start">
        <TextField
          id="reassign-to"
          size="small"
          label={t('reassignTo')}
          value={to}
          onChange={e => {
            setTo(e.target.value);
            setInvalid(false);
          }}
          error={invalid}
          helperText={invalid ? t('invalidUser') : undefined}
          inputProps={{ name: 'reassign-to', maxLength: 255 }}
        />
        <Button
          size="small"
          data-testid="assign-submit"
          disabled={!to.trim()}
          onClick={reassign}
        >
          {t('reassign')}
        </Button>
      </Box>
    </Box>
  );
}
