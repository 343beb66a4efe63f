import { Box } from '@material-ui/core';
import { useLabel } from '@yinxin/ops-react';
import { TEAM_ROLES, TEAM_ROLE_LABELS, type TeamRole } from '@yinxin/plugin-roster-common';
import { ROLE_COLOURS } from '../calendar';

/** A person's team roles as small chips in the roles' colours (contract order). */
export function RoleChips(props: { roles: readonly TeamRole[] }) {
  const label = useLabel();
  return (
    <Box display="inline-flex" flexWrap="wrap" style={{ gap: 4 }}>
      {TEAM_ROLES.filter(r => props.roles.includes(r)).map(r => (
        <span key={r} data-role={r} style={{ fontSize: 11, padding: '0 6px', borderRadius: 8, color: '#fff', background: ROLE_COLOURS[r], whiteSpace: 'nowrap' }}>
          {label(TEAM_ROLE_LABELS[r])}
        </span>
      ))}
    </Box>
  );
}

/** The legend of role colours and shift kinds. */
export function RoleLegend(props: { onsiteLabel: string; oncallLabel: string }) {
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" style={{ gap: 8 }} data-testid="role-legend">
      <RoleChips roles={TEAM_ROLES} />
      <span style={{ fontSize: 11, padding: '0 6px', border: '1px solid #546e7a', background: '#546e7a', color: '#fff', borderRadius: 4 }}>{props.onsiteLabel}</span>
      <span style={{ fontSize: 11, padding: '0 6px', border: '1px dashed #546e7a', color: '#546e7a', borderRadius: 4 }}>{props.oncallLabel}</span>
    </Box>
  );
}
