import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Menu,
  MenuItem,
  TextField,
} from '@material-ui/core';
import MoreVertIcon from '@material-ui/icons/MoreVert';
import type { Ticket } from '@yinxin/plugin-tickets-common';
import { useErrorText, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { parseTicketTarget } from '../ticketRefs';
import type { RunAction } from './runAction';

type Action = 'merge' | 'split' | 'subtask';

/** The "more actions" menu: merge into another ticket (by number or id), split, add a sub-task. */
export function TicketActionsMenu(props: {
  ticket: Ticket;
  canMerge: boolean;
  canUpdate: boolean;
  run: RunAction;
}) {
  const t = useT(messages);
  const client = usePluginClient('tickets');
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [action, setAction] = useState<Action>();
  const [value, setValue] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { ticket } = props;
  if (ticket.state === 'merged' || (!props.canMerge && !props.canUpdate))
    return null;

  const open = (a: Action) => {
    setAnchor(null);
    setAction(a);
    setValue('');
    setDescription('');
    setProblem(undefined);
  };
  const close = () => setAction(undefined);

  /** The id of the ticket named by the agent; looks a number up through the list search. */
  const resolveTarget = async (): Promise<number | undefined> => {
    const target = parseTicketTarget(value);
    if (!target) {
      setProblem(t('invalidTarget'));
      return undefined;
    }
    if ('id' in target) return target.id;
    const found = await client.get<{ items: Ticket[] }>(
      `/tickets?q=${encodeURIComponent(target.number)}&limit=5`,
    );
    const match = found.items.find(x => x.number === target.number);
    if (!match) setProblem(t('targetNotFound', { target: target.number }));
    return match?.id;
  };

  const confirm = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      let created: Ticket | undefined = undefined;
      if (action === 'merge') {
        const into = await resolveTarget();
        if (into === undefined) return;
        await client.post(`/tickets/${ticket.id}/merge`, { into });
      } else {
        created = await client.post<Ticket>(
          `/tickets/${ticket.id}/${action === 'split' ? 'split' : 'subtasks'}`,
          {
            title: value.trim(),
            description,
          },
        );
      }
      close();
      if (created) navigate(`../${created.id}`);
      else await props.run(async () => undefined);
    } catch (e) {
      // Shown in the dialog, which hides the page's own error banner.
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const titles: Record<Action, keyof typeof messages> = {
    merge: 'merge',
    split: 'split',
    subtask: 'subtask',
  };
  return (
    <>
      <Button
        size="small"
        data-testid="ticket-actions"
        startIcon={<MoreVertIcon />}
        onClick={e => setAnchor(e.currentTarget)}
        aria-haspopup="true"
      >
        {t('actions')}
      </Button>
      <Menu open={!!anchor} anchorEl={anchor} onClose={() => setAnchor(null)}>
        {props.canMerge && (
          <MenuItem data-testid="action-merge" onClick={() => open('merge')}>
            {t('merge')}
          </MenuItem>
        )}
        {props.canMerge && (
          <MenuItem data-testid="action-split" onClick={() => open('split')}>
            {t('split')}
          </MenuItem>
        )}
        {props.canUpdate && (
          <MenuItem
            data-testid="action-subtask"
            onClick={() => open('subtask')}
          >
            {t('subtask')}
          </MenuItem>
        )}
      </Menu>
      <Dialog
        open={!!action}
        onClose={close}
        fullWidth
        maxWidth="sm"
        aria-labelledby="ticket-action-title"
      >
        {action && (
          <DialogTitle id="ticket-action-title">
            {t(titles[action])}
          </DialogTitle>
        )}
        <DialogContent>
          <TextField
            id="ticket-action-value"
            fullWidth
            label={action === 'merge' ? t('mergeInto') : t('newTitle')}
            value={value}
            onChange={e => {
              setValue(e.target.value);
              setProblem(undefined);
            }}
            error={!!problem}
            helperText={problem}
            inputProps={{
              name: action === 'merge' ? 'merge-into' : 'new-title',
              maxLength: 200,
              'data-testid': 'ticket-action-value',
            }}
          />
          {action !== 'merge' && (
            <TextField
              id="ticket-action-description"
              fullWidth
              multiline
              minRows={3}
              label={t('descriptionOptional')}
              value={description}
              onChange={e => setDescription(e.target.value)}
              inputProps={{ name: 'new-description', maxLength: 20000 }}
              style={{ marginTop: 12 }}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t('cancel')}</Button>
          <Button
            color="primary"
            variant="contained"
            data-testid="ticket-action-confirm"
            disabled={busy || !value.trim()}
            onClick={confirm}
          >
            {t('confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
