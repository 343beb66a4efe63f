import { certificatesText, isPhone, noticeProblems, parseCertificates, splitList, teamCheck, userRefOf } from './team';

const p = (name: string, roles: any[], status: 'active' | 'left' = 'active', leftOn: string | null = null) => ({ name, roles, status, leftOn });

describe('team check', () => {
  it('finds every role held and the team big enough', () => {
    const check = teamCheck(
      [
        p('王经理', ['project-manager']),
        p('张一', ['maintenance', 'resident']),
        p('李二', ['technical-support', 'resident']),
        p('赵三', ['enrolment']),
        p('钱四', ['customer-service']),
      ],
      undefined,
      5,
    );
    expect(check.ok).toBe(true);
    expect(check.missing).toEqual([]);
    expect(check.roles.find(r => r.role === 'resident')!.holders).toEqual(['张一', '李二']);
  });

  it('reports missing roles and a small team, without those who left', () => {
    const check = teamCheck([p('张一', ['maintenance', 'resident']), p('赵三', ['enrolment'], 'left'), p('钱四', ['customer-service'], 'active', '2026-05-01')], undefined, 5, '2026-05-10');
    expect(check.size).toBe(1);
    expect(check.missing).toEqual(['project-manager', 'enrolment', 'customer-service', 'technical-support']);
    expect(check.ok).toBe(false);
  });
});

describe('staff change notice', () => {
  it('asks for a written reason, a notice date, and notice before the change', () => {
    expect(noticeProblems({ reason: '合同约定人员稳定，调岗需书面通知', noticeDate: '2026-05-01', effectiveDate: '2026-05-08' })).toEqual([]);
    expect(noticeProblems({ reason: '调岗', noticeDate: '', effectiveDate: '' })).toEqual(['reasonShort', 'noticeDate']);
    expect(noticeProblems({ reason: '因个人原因离职，已书面通知', noticeDate: '2026-05-09', effectiveDate: '2026-05-08' })).toEqual(['noticeAfterChange']);
    expect(noticeProblems({ reason: '因个人原因离职，已书面通知', noticeDate: '2026-02-30' })).toEqual(['noticeDate']);
  });
});

describe('typed values', () => {
  it('splits lists on Chinese and Western separators', () => {
    expect(splitList('PKI, 运维；数据库、 Linux\n')).toEqual(['PKI', '运维', '数据库', 'Linux']);
    expect(splitList('  ')).toEqual([]);
  });
  it('checks phone numbers', () => {
    expect(isPhone('13812345678')).toBe(true);
    expect(isPhone('+86 138-1234-5678')).toBe(true);
    expect(isPhone('0591-8765432')).toBe(true);
    expect(isPhone('call me')).toBe(false);
    expect(isPhone('123')).toBe(false);
  });
  it('turns sign-in names into user refs', () => {
    expect(userRefOf('engineer1')).toBe('user:default/engineer1');
    expect(userRefOf('user:default/engineer2')).toBe('user:default/engineer2');
    expect(userRefOf(' ')).toBeNull();
  });
});

describe('certificates as typed', () => {
  it('reads one a line, number and date optional', () => {
    const list = parseCertificates('信息安全工程师, RZ-2024-001, 2027-12-31\nPMP\n\nCISP，C-9');
    expect(list).toEqual([{ name: '信息安全工程师', number: 'RZ-2024-001', validUntil: '2027-12-31' }, { name: 'PMP' }, { name: 'CISP', number: 'C-9' }]);
    expect(certificatesText(list!)).toBe('信息安全工程师, RZ-2024-001, 2027-12-31\nPMP\nCISP, C-9');
    expect(parseCertificates('')).toEqual([]);
  });
  it('refuses bad dates and extra parts', () => {
    expect(parseCertificates('PMP, 1, 2027-02-30')).toBeUndefined();
    expect(parseCertificates('PMP, 1, 2027-01-01, x')).toBeUndefined();
  });
});
