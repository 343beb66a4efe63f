import fc from 'fast-check';
import {
  DISPATCH_SEVERITIES,
  ROSTER_REFUSALS,
  TEAM_ROLES,
  TEAM_ROLE_LABELS,
  VIOLATION_CODES,
  VIOLATION_TITLES,
  addDays,
  addMonths,
  daysBetween,
  daysOfMonth,
  isDayKey,
  isMonthKey,
  isoWeekday,
  maskContact,
  maskEmail,
  maskPhone,
  rosterPermissions,
  severityOfAlert,
  violationMessage,
  weekStart,
} from './index';

describe('permissions', () => {
  it('has exactly the names the grants use', () => {
    expect(rosterPermissions.map(p => p.name).sort()).toEqual(
      [
        'yinxin.roster.read',
        'yinxin.roster.duty.read',
        'yinxin.roster.people.manage',
        'yinxin.roster.schedule.manage',
        'yinxin.roster.swap.request',
        'yinxin.roster.attendance.self',
        'yinxin.roster.dispatch.create',
        'yinxin.roster.dispatch.self',
        'yinxin.roster.report.read',
      ].sort(),
    );
    for (const p of rosterPermissions) expect(p.type).toBe('basic');
  });
});

describe('labels and messages', () => {
  it('labels every team role in both languages, with the contract names', () => {
    expect(TEAM_ROLES.map(r => TEAM_ROLE_LABELS[r].zh)).toEqual(['项目经理', '运维', '录入', '客服', '技术支持', '驻场']);
    for (const r of TEAM_ROLES) expect(TEAM_ROLE_LABELS[r].en.length).toBeGreaterThan(0);
  });

  it('gives every violation code a title and a message in both languages naming the facts', () => {
    for (const code of VIOLATION_CODES) {
      expect(VIOLATION_TITLES[code].zh).toBeTruthy();
      const m = violationMessage(code, { day: '2026-05-09', from: '09:00', to: '17:00', person: '张三', role: 'resident', hours: 61, limit: 60, count: 4, min: 5 });
      expect(m.zh).not.toMatch(/undefined/);
      expect(m.en).not.toMatch(/undefined/);
    }
    expect(violationMessage('ONSITE_UNCOVERED', { day: '2026-05-09', from: '09:00', to: '17:00' })).toEqual({
      zh: '2026-05-09 09:00–17:00 无驻场工程师在岗',
      en: '2026-05-09 09:00–17:00: no on-site engineer',
    });
    expect(violationMessage('TEAM_ROLE_MISSING', { day: '2026-05-01', role: 'enrolment' }).zh).toBe('自 2026-05-01 起团队缺少录入岗位');
  });

  it('maps every refusal to a portal error code with both messages', () => {
    for (const [reason, spec] of Object.entries(ROSTER_REFUSALS)) {
      expect([reason, spec.zh.length > 0, spec.en.length > 0]).toEqual([reason, true, true]);
    }
  });

  it('maps alert severities to dispatch severities', () => {
    expect(['critical', 'major', 'minor', 'info'].map(severityOfAlert)).toEqual(['major', 'major', 'ordinary', 'ordinary']);
    expect(DISPATCH_SEVERITIES).toEqual(['major', 'ordinary']);
  });
});

describe('masking', () => {
  it('masks mobile numbers as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('+86****5678');
    expect(maskPhone('0591-8765432')).toBe('059****5432');
    expect(maskPhone('0591-876543')).toBe('05***43');
    expect(maskPhone('12')).toBe('**');
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
    expect(maskEmail('broken')).toBe('***');
    expect(maskContact({ phone: '13812345678' })).toEqual({ phone: '138****5678' });
  });

  it('never shows more than the last four digits of a long number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), phone => {
        const masked = maskPhone(phone);
        expect(masked).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
        expect(masked).not.toContain(phone.slice(3, 7));
      }),
    );
  });
});

describe('days', () => {
  it('checks day and month keys', () => {
    expect(isDayKey('2026-02-28')).toBe(true);
    expect(isDayKey('2026-02-29')).toBe(false);
    expect(isDayKey('2026-2-28')).toBe(false);
    expect(isMonthKey('2026-05')).toBe(true);
    expect(isMonthKey('2026-13')).toBe(false);
  });

  it('walks days, weeks and months', () => {
    expect(daysOfMonth('2026-02')).toHaveLength(28);
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(isoWeekday('2026-05-09')).toBe(6); // a Saturday (make-up workday in 2026)
    expect(weekStart('2026-05-09')).toBe('2026-05-04');
    expect(weekStart('2026-05-04')).toBe('2026-05-04');
    expect(daysBetween('2026-04-29', '2026-05-02')).toEqual(['2026-04-29', '2026-04-30', '2026-05-01', '2026-05-02']);
  });

  it('a week start is a Monday within the last seven days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), n => {
        const day = addDays('1990-01-01', n);
        const start = weekStart(day);
        expect(isoWeekday(start)).toBe(1);
        expect(daysBetween(start, day).length).toBeGreaterThanOrEqual(1);
        expect(daysBetween(start, day).length).toBeLessThanOrEqual(7);
      }),
    );
  });
});
