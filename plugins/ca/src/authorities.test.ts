import type { Authority } from '@yinxin/plugin-ca-common';
import { authorityTree, daysUntil } from './authorities';

const ca = (id: string, over: Partial<Authority> = {}): Authority => ({
  id,
  name: id,
  algorithm: 'SM2',
  kind: 'issuing',
  status: 'active',
  subjectDn: `CN=${id}`,
  externalParent: false,
  createdAt: '2026-11-28T00:00:00.000Z',
  ...over,
});

describe('authorityTree', () => {
  it('lists each root followed by its subordinates, with depths', () => {
    const rows = authorityTree([
      ca('sm2-issuing', { parentId: 'sm2-root' }),
      ca('rsa-root', { kind: 'root', algorithm: 'RSA' }),
      ca('sm2-root', { kind: 'root' }),
      ca('rsa-issuing', { algorithm: 'RSA', parentId: 'rsa-root' }),
      ca('external-issuing', { externalParent: true, status: 'awaiting-certificate' }),
    ]);
    expect(rows.map(r => [r.authority.id, r.depth])).toEqual([
      ['rsa-root', 0],
      ['rsa-issuing', 1],
      ['external-issuing', 0],
      ['sm2-root', 0],
      ['sm2-issuing', 1],
    ]);
  });

  it('shows an authority whose parent is not listed at the top, and survives cycles', () => {
    expect(authorityTree([ca('a', { parentId: 'missing' })]).map(r => r.depth)).toEqual([0]);
    const rows = authorityTree([ca('a', { parentId: 'b' }), ca('b', { parentId: 'a' })]);
    expect(rows.map(r => r.authority.id).sort()).toEqual(['a', 'b']);
  });
});

describe('daysUntil', () => {
  it('counts whole days', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    expect(daysUntil('2026-12-28T12:00:00Z', now)).toBe(30);
    expect(daysUntil('2026-11-27T00:00:00Z', now)).toBe(-1);
  });
});
