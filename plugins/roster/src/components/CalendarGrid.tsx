import { useState } from 'react';
import { Box, Typography } from '@material-ui/core';
import { useLabel, useT } from '@yinxin/ops-react';
import { DAY_KIND_LABELS, LEAVE_TYPE_LABELS, SHIFT_KIND_LABELS, TEAM_ROLE_LABELS, VIOLATION_TITLES, type Assignment, type RosterDayKind } from '@yinxin/plugin-roster-common';
import { messages, MessageId } from '../messages';
import { CalendarCell, CalendarData, ROLE_COLOURS, assignmentsByDay, leavesOn, shiftTimeText, shownRole } from '../calendar';
import type { PlacedViolations } from '../violationDays';
import { dragBlock, dropBlock, SwapBlock } from '../swap';

/** Background of a day by its kind. */
const DAY_BACKGROUND: Record<RosterDayKind, string> = {
  workday: '#ffffff',
  weekend: '#f5f5f5',
  holiday: '#fdecea',
  'makeup-workday': '#fff8e1',
};

/** The message id of a swap block. */
export const BLOCK_MESSAGES: Record<SwapBlock, MessageId> = {
  'not-on-team': 'blockNotOnTeam',
  'not-mine': 'blockNotMine',
  started: 'blockStarted',
  'same-person': 'blockSamePerson',
  'partner-started': 'blockPartnerStarted',
  pending: 'blockPending',
  'partner-left': 'blockPartnerLeft',
};

/** What the calendar grid needs besides its cells. */
export interface GridContext {
  data: CalendarData;
  placed: PlacedViolations;
  /** Assignments a violation names (outlined in red). */
  flagged: ReadonlySet<string>;
  /** The user's person id on the team. */
  meId?: string;
  /** Whether the user may ask for swaps (drag and drop). */
  canSwap: boolean;
  now: number;
  /** Shifts in pending swaps. */
  pending: ReadonlySet<string>;
  /** A shift was clicked (or Enter pressed on it): its actions. */
  onShift: (a: Assignment, anchor: HTMLElement) => void;
  /** One of the user's shifts was dropped onto a colleague's. */
  onDropSwap: (mine: Assignment, theirs: Assignment) => void;
}

/** The outline of a shift chip: a drop target, a shift a violation names, or the user's own. */
function outlineOf(over: boolean, flagged: boolean, mine: boolean): string | undefined {
  if (over) return '3px solid #ffb300';
  if (flagged) return '2px solid #c62828';
  return mine ? '2px solid #212121' : undefined;
}

/** Colour of a day kind's label. */
const KIND_COLOURS: Record<RosterDayKind, string> = { workday: '#757575', weekend: '#757575', holiday: '#c62828', 'makeup-workday': '#8d6e00' };

/** One shift on the calendar: person and kind, coloured by role; draggable when it is the user's own. */
function ShiftChip(props: { a: Assignment; ctx: GridContext; detailed: boolean; dragging?: Assignment; setDragging: (a?: Assignment) => void }) {
  const t = useT(messages);
  const label = useLabel();
  const { a, ctx, dragging } = props;
  const person = ctx.data.people.get(a.personId);
  const template = a.templateId ? ctx.data.templates.get(a.templateId) : undefined;
  const role = shownRole(person?.roles ?? [], template?.roles ?? []);
  const colour = role ? ROLE_COLOURS[role] : '#546e7a';
  const mine = !!ctx.meId && a.personId === ctx.meId;
  const block = ctx.canSwap ? dragBlock(a, ctx.meId, ctx.now, ctx.pending) : 'not-on-team';
  const draggable = mine && !block;
  const dropOk = !!dragging && dragging.id !== a.id && !dropBlock(dragging, a, ctx.meId, ctx.now, ctx.pending, ctx.data.people);
  const [over, setOver] = useState(false);
  const flagged = ctx.flagged.has(a.id);
  const time = shiftTimeText(a);
  const kindText = props.detailed ? label(SHIFT_KIND_LABELS[a.kind]) : t(a.kind === 'onsite' ? 'onsiteShort' : 'oncallShort');
  const hintOf = () => {
    if (draggable) return t('swapHint');
    return mine && block ? t(BLOCK_MESSAGES[block]) : undefined;
  };
  const title = [`${label(SHIFT_KIND_LABELS[a.kind])} ${time}`, person?.name, role ? label(TEAM_ROLE_LABELS[role]) : undefined, hintOf()]
    .filter(Boolean)
    .join(' · ');
  return (
    <div
      role="button"
      tabIndex={0}
      draggable={draggable}
      title={title}
      aria-label={`${kindText} ${person?.name ?? ''} ${time}`}
      data-testid={`shift-${a.id}`}
      data-shift={a.id}
      data-person={a.personId}
      data-person-name={person?.name ?? ''}
      data-kind={a.kind}
      data-day={a.day}
      data-starts={a.startsAt}
      data-ends={a.endsAt}
      data-source={a.source}
      data-mine={mine ? 'true' : 'false'}
      data-draggable={draggable ? 'true' : 'false'}
      data-droppable={dropOk ? 'true' : 'false'}
      onClick={e => ctx.onShift(a, e.currentTarget)}
      onKeyDown={e => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          ctx.onShift(a, e.currentTarget);
        }
      }}
      onDragStart={e => {
        if (!draggable) {
          e.preventDefault();
          return;
        }
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', a.id);
        props.setDragging(a);
      }}
      onDragEnd={() => props.setDragging(undefined)}
      onDragOver={e => {
        if (dropOk) {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
          if (!over) setOver(true);
        }
      }}
      onDragLeave={() => setOver(false)}
      onDrop={e => {
        e.preventDefault();
        setOver(false);
        if (dragging && dropOk) ctx.onDropSwap(dragging, a);
        props.setDragging(undefined);
      }}
      style={{
        display: 'block',
        margin: '2px 0',
        padding: '1px 6px',
        borderRadius: 4,
        fontSize: 12,
        lineHeight: '18px',
        cursor: draggable ? 'grab' : 'pointer',
        color: a.kind === 'onsite' ? '#fff' : colour,
        background: a.kind === 'onsite' ? colour : '#fff',
        border: `1px ${a.kind === 'oncall' ? 'dashed' : 'solid'} ${colour}`,
        outline: outlineOf(over, flagged, mine),
        outlineOffset: 1,
        whiteSpace: props.detailed ? 'normal' : 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        opacity: dragging?.id === a.id ? 0.5 : 1,
      }}
    >
      <span>{kindText}</span> <strong>{person?.name ?? a.personId.slice(0, 8)}</strong>
      {props.detailed && <span style={{ marginLeft: 4 }}>{time}</span>}
      {a.source !== 'generated' && <span style={{ marginLeft: 4 }}>{a.source === 'swap' ? '⇄' : '✎'}</span>}
    </div>
  );
}

/** One day of the calendar: its date and kind, its shifts, who is on leave, and what coverage rule it breaks. */
function DayCellView(props: { cell: CalendarCell; ctx: GridContext; shifts: Assignment[]; detailed: boolean; dragging?: Assignment; setDragging: (a?: Assignment) => void }) {
  const label = useLabel();
  const { cell, ctx } = props;
  const info = ctx.data.days.get(cell.day);
  const kind: RosterDayKind = info?.kind ?? (cell.weekday >= 6 ? 'weekend' : 'workday');
  const violations = ctx.placed.byDay.get(cell.day) ?? [];
  const leaves = leavesOn(ctx.data.leaves, cell.day);
  return (
    <td
      data-testid={`day-${cell.day}`}
      data-day={cell.day}
      data-kind={kind}
      data-in-month={cell.inMonth ? 'true' : 'false'}
      data-violations={violations.length}
      style={{
        verticalAlign: 'top',
        border: violations.length ? '2px solid #c62828' : '1px solid #e0e0e0',
        background: cell.inMonth ? DAY_BACKGROUND[kind] : '#fafafa',
        opacity: cell.inMonth ? 1 : 0.55,
        padding: 4,
        height: props.detailed ? 220 : 112,
        width: `${100 / 7}%`,
        maxWidth: 0,
      }}
    >
      <Box display="flex" justifyContent="space-between" alignItems="baseline" style={{ gap: 4 }}>
        <Typography variant="body2" style={{ fontWeight: cell.isToday ? 700 : 500, color: cell.isToday ? '#1565c0' : undefined }}>
          {props.detailed ? cell.day.slice(5) : Number(cell.day.slice(8))}
        </Typography>
        <Typography variant="caption" data-testid={`day-kind-${cell.day}`} style={{ color: KIND_COLOURS[kind], whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          {info?.name ? `${info.name}·` : ''}
          {label(DAY_KIND_LABELS[kind])}
        </Typography>
      </Box>
      {props.shifts.map(a => (
        <ShiftChip key={a.id} a={a} ctx={ctx} detailed={props.detailed} dragging={props.dragging} setDragging={props.setDragging} />
      ))}
      {leaves.map(l => (
        <Typography key={l.id} variant="caption" component="div" data-testid="leave" data-person={l.personId} style={{ color: '#6d4c41', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
          ☂ {ctx.data.people.get(l.personId)?.name ?? ''} {label(LEAVE_TYPE_LABELS[l.type])}
        </Typography>
      ))}
      {violations.map(({ violation: v, continued }, i) => (
        <Typography
          key={`${v.code}-${i}`}
          variant="caption"
          component="div"
          data-testid={`violation-${cell.day}`}
          data-code={v.code}
          data-continued={continued ? 'true' : 'false'}
          style={{ color: '#c62828', lineHeight: 1.3, marginTop: 2 }}
          title={label(v.message)}
        >
          ⚠ {continued ? `${label(VIOLATION_TITLES[v.code])} …` : label(v.message)}
        </Typography>
      ))}
    </td>
  );
}

/**
 * The calendar: weekday columns Monday to Sunday and a row per week (one row in the week view,
 * `detailed`, with shift times). Shifts can be dragged onto colleagues' to ask for a swap.
 */
export function CalendarGrid(props: { rows: readonly CalendarCell[][]; ctx: GridContext; detailed: boolean; testId: string }) {
  const t = useT(messages);
  const [dragging, setDragging] = useState<Assignment>();
  const byDay = assignmentsByDay(props.ctx.data.assignments);
  const weekdays = ['wd1', 'wd2', 'wd3', 'wd4', 'wd5', 'wd6', 'wd7'] as const;
  return (
    <table data-testid={props.testId} data-dragging={dragging ? dragging.id : ''} style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
      <thead>
        <tr>
          {weekdays.map(w => (
            <th key={w} style={{ fontWeight: 500, fontSize: 13, color: w === 'wd6' || w === 'wd7' ? '#757575' : undefined, padding: 4 }}>
              {t(w)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map(row => (
          <tr key={row[0].day}>
            {row.map(cell => (
              <DayCellView key={cell.day} cell={cell} ctx={props.ctx} shifts={byDay.get(cell.day) ?? []} detailed={props.detailed} dragging={dragging} setDragging={setDragging} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
