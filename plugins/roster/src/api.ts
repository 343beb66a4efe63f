import { useMemo } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { ApiCallError, usePluginClient } from '@yinxin/ops-react';
import type {
  ArrivalReport,
  Assignment,
  AttendanceRecord,
  AttendanceReport,
  Dispatch,
  DispatchRequest,
  DutyNow,
  GenerationSummary,
  JoinRequest,
  Leave,
  LeaveRequest,
  LeaveTeamRequest,
  Me,
  Override,
  OverrideRequest,
  Person,
  PersonPatch,
  ReplaceRequest,
  RosterMonth,
  RosterSettings,
  Rotation,
  RotationInput,
  ScheduleChangeResult,
  ShiftTemplate,
  StaffChange,
  Swap,
  SwapRequest,
  SwapState,
  TemplateInput,
  Violation,
} from '@yinxin/plugin-roster-common';

/** The roster backend's plugin id (`/api/roster`). */
export const ROSTER_PLUGIN_ID = 'roster';

/** `GET /attendance/me`: the shift the caller could check in to now, and their open check-in. */
export interface MyAttendance {
  shift: Assignment | null;
  open: AttendanceRecord | null;
}

const q = (params: Record<string, string | undefined>) => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();
  return s ? `?${s}` : '';
};
const enc = encodeURIComponent;

/**
 * The roster API (`/api/roster`, routes as in plugins/roster-backend/src/router.ts), typed with
 * the shared model. Refusals reject with an `ApiCallError` whose `details` carry the reason and
 * its Chinese and English message.
 */
export function useRosterApi() {
  const client = usePluginClient(ROSTER_PLUGIN_ID);
  const fetchApi = useApi(fetchApiRef);
  const discovery = useApi(discoveryApiRef);
  return useMemo(() => {
    /** DELETE, which the shared JSON client has no method for. */
    async function del<T>(path: string): Promise<T> {
      const base = await discovery.getBaseUrl(ROSTER_PLUGIN_ID);
      let res: Response;
      try {
        res = await fetchApi.fetch(`${base}${path}`, { method: 'DELETE' });
      } catch (e) {
        throw new ApiCallError(0, 'NETWORK', String(e));
      }
      const text = await res.text();
      const data = text ? JSON.parse(text) : undefined;
      if (!res.ok) {
        const err = data?.error ?? {};
        throw new ApiCallError(res.status, err.code ?? 'INTERNAL', err.message ?? res.statusText, err.details);
      }
      return data as T;
    }
    return {
      settings: () => client.get<RosterSettings>('/settings'),
      me: () => client.get<Me>('/me'),

      people: (status: 'active' | 'left' | 'all' = 'all') => client.get<{ items: Person[] }>(`/people${q({ status })}`).then(r => r.items),
      person: (id: string) => client.get<{ person: Person; changes: StaffChange[] }>(`/people/${enc(id)}`),
      join: (body: JoinRequest) => client.post<Person>('/people', body),
      updatePerson: (id: string, body: PersonPatch) => client.patch<Person>(`/people/${enc(id)}`, body),
      leaveTeam: (id: string, body: LeaveTeamRequest) => client.post<ScheduleChangeResult<Person>>(`/people/${enc(id)}/leave`, body),
      replace: (id: string, body: ReplaceRequest) => client.post<ScheduleChangeResult<{ left: Person; replacement: Person }>>(`/people/${enc(id)}/replace`, body),
      staffChanges: () => client.get<{ items: StaffChange[] }>('/staff-changes').then(r => r.items),

      templates: () => client.get<{ items: ShiftTemplate[] }>('/templates').then(r => r.items),
      putTemplate: (id: string, body: TemplateInput) => client.put<ShiftTemplate>(`/templates/${enc(id)}`, body),
      rotations: () => client.get<{ items: Rotation[] }>('/rotations').then(r => r.items),
      putRotation: (id: string, body: RotationInput) => client.put<Rotation>(`/rotations/${enc(id)}`, body),
      deleteRotation: (id: string) => del<{ id: string }>(`/rotations/${enc(id)}`),

      leaves: (month?: string, personId?: string) => client.get<{ items: Leave[] }>(`/leaves${q({ month, personId })}`).then(r => r.items),
      addLeave: (body: LeaveRequest) => client.post<ScheduleChangeResult<Leave>>('/leaves', body),
      deleteLeave: (id: string) => del<ScheduleChangeResult<{ id: string }>>(`/leaves/${enc(id)}`),

      month: (month: string) => client.get<RosterMonth>(`/rosters/${enc(month)}`),
      generate: (month: string, dryRun: boolean) => client.post<ScheduleChangeResult<GenerationSummary>>(`/rosters/${enc(month)}/generate`, { dryRun }),
      /** Paths of the month's exports (for the download helper). */
      exportPath: (month: string, format: 'csv' | 'pdf') => `/rosters/${enc(month)}/export.${format}`,
      coverage: (month: string) => client.get<{ from: string; to: string; violations: Violation[] }>(`/coverage${q({ month })}`),
      assignments: (from: string, to: string, opts: { personId?: string; mine?: boolean } = {}) =>
        client.get<{ items: Assignment[] }>(`/assignments${q({ from, to, personId: opts.personId, mine: opts.mine ? 'true' : undefined })}`).then(r => r.items),
      removeAssignment: (id: string, reason: string) => client.post<ScheduleChangeResult<Assignment>>(`/assignments/${enc(id)}/remove`, { reason }),

      overrides: (month: string) => client.get<{ items: Override[] }>(`/overrides${q({ month })}`).then(r => r.items),
      createOverride: (body: OverrideRequest) => client.post<ScheduleChangeResult<{ override: Override; assignment: Assignment }>>('/overrides', body),
      deleteOverride: (id: string) => del<ScheduleChangeResult<{ override: Override; restored: number; notRestored: number }>>(`/overrides/${enc(id)}`),

      swaps: (state?: SwapState, mine?: boolean) => client.get<{ items: Swap[] }>(`/swaps${q({ state, mine: mine ? 'true' : undefined })}`).then(r => r.items),
      requestSwap: (body: SwapRequest) => client.post<Swap>('/swaps', body),
      approveSwap: (id: string, note?: string) => client.post<ScheduleChangeResult<Swap>>(`/swaps/${enc(id)}/approve`, note ? { note } : {}),
      rejectSwap: (id: string, note: string) => client.post<Swap>(`/swaps/${enc(id)}/reject`, { note }),
      cancelSwap: (id: string) => client.post<Swap>(`/swaps/${enc(id)}/cancel`, {}),

      dutyNow: () => client.get<DutyNow>('/duty/now'),
      dispatches: (filter: { month?: string; state?: string; mine?: boolean } = {}) =>
        client.get<{ items: Dispatch[] }>(`/dispatches${q({ month: filter.month, state: filter.state, mine: filter.mine ? 'true' : undefined })}`).then(r => r.items),
      dispatch: (id: string) => client.get<Dispatch>(`/dispatches/${enc(id)}`),
      createDispatch: (body: DispatchRequest) => client.post<Dispatch>('/dispatches', body),
      acceptDispatch: (id: string) => client.post<Dispatch>(`/dispatches/${enc(id)}/accept`, {}),
      arriveDispatch: (id: string) => client.post<Dispatch>(`/dispatches/${enc(id)}/arrive`, {}),
      logDispatch: (id: string, text: string) => client.post<Dispatch>(`/dispatches/${enc(id)}/log`, { text }),
      completeDispatch: (id: string, note: string) => client.post<Dispatch>(`/dispatches/${enc(id)}/complete`, { note }),
      cancelDispatch: (id: string, reason: string) => client.post<Dispatch>(`/dispatches/${enc(id)}/cancel`, { reason }),
      arrivals: (month: string) => client.get<ArrivalReport>(`/reports/arrivals${q({ month })}`),

      myAttendance: () => client.get<MyAttendance>('/attendance/me'),
      checkIn: () => client.post<AttendanceRecord>('/attendance/check-in', {}),
      checkOut: () => client.post<AttendanceRecord>('/attendance/check-out', {}),
      attendance: (month: string, personId?: string) => client.get<AttendanceReport>(`/attendance${q({ month, personId })}`),
      attendanceRecords: (month: string, personId?: string) => client.get<{ items: AttendanceRecord[] }>(`/attendance/records${q({ month, personId })}`).then(r => r.items),
    };
  }, [client, fetchApi, discovery]);
}

/** The roster API client (see {@link useRosterApi}). */
export type RosterApi = ReturnType<typeof useRosterApi>;

/** A ticket as the tickets API lists it (only what a dispatch needs). */
export interface TicketHit {
  id: number;
  number: string;
  title: string;
}

/**
 * Finds a ticket by its number through the tickets API (`GET /api/tickets/tickets?q=`), for
 * dispatching from a ticket number; undefined when no ticket has exactly that number.
 */
export function useTicketLookup() {
  const tickets = usePluginClient('tickets');
  return useMemo(
    () => ({
      byNumber: async (number: string): Promise<TicketHit | undefined> => {
        const found = await tickets.get<{ items: TicketHit[] }>(`/tickets${q({ q: number, limit: '20' })}`);
        return found.items.find(t => t.number.toUpperCase() === number.toUpperCase());
      },
    }),
    [tickets],
  );
}
