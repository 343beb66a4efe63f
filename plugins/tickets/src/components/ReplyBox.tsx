import { useEffect, useState } from 'react';
import {
  Box,
  Button,
  FormControlLabel,
  Switch,
  TextField,
} from '@material-ui/core';
import type { CannedReply } from '@yinxin/plugin-tickets-common';
import { NativeSelect, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import type { RunAction } from './runAction';

const toggleInputProps: React.InputHTMLAttributes<HTMLInputElement> & {
  'data-testid': string;
} = {
  'data-testid': 'reply-internal-toggle',
};

/**
 * The reply box: a reply to the requester, or (for staff, with the toggle) an internal note; staff
 * can start from a canned reply.
 */
export function ReplyBox(props: {
  ticketId: number;
  canNote: boolean;
  canUseCanned: boolean;
  run: RunAction;
}) {
  const t = useT(messages);
  const client = usePluginClient('tickets');
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [busy, setBusy] = useState(false);
  const [canned, setCanned] = useState<CannedReply[]>([]);

  useEffect(() => {
    if (!props.canUseCanned) return undefined;
    let cancelled = false;
    // A role without canned replies gets 403: the picker simply stays hidden.
    client.get<{ items: CannedReply[] }>('/canned').then(
      r => !cancelled && setCanned(r.items),
      () => !cancelled && setCanned([]),
    );
    return () => {
      cancelled = true;
    };
  }, [client, props.canUseCanned]);

  const send = async () => {
    setBusy(true);
    const ok = await props.run(() =>
      client.post(`/tickets/${props.ticketId}/comments`, { body, internal }),
    );
    setBusy(false);
    if (ok) setBody('');
  };

  return (
    <Box mt={2} data-testid="reply-box">
      {canned.length > 0 && (
        <NativeSelect
          id="reply-canned"
          name="canned"
          label={t('canned')}
          value=""
          onChange={e => {
            const chosen = canned.find(c => String(c.id) === e.target.value);
            if (chosen) setBody(b => (b ? `${b}\n` : '') + chosen.body);
          }}
          emptyLabel=""
          options={canned.map(c => ({ value: String(c.id), label: c.title }))}
          style={{ minWidth: 240, marginBottom: 8 }}
        />
      )}
      <TextField
        id="reply-input"
        fullWidth
        multiline
        minRows={3}
        variant="outlined"
        label={internal ? t('noteLabel') : t('replyLabel')}
        value={body}
        onChange={e => setBody(e.target.value)}
        placeholder={internal ? t('notePlaceholder') : t('replyPlaceholder')}
        inputProps={{
          'data-testid': 'reply-input',
          maxLength: 20000,
          name: 'reply',
        }}
        style={internal ? { backgroundColor: '#fffde7' } : undefined}
      />
      <Box display="flex" alignItems="center" mt={1} style={{ gap: 8 }}>
        {props.canNote && (
          <FormControlLabel
            control={
              <Switch
                checked={internal}
                onChange={e => setInternal(e.target.checked)}
                inputProps={toggleInputProps}
              />
            }
            label={t('internalNote')}
          />
        )}
        <Button
          variant="contained"
          color={internal ? 'default' : 'primary'}
          data-testid="reply-submit"
          disabled={busy || !body.trim()}
          onClick={send}
        >
          {internal ? t('internalNote') : t('send')}
        </Button>
      </Box>
    </Box>
  );
}
