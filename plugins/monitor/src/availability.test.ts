import type { TargetAvailability } from '@yinxin/plugin-monitor-common';
import { availabilityOrder, availabilitySummary, metKey, monthParam } from './availability';

const row = (targetId: string, ratio: number | null, criticality: TargetAvailability['criticality'] = 'normal'): TargetAvailability => ({
  targetId,
  name: targetId,
  criticality,
  ratio,
  observedMinutes: 100,
  maintenanceMinutes: 0,
  downtimeMinutes: 0,
  met: ratio === null ? null : ratio >= 0.999,
  outages: [],
});

describe('monthParam', () => {
  it('takes the URL month, or the current month of China time', () => {
    expect(monthParam('2026-10', 0)).toBe('2026-10');
    expect(monthParam('2026-13', Date.parse('2026-11-30T17:00:00Z'))).toBe('2026-12');
    expect(monthParam(null, Date.parse('2026-11-30T15:00:00Z'))).toBe('2026-11');
  });
});

describe('availability summary and order', () => {
  const rows = [row('b', 1), row('a', 0.9995), row('x', 0.99), row('c', 0.95, 'critical'), row('n', null)];

  it('counts the targets meeting the target among those watched', () => {
    expect(availabilitySummary(rows)).toEqual({ met: 2, missed: 2, watched: 4, unwatched: 1 });
    expect(availabilitySummary([])).toEqual({ met: 0, missed: 0, watched: 0, unwatched: 0 });
  });

  it('puts the misses first, the critical ones before, and the unwatched last', () => {
    expect(availabilityOrder(rows).map(r => r.targetId)).toEqual(['c', 'x', 'a', 'b', 'n']);
  });
});

describe('metKey', () => {
  it('names met, missed and unmeasured', () => {
    expect([true, false, null].map(metKey)).toEqual(['met', 'missed', 'none']);
  });
});
