import type { TargetStatus } from '@yinxin/plugin-monitor-common';
import { mergeStatuses, tally, wallOrder } from './wall';

const t = (id: string, status: TargetStatus['status'], criticality: TargetStatus['criticality'] = 'normal'): TargetStatus => ({ id, name: id, kind: 'http', owner: 'x', criticality, source: 'config', status });

describe('status wall', () => {
  it('puts trouble first, then criticality, then the name', () => {
    expect(wallOrder([t('b', 'up'), t('a', 'up', 'critical'), t('c', 'warning'), t('d', 'down'), t('e', 'unknown')]).map(x => x.id)).toEqual(['d', 'c', 'e', 'a', 'b']);
  });
  it('merges live changes by id and counts states', () => {
    const merged = mergeStatuses([t('a', 'up'), t('b', 'up')], [t('b', 'down'), t('c', 'warning')]);
    expect(merged.map(x => [x.id, x.status])).toEqual([
      ['a', 'up'],
      ['b', 'down'],
      ['c', 'warning'],
    ]);
    expect(tally(merged)).toEqual({ up: 1, warning: 1, down: 1, unknown: 0 });
  });
});
