import { Box, Grid, Link, Typography } from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import LockIcon from '@material-ui/icons/Lock';
import { useT, useLoad } from '@yinxin/ops-react';
import type { OnDuty } from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { cstText, shiftTimeText } from '../calendar';
import { contactLine, contactView } from '../contact';
import { RoleChips } from './RoleChips';

/** One person on duty: name, roles, shift, contact (masked unless the user manages people). */
function DutyPerson(props: { x: OnDuty; mayManagePeople: boolean }) {
  const t = useT(messages);
  const { person, assignment } = props.x;
  const view = contactView(person.contact, person.contactMasked, props.mayManagePeople);
  return (
    <Box padding={1} marginBottom={1} border="1px solid #e0e0e0" borderRadius={4} data-testid={`duty-person-${person.id}`} data-kind={assignment.kind} data-name={person.name} data-masked={view?.masked ? 'true' : 'false'}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }} flexWrap="wrap">
        <Typography variant="subtitle1">{person.name}</Typography>
        <RoleChips roles={person.roles} />
      </Box>
      <Typography variant="body2" color="textSecondary">
        {shiftTimeText(assignment)} · {t('until', { at: cstText(assignment.endsAt) })}
      </Typography>
      {view && (
        <Typography variant="body2" data-testid="duty-contact">
          {view.href ? <Link href={view.href}>{contactLine(view)}</Link> : contactLine(view)}
          {view.masked && <LockIcon titleAccess={t('contactMasked')} style={{ fontSize: 14, marginLeft: 4, verticalAlign: 'middle', color: '#9e9e9e' }} />}
        </Typography>
      )}
    </Box>
  );
}

/**
 * 当前值班: who is on site and on call now, with contact details (masked for those who may not
 * manage people). `refreshKey` changes when a live event says who is on duty changed.
 */
export function DutyPanel(props: { refreshKey: number; mayManagePeople: boolean }) {
  const t = useT(messages);
  const api = useRosterApi();
  const duty = useLoad(() => api.dutyNow(), `duty-${props.refreshKey}`);
  const d = duty.value;
  const column = (kind: 'onsite' | 'oncall') => {
    const list = d?.[kind] ?? [];
    return (
      <Grid item xs={12} md={6} data-testid={`duty-${kind}`} data-count={list.length}>
        <Typography variant="subtitle2" gutterBottom>
          {t(kind === 'onsite' ? 'onsiteNow' : 'oncallNow')}
        </Typography>
        {list.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            {t(kind === 'onsite' ? 'nobodyOnsite' : 'nobodyOncall')}
          </Typography>
        )}
        {list.map(x => (
          <DutyPerson key={x.assignment.id} x={x} mayManagePeople={props.mayManagePeople} />
        ))}
      </Grid>
    );
  };
  return (
    <InfoCard title={t('dutyTitle')} subheader={d ? t('dutyAt', { at: cstText(d.at) }) : undefined}>
      <div data-testid="duty-panel" data-loaded={d ? 'true' : 'false'}>
        {duty.error && <Alert severity="error">{duty.error}</Alert>}
        {!d && duty.loading && <Progress />}
        {d && d.onsite.length + d.oncall.length === 0 && (
          <Alert severity="warning" style={{ marginBottom: 8 }} data-testid="duty-none">
            {t('nobodyOnDuty')}
          </Alert>
        )}
        {d && (
          <Grid container spacing={2}>
            {column('onsite')}
            {column('oncall')}
          </Grid>
        )}
      </div>
    </InfoCard>
  );
}
