import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Box, Button, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { SUBJECT_KINDS, Subject } from '@yinxin/plugin-ca-common';
import { NativeSelect, shortRef, useLabel, useLoad, usePluginClient, useT, when } from '@yinxin/ops-react';
import { messages } from '../messages';
import { LABELS } from '../labels';
import { subjectQuery } from '../queries';
import { displayIdNumber } from '../identity';
import { useMe } from '../components/useMe';

/** The identity shown for a subject: masked ID number, credit code or DNS names. */
export function subjectIdentity(s: Subject): string {
  if (s.kind === 'person') return displayIdNumber(s.idNumberMasked);
  if (s.kind === 'organisation') return s.creditCode ?? '';
  return (s.dnsNames ?? []).join(', ');
}

/** Subscribers: search by name, organisation or identity; RA entry registers new ones. */
export function SubjectsPage() {
  const t = useT(messages);
  const label = useLabel();
  const client = usePluginClient('ca');
  const navigate = useNavigate();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const kind = search.get('kind') ?? '';
  const [typed, setTyped] = useState(q);
  const query = subjectQuery({ q, kind });
  const subjects = useLoad(() => client.get<Subject[]>(`/subjects?${query}`), query);
  const setFilter = (next: { q?: string; kind?: string }) => {
    const p = new URLSearchParams(subjectQuery({ q, kind, ...next }));
    setSearch(p, { replace: true });
  };

  return (
    <>
      <Box display="flex" alignItems="flex-end" style={{ gap: 16, marginBottom: 16 }} component="form" onSubmit={(e: React.FormEvent) => { e.preventDefault(); setFilter({ q: typed }); }}>
        <TextField label={t('search')} placeholder={t('subjectSearch')} value={typed} onChange={e => setTyped(e.target.value)} inputProps={{ maxLength: 100, 'data-testid': 'subject-search' }} style={{ minWidth: 320 }} />
        <NativeSelect
          name="kind"
          label={t('subjectKind')}
          value={kind}
          emptyLabel={t('all')}
          options={SUBJECT_KINDS.map(k => ({ value: k, label: label(LABELS.subjectKind[k]) }))}
          onChange={e => setFilter({ kind: e.target.value })}
        />
        <Button type="submit" variant="outlined">{t('search')}</Button>
        <Box flexGrow={1} />
        {me.caps.subjectWrite && (
          <Button variant="contained" color="primary" onClick={() => navigate('/ca/subjects/new')} data-testid="new-subject-button">
            {t('newSubject')}
          </Button>
        )}
      </Box>
      {subjects.error && <Alert severity="error">{subjects.error}</Alert>}
      <Table size="small" data-testid="subject-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('name')}</TableCell>
            <TableCell>{t('subjectKind')}</TableCell>
            <TableCell>{t('organisation')}</TableCell>
            <TableCell>{t('identity')}</TableCell>
            <TableCell>{t('createdBy')}</TableCell>
            <TableCell>{t('createdAt')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(subjects.value ?? []).map(s => (
            <TableRow key={s.id} hover style={{ cursor: 'pointer' }} onClick={() => navigate(`/ca/subjects/${s.id}`)} data-testid="subject-row">
              <TableCell>{s.name}</TableCell>
              <TableCell>{label(LABELS.subjectKind[s.kind])}</TableCell>
              <TableCell>{[s.organisation, s.orgUnit].filter(Boolean).join(' / ')}</TableCell>
              <TableCell style={{ fontFamily: 'monospace' }}>{subjectIdentity(s)}</TableCell>
              <TableCell>{shortRef(s.createdBy)}</TableCell>
              <TableCell>{when(s.createdAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {subjects.value?.length === 0 && (
        <Typography variant="body2" color="textSecondary" style={{ padding: 16 }}>
          {t('noSubjects')}
        </Typography>
      )}
    </>
  );
}
