import type { CompletionRecord, DepartmentCoverage } from '@yinxin/plugin-training-common';
import { audienceCoverage, completionSummary, coveragePoints, scoreText, shortLabel, trainedShare } from './reports';

const record = (over: Partial<CompletionRecord>): CompletionRecord => ({
  learnerRef: 'user:default/a',
  learnerName: 'a',
  department: 'd',
  sessionId: 's',
  sessionTitle: 't',
  topic: 'usb-key',
  startsAt: '2026-03-02T02:00:00Z',
  endsAt: '2026-03-02T04:00:00Z',
  enrolledAt: '2026-03-01T00:00:00Z',
  completed: false,
  ...over,
});
const dept = (department: string, learners: number, trained: number): DepartmentCoverage => ({ department, learners, trained, sessions: 1, enrolments: learners, attendances: trained });

describe('completionSummary', () => {
  it('counts enrolments, learners, attendances, completions and certificates', () => {
    const s = completionSummary([
      record({ attendedAt: 'x', completed: true, certificateSerial: 'PX' }),
      record({ sessionId: 's2', attendedAt: 'x' }),
      record({ learnerRef: 'user:default/b' }),
    ]);
    expect(s).toEqual({ enrolments: 3, learners: 2, attended: 2, completed: 1, certificates: 1 });
    expect(completionSummary([])).toEqual({ enrolments: 0, learners: 0, attended: 0, completed: 0, certificates: 0 });
  });
});

describe('coveragePoints', () => {
  it('draws the most trained departments first', () => {
    expect(coveragePoints([dept('乙', 4, 1), dept('甲', 3, 3)], '其他').map(p => p.day)).toEqual(['甲', '乙']);
  });

  it('sums departments beyond the limit', () => {
    const points = coveragePoints([dept('a', 5, 5), dept('b', 4, 4), dept('c', 3, 3), dept('d', 2, 2)], '其他', 3);
    expect(points).toEqual([
      { day: 'a', learners: 5, trained: 5, attendances: 5 },
      { day: 'b', learners: 4, trained: 4, attendances: 4 },
      { day: '其他', learners: 5, trained: 5, attendances: 5 },
    ]);
  });
});

describe('shapes for people', () => {
  it('gives shares, short labels and scores', () => {
    expect(trainedShare({ learners: 3, trained: 2 })).toBe(67);
    expect(trainedShare({ learners: 0, trained: 0 })).toBe(0);
    expect(shortLabel('某区社保经办中心审批科', 6)).toBe('某区社保经…');
    expect(shortLabel('审批科')).toBe('审批科');
    expect(scoreText(4.5)).toBe('4.50');
    expect(scoreText(null)).toBe('—');
  });

  it('lists every audience and flags those without an active plan', () => {
    const rows = audienceCoverage([{ audience: 'agency', activePlans: 1, courses: 3 }, { audience: 'support', activePlans: 0, courses: 0 }]);
    expect(rows).toHaveLength(6);
    expect(rows.find(r => r.audience === 'agency')).toEqual({ audience: 'agency', activePlans: 1, courses: 3, missing: false });
    expect(rows.filter(r => r.missing)).toHaveLength(5);
  });
});
