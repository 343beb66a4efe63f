import { ApiCallError } from '@yinxin/ops-react';
import { localRefusal, refusalMessage, refusalReason } from './errors';

describe('refusal messages', () => {
  it('shows the backend’s message in the user’s language', () => {
    const e = new ApiCallError(409, 'SELF_APPROVAL', 'You may not approve a swap you take part in', { reason: 'SELF_APPROVAL', zh: '不能审批本人参与的换班', en: 'You may not approve a swap you take part in', swapId: 's1' });
    expect(refusalMessage(e, 'zh')).toBe('不能审批本人参与的换班');
    expect(refusalMessage(e, 'en')).toBe('You may not approve a swap you take part in');
    expect(refusalReason(e)).toBe('SELF_APPROVAL');
  });

  it('falls back to the shared table for a known reason without texts', () => {
    expect(refusalMessage({ details: { reason: 'SHIFT_IN_PAST' } }, 'zh')).toBe('该班次已开始或已结束，不能调换');
  });

  it('leaves other errors to the portal’s messages', () => {
    expect(refusalMessage(new ApiCallError(403, 'FORBIDDEN', 'no'), 'zh')).toBeUndefined();
    expect(refusalMessage(new Error('x'), 'en')).toBeUndefined();
    expect(refusalMessage(undefined, 'en')).toBeUndefined();
    expect(refusalMessage({ details: { reason: 'SOMETHING_ELSE' } }, 'en')).toBeUndefined();
    expect(refusalReason(new Error('x'))).toBeUndefined();
  });
});

describe('local refusals', () => {
  it('carry their message like the backend’s', () => {
    expect(refusalMessage(localRefusal({ zh: '未找到工单', en: 'No ticket' }), 'zh')).toBe('未找到工单');
  });
});
