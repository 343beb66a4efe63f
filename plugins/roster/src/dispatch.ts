import { DEFAULT_ARRIVAL_HOURS, type Dispatch, type DispatchSeverity } from '@yinxin/plugin-roster-common';

/** A ticket as typed in the dispatch form: its id (`42`) or its number (`YX202605040001`). */
export type TicketInput = { kind: 'id'; id: number } | { kind: 'number'; number: string };

/**
 * Reads what was typed as a ticket: a number of the portal's format (`YX` and 12 digits, any
 * case, `#` allowed in front of an id) or a plain positive id. Anything else is undefined.
 */
export function parseTicketInput(text: string): TicketInput | undefined {
  const t = text.trim().replace(/^#/, '');
  if (/^yx\d{12}$/i.test(t)) return { kind: 'number', number: t.toUpperCase() };
  if (/^\d{1,9}$/.test(t) && Number(t) > 0) return { kind: 'id', id: Number(t) };
  return undefined;
}

/** The arrival deadline of a dispatch made at `at` (wall-clock hours after, as the contract counts). */
export function arrivalDeadline(at: Date, severity: DispatchSeverity, hours: Record<DispatchSeverity, number> = DEFAULT_ARRIVAL_HOURS): Date {
  return new Date(at.getTime() + hours[severity] * 3_600_000);
}

/** Minutes until `deadline` from `now` (negative when past), rounded down. */
export function minutesLeft(deadline: string, now: number): number {
  return Math.floor((Date.parse(deadline) - now) / 60_000);
}

/** Minutes as `1 h 05 min` / `1 小时 05 分` style parts: whole hours and the minutes left. */
export function hoursAndMinutes(minutes: number): { h: number; m: number } {
  const abs = Math.abs(Math.round(minutes));
  return { h: Math.floor(abs / 60), m: abs % 60 };
}

/** What a user can do with a dispatch. */
export type DispatchAction = 'accept' | 'arrive' | 'log' | 'complete' | 'cancel';

/**
 * The actions a dispatch offers: its engineer (`mine`, with `dispatch.self`) accepts it, checks in
 * on arrival, writes work-log entries while it is open and completes it once on site; whoever may
 * dispatch or manage cancels it until the engineer has arrived.
 */
export function dispatchActions(d: Pick<Dispatch, 'state'>, mine: boolean, caps: { dispatchSelf: boolean; dispatch: boolean; manageSchedule: boolean }): DispatchAction[] {
  const out: DispatchAction[] = [];
  const self = mine && caps.dispatchSelf;
  if (self && d.state === 'dispatched') out.push('accept');
  if (self && (d.state === 'dispatched' || d.state === 'accepted')) out.push('arrive');
  if (self && (d.state === 'dispatched' || d.state === 'accepted' || d.state === 'arrived')) out.push('log');
  if (self && d.state === 'arrived') out.push('complete');
  if ((caps.dispatch || caps.manageSchedule) && (d.state === 'dispatched' || d.state === 'accepted')) out.push('cancel');
  return out;
}

/** A dispatch's source as text: the ticket number (or `#id`), or the alert's rule and target. */
export function sourceText(d: Pick<Dispatch, 'source'>): string {
  const s = d.source;
  return s.kind === 'ticket' ? s.ticketNumber ?? `#${s.ticketId}` : `${s.ruleId} · ${s.targetId}`;
}
