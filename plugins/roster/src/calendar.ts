/*
 * The calendar's geometry and contents in China time (Asia/Shanghai, UTC+8, no daylight saving):
 * month grids with Monday-first weekday columns, weeks, the shifts and leave of each day, shift
 * times as wall-clock text, and the colours of the team roles.
 */
import { cstDateTimeOf, cstDayOf } from '@yinxin/ops-react';
import {
  TEAM_ROLES,
  addDays,
  addMonths,
  daysOfMonth,
  isDayKey,
  isMonthKey,
  isoWeekday,
  weekStart,
  type Assignment,
  type Leave,
  type PersonSummary,
  type RosterDay,
  type RosterMonth,
  type ShiftTemplate,
  type TeamRole,
  type Violation,
} from '@yinxin/plugin-roster-common';

/** Orders two texts (ISO instants, days, months) as strings: -1, 0 or 1. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** One cell of a month grid. */
export interface CalendarCell {
  /** Local day `YYYY-MM-DD`. */
  day: string;
  /** False for the days of the neighbouring months that fill the first and last weeks. */
  inMonth: boolean;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  isToday: boolean;
}

/** The weekday columns of the calendar: Monday first (1 = Monday … 7 = Sunday). */
export const WEEKDAY_COLUMNS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Today's local day in China time. */
export function cstToday(now: Date = new Date()): string {
  return cstDayOf(now);
}

/** This month (`YYYY-MM`) in China time. */
export function cstMonth(now: Date = new Date()): string {
  return cstToday(now).slice(0, 7);
}

/**
 * The month grid of `month`: whole weeks, Monday to Sunday, from the week of the 1st to the week
 * of the last day; days outside the month are marked so.
 */
export function monthGrid(month: string, today?: string): CalendarCell[][] {
  const days = daysOfMonth(month);
  const first = weekStart(days[0]);
  const last = addDays(weekStart(days[days.length - 1]), 6);
  const weeks: CalendarCell[][] = [];
  for (let start = first; start <= last; start = addDays(start, 7)) weeks.push(weekCells(start, month, today));
  return weeks;
}

/** The seven cells of the week starting on Monday `monday`; `month` marks which are in the month. */
function weekCells(monday: string, month: string | undefined, today: string | undefined): CalendarCell[] {
  return WEEKDAY_COLUMNS.map(w => {
    const day = addDays(monday, w - 1);
    return { day, inMonth: month === undefined || day.startsWith(month), weekday: isoWeekday(day), isToday: day === today };
  });
}

/** The week (Monday to Sunday) `day` is in, every day counted in. */
export function weekRow(day: string, today?: string): CalendarCell[] {
  return weekCells(weekStart(day), undefined, today);
}

/** The months (`YYYY-MM`) a week touches: one, or two when it straddles a month's end. */
export function monthsOfWeek(day: string): string[] {
  const monday = weekStart(day);
  return [...new Set([monday.slice(0, 7), addDays(monday, 6).slice(0, 7)])];
}

/** The calendar's place, kept in the URL: which view, which month, which week. */
export interface CalendarView {
  view: 'month' | 'week';
  month: string;
  /** A day of the week shown in the week view (its Monday). */
  week: string;
}

/**
 * The view named by the URL's `view`, `month` and `week` parameters; invalid or missing ones give
 * this month in China time and the week of today (or of the month's 1st when another month is asked).
 */
export function viewFromSearch(search: URLSearchParams, now: Date = new Date()): CalendarView {
  const month = isMonthKey(search.get('month')) ? search.get('month')! : cstMonth(now);
  const today = cstToday(now);
  const fallbackWeek = today.startsWith(month) ? today : `${month}-01`;
  const weekParam = search.get('week');
  const week = weekStart(isDayKey(weekParam) ? weekParam : fallbackWeek);
  return { view: search.get('view') === 'week' ? 'week' : 'month', month, week };
}

/** The URL parameters of a view. */
export function viewToSearch(v: CalendarView): URLSearchParams {
  const out = new URLSearchParams({ view: v.view, month: v.month });
  if (v.view === 'week') out.set('week', v.week);
  return out;
}

/** The view one step back (`-1`) or forward (`1`): a month in the month view, a week in the week view. */
export function stepView(v: CalendarView, delta: -1 | 1): CalendarView {
  if (v.view === 'month') {
    const month = addMonths(v.month, delta);
    return { ...v, month, week: weekStart(`${month}-01`) };
  }
  const week = addDays(v.week, 7 * delta);
  // The month follows the week's Thursday (the week belongs to the month holding most of it).
  return { ...v, week, month: addDays(week, 3).slice(0, 7) };
}

/** The shifts of each local day (an assignment belongs to the day its template started), in time order. */
export function assignmentsByDay(assignments: readonly Assignment[]): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  // In time order; at the same start, on site before on call.
  const sorted = [...assignments].sort((a, b) => compareText(a.startsAt, b.startsAt) || compareText(b.kind, a.kind));
  for (const a of sorted) {
    const list = out.get(a.day) ?? [];
    list.push(a);
    out.set(a.day, list);
  }
  return out;
}

/** The leaves that cover local day `day`. */
export function leavesOn(leaves: readonly Leave[], day: string): Leave[] {
  return leaves.filter(l => l.startDay <= day && day <= l.endDay);
}

/** The China-time wall clock `HH:MM` of an instant. */
export function cstTime(iso: string): string {
  return cstDateTimeOf(new Date(iso)).slice(11, 16);
}

/** The China-time day and wall clock (`YYYY-MM-DD HH:MM`) of an instant. */
export function cstText(iso: string): string {
  return cstDateTimeOf(new Date(iso)).replace('T', ' ');
}

/**
 * A shift's times as wall-clock text in China time, `09:00–17:00`; an end on a later day than
 * the start carries `+1` (or `+n`), so an on-call night reads `17:00–09:00+1`.
 */
export function shiftTimeText(a: { startsAt: string; endsAt: string }): string {
  const startDay = cstDayOf(new Date(a.startsAt));
  // An end at midnight belongs to the day before for reading purposes (`…–24:00`).
  const endMs = Date.parse(a.endsAt);
  const endDay = cstDayOf(new Date(endMs));
  const end = cstTime(a.endsAt);
  const days = Math.round((Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${startDay}T00:00:00Z`)) / 86_400_000);
  if (end === '00:00' && days === 1) return `${cstTime(a.startsAt)}–24:00`;
  return `${cstTime(a.startsAt)}–${end}${days > 0 ? `+${days}` : ''}`;
}

/** Whether an assignment has started by `now` (a started shift can no longer be swapped). */
export function hasStarted(a: { startsAt: string }, now: number): boolean {
  return Date.parse(a.startsAt) <= now;
}

/** Colours of the team roles (legend and shift chips). */
export const ROLE_COLOURS: Record<TeamRole, string> = {
  'project-manager': '#6a1b9a',
  maintenance: '#1565c0',
  enrolment: '#00838f',
  'customer-service': '#ad1457',
  'technical-support': '#2e7d32',
  resident: '#e65100',
};

/**
 * The role a person is shown in on a shift: the first of their roles the shift accepts (`accepted`,
 * the template's roles), else their first role in the contract's order.
 */
export function shownRole(roles: readonly TeamRole[], accepted: readonly TeamRole[] = []): TeamRole | undefined {
  const ordered = TEAM_ROLES.filter(r => roles.includes(r));
  return ordered.find(r => accepted.includes(r)) ?? ordered[0];
}

/**
 * Whether a `roster` event (`{ months }`) concerns the months shown: it does when it names one of
 * them, or names none (a change of the team, templates or rotations touches every month).
 */
export function eventTouches(payload: unknown, shown: readonly string[]): boolean {
  const months = (payload as { months?: unknown } | undefined)?.months;
  if (!Array.isArray(months) || months.length === 0) return true;
  return months.some(m => shown.includes(String(m)));
}

/** The months shown by a view: its month, or the one or two months its week touches. */
export function monthsShown(v: CalendarView): string[] {
  return v.view === 'month' ? [v.month] : monthsOfWeek(v.week);
}

/** What the calendar shows, merged from one or two month rosters. */
export interface CalendarData {
  days: Map<string, RosterDay>;
  assignments: Assignment[];
  leaves: Leave[];
  violations: Violation[];
  people: Map<string, PersonSummary>;
  templates: Map<string, ShiftTemplate>;
}

/**
 * Merges month rosters (a week straddling two months needs both): days by date, assignments and
 * leave by id (a shift overlapping both months comes once), violations in order.
 */
export function mergeMonths(months: readonly RosterMonth[]): CalendarData {
  const days = new Map<string, RosterDay>();
  const assignments = new Map<string, Assignment>();
  const leaves = new Map<string, Leave>();
  const people = new Map<string, PersonSummary>();
  const templates = new Map<string, ShiftTemplate>();
  const violations: Violation[] = [];
  for (const m of months) {
    for (const d of m.days) days.set(d.day, d);
    for (const a of m.assignments) assignments.set(a.id, a);
    for (const l of m.leaves) leaves.set(l.id, l);
    for (const p of m.people) people.set(p.id, p);
    for (const t of m.templates) templates.set(t.id, t);
    violations.push(...m.violations);
  }
  return { days, assignments: [...assignments.values()], leaves: [...leaves.values()], violations, people, templates };
}
