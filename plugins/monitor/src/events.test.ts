import type { AlertEventView } from '@yinxin/plugin-monitor-common';
import { EMPTY_EVENT_FILTER, eventFilterFromSearch, eventFilterToSearch, eventPage, eventQuery, nextBefore } from './events';

const event = (id: number): AlertEventView => ({ id, ruleId: 'down', targetId: 'web', type: 'firing', at: '2026-11-28T01:00:00Z', severity: 'critical', message: 'down', silenced: false });

describe('the history filter', () => {
  it('asks for whole China days, both ends included, and one more than a page', () => {
    expect(eventQuery(EMPTY_EVENT_FILTER)).toBe('limit=51');
    expect(eventQuery({ targetId: 'ca-ocsp', ruleId: 'down', type: 'firing', severity: 'critical', from: '2026-11-01', to: '2026-11-30', q: ' 超时 ' }, { before: 120, limit: 20 })).toBe(
      'targetId=ca-ocsp&ruleId=down&type=firing&severity=critical&from=2026-10-31T16%3A00%3A00.000Z&to=2026-11-30T16%3A00%3A00.000Z&q=%E8%B6%85%E6%97%B6&before=120&limit=21',
    );
  });

  it('never asks for more than the API gives, nor a bad page', () => {
    expect(eventQuery(EMPTY_EVENT_FILTER, { limit: 800, before: 0 })).toBe('limit=500');
    expect(eventQuery(EMPTY_EVENT_FILTER, { before: 1.5 })).toBe('limit=51');
  });

  it('round-trips through the page URL and drops what the API would refuse', () => {
    const filter = { targetId: 'web', ruleId: 'warning', type: 'resolved', severity: 'major', from: '2026-11-01', to: '2026-11-02', q: 'tls' } as const;
    expect(eventFilterFromSearch(eventFilterToSearch(filter))).toEqual(filter);
    expect(eventFilterToSearch(EMPTY_EVENT_FILTER).toString()).toBe('');
    expect(eventFilterFromSearch(new URLSearchParams('target=../x&rule=a b&type=open&severity=fatal&from=2026-02-30&to=today'))).toEqual(EMPTY_EVENT_FILTER);
    expect(eventFilterFromSearch(new URLSearchParams(`q=${'字'.repeat(120)}`)).q).toHaveLength(100);
  });
});

describe('paging', () => {
  it('shows a page and says whether more follow', () => {
    const answer = [event(9), event(8), event(7)];
    expect(eventPage(answer, 2)).toEqual({ items: [event(9), event(8)], more: true });
    expect(eventPage(answer, 3)).toEqual({ items: answer, more: false });
  });

  it('continues before the last id shown', () => {
    expect(nextBefore([event(9), event(8)])).toBe(8);
    expect(nextBefore([])).toBeUndefined();
  });
});
