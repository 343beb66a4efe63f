import { useEffect, useState } from 'react';
import { Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, IconButton, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import { useT, useErrorText, errorReason } from '@yinxin/ops-react';
import type { Person, Rotation, ShiftTemplate } from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { isSlug, move } from '../forms';
import { RoleChips } from './RoleChips';

/**
 * A rotation's editor (`rotation-dialog`): its name, the templates it takes turns on, and its
 * members in rotation order (chosen people first, moved up and down).
 */
export function RotationDialog(props: { open: boolean; rotation?: Rotation; templates: readonly ShiftTemplate[]; people: readonly Person[]; onClose: () => void; onSaved: () => void }) {
  const t = useT(messages);
  const api = useRosterApi();
  const errorText = useErrorText();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [templateIds, setTemplateIds] = useState<string[]>([]);
  const [order, setOrder] = useState<string[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [error, setError] = useState<{ text: string; reason?: string }>();
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (!props.open) return;
    const r = props.rotation;
    setId(r?.id ?? '');
    setName(r?.name ?? '');
    setTemplateIds(r?.templateIds ?? []);
    const members = r?.members ?? [];
    setOrder([...members, ...props.people.filter(p => !members.includes(p.id)).map(p => p.id)]);
    setChosen(new Set(members));
    setError(undefined);
    setTouched(false);
    // Reset when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open]);
  const byId = new Map(props.people.map(p => [p.id, p]));
  const members = order.filter(x => chosen.has(x));
  const problems = { id: !isSlug(id), name: !name.trim(), templates: templateIds.length === 0, members: members.length === 0 };
  const save = async () => {
    setTouched(true);
    if (Object.values(problems).some(Boolean)) return;
    try {
      await api.putRotation(id, { name: name.trim(), templateIds, members });
      props.onSaved();
      props.onClose();
    } catch (e) {
      setError({ text: errorText(e), reason: errorReason(e) });
    }
  };
  return (
    <Dialog open={props.open} onClose={props.onClose} fullWidth maxWidth="sm" data-testid="rotation-dialog">
      <DialogTitle>{props.rotation ? props.rotation.name : t('newRotation')}</DialogTitle>
      <DialogContent>
        <TextField
          label={t('rotationId')}
          value={id}
          disabled={!!props.rotation}
          onChange={e => setId(e.target.value.trim())}
          inputProps={{ name: 'id', maxLength: 40 }}
          error={touched && problems.id}
          helperText={touched && problems.id ? t('badSlug') : t('templateIdHelp')}
          fullWidth
          margin="dense"
        />
        <TextField label={t('templateName')} value={name} onChange={e => setName(e.target.value)} inputProps={{ name: 'name', maxLength: 64 }} error={touched && problems.name} helperText={touched && problems.name ? t('required') : undefined} fullWidth margin="dense" />
        <FormLabel component="legend" style={{ fontSize: 12, marginTop: 8 }} error={touched && problems.templates}>
          {t('rotationTemplates')}
        </FormLabel>
        <FormGroup row>
          {props.templates.map(x => (
            <FormControlLabel
              key={x.id}
              label={x.name}
              control={<Checkbox size="small" name="templateIds" value={x.id} checked={templateIds.includes(x.id)} onChange={e => setTemplateIds(cur => (e.target.checked ? [...cur, x.id] : cur.filter(y => y !== x.id)))} />}
            />
          ))}
        </FormGroup>
        <FormLabel component="legend" style={{ fontSize: 12, marginTop: 8 }} error={touched && problems.members}>
          {t('rotationMembers')}
        </FormLabel>
        {order.map((pid, i) => {
          const p = byId.get(pid);
          if (!p) return null;
          return (
            <Box key={pid} display="flex" alignItems="center" style={{ gap: 8 }} data-testid="rotation-member" data-person={pid}>
              <Checkbox size="small" name="members" value={pid} checked={chosen.has(pid)} onChange={e => setChosen(cur => (e.target.checked ? new Set([...cur, pid]) : new Set([...cur].filter(x => x !== pid))))} />
              <Typography variant="body2" style={{ minWidth: 80 }}>
                {chosen.has(pid) ? `${members.indexOf(pid) + 1}. ` : ''}
                {p.name}
              </Typography>
              <RoleChips roles={p.roles} />
              <Box flexGrow={1} />
              <IconButton size="small" aria-label={t('moveUp')} onClick={() => setOrder(o => move(o, i, -1))}>
                <ArrowUpwardIcon fontSize="small" />
              </IconButton>
              <IconButton size="small" aria-label={t('moveDown')} onClick={() => setOrder(o => move(o, i, 1))}>
                <ArrowDownwardIcon fontSize="small" />
              </IconButton>
            </Box>
          );
        })}
        {error && (
          <Alert severity="error" style={{ marginTop: 8 }} data-testid="rotation-error" data-reason={error.reason}>
            {error.text}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('cancel')}</Button>
        <Button variant="contained" color="primary" onClick={save} data-testid="rotation-confirm">
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
