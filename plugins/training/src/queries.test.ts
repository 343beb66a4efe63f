import type { SearchHit } from '@yinxin/plugin-training-common';
import {
  hitsOfKind,
  libraryFilterFromSearch,
  libraryFilterToSearch,
  libraryListQuery,
  pageParam,
  reportQuery,
  searchQuery,
  sessionListQuery,
  sessionWeekQuery,
  staffFilterFromSearch,
  staffMaterialsQuery,
  userRefOf,
} from './queries';

describe('library queries', () => {
  it('reads the filter from the URL, dropping unknown values', () => {
    const f = libraryFilterFromSearch(new URLSearchParams('q=%20电子印章%20&audience=agency&topic=nope&kind=video&page=2'));
    expect(f).toEqual({ q: '电子印章', audience: 'agency', topic: '', kind: 'video', page: 2 });
    expect(libraryFilterToSearch(f).toString()).toBe('q=%E7%94%B5%E5%AD%90%E5%8D%B0%E7%AB%A0&audience=agency&kind=video&page=2');
  });

  it('lists published materials by page from 1', () => {
    expect(libraryListQuery({ q: '', audience: '', topic: 'e-seal', kind: '', page: 0 })).toBe('topic=e-seal&page=1&pageSize=20');
  });

  it('searches only with words, with the filters the search API knows', () => {
    expect(searchQuery({ q: '  ', audience: 'agency', topic: '', kind: '', page: 0 })).toBeUndefined();
    expect(searchQuery({ q: '印章', audience: 'agency', topic: '', kind: 'video', page: 3 })).toBe('q=%E5%8D%B0%E7%AB%A0&audience=agency&limit=25');
    expect(searchQuery({ q: 'x'.repeat(300), audience: '', topic: '', kind: '', page: 0 }, { all: true, limit: 5 })).toBe(`q=${'x'.repeat(100)}&scope=all&limit=5`);
  });

  it('filters hits by kind in the browser', () => {
    const hits = [{ kind: 'video' }, { kind: 'document' }, {}] as SearchHit[];
    expect(hitsOfKind(hits, 'video')).toHaveLength(1);
    expect(hitsOfKind(hits, '')).toHaveLength(3);
  });

  it('reads pages defensively', () => {
    expect(pageParam('3')).toBe(3);
    expect(pageParam('-1')).toBe(0);
    expect(pageParam('x')).toBe(0);
    expect(pageParam(null)).toBe(0);
  });
});

describe('staff queries', () => {
  it('shows writers their own materials unless asked for all', () => {
    expect(staffFilterFromSearch(new URLSearchParams(''), true)).toEqual({ mine: true, status: '', page: 0 });
    expect(staffFilterFromSearch(new URLSearchParams('view=all&status=draft'), true)).toEqual({ mine: false, status: 'draft', page: 0 });
    expect(staffFilterFromSearch(new URLSearchParams(''), false).mine).toBe(false);
    expect(staffMaterialsQuery({ mine: true, status: 'in-review', page: 1 })).toBe('scope=all&mine=true&status=in-review&page=2&pageSize=20');
  });
});

describe('session queries', () => {
  it('lists from 30 days back', () => {
    expect(sessionListQuery(new Date('2026-03-31T00:00:00Z'), true)).toBe('from=2026-03-01T00%3A00%3A00.000Z&mine=true');
  });

  it('takes a CST week', () => {
    expect(sessionWeekQuery('2026-03-02', false)).toBe('from=2026-03-01T16%3A00%3A00.000Z&to=2026-03-08T16%3A00%3A00.000Z');
    expect(sessionWeekQuery('not a day', false)).toBeUndefined();
  });
});

describe('report queries', () => {
  it('turns CST days into an instant range, the last day included', () => {
    expect(reportQuery({ from: '2026-03-01', to: '2026-03-31', department: ' 审批科 ', trainer: 'trainer1' }, 'csv')).toBe(
      'from=2026-02-28T16%3A00%3A00.000Z&to=2026-03-31T16%3A00%3A00.000Z&department=%E5%AE%A1%E6%89%B9%E7%A7%91&trainerRef=user%3Adefault%2Ftrainer1&format=csv',
    );
  });

  it('leaves out what cannot be read', () => {
    expect(reportQuery({ from: '2026-02-31', to: '', department: '', trainer: 'not a name!' })).toBe('');
    expect(reportQuery({ from: '', to: '', department: '', trainer: '' }, undefined, { group: 'course' })).toBe('group=course');
  });

  it('makes user refs from names', () => {
    expect(userRefOf('trainer1')).toBe('user:default/trainer1');
    expect(userRefOf('user:default/wang')).toBe('user:default/wang');
    expect(userRefOf(' ')).toBeUndefined();
    expect(userRefOf('a b')).toBeUndefined();
  });
});
