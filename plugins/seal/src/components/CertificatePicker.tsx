import { useState } from 'react';
import { Box, Chip, List, ListItem, ListItemText, TextField, Typography } from '@material-ui/core';
import type { CertificatePage } from '@yinxin/plugin-ca-common';
import { dayOf, useLoad, usePluginClient, useT } from '@yinxin/ops-react';
import { messages } from '../messages';
import { signingCertificateQuery } from '../queries';

/** What the picker shows of a certificate it has chosen. */
export interface PickedCertificate {
  id: string;
  serial: string;
  subject: string;
}

/**
 * Picks the holders' signing certificates from the CA (good, unexpired, signing usage) for a
 * holder-key seal: search, add, remove. `value` holds the chosen ids, `picked` what to show of them.
 */
export function CertificatePicker(props: {
  picked: readonly PickedCertificate[];
  onChange: (picked: PickedCertificate[]) => void;
  error?: string;
}) {
  const t = useT(messages);
  const ca = usePluginClient('ca');
  const [text, setText] = useState('');
  const query = signingCertificateQuery(text);
  const found = useLoad(() => (text.trim() ? ca.get<CertificatePage>(`/certificates?${query}`) : Promise.resolve(undefined)), query);
  const chosen = new Set(props.picked.map(c => c.id));
  const candidates = (found.value?.items ?? []).filter(c => !chosen.has(c.id));
  return (
    <Box data-testid="certificate-picker">
      <Box display="flex" flexWrap="wrap" style={{ gap: 8, marginBottom: 8 }}>
        {props.picked.map(c => (
          <Chip
            key={c.id}
            label={`${c.subject} · ${c.serial.slice(0, 12)}…`}
            title={c.serial}
            onDelete={() => props.onChange(props.picked.filter(x => x.id !== c.id))}
            data-testid="picked-certificate"
          />
        ))}
      </Box>
      <TextField
        label={t('pickCertificates')}
        value={text}
        onChange={e => setText(e.target.value)}
        onKeyDown={e => e.key === 'Enter' && e.preventDefault()}
        error={!!props.error}
        helperText={props.error ?? found.error}
        inputProps={{ maxLength: 100, 'data-testid': 'certificate-search' }}
        fullWidth
      />
      <List dense>
        {candidates.map(c => (
          <ListItem
            button
            key={c.id}
            onClick={() => props.onChange([...props.picked, { id: c.id, serial: c.serial, subject: c.subjectName ?? c.subjectDn }])}
            data-testid="certificate-option"
          >
            <ListItemText primary={`${c.subjectName ?? c.subjectDn}（${c.keyAlgorithm}）`} secondary={`${c.serial} · ${t('notAfter')} ${dayOf(c.notAfter)}`} />
          </ListItem>
        ))}
      </List>
      {text.trim() && found.value && candidates.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('noCertificates')}
        </Typography>
      )}
    </Box>
  );
}
