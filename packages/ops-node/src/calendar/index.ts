/**
 * The working-day calendar of yinxin: China's public holidays and make-up workdays (调休),
 * business hours, and SLA deadline arithmetic, plus its database store.
 *
 * @packageDocumentation
 */

export {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_TIME_ZONE,
  WorkingCalendar,
  isValidDayKey,
} from './WorkingCalendar';
export type {
  BusinessHours,
  DayInfo,
  DayKind,
  DayOverride,
  DayOverrideKind,
  DayOverrides,
  WorkingCalendarOptions,
} from './WorkingCalendar';
export {
  CalendarStore,
  chineseDaysYears,
  migrateCalendarStore,
  seedDaysFromChineseDays,
} from './CalendarStore';
export type {
  CalendarChange,
  CalendarDay,
  CalendarDaySource,
  CalendarSettings,
  CalendarStoreOptions,
} from './CalendarStore';
