import { useState } from 'react';
import { Box, Button, TextField } from '@material-ui/core';
import {
  LABELS,
  TRANSITIONS,
  TicketState,
} from '@yinxin/plugin-tickets-common';
import { useLabel, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import type { RunAction } from './runAction';

/** The lifecycle buttons: exactly the transitions {@link TRANSITIONS} allows from the current state, with an optional note. */
export function TransitionBar(props: {
  ticketId: number;
  state: TicketState;
  run: RunAction;
}) {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('tickets');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const targets = TRANSITIONS[props.state];
  if (targets.length === 0) return null;

  const move = async (to: TicketState) => {
    setBusy(true);
    const ok = await props.run(() =>
      client.post(`/tickets/${props.ticketId}/transition`, {
        to,
        note: note.trim() || undefined,
      }),
    );
    setBusy(false);
    if (ok) setNote('');
  };

  return (
    <Box mt={1}>
      <TextField
        id="transition-note"
        fullWidth
        size="small"
        multiline
        label={t('transitionNote')}
        value={note}
        onChange={e => setNote(e.target.value)}
        inputProps={{ maxLength: 20000, name: 'transition-note' }}
      />
      <Box display="flex" flexWrap="wrap" mt={1} style={{ gap: 6 }}>
        {targets.map(to => (
          <Button
            key={to}
            size="small"
            variant="outlined"
            disabled={busy}
            data-testid={`transition-${to}`}
            onClick={() => move(to)}
          >
            {t('moveTo', { state: label(LABELS.state[to]) })}
          </Button>
        ))}
      </Box>
    </Box>
  );
}
