import { TEAM_ROLE_LABELS, type Label, type TeamRole } from './model';

/**
 * The coverage rules of the contract, each with the code of its violation:
 * - `ONSITE_UNCOVERED`: on a working day (incl. make-up workdays, not holidays) part of the on-site
 *   window (09:00–17:00) has no engineer with an on-site role on site;
 * - `ONCALL_GAP`: an interval with nobody on remote support (on-call, or on site) — 7×24;
 * - `TEAM_ROLE_MISSING`: a role the contract lists is held by nobody on the team;
 * - `TEAM_TOO_SMALL`: fewer people on the team than the contract's minimum (five);
 * - `HOURS_OVER_WEEK`, `HOURS_OVER_MONTH`: an engineer's counted hours over the limit;
 * - `ON_LEAVE`: an engineer scheduled while on leave;
 * - `DOUBLE_BOOKED`: an engineer scheduled twice at once;
 * - `NOT_EMPLOYED`: an engineer scheduled before joining or after leaving the team.
 */
export const VIOLATION_CODES = [
  'ONSITE_UNCOVERED',
  'ONCALL_GAP',
  'TEAM_ROLE_MISSING',
  'TEAM_TOO_SMALL',
  'HOURS_OVER_WEEK',
  'HOURS_OVER_MONTH',
  'ON_LEAVE',
  'DOUBLE_BOOKED',
  'NOT_EMPLOYED',
] as const;
/** One of {@link VIOLATION_CODES}. */
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/** Short names of the rules, for legends and filters. */
export const VIOLATION_TITLES: Record<ViolationCode, Label> = {
  ONSITE_UNCOVERED: { zh: '现场无人', en: 'No one on site' },
  ONCALL_GAP: { zh: '值守断档', en: 'On-call gap' },
  TEAM_ROLE_MISSING: { zh: '岗位缺失', en: 'Role missing' },
  TEAM_TOO_SMALL: { zh: '人数不足', en: 'Team too small' },
  HOURS_OVER_WEEK: { zh: '周工时超限', en: 'Weekly hours over limit' },
  HOURS_OVER_MONTH: { zh: '月工时超限', en: 'Monthly hours over limit' },
  ON_LEAVE: { zh: '休假被排班', en: 'Scheduled on leave' },
  DOUBLE_BOOKED: { zh: '重复排班', en: 'Double-booked' },
  NOT_EMPLOYED: { zh: '不在岗被排班', en: 'Scheduled while not on the team' },
};

/** What a violation message names; times are already formatted in local time. */
export interface ViolationParams {
  day?: string;
  /** Local start, e.g. `09:00` or `2026-05-04 17:00`. */
  from?: string;
  /** Local end. */
  to?: string;
  person?: string;
  role?: TeamRole;
  hours?: number;
  limit?: number;
  count?: number;
  min?: number;
}

/** The Chinese and English message of a violation. */
export function violationMessage(code: ViolationCode, p: ViolationParams): Label {
  const role = p.role ? TEAM_ROLE_LABELS[p.role] : { zh: '?', en: '?' };
  switch (code) {
    case 'ONSITE_UNCOVERED':
      return {
        zh: `${p.day} ${p.from}–${p.to} 无驻场工程师在岗`,
        en: `${p.day} ${p.from}–${p.to}: no on-site engineer`,
      };
    case 'ONCALL_GAP':
      return { zh: `${p.from} 至 ${p.to} 无远程值守`, en: `No remote on-call from ${p.from} to ${p.to}` };
    case 'TEAM_ROLE_MISSING':
      return { zh: `自 ${p.day} 起团队缺少${role.zh}岗位`, en: `From ${p.day} the team has no ${role.en.toLowerCase()}` };
    case 'TEAM_TOO_SMALL':
      return {
        zh: `自 ${p.day} 起团队仅 ${p.count} 人，合同要求至少 ${p.min} 人`,
        en: `From ${p.day} the team has ${p.count} people; the contract asks for at least ${p.min}`,
      };
    case 'HOURS_OVER_WEEK':
      return {
        zh: `${p.person} 自 ${p.day} 起的一周计 ${p.hours} 小时，超过上限 ${p.limit} 小时`,
        en: `${p.person}: ${p.hours} hours in the week from ${p.day}, over the limit of ${p.limit}`,
      };
    case 'HOURS_OVER_MONTH':
      return {
        zh: `${p.person} ${p.day?.slice(0, 7)} 月计 ${p.hours} 小时，超过上限 ${p.limit} 小时`,
        en: `${p.person}: ${p.hours} hours in ${p.day?.slice(0, 7)}, over the limit of ${p.limit}`,
      };
    case 'ON_LEAVE':
      return { zh: `${p.person} 休假期间被排班（${p.from}–${p.to}）`, en: `${p.person} is scheduled while on leave (${p.from}–${p.to})` };
    case 'DOUBLE_BOOKED':
      return { zh: `${p.person} 在 ${p.from}–${p.to} 被重复排班`, en: `${p.person} is booked twice from ${p.from} to ${p.to}` };
    case 'NOT_EMPLOYED':
      return { zh: `${p.person} 不在团队期间被排班（${p.day}）`, en: `${p.person} is scheduled while not on the team (${p.day})` };
    default:
      return { zh: String(code), en: String(code) };
  }
}
