import { ReportService, beijingTime } from './ReportService';

describe('report exports', () => {
  it('write times in Beijing time, YYYY-MM-DD HH:mm', () => {
    expect(beijingTime('2026-12-01T03:00:00.000Z')).toBe('2026-12-01 11:00');
    expect(beijingTime('2026-12-31T16:30:59.999Z')).toBe('2027-01-01 00:30');
    expect(beijingTime('2026-06-30T15:59:00+00:00')).toBe('2026-06-30 23:59');
    expect(beijingTime(undefined)).toBe('');
    expect(beijingTime('not a time')).toBe('');
  });

  it('name the time zone in the column titles of the completion records (CSV and PDF)', () => {
    const table = new ReportService({} as any).completionsTable([
      {
        learnerRef: 'user:default/zhang',
        learnerName: '张三',
        department: '审批一科',
        sessionId: 's',
        sessionTitle: '证书申请实操',
        topic: 'e-seal',
        startsAt: '2026-12-01T03:00:00.000Z',
        endsAt: '2026-12-01T05:00:00.000Z',
        enrolledAt: '2026-11-30T23:15:00.000Z',
        completed: false,
      },
    ]);
    expect(table.columns.slice(6, 9)).toEqual(['开始时间（北京时间）', '报名时间（北京时间）', '签到时间（北京时间）']);
    expect(table.rows[0].slice(6, 9)).toEqual(['2026-12-01 11:00', '2026-12-01 07:15', '']);
  });
});
