import type { Seal, UseRequest } from '@yinxin/plugin-seal-common';
import { heldSeals, topSealBars, usableRequests } from './holding';

const seal = (id: string, status: Seal['status'], holders: string[]) => ({ id, status, holders }) as Seal;
const request = (over: Partial<UseRequest>): UseRequest => ({
  id: 'r1',
  sealId: 's1',
  sealName: '公章',
  requester: 'user:default/sealuser1',
  documentType: '合同',
  documentName: '采购合同',
  purpose: '签约',
  uses: 2,
  usesLeft: 1,
  status: 'approved',
  validUntil: '2026-12-05T00:00:00.000Z',
  createdAt: '2026-11-28T00:00:00.000Z',
  ...over,
});

describe('heldSeals', () => {
  it('keeps the active seals the user holds', () => {
    const seals = [seal('a', 'active', ['user:default/sealuser1']), seal('b', 'suspended', ['user:default/sealuser1']), seal('c', 'active', ['user:default/sealuser2'])];
    expect(heldSeals(seals, 'user:default/sealuser1').map(s => s.id)).toEqual(['a']);
    expect(heldSeals(seals, undefined)).toEqual([]);
  });
});

describe('usableRequests', () => {
  const now = new Date('2026-11-30T00:00:00.000Z');

  it('offers approved requests for this seal and document type with uses left, not expired', () => {
    expect(usableRequests([request({})], 's1', '合同', now)).toHaveLength(1);
    expect(usableRequests([request({})], 's1', '', now)).toHaveLength(1);
  });

  it('leaves out other seals, other types, spent, expired and undecided requests', () => {
    expect(usableRequests([request({ sealId: 's2' })], 's1', '合同', now)).toEqual([]);
    expect(usableRequests([request({})], 's1', '公文', now)).toEqual([]);
    expect(usableRequests([request({ usesLeft: 0, status: 'exhausted' })], 's1', '合同', now)).toEqual([]);
    expect(usableRequests([request({ validUntil: '2026-11-29T00:00:00.000Z' })], 's1', '合同', now)).toEqual([]);
    expect(usableRequests([request({ status: 'pending' })], 's1', '合同', now)).toEqual([]);
  });
});

describe('topSealBars', () => {
  it('orders the seals by use and scales the bars to the busiest', () => {
    expect(
      topSealBars([
        { sealId: 'a', name: '合同章', uses: 2 },
        { sealId: 'b', name: '公章', uses: 8 },
      ]),
    ).toEqual([
      { sealId: 'b', name: '公章', uses: 8, share: 1 },
      { sealId: 'a', name: '合同章', uses: 2, share: 0.25 },
    ]);
    expect(topSealBars([])).toEqual([]);
    expect(topSealBars([{ sealId: 'a', name: 'x', uses: 0 }])[0].share).toBe(0);
  });
});
