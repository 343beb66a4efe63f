import { STAFF_CHANGE_REASON_MIN, TEAM_ROLES, isDayKey, type Certificate, type Person, type TeamRole } from '@yinxin/plugin-roster-common';

/** Who holds a role on the team. */
export interface RoleHolders {
  role: TeamRole;
  holders: string[];
}

/** The contract's team check: every required role held, and enough people. */
export interface TeamCheck {
  roles: RoleHolders[];
  missing: TeamRole[];
  size: number;
  minSize: number;
  ok: boolean;
}

/**
 * Checks the active team against the contract: each of `requiredRoles` held by someone (the
 * holders' names listed) and at least `minSize` active people. People who have left, or whose
 * leaving date is on or before `today`, do not count.
 */
export function teamCheck(people: readonly Pick<Person, 'name' | 'roles' | 'status' | 'leftOn'>[], requiredRoles: readonly TeamRole[] = TEAM_ROLES, minSize = 5, today?: string): TeamCheck {
  const active = people.filter(p => p.status === 'active' && !(today && p.leftOn && p.leftOn <= today));
  const roles = requiredRoles.map(role => ({ role, holders: active.filter(p => p.roles.includes(role)).map(p => p.name) }));
  const missing = roles.filter(r => r.holders.length === 0).map(r => r.role);
  return { roles, missing, size: active.length, minSize, ok: missing.length === 0 && active.length >= minSize };
}

/** What is wrong with a staff change's written notice (message ids), if anything. */
export type NoticeProblem = 'reasonShort' | 'noticeDate' | 'effectiveDate' | 'noticeAfterChange';

/**
 * Checks a staff change's written notice as the contract asks: a reason of at least
 * {@link STAFF_CHANGE_REASON_MIN} characters, a notice date, and the notice no later than the
 * change (when an effective date is given).
 */
export function noticeProblems(n: { reason: string; noticeDate: string; effectiveDate?: string }): NoticeProblem[] {
  const out: NoticeProblem[] = [];
  if ([...n.reason.trim()].length < STAFF_CHANGE_REASON_MIN) out.push('reasonShort');
  if (!isDayKey(n.noticeDate)) out.push('noticeDate');
  if (n.effectiveDate && !isDayKey(n.effectiveDate)) out.push('effectiveDate');
  if (isDayKey(n.noticeDate) && n.effectiveDate && isDayKey(n.effectiveDate) && n.noticeDate > n.effectiveDate) out.push('noticeAfterChange');
  return out;
}

/** Splits a typed list (`PKI, 运维；数据库`) on commas, semicolons, 、 and new lines. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，;；、\n]+/)
    .map(s => s.trim())
    .filter(Boolean);
}

/** Whether a phone number looks like one (digits, spaces, `+`, `-`, 5 to 20 digits). */
export function isPhone(text: string): boolean {
  const t = text.trim();
  const digits = t.replace(/[^0-9]/g, '');
  return /^\+?[0-9][0-9 -]*$/.test(t) && digits.length >= 5 && digits.length <= 20;
}

/** The user entity ref of a typed sign-in name (`engineer1` → `user:default/engineer1`); refs stay as they are. */
export function userRefOf(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  return t.includes(':') ? t : `user:default/${t}`;
}

/**
 * Reads certificates typed one a line as `name, number, valid until` (number and date optional;
 * Chinese commas allowed). Undefined when a line is not of that form.
 */
export function parseCertificates(text: string): Certificate[] | undefined {
  const out: Certificate[] = [];
  for (const line of text.split('\n').map(l => l.trim()).filter(Boolean)) {
    const [name, number, validUntil, ...rest] = line.split(/[,，]/).map(s => s.trim());
    if (!name || rest.length || (validUntil && !isDayKey(validUntil))) return undefined;
    out.push({ name, ...(number ? { number } : {}), ...(validUntil ? { validUntil } : {}) });
  }
  return out;
}

/** Certificates as the lines {@link parseCertificates} reads. */
export function certificatesText(list: readonly Certificate[]): string {
  return list.map(c => [c.name, c.number ?? '', c.validUntil ?? ''].join(', ').replace(/(, )+$/, '')).join('\n');
}
