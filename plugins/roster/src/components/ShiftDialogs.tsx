import { Box, Typography } from '@material-ui/core';
import { cstDateTime, cstDateTimeOf, useLabel, useT, ActionDialog } from '@yinxin/ops-react';
import { SHIFT_KINDS, SHIFT_KIND_LABELS, type Assignment, type PersonSummary, type ShiftKind } from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { CalendarData, shiftTimeText } from '../calendar';
import { SwapDraft, swapChoices } from '../swap';

/** A shift as one line: `2026-05-04 现场值班 09:00–17:00`. */
export function useShiftText() {
  const label = useLabel();
  return (a: Pick<Assignment, 'day' | 'kind' | 'startsAt' | 'endsAt'>) => `${a.day} ${label(SHIFT_KIND_LABELS[a.kind])} ${shiftTimeText(a)}`;
}

/**
 * The swap request dialog (`swap-dialog`): prefilled with both shifts after a drag and drop, or
 * offering the colleagues' shifts and hand-overs to choose from (`partner`, the accessible way).
 * A reason is required.
 */
export function SwapDialog(props: { draft?: SwapDraft; data: CalendarData; meId?: string; now: number; pending: ReadonlySet<string>; onClose: () => void; onDone: (message: string) => void }) {
  const t = useT(messages);
  const api = useRosterApi();
  const shiftText = useShiftText();
  const { draft, data } = props;
  const nameOf = (id: string) => data.people.get(id)?.name ?? id;
  const fixed = !!draft?.partnerAssignment || !!draft?.partnerId;
  const choices = draft && !fixed ? swapChoices(draft.assignment, data.assignments, [...data.people.values()], props.meId, props.now, props.pending) : [];
  const byId = new Map(data.assignments.map(a => [a.id, a]));
  const options = choices.map(c => {
    const theirs = c.partnerAssignmentId ? byId.get(c.partnerAssignmentId) : undefined;
    return {
      value: c.value,
      label: theirs ? `${nameOf(c.partnerId)} · ${shiftText(theirs)}` : t('handOver', { name: nameOf(c.partnerId) }),
    };
  });
  const note = draft && (
    <Box data-testid="swap-summary">
      <Typography variant="body2" data-testid="swap-mine">
        {t('swapMine')}：{shiftText(draft.assignment)}
      </Typography>
      {draft.partnerAssignment && (
        <Typography variant="body2" data-testid="swap-theirs" data-person={draft.partnerAssignment.personId}>
          {t('swapTheirs')}：{nameOf(draft.partnerAssignment.personId)} · {shiftText(draft.partnerAssignment)}
        </Typography>
      )}
      {!draft.partnerAssignment && draft.partnerId && (
        <Typography variant="body2" data-testid="swap-theirs" data-person={draft.partnerId}>
          {t('handOver', { name: nameOf(draft.partnerId) })}
        </Typography>
      )}
    </Box>
  );
  return (
    <ActionDialog
      open={!!draft}
      title={t('swapTitle')}
      testId="swap"
      note={note}
      fields={[
        ...(fixed ? [] : [{ name: 'partner', label: t('swapPartner'), kind: 'select' as const, required: true, options }]),
        { name: 'reason', label: t('reason'), kind: 'multiline' as const, required: true, maxLength: 500 },
      ]}
      onSubmit={async v => {
        if (!draft) return;
        let partnerId = draft.partnerAssignment?.personId ?? draft.partnerId;
        let partnerAssignmentId = draft.partnerAssignment?.id;
        if (!fixed) {
          const choice = choices.find(c => c.value === v.partner);
          partnerId = choice?.partnerId;
          partnerAssignmentId = choice?.partnerAssignmentId;
        }
        await api.requestSwap({ assignmentId: draft.assignment.id, partnerId: partnerId!, ...(partnerAssignmentId ? { partnerAssignmentId } : {}), reason: v.reason.trim() });
        props.onDone(t('swapRequested'));
      }}
      onClose={props.onClose}
    />
  );
}

/** A datetime-local value's problem (China time), if any. */
function useTimeCheck() {
  const t = useT(messages);
  return {
    start: (v: string) => (cstDateTime(v) ? undefined : t('badTime')),
    end: (v: string, all: Record<string, string>) => {
      const end = cstDateTime(v);
      if (!end) return t('badTime');
      const start = cstDateTime(all.startsAt ?? '');
      return start && end <= start ? t('endBeforeStart') : undefined;
    },
  };
}

/**
 * The manager's override dialog (`override-dialog`): someone on duty for an interval (China time),
 * optionally instead of someone; prefilled from a shift to put another person on it.
 */
export function OverrideDialog(props: { open: boolean; prefill?: Assignment; people: readonly PersonSummary[]; onClose: () => void; onDone: (message: string) => void }) {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const check = useTimeCheck();
  const p = props.prefill;
  const active = props.people.filter(x => x.status === 'active');
  const personOptions = active.map(x => ({ value: x.id, label: x.name }));
  const others = p ? active.filter(x => x.id !== p.personId) : active;
  // From this minute (the backend allows a few minutes in the past), so the cover starts at once.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  return (
    <ActionDialog
      open={props.open}
      title={t('overrideTitle')}
      testId="override"
      fields={[
        { name: 'personId', label: t('person'), kind: 'select', required: true, options: others.map(x => ({ value: x.id, label: x.name })) },
        { name: 'kind', label: t('kind'), kind: 'select', required: true, options: SHIFT_KINDS.map(k => ({ value: k, label: label(SHIFT_KIND_LABELS[k]) })), initial: p?.kind ?? 'oncall' },
        { name: 'startsAt', label: t('from'), kind: 'datetime', required: true, initial: cstDateTimeOf(p ? new Date(p.startsAt) : now), check: check.start },
        { name: 'endsAt', label: t('to'), kind: 'datetime', required: true, initial: cstDateTimeOf(p ? new Date(p.endsAt) : new Date(now.getTime() + 2 * 3_600_000)), check: check.end },
        { name: 'replacedPersonId', label: t('replacedPerson'), kind: 'select', emptyLabel: t('none'), options: personOptions, initial: p?.personId ?? '' },
        { name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 },
      ]}
      onSubmit={async v => {
        await api.createOverride({
          personId: v.personId,
          kind: v.kind as ShiftKind,
          startsAt: cstDateTime(v.startsAt)!,
          endsAt: cstDateTime(v.endsAt)!,
          ...(v.replacedPersonId ? { replacedPersonId: v.replacedPersonId } : {}),
          reason: v.reason.trim(),
        });
        props.onDone(t('overrideSaved'));
      }}
      onClose={props.onClose}
    />
  );
}

/** The manager's dialog removing a shift with a reason (`remove-shift-dialog`). */
export function RemoveShiftDialog(props: { shift?: Assignment; personName?: string; onClose: () => void; onDone: (message: string) => void }) {
  const t = useT(messages);
  const api = useRosterApi();
  const shiftText = useShiftText();
  // A shift made by an override is not removed on its own: the override is undone, which gives
  // the replaced engineer their shifts back (the backend refuses the plain removal).
  const overrideId = props.shift?.overrideId ?? undefined;
  return (
    <ActionDialog
      open={!!props.shift}
      title={t(overrideId ? 'undoOverrideTitle' : 'removeTitle')}
      testId="remove-shift"
      note={
        props.shift && (
          <Typography variant="body2">
            {`${props.personName ?? ''} · ${shiftText(props.shift)}`}
            {overrideId ? ` — ${t('undoOverrideNote')}` : ''}
          </Typography>
        )
      }
      fields={overrideId ? [] : [{ name: 'reason', label: t('reason'), kind: 'multiline', required: true, maxLength: 500 }]}
      onSubmit={async v => {
        if (overrideId) {
          await api.deleteOverride(overrideId);
          props.onDone(t('overrideUndone'));
          return;
        }
        await api.removeAssignment(props.shift!.id, v.reason.trim());
        props.onDone(t('removed'));
      }}
      onClose={props.onClose}
    />
  );
}
