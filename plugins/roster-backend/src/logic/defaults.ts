import { DEFAULT_ARRIVAL_HOURS, TEAM_ROLES, type TeamRole } from '@yinxin/plugin-roster-common';
import type { CoverageRules, TemplateLite } from './types';
import type { AttendanceRules } from './attendance';

/** Roles that may take remote on-call shifts by default. */
export const DEFAULT_ONCALL_ROLES: TeamRole[] = ['maintenance', 'technical-support', 'resident'];

/**
 * The shift templates a new roster starts with, which together cover every hour: on working
 * days (incl. make-up workdays) a resident on site 09:00–17:00 and remote on-call 17:00–09:00
 * the next morning; on weekends and holidays remote on-call 09:00–09:00.
 */
export const DEFAULT_TEMPLATES: readonly (TemplateLite & { name: string })[] = [
  { id: 'onsite-day', name: '现场值班 09:00–17:00', kind: 'onsite', days: 'working', start: '09:00', end: '17:00', roles: ['resident'], headcount: 1, sort: 10 },
  { id: 'oncall-night', name: '远程值守 17:00–次日 09:00', kind: 'oncall', days: 'working', start: '17:00', end: '09:00', roles: DEFAULT_ONCALL_ROLES, headcount: 1, sort: 20 },
  { id: 'oncall-offday', name: '休息日远程值守 09:00–次日 09:00', kind: 'oncall', days: 'non-working', start: '09:00', end: '09:00', roles: DEFAULT_ONCALL_ROLES, headcount: 1, sort: 30 },
];

/**
 * The contract's coverage rules: a resident on site 09:00–17:00 every working day, on-call 7×24,
 * all six roles and at least five people; counted hours (on-call hours count a quarter) at most
 * 60 a week and 240 a month.
 */
export const DEFAULT_RULES: CoverageRules = {
  onsiteRoles: ['resident'],
  onsiteStart: '09:00',
  onsiteEnd: '17:00',
  requiredRoles: [...TEAM_ROLES],
  minTeamSize: 5,
  hours: { weekLimit: 60, monthLimit: 240, oncallFactor: 0.25 },
};

/** Default attendance rules: late after 5 minutes; check-in opens 2 hours before the start. */
export const DEFAULT_ATTENDANCE: AttendanceRules = { lateGraceMinutes: 5, checkInEarlyMinutes: 120 };

/** Default arrival targets (hours). */
export const DEFAULT_ARRIVAL = { ...DEFAULT_ARRIVAL_HOURS };
