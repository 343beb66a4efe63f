import { useState } from 'react';
import { Box, Button, Grid, IconButton, Table, TableBody, TableCell, TableRow, Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { EmptyNote, Facts, HeadRow, StatusChip, useLabel, useRealtimeRoom, useT, useLoad, useNotice, ActionDialog } from '@yinxin/ops-react';
import {
  LEAVE_TYPES,
  LEAVE_TYPE_LABELS,
  ROSTER_DUTY_ROOM,
  ROSTER_EVENTS,
  SHIFT_KINDS,
  SHIFT_KIND_LABELS,
  TEAM_ROLES,
  TEAM_ROLE_LABELS,
  TEMPLATE_DAY_SETS,
  addMonths,
  isDayKey,
  type LeaveType,
  type Rotation,
  type ShiftKind,
  type ShiftTemplate,
  type TeamRole,
  type TemplateDaySet,
} from '@yinxin/plugin-roster-common';
import { messages, MessageId } from '../messages';
import { useRosterApi } from '../api';
import { cstMonth } from '../calendar';
import { isHhMm, isSlug, isWholeIn } from '../forms';
import { RoleChips } from '../components/RoleChips';
import { RotationDialog } from '../components/RotationDialog';

const DAY_SET_MESSAGES: Record<TemplateDaySet, MessageId> = { working: 'daysWorking', 'non-working': 'daysNonWorking', all: 'daysAll' };

/**
 * 班次与设置 (managers): the contract's rules in force, shift templates, rotations, and leave.
 */
export function SettingsPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const notice = useNotice({ dismissible: true });
  const [round, setRound] = useState(0);
  const [month, setMonth] = useState(cstMonth());
  const settings = useLoad(() => api.settings(), 'settings');
  const templates = useLoad(() => api.templates(), `templates-${round}`);
  const rotations = useLoad(() => api.rotations(), `rotations-${round}`);
  const people = useLoad(() => api.people('active'), `people-${round}`);
  const leaves = useLoad(() => api.leaves(month), `leaves-${month}-${round}`);
  useRealtimeRoom(ROSTER_DUTY_ROOM, event => {
    if (event === ROSTER_EVENTS.roster) setRound(r => r + 1);
  });
  const [template, setTemplate] = useState<{ t?: ShiftTemplate }>();
  const [rotation, setRotation] = useState<{ r?: Rotation }>();
  const [addingLeave, setAddingLeave] = useState(false);
  const done = (text: string) => {
    notice.show({ severity: 'success', text });
    setRound(r => r + 1);
  };
  const s = settings.value;
  const roleNames = (roles: readonly TeamRole[]) => roles.map(r => label(TEAM_ROLE_LABELS[r])).join('、');
  const names = new Map((people.value ?? []).map(p => [p.id, p.name]));
  const tpl = template?.t;
  const endCheck = (v: string, all: Record<string, string>) => (all.startDay && v < all.startDay ? t('endBeforeStart') : undefined);

  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        {notice.view('settings-notice')}
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title={t('rules')}>
          {settings.error && <Alert severity="error">{settings.error}</Alert>}
          {s && (
            <Box data-testid="roster-rules">
              <Facts
                facts={[
                  { label: t('timeZone'), value: s.timeZone },
                  { label: t('ruleOnsite'), value: t('ruleOnsiteText', { start: s.onsite.start, end: s.onsite.end, roles: roleNames(s.onsite.roles) }) },
                  { label: t('ruleTeam'), value: t('ruleTeamText', { n: s.minTeamSize, roles: roleNames(s.requiredRoles) }) },
                  { label: t('ruleHours'), value: t('ruleHoursText', { week: s.hours.weekLimit, month: s.hours.monthLimit, factor: s.hours.oncallFactor }) },
                  { label: t('ruleArrival'), value: t('ruleArrivalText', { major: s.arrivalHours.major, ordinary: s.arrivalHours.ordinary }) },
                  { label: t('ruleAttendance'), value: t('ruleAttendanceText', { grace: s.attendance.lateGraceMinutes, early: s.attendance.checkInEarlyMinutes }) },
                ]}
              />
            </Box>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title={t('rotations')}
          action={
            <Button size="small" variant="outlined" color="primary" style={{ marginTop: 8 }} onClick={() => setRotation({})} data-testid="rotation-new">
              {t('newRotation')}
            </Button>
          }
        >
          {(rotations.value ?? []).length === 0 ? (
            <EmptyNote text={t('none')} />
          ) : (
            <Table size="small" data-testid="rotations">
              <HeadRow cells={[t('templateName'), t('rotationTemplates'), t('rotationMembers'), '']} />
              <TableBody>
                {(rotations.value ?? []).map(r => (
                  <TableRow key={r.id} data-testid={`rotation-${r.id}`}>
                    <TableCell>{r.name}</TableCell>
                    <TableCell>{r.templateIds.map(id => (templates.value ?? []).find(x => x.id === id)?.name ?? id).join('、')}</TableCell>
                    <TableCell>{r.members.map(id => names.get(id) ?? '?').join(' → ')}</TableCell>
                    <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                      <Button size="small" onClick={() => setRotation({ r })}>
                        {t('edit')}
                      </Button>
                      <Button size="small" onClick={() => notice.run(() => api.deleteRotation(r.id).then(() => setRound(x => x + 1)), t('rotationDeleted'))} data-testid={`rotation-delete-${r.id}`}>
                        {t('delete')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('templates')}
          action={
            <Button size="small" variant="outlined" color="primary" style={{ marginTop: 8 }} onClick={() => setTemplate({})} data-testid="template-new">
              {t('newTemplate')}
            </Button>
          }
        >
          {templates.error && <Alert severity="error">{templates.error}</Alert>}
          <Table size="small" data-testid="templates">
            <HeadRow cells={[t('templateName'), t('kind'), t('templateDays'), t('time'), t('roles'), t('headcount'), t('state'), '']} />
            <TableBody>
              {(templates.value ?? []).map(x => (
                <TableRow key={x.id} data-testid={`template-${x.id}`} data-active={x.active ? 'true' : 'false'}>
                  <TableCell>
                    {x.name}
                    <Typography variant="caption" component="div" color="textSecondary">
                      {x.id}
                    </Typography>
                  </TableCell>
                  <TableCell>{label(SHIFT_KIND_LABELS[x.kind])}</TableCell>
                  <TableCell>{t(DAY_SET_MESSAGES[x.days])}</TableCell>
                  <TableCell>
                    {x.start}–{x.end}
                  </TableCell>
                  <TableCell>
                    <RoleChips roles={x.roles} />
                  </TableCell>
                  <TableCell>{x.headcount}</TableCell>
                  <TableCell>
                    <StatusChip status={x.active ? 'active' : 'retired'} label={x.active ? t('activeTemplate') : t('no')} />
                  </TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => setTemplate({ t: x })} data-testid={`template-edit-${x.id}`}>
                      {t('edit')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={t('leaves')}
          action={
            <Box display="flex" alignItems="center" style={{ gap: 8, marginTop: 8 }}>
              <IconButton size="small" onClick={() => setMonth(m => addMonths(m, -1))} aria-label={t('previousMonth')}>
                <ChevronLeftIcon />
              </IconButton>
              <Typography variant="subtitle1" data-testid="leaves-month">
                {month}
              </Typography>
              <IconButton size="small" onClick={() => setMonth(m => addMonths(m, 1))} aria-label={t('nextMonth')}>
                <ChevronRightIcon />
              </IconButton>
              <Button size="small" variant="outlined" color="primary" onClick={() => setAddingLeave(true)} data-testid="leave-add">
                {t('addLeave')}
              </Button>
            </Box>
          }
        >
          {(leaves.value ?? []).length === 0 ? (
            <EmptyNote text={t('noLeaves')} testId="no-leaves" />
          ) : (
            <Table size="small" data-testid="leaves">
              <HeadRow cells={[t('person'), t('leaveType'), t('startDay'), t('endDay'), t('note'), '']} />
              <TableBody>
                {(leaves.value ?? []).map(l => (
                  <TableRow key={l.id} data-testid={`leave-${l.id}`}>
                    <TableCell>{names.get(l.personId) ?? ''}</TableCell>
                    <TableCell>{label(LEAVE_TYPE_LABELS[l.type])}</TableCell>
                    <TableCell>{l.startDay}</TableCell>
                    <TableCell>{l.endDay}</TableCell>
                    <TableCell>{l.note}</TableCell>
                    <TableCell align="right">
                      <Button size="small" onClick={() => notice.run(() => api.deleteLeave(l.id).then(() => setRound(x => x + 1)), t('leaveDeleted'))} data-testid={`leave-delete-${l.id}`}>
                        {t('delete')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </InfoCard>
      </Grid>

      <ActionDialog
        open={!!template}
        title={tpl ? `${t('edit')}：${tpl.name}` : t('newTemplate')}
        testId="template"
        fields={[
          ...(tpl ? [] : [{ name: 'id', label: t('templateId'), required: true, maxLength: 40, helperText: t('templateIdHelp'), check: (v: string) => (isSlug(v.trim()) ? undefined : t('badSlug')) }]),
          { name: 'name', label: t('templateName'), required: true, maxLength: 64, initial: tpl?.name },
          { name: 'kind', label: t('kind'), kind: 'select', required: true, options: SHIFT_KINDS.map(k => ({ value: k, label: label(SHIFT_KIND_LABELS[k]) })), initial: tpl?.kind },
          { name: 'days', label: t('templateDays'), kind: 'select', required: true, options: TEMPLATE_DAY_SETS.map(d => ({ value: d, label: t(DAY_SET_MESSAGES[d]) })), initial: tpl?.days },
          { name: 'start', label: t('start'), kind: 'time', required: true, initial: tpl?.start ?? '09:00', check: v => (isHhMm(v) ? undefined : t('badTime')) },
          { name: 'end', label: t('end'), kind: 'time', required: true, initial: tpl?.end ?? '17:00', check: v => (isHhMm(v) ? undefined : t('badTime')) },
          { name: 'roles', label: t('roles'), kind: 'checks', required: true, options: TEAM_ROLES.map(r => ({ value: r, label: label(TEAM_ROLE_LABELS[r]) })), initial: tpl?.roles.join(',') },
          { name: 'headcount', label: t('headcount'), kind: 'number', required: true, initial: String(tpl?.headcount ?? 1), check: v => (isWholeIn(v, 1, 10) ? undefined : t('badHeadcount')) },
          { name: 'active', label: t('activeTemplate'), kind: 'select', required: true, options: [{ value: 'true', label: t('yes') }, { value: 'false', label: t('no') }], initial: tpl ? String(tpl.active) : 'true' },
          { name: 'sort', label: t('sort'), kind: 'number', initial: String(tpl?.sort ?? 100), check: v => (isWholeIn(v, 0, 10_000) ? undefined : t('badHeadcount')) },
        ]}
        onSubmit={async v => {
          await api.putTemplate(tpl?.id ?? v.id.trim(), {
            name: v.name.trim(),
            kind: v.kind as ShiftKind,
            days: v.days as TemplateDaySet,
            start: v.start,
            end: v.end,
            roles: v.roles.split(',').filter(Boolean) as TeamRole[],
            headcount: Number(v.headcount),
            active: v.active === 'true',
            ...(v.sort ? { sort: Number(v.sort) } : {}),
          });
          done(t('templateSaved'));
        }}
        onClose={() => setTemplate(undefined)}
      />
      <RotationDialog open={!!rotation} rotation={rotation?.r} templates={templates.value ?? []} people={people.value ?? []} onClose={() => setRotation(undefined)} onSaved={() => done(t('rotationSaved'))} />
      <ActionDialog
        open={addingLeave}
        title={t('addLeave')}
        testId="leave"
        fields={[
          { name: 'personId', label: t('person'), kind: 'select', required: true, options: (people.value ?? []).map(p => ({ value: p.id, label: p.name })) },
          { name: 'type', label: t('leaveType'), kind: 'select', required: true, options: LEAVE_TYPES.map(x => ({ value: x, label: label(LEAVE_TYPE_LABELS[x]) })) },
          { name: 'startDay', label: t('startDay'), kind: 'date', required: true, check: v => (isDayKey(v) ? undefined : t('badDay')) },
          { name: 'endDay', label: t('endDay'), kind: 'date', required: true, check: (v, all) => (isDayKey(v) ? endCheck(v, all) : t('badDay')) },
          { name: 'note', label: t('note'), maxLength: 500 },
        ]}
        onSubmit={async v => {
          await api.addLeave({ personId: v.personId, type: v.type as LeaveType, startDay: v.startDay, endDay: v.endDay, ...(v.note.trim() ? { note: v.note.trim() } : {}) });
          done(t('leaveSaved'));
        }}
        onClose={() => setAddingLeave(false)}
      />
    </Grid>
  );
}
