import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { WorkingCalendar } from './WorkingCalendar';

/** Gives plugins the working-day calendar in force. */
export interface CalendarService {
  /** The current calendar (cached briefly). */
  current(): Promise<WorkingCalendar>;
}

/** The shape `GET /api/platform/calendar/export` answers with. */
export interface CalendarExport {
  timeZone: string;
  businessHours: { start: string; end: string };
  days: Record<string, { kind: 'holiday' | 'workday'; name?: string }>;
}

/** Builds a calendar from the platform plugin's export. */
export function calendarFromExport(data: CalendarExport): WorkingCalendar {
  return new WorkingCalendar({ timeZone: data.timeZone, businessHours: data.businessHours, days: data.days });
}

/**
 * The calendar service: fetches the calendar from the `platform` plugin, which owns the calendar
 * tables, with a service token, and caches it for a minute.
 */
export const calendarServiceRef = createServiceRef<CalendarService>({
  id: 'yinxin.calendar',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      async factory({ discovery, auth }) {
        let cache: { at: number; calendar: WorkingCalendar } | undefined;
        return {
          async current() {
            if (cache && Date.now() - cache.at < 60_000) return cache.calendar;
            const base = await discovery.getBaseUrl('platform');
            const { token } = await auth.getPluginRequestToken({
              onBehalfOf: await auth.getOwnServiceCredentials(),
              targetPluginId: 'platform',
            });
            const res = await fetch(`${base}/calendar/export`, { headers: { Authorization: `Bearer ${token}` } });
            if (!res.ok) throw new Error(`calendar export failed: HTTP ${res.status}`);
            const calendar = calendarFromExport((await res.json()) as CalendarExport);
            cache = { at: Date.now(), calendar };
            return calendar;
          },
        };
      },
    }),
});
