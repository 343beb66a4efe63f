import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Button, ButtonGroup, Chip, Grid, IconButton, Menu, MenuItem, Typography } from '@material-ui/core';
import { Progress } from '@backstage/core-components';
import Alert from '@material-ui/lab/Alert';
import ChevronLeftIcon from '@material-ui/icons/ChevronLeft';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { shortRef, useDownload, useLabel, useRealtimeRoom, useT, useNotice, useLoad } from '@yinxin/ops-react';
import { ROSTER_DUTY_ROOM, ROSTER_EVENTS, SHIFT_KIND_LABELS, addDays, type Assignment } from '@yinxin/plugin-roster-common';
import { messages } from '../messages';
import { useRosterApi } from '../api';
import { CalendarView, cstMonth, cstText, cstToday, eventTouches, mergeMonths, monthGrid, monthsShown, stepView, viewFromSearch, viewToSearch, weekRow } from '../calendar';
import { flaggedAssignments, groupViolations } from '../violationDays';
import { dragBlock, pendingShiftIds, SwapDraft } from '../swap';
import { CalendarGrid, BLOCK_MESSAGES } from '../components/CalendarGrid';
import { DutyPanel } from '../components/DutyPanel';
import { GenerateDialog } from '../components/GenerateDialog';
import { OverrideDialog, RemoveShiftDialog, SwapDialog, useShiftText } from '../components/ShiftDialogs';
import { SwapsPanel } from '../components/SwapsPanel';
import { RoleLegend } from '../components/RoleChips';
import { useRosterMe } from '../components/useRoster';

/**
 * 值班表: the month (or week) calendar with day kinds, shifts in role colours, leave and coverage
 * violations; managers generate (with a preview), override and remove shifts and decide swaps;
 * engineers drag their shifts onto colleagues' (or use the shift's menu) to ask for a swap.
 * Every viewer follows changes live through the realtime room.
 */
export function CalendarPage() {
  const t = useT(messages);
  const label = useLabel();
  const api = useRosterApi();
  const me = useRosterMe();
  const notice = useNotice({ dismissible: true });
  const download = useDownload('roster');
  const shiftText = useShiftText();
  const [search, setSearch] = useSearchParams();
  const view = viewFromSearch(search);
  const months = monthsShown(view);
  const go = (v: CalendarView) => setSearch(viewToSearch(v), { replace: true });

  const [round, setRound] = useState(0);
  const [dutyRound, setDutyRound] = useState(0);
  const [showAllSwaps, setShowAllSwaps] = useState(false);
  const loaded = useLoad(() => Promise.all(months.map(m => api.month(m))), `${months.join(',')}-${round}`);
  const swaps = useLoad(() => api.swaps(showAllSwaps ? undefined : 'pending'), `swaps-${showAllSwaps}-${round}`);
  const live = useRealtimeRoom(ROSTER_DUTY_ROOM, (event, payload) => {
    if (event === ROSTER_EVENTS.roster) {
      if (eventTouches(payload, months)) setRound(r => r + 1);
      else swaps.reload();
      setDutyRound(r => r + 1);
    } else if (event === 'swap') swaps.reload();
    else if (event === ROSTER_EVENTS.duty) setDutyRound(r => r + 1);
  });
  const refresh = () => {
    setRound(r => r + 1);
    setDutyRound(r => r + 1);
  };

  const data = useMemo(() => mergeMonths(loaded.value ?? []), [loaded.value]);
  const today = cstToday();
  const rows = view.view === 'month' ? monthGrid(view.month, today) : [weekRow(view.week, today)];
  const shownDays = rows.flat().map(c => c.day);
  const placed = useMemo(() => groupViolations(data.violations, shownDays), [data.violations, shownDays.join()]); // eslint-disable-line react-hooks/exhaustive-deps
  const pending = useMemo(() => pendingShiftIds(swaps.value ?? []), [swaps.value]);
  const flagged = useMemo(() => flaggedAssignments(data.violations), [data.violations]);
  const now = Date.now();

  const [menu, setMenu] = useState<{ a: Assignment; anchor: HTMLElement }>();
  const [swapDraft, setSwapDraft] = useState<SwapDraft>();
  const [override, setOverride] = useState<{ prefill?: Assignment }>();
  const [removing, setRemoving] = useState<Assignment>();
  const [generating, setGenerating] = useState(false);
  const done = (message: string) => {
    notice.show({ severity: 'success', text: message });
    refresh();
  };

  const shown = loaded.value?.find(m => m.month === view.month);
  const menuBlock = menu ? dragBlock(menu.a, me.personId, now, pending) : undefined;
  const menuMine = menu && me.personId === menu.a.personId;
  const title =
    view.view === 'month'
      ? t('monthTitle', { year: view.month.slice(0, 4), month: Number(view.month.slice(5, 7)) })
      : t('weekTitle', { from: view.week, to: addDays(view.week, 6) });

  return (
    <>
      {notice.view('roster-notice')}
      <Box display="flex" alignItems="center" flexWrap="wrap" marginBottom={2} style={{ gap: 8 }}>
        <ButtonGroup size="small">
          <Button variant={view.view === 'month' ? 'contained' : 'outlined'} color="primary" onClick={() => go({ ...view, view: 'month' })} data-testid="view-month">
            {t('monthView')}
          </Button>
          <Button variant={view.view === 'week' ? 'contained' : 'outlined'} color="primary" onClick={() => go({ ...view, view: 'week' })} data-testid="view-week">
            {t('weekView')}
          </Button>
        </ButtonGroup>
        <IconButton size="small" onClick={() => go(stepView(view, -1))} aria-label={t(view.view === 'month' ? 'previousMonth' : 'previousWeek')} data-testid="calendar-prev">
          <ChevronLeftIcon />
        </IconButton>
        <Typography variant="h6" data-testid="calendar-title" data-month={view.month} data-view={view.view} style={{ minWidth: 160, textAlign: 'center' }}>
          {title}
        </Typography>
        <IconButton size="small" onClick={() => go(stepView(view, 1))} aria-label={t(view.view === 'month' ? 'nextMonth' : 'nextWeek')} data-testid="calendar-next">
          <ChevronRightIcon />
        </IconButton>
        <Button size="small" onClick={() => go({ view: view.view, month: cstMonth(), week: today })} data-testid="calendar-today">
          {t('today')}
        </Button>
        <Chip size="small" data-testid="roster-live" data-live={live.connected ? 'true' : 'false'} label={live.connected ? t('live') : t('offline')} color={live.connected ? 'primary' : 'default'} />
        <Box flexGrow={1} />
        <Button size="small" variant="outlined" onClick={() => notice.run(() => download(api.exportPath(view.month, 'csv'), `roster-${view.month}.csv`))} data-testid="export-csv">
          {t('exportCsv')}
        </Button>
        <Button size="small" variant="outlined" onClick={() => notice.run(() => download(api.exportPath(view.month, 'pdf'), `roster-${view.month}.pdf`))} data-testid="export-pdf">
          {t('exportPdf')}
        </Button>
        {me.caps.manageSchedule && (
          <>
            <Button size="small" variant="outlined" color="primary" onClick={() => setOverride({})} data-testid="override-button">
              {t('override')}
            </Button>
            <Button size="small" variant="contained" color="primary" onClick={() => setGenerating(true)} data-testid="generate-button">
              {t('generate')}
            </Button>
          </>
        )}
      </Box>

      {loaded.error && <Alert severity="error">{loaded.error}</Alert>}
      {placed.general.length > 0 && (
        <Alert severity="error" style={{ marginBottom: 8 }} data-testid="general-violations" data-count={placed.general.length}>
          {placed.general.map((v, i) => (
            <div key={i} data-code={v.code}>
              {label(v.message)}
            </div>
          ))}
        </Alert>
      )}
      <Box display="flex" alignItems="center" flexWrap="wrap" marginBottom={1} style={{ gap: 16 }}>
        <RoleLegend onsiteLabel={label(SHIFT_KIND_LABELS.onsite)} oncallLabel={label(SHIFT_KIND_LABELS.oncall)} />
        <Typography variant="caption" color="textSecondary" data-testid="generated-at">
          {shown && (shown.generatedAt ? t('generatedAt', { at: cstText(shown.generatedAt), by: shortRef(shown.generatedBy) }) : t('notGenerated'))}
        </Typography>
      </Box>
      {me.caps.requestSwap && me.personId && (
        <Typography variant="caption" color="textSecondary" component="div" style={{ marginBottom: 4 }}>
          {t('swapHint')}
        </Typography>
      )}
      {!loaded.value && loaded.loading && <Progress />}
      {loaded.value && (
        <Box data-testid="roster-calendar" data-loaded-round={round} data-months={months.join(',')} data-assignments={data.assignments.length} style={{ overflowX: 'auto' }}>
          <CalendarGrid
            rows={rows}
            detailed={view.view === 'week'}
            testId={view.view === 'week' ? 'week-grid' : 'month-grid'}
            ctx={{
              data,
              placed,
              flagged,
              meId: me.personId,
              canSwap: me.caps.requestSwap,
              now,
              pending,
              onShift: (a, anchor) => setMenu({ a, anchor }),
              onDropSwap: (mine, theirs) => setSwapDraft({ assignment: mine, partnerId: theirs.personId, partnerAssignment: theirs }),
            }}
          />
        </Box>
      )}

      <Grid container spacing={2} style={{ marginTop: 8 }}>
        <Grid item xs={12} lg={me.caps.dutyRead ? 8 : 12}>
          <SwapsPanel
            swaps={swaps.value ?? []}
            data={data}
            meId={me.personId}
            userRef={me.ref}
            canDecide={me.caps.manageSchedule}
            showAll={showAllSwaps}
            onShowAll={setShowAllSwaps}
            onDone={done}
            onError={e => notice.run(() => Promise.reject(e))}
          />
        </Grid>
        {me.caps.dutyRead && (
          <Grid item xs={12} lg={4}>
            <DutyPanel refreshKey={dutyRound} mayManagePeople={me.caps.managePeople} />
          </Grid>
        )}
      </Grid>

      <Menu open={!!menu} anchorEl={menu?.anchor} onClose={() => setMenu(undefined)} data-testid="shift-menu">
        {menu && (
          <MenuItem disabled style={{ opacity: 1 }}>
            <Typography variant="caption">
              {data.people.get(menu.a.personId)?.name} · {shiftText(menu.a)}
            </Typography>
          </MenuItem>
        )}
        {menu && menuMine && me.caps.requestSwap && (
          <MenuItem
            disabled={!!menuBlock}
            onClick={() => {
              setSwapDraft({ assignment: menu.a });
              setMenu(undefined);
            }}
            data-testid="shift-menu-swap"
          >
            {t('askSwap')}
            {menuBlock && <Typography variant="caption" style={{ marginLeft: 8 }}>{t(BLOCK_MESSAGES[menuBlock])}</Typography>}
          </MenuItem>
        )}
        {menu && me.caps.manageSchedule && (
          <MenuItem
            onClick={() => {
              setOverride({ prefill: menu.a });
              setMenu(undefined);
            }}
            data-testid="shift-menu-override"
          >
            {t('overrideShift')}
          </MenuItem>
        )}
        {menu && me.caps.manageSchedule && (
          <MenuItem
            onClick={() => {
              setRemoving(menu.a);
              setMenu(undefined);
            }}
            data-testid="shift-menu-remove"
          >
            {t(menu.a.overrideId ? 'undoOverride' : 'removeShift')}
          </MenuItem>
        )}
      </Menu>

      <SwapDialog draft={swapDraft} data={data} meId={me.personId} now={now} pending={pending} onClose={() => setSwapDraft(undefined)} onDone={done} />
      <OverrideDialog open={!!override} prefill={override?.prefill} people={[...data.people.values()]} onClose={() => setOverride(undefined)} onDone={done} />
      <RemoveShiftDialog shift={removing} personName={removing && data.people.get(removing.personId)?.name} onClose={() => setRemoving(undefined)} onDone={done} />
      <GenerateDialog
        open={generating}
        shownMonth={view.month}
        templates={data.templates}
        onClose={() => setGenerating(false)}
        onSaved={(month, created) => {
          notice.show({ severity: 'success', text: t('savedSummary', { month, created }) });
          if (month !== view.month) go({ view: 'month', month, week: `${month}-01` });
          else refresh();
        }}
      />
    </>
  );
}
