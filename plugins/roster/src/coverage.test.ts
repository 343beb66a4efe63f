import type { Assignment } from '@yinxin/plugin-roster-common';
import { dailyCoverage } from './coverage';

const a = (kind: 'onsite' | 'oncall', startsAt: string, endsAt: string): Assignment => ({
  id: `${kind}${startsAt}`,
  personId: 'p',
  templateId: null,
  kind,
  day: '',
  startsAt,
  endsAt,
  source: 'generated',
  overrideId: null,
  createdAt: '',
  createdBy: '',
});

describe('daily coverage', () => {
  it('counts the hours of each China-time day on site, on call and uncovered', () => {
    const list = [
      // 4 May: on site 09–17, on call 17–09 (+1); 5 May: on site 09–17 only.
      a('onsite', '2026-05-04T01:00:00Z', '2026-05-04T09:00:00Z'),
      a('oncall', '2026-05-04T09:00:00Z', '2026-05-05T01:00:00Z'),
      a('onsite', '2026-05-05T01:00:00Z', '2026-05-05T09:00:00Z'),
    ];
    expect(dailyCoverage(list, ['2026-05-04', '2026-05-05', '2026-05-06'])).toEqual([
      // 00–09 of the 4th is not covered (the night before is not in the list)
      { day: '2026-05-04', onsite: 8, oncall: 7, uncovered: 9 },
      { day: '2026-05-05', onsite: 8, oncall: 9, uncovered: 7 },
      { day: '2026-05-06', onsite: 0, oncall: 0, uncovered: 24 },
    ]);
  });

  it('counts overlapping shifts once', () => {
    const list = [a('oncall', '2026-05-02T01:00:00Z', '2026-05-03T01:00:00Z'), a('oncall', '2026-05-02T05:00:00Z', '2026-05-02T06:30:00Z'), a('onsite', '2026-05-02T02:00:00Z', '2026-05-02T03:00:00Z')];
    expect(dailyCoverage(list, ['2026-05-02'])).toEqual([{ day: '2026-05-02', onsite: 1, oncall: 15, uncovered: 9 }]);
  });
});
