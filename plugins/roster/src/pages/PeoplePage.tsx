import { useState } from 'react';
import { Box, Button, Checkbox, FormControlLabel, Grid, Link, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import LockIcon from '@material-ui/icons/Lock';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import { EmptyNote, HeadRow, StatusChip, shortRef, useLabel, useRealtimeRoom, useT, when, useNotice, useLoad, ActionDialog, DialogField } from '@yinxin/ops-react';
import {
  ROSTER_DUTY_ROOM,
  ROSTER_EVENTS,
  STAFF_CHANGE_LABELS,
  STAFF_CHANGE_REASON_MIN,
  TEAM_ROLES,
  TEAM_ROLE_LABELS,
  type Person,
  type PersonFields,
  type TeamRole,
} from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { cstToday } from '../calendar';
import { contactLine, contactView } from '../contact';
import { certificatesText, isPhone, noticeProblems, parseCertificates, splitList, teamCheck, userRefOf } from '../team';
import { RoleChips } from '../components/RoleChips';
import { useCaps } from '../components/useRoster';

/** The fields of a person's details, prefilled from `p` when editing. */
function usePersonFields(prefix = '') {
  const t = useT(messages);
  const label = useLabel();
  return (p?: Person): DialogField[] => [
    { name: `${prefix}name`, label: t('name'), required: true, maxLength: 64, initial: p?.name },
    { name: `${prefix}userRef`, label: t('userRef'), maxLength: 255, helperText: t('userRefHelp'), initial: p?.userRef ?? '' },
    {
      name: `${prefix}roles`,
      label: t('roles'),
      kind: 'checks',
      required: true,
      options: TEAM_ROLES.map(r => ({ value: r, label: label(TEAM_ROLE_LABELS[r]) })),
      initial: p?.roles.join(','),
    },
    { name: `${prefix}phone`, label: t('phone'), required: true, maxLength: 32, initial: p && !p.contactMasked ? p.contact.phone : '', check: v => (isPhone(v) ? undefined : t('badPhone')) },
    { name: `${prefix}email`, label: t('email'), maxLength: 128, initial: p && !p.contactMasked ? p.contact.email ?? '' : '', check: v => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? undefined : t('badEmail')) },
    { name: `${prefix}skills`, label: t('skills'), helperText: t('skillsHelp'), maxLength: 1000, initial: p?.skills.join('，') },
    { name: `${prefix}years`, label: t('years'), kind: 'number', initial: p ? String(p.yearsOfExperience) : '', check: v => (/^\d{1,2}$/.test(v.trim()) && Number(v) <= 60 ? undefined : t('badYears')) },
    { name: `${prefix}certificates`, label: t('certificates'), kind: 'multiline', helperText: t('certificatesHelp'), maxLength: 3000, initial: p ? certificatesText(p.certificates) : '', check: v => (parseCertificates(v) ? undefined : t('badCertificates')) },
  ];
}

/** The person typed into {@link usePersonFields}' fields. */
function personOf(v: Record<string, string>, prefix = ''): PersonFields {
  const email = v[`${prefix}email`]?.trim();
  const years = v[`${prefix}years`]?.trim();
  return {
    name: v[`${prefix}name`].trim(),
    userRef: userRefOf(v[`${prefix}userRef`] ?? ''),
    roles: (v[`${prefix}roles`] ?? '').split(',').filter(Boolean) as TeamRole[],
    skills: splitList(v[`${prefix}skills`] ?? ''),
    ...(years ? { yearsOfExperience: Number(years) } : {}),
    certificates: parseCertificates(v[`${prefix}certificates`] ?? '') ?? [],
    contact: { phone: v[`${prefix}phone`].trim(), ...(email ? { email } : {}) },
  };
}

/** The fields of a staff change's written notice (reason, notice date, effective date). */
function useNoticeFields() {
  const t = useT(messages);
  const today = cstToday();
  return (): DialogField[] => [
    {
      name: 'reason',
      label: t('changeReason'),
      kind: 'multiline',
      required: true,
      maxLength: 2000,
      helperText: t('changeReasonHelp', { n: STAFF_CHANGE_REASON_MIN }),
      check: v => (noticeProblems({ reason: v, noticeDate: today }).includes('reasonShort') ? t('reasonShort', { n: STAFF_CHANGE_REASON_MIN }) : undefined),
    },
    { name: 'noticeDate', label: t('noticeDate'), kind: 'date', required: true, initial: today },
    {
      name: 'effectiveDate',
      label: t('effectiveDate'),
      kind: 'date',
      initial: today,
      check: (v, all) => (noticeProblems({ reason: 'x'.repeat(STAFF_CHANGE_REASON_MIN), noticeDate: all.noticeDate, effectiveDate: v }).includes('noticeAfterChange') ? t('noticeAfterChange') : undefined),
    },
  ];
}

/** The notice typed into {@link useNoticeFields}' fields. */
const noticeOf = (v: Record<string, string>) => ({ reason: v.reason.trim(), noticeDate: v.noticeDate, ...(v.effectiveDate ? { effectiveDate: v.effectiveDate } : {}) });

/**
 * 人员: the team with roles, skills, qualifications and contacts (masked for those who may not
 * manage people), the contract's team check, and — for managers — joining, editing, leaving and
 * replacing people with the written notice the contract asks for, and the record of changes.
 */
export function PeoplePage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const me = useCaps();
  const notice = useNotice({ dismissible: true });
  const personFields = usePersonFields();
  const newcomerFields = usePersonFields('new.');
  const noticeFields = useNoticeFields();
  const [round, setRound] = useState(0);
  const [showLeft, setShowLeft] = useState(false);
  const people = useLoad(() => api.people('all'), `people-${round}`);
  const settings = useLoad(() => api.settings(), 'settings');
  const changes = useLoad(() => api.staffChanges(), `changes-${round}`);
  useRealtimeRoom(ROSTER_DUTY_ROOM, event => {
    if (event === ROSTER_EVENTS.roster) setRound(r => r + 1);
  });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Person>();
  const [leaving, setLeaving] = useState<Person>();
  const [replacing, setReplacing] = useState<Person>();
  const done = (text: string) => {
    notice.show({ severity: 'success', text });
    setRound(r => r + 1);
  };

  const all = people.value ?? [];
  const list = all.filter(p => showLeft || p.status === 'active');
  const check = teamCheck(all, settings.value?.requiredRoles, settings.value?.minTeamSize, cstToday());
  const others = (p?: Person) => all.filter(x => x.status === 'active' && x.id !== p?.id);

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        {notice.view('people-notice')}
        {people.error && <Alert severity="error">{people.error}</Alert>}
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={t('teamCheck')}>
          <Box data-testid="team-check" data-ok={check.ok ? 'true' : 'false'} data-missing={check.missing.join(',')} data-size={check.size}>
            <Alert severity={check.ok ? 'success' : 'warning'} style={{ marginBottom: 8 }}>
              {check.ok ? t('teamOk') : t('teamNotOk')} · <span data-testid="team-size">{t('teamSize', { n: check.size, min: check.minSize })}</span>
            </Alert>
            <Box display="flex" flexWrap="wrap" style={{ columnGap: 24, rowGap: 4 }}>
              {check.roles.map(r => (
                <Box key={r.role} display="flex" alignItems="center" style={{ gap: 6 }} data-testid={`team-role-${r.role}`} data-held={r.holders.length > 0 ? 'true' : 'false'}>
                  {r.holders.length ? <CheckCircleIcon style={{ color: '#2e7d32', fontSize: 18 }} /> : <ErrorIcon style={{ color: '#c62828', fontSize: 18 }} />}
                  <Typography variant="body2">
                    {r.holders.length
                      ? t('roleHeld', { role: label(TEAM_ROLE_LABELS[r.role]), names: r.holders.join('、') })
                      : t('roleMissing', { role: label(TEAM_ROLE_LABELS[r.role]) })}
                  </Typography>
                </Box>
              ))}
            </Box>
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('peopleTitle')}
          action={
            <Box display="flex" alignItems="center" style={{ gap: 8, marginTop: 8 }}>
              <FormControlLabel control={<Checkbox size="small" checked={showLeft} onChange={e => setShowLeft(e.target.checked)} />} label={t('showLeft')} />
              {me.caps.managePeople && (
                <Button variant="contained" color="primary" size="small" onClick={() => setAdding(true)} data-testid="person-add">
                  {t('addPerson')}
                </Button>
              )}
            </Box>
          }
        >
          {!people.value && people.loading && <Progress />}
          {people.value && list.length === 0 && <EmptyNote text={t('noPeople')} testId="no-people" />}
          {list.length > 0 && (
            <Table size="small" data-testid="people">
              <HeadRow cells={[t('name'), t('roles'), t('skills'), t('certificates'), t('contact'), t('status'), '']} />
              <TableBody>
                {list.map(p => {
                  const view = contactView(p.contact, p.contactMasked, me.caps.managePeople);
                  return (
                    <TableRow key={p.id} data-testid={`person-${p.id}`} data-name={p.name} data-user={p.userRef ?? ''} data-status={p.status}>
                      <TableCell style={{ whiteSpace: 'nowrap' }}>
                        <Typography variant="body2">{p.name}</Typography>
                        <Typography variant="caption" color="textSecondary" component="div">
                          {shortRef(p.userRef)}
                          {p.yearsOfExperience ? ` · ${p.yearsOfExperience} ${label({ zh: '年', en: 'yrs' })}` : ''}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        <RoleChips roles={p.roles} />
                      </TableCell>
                      <TableCell style={{ minWidth: 100, maxWidth: 200 }}>{p.skills.join('、')}</TableCell>
                      <TableCell style={{ minWidth: 140, maxWidth: 240 }}>
                        {p.certificates.map(c => (
                          <Typography key={`${c.name}-${c.number ?? ''}`} variant="caption" component="div">
                            {c.name}
                            {c.number ? `（${c.number}）` : ''}
                            {c.validUntil ? ` ≤ ${c.validUntil}` : ''}
                          </Typography>
                        ))}
                      </TableCell>
                      <TableCell data-testid="person-contact" data-masked={view?.masked ? 'true' : 'false'} style={{ wordBreak: 'break-all', minWidth: 140 }}>
                        {view?.href ? <Link href={view.href}>{contactLine(view)}</Link> : contactLine(view)}
                        {view?.masked && <LockIcon titleAccess={t('contactMasked')} style={{ fontSize: 14, marginLeft: 4, verticalAlign: 'middle', color: '#9e9e9e' }} />}
                      </TableCell>
                      <TableCell>
                        <StatusChip status={p.status} label={t(p.status === 'active' ? 'active' : 'left')} tones={{ left: 'neutral' }} />
                        <Typography variant="caption" component="div" color="textSecondary">
                          {p.joinedOn}
                          {p.leftOn ? ` – ${p.leftOn}` : ''}
                        </Typography>
                      </TableCell>
                      <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                        {me.caps.managePeople && p.status === 'active' && (
                          <>
                            <Button size="small" onClick={() => setEditing(p)} data-testid={`person-edit-${p.id}`}>
                              {t('edit')}
                            </Button>
                            <Button size="small" onClick={() => setReplacing(p)} data-testid={`person-replace-${p.id}`}>
                              {t('replacePerson')}
                            </Button>
                            <Button size="small" onClick={() => setLeaving(p)} data-testid={`person-leave-${p.id}`}>
                              {t('leaveTeam')}
                            </Button>
                          </>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title={t('staffChanges')}>
          {(changes.value ?? []).length === 0 ? (
            <EmptyNote text={t('noStaffChanges')} />
          ) : (
            <Table size="small" data-testid="staff-changes">
              <HeadRow cells={[t('changeKind'), t('person'), t('replacement'), t('changeReason'), t('noticeDate'), t('effectiveDate'), t('recordedBy')]} />
              <TableBody>
                {(changes.value ?? []).map(c => (
                  <TableRow key={c.id} data-testid="staff-change" data-kind={c.kind}>
                    <TableCell>{label(STAFF_CHANGE_LABELS[c.kind])}</TableCell>
                    <TableCell>{c.personName}</TableCell>
                    <TableCell>{c.replacementName ?? ''}</TableCell>
                    <TableCell style={{ maxWidth: 320, wordBreak: 'break-word' }}>{c.reason}</TableCell>
                    <TableCell>{c.noticeDate}</TableCell>
                    <TableCell>{c.effectiveDate}</TableCell>
                    <TableCell>
                      {shortRef(c.recordedBy)}
                      <Typography variant="caption" component="div" color="textSecondary">
                        {when(c.recordedAt)}
                      </Typography>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>

      <ActionDialog
        open={adding}
        title={t('addPersonTitle')}
        testId="person-add"
        fields={[...personFields(), ...noticeFields()]}
        onSubmit={async v => {
          const person = await api.join({ person: personOf(v), ...noticeOf(v) });
          done(t('personJoined', { name: person.name }));
        }}
        onClose={() => setAdding(false)}
      />
      <ActionDialog
        open={!!editing}
        title={`${t('editPerson')}：${editing?.name ?? ''}`}
        testId="person-edit"
        fields={personFields(editing)}
        onSubmit={async v => {
          await api.updatePerson(editing!.id, personOf(v));
          done(t('personSaved'));
        }}
        onClose={() => setEditing(undefined)}
      />
      <ActionDialog
        open={!!leaving}
        title={t('leaveTeamTitle', { name: leaving?.name ?? '' })}
        testId="person-leave"
        fields={noticeFields()}
        onSubmit={async v => {
          await api.leaveTeam(leaving!.id, noticeOf(v));
          done(t('personLeft'));
        }}
        onClose={() => setLeaving(undefined)}
      />
      <ActionDialog
        open={!!replacing}
        title={t('replaceTitle', { name: replacing?.name ?? '' })}
        testId="person-replace"
        fields={[
          { name: 'replacementId', label: t('replacement'), kind: 'select', emptyLabel: t('none'), options: others(replacing).map(p => ({ value: p.id, label: p.name })) },
          ...newcomerFields().map(f => ({ ...f, hidden: (v: Record<string, string>) => !!v.replacementId })),
          ...noticeFields(),
        ]}
        note={<Typography variant="body2">{t('replacementNew')}</Typography>}
        onSubmit={async v => {
          await api.replace(replacing!.id, { ...(v.replacementId ? { replacementId: v.replacementId } : { replacement: personOf(v, 'new.') }), ...noticeOf(v) });
          done(t('personReplaced'));
        }}
        onClose={() => setReplacing(undefined)}
      />
    </Grid>
  );
}
