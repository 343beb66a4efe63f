import type { RootConfigService } from '@backstage/backend-plugin-api';
import { DEFAULT_ARRIVAL_HOURS, TEAM_ROLES, isTeamRole, type RosterSettings, type TeamRole } from '@yinxin/plugin-roster-common';
import { DEFAULT_ATTENDANCE, DEFAULT_RULES } from '../logic/defaults';
import type { CoverageRules } from '../logic/types';
import { parseHhMm } from '../logic/zone';

/** A configuration subtree (or undefined when absent). */
type Config = ReturnType<RootConfigService['getOptionalConfig']>;

/** The default settings (the contract's figures). */
export function defaultSettings(timeZone = 'Asia/Shanghai'): RosterSettings {
  return {
    timeZone,
    onsite: { roles: [...DEFAULT_RULES.onsiteRoles], start: DEFAULT_RULES.onsiteStart, end: DEFAULT_RULES.onsiteEnd },
    requiredRoles: [...TEAM_ROLES],
    minTeamSize: DEFAULT_RULES.minTeamSize,
    hours: { ...DEFAULT_RULES.hours },
    arrivalHours: { ...DEFAULT_ARRIVAL_HOURS },
    attendance: { ...DEFAULT_ATTENDANCE },
  };
}

/** The coverage rules of the settings. */
export function coverageRules(s: RosterSettings): CoverageRules {
  return { onsiteRoles: s.onsite.roles, onsiteStart: s.onsite.start, onsiteEnd: s.onsite.end, requiredRoles: s.requiredRoles, minTeamSize: s.minTeamSize, hours: s.hours };
}

function roles(cfg: Config, key: string, fallback: TeamRole[]): TeamRole[] {
  const v = cfg?.getOptionalStringArray(key);
  if (v === undefined) return fallback;
  const bad = v.filter(r => !isTeamRole(r));
  if (bad.length) throw new Error(`yinxin.roster.${key}: unknown team roles ${bad.join(', ')} (known: ${TEAM_ROLES.join(', ')})`);
  return v as TeamRole[];
}

function num(cfg: Config, key: string, fallback: number, min: number, max: number): number {
  const v = cfg?.getOptionalNumber(key);
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`yinxin.roster.${key}: a number from ${min} to ${max}`);
  return v;
}

function time(cfg: Config, key: string, fallback: string): string {
  const v = cfg?.getOptionalString(key);
  if (v === undefined) return fallback;
  parseHhMm(v);
  return v;
}

/**
 * Reads `yinxin.roster` (see config.d.ts): `timeZone`, `onsite.{roles,start,end}`, `requiredRoles`,
 * `minTeamSize`, `hours.{weekLimit,monthLimit,oncallFactor}`, `arrivalHours.{major,ordinary}`,
 * `attendance.{lateGraceMinutes,checkInEarlyMinutes}`.
 *
 * @throws Error naming the key of an invalid value
 */
export function readSettings(cfg: Config): RosterSettings {
  const timeZone = cfg?.getOptionalString('timeZone') ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`yinxin.roster.timeZone: an IANA time zone name, not ${JSON.stringify(timeZone)}`);
  }
  const d = defaultSettings(timeZone);
  return {
    timeZone,
    onsite: { roles: roles(cfg, 'onsite.roles', d.onsite.roles), start: time(cfg, 'onsite.start', d.onsite.start), end: time(cfg, 'onsite.end', d.onsite.end) },
    requiredRoles: roles(cfg, 'requiredRoles', d.requiredRoles),
    minTeamSize: num(cfg, 'minTeamSize', d.minTeamSize, 0, 1000),
    hours: {
      weekLimit: num(cfg, 'hours.weekLimit', d.hours.weekLimit, 1, 168),
      monthLimit: num(cfg, 'hours.monthLimit', d.hours.monthLimit, 1, 744),
      oncallFactor: num(cfg, 'hours.oncallFactor', d.hours.oncallFactor, 0, 1),
    },
    arrivalHours: { major: num(cfg, 'arrivalHours.major', d.arrivalHours.major, 0.25, 72), ordinary: num(cfg, 'arrivalHours.ordinary', d.arrivalHours.ordinary, 0.25, 72) },
    attendance: {
      lateGraceMinutes: num(cfg, 'attendance.lateGraceMinutes', d.attendance.lateGraceMinutes, 0, 240),
      checkInEarlyMinutes: num(cfg, 'attendance.checkInEarlyMinutes', d.attendance.checkInEarlyMinutes, 0, 720),
    },
  };
}
